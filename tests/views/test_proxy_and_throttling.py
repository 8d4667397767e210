"""Behind a reverse proxy, throttling counts each real client; with Redis it holds across workers, and
without Redis it neither fails open nor answers 500."""

from __future__ import annotations

import secrets
from collections.abc import Iterator

import pytest
import redis
from flask import Flask

from govapp.extensions import db
from govapp.services.accounts import add_person
from govapp.services.accounts import create_account
from tests.conftest import ScratchDatabase
from tests.conftest import make_test_app
from tests.conftest import sign_in

REDIS_URL = "redis://127.0.0.1:6379/15"
NOBODY_LISTENS = "redis://127.0.0.1:1/0"  # a closed port: Redis stopped
PASSWORD = "granite-heron-linen-falcon"


def _redis_answers() -> bool:
    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


@pytest.fixture
def accounts(app: Flask) -> list[str]:
    """Twelve people, so that failures against several accounts test the per-address limit."""
    emails = [f"member{n}@example.org" for n in range(12)]
    with app.app_context():
        for n, email in enumerate(emails):
            create_account(None, add_person(None, full_name=f"Member {n}", email=email), PASSWORD)
        db.session.commit()
    return emails


@pytest.fixture
def workers(scratch_database_url: ScratchDatabase) -> Iterator[list[Flask]]:
    """Two application instances behind one proxy, sharing Redis, standing for two worker processes."""
    prefix = f"govapp-test-{secrets.token_hex(4)}"
    apps = [
        make_test_app(
            scratch_database_url.url, RATELIMIT_STORAGE_URI=REDIS_URL, RATELIMIT_KEY_PREFIX=prefix, TRUSTED_PROXIES=1
        )
        for _ in range(2)
    ]
    yield apps
    make_test_app(scratch_database_url.url)  # the limiter is one object per process: back to memory
    for worker in apps:
        with worker.app_context():
            db.engine.dispose()
    connection = redis.Redis.from_url(REDIS_URL)
    for key in connection.scan_iter(f"*{prefix}*"):
        connection.delete(key)


def _fail(app: Flask, email: str, client_address: str) -> int:
    client = app.test_client()
    client.environ_base["HTTP_X_FORWARDED_FOR"] = client_address
    return int(sign_in(client, email, "not the password at all").status_code)


@pytest.mark.skipif(not _redis_answers(), reason="no Redis server on 127.0.0.1:6379")
def test_throttling_holds_across_two_workers_for_the_real_client_address(
    workers: list[Flask], accounts: list[str]
) -> None:
    for n in range(10):  # ten accounts, so only the per-address count reaches its limit
        assert _fail(workers[n % 2], accounts[n], "203.0.113.7") == 200
    assert _fail(workers[0], accounts[10], "203.0.113.7") == 429
    assert _fail(workers[1], accounts[11], "203.0.113.7") == 429
    # Another client behind the same proxy is not locked out by the first one's guesses.
    assert _fail(workers[1], accounts[11], "198.51.100.20") == 200


def test_without_trusted_proxies_a_forged_forwarded_address_does_not_dodge_the_limit(
    app: Flask, accounts: list[str]
) -> None:
    for n in range(10):
        assert _fail(app, accounts[n], f"192.0.2.{n}") == 200
    assert _fail(app, accounts[10], "192.0.2.99") == 429


def test_with_redis_stopped_sign_in_still_works_and_still_counts(
    scratch_database_url: ScratchDatabase, accounts: list[str]
) -> None:
    app = make_test_app(scratch_database_url.url, RATELIMIT_STORAGE_URI=NOBODY_LISTENS)
    try:
        assert _fail(app, accounts[0], "unused") == 200  # a wrong password: the form says so, no 500
        assert sign_in(app.test_client(), accounts[1], PASSWORD).status_code == 302
        for _ in range(9):
            _fail(app, accounts[0], "unused")
        assert _fail(app, accounts[0], "unused") == 429  # counted in memory meanwhile: not open
    finally:
        make_test_app(scratch_database_url.url)
        with app.app_context():
            db.engine.dispose()
