"""With Redis configured, workers share sign-in failure counts."""

from __future__ import annotations

import secrets

import pytest
import redis

from govapp.extensions import db
from tests.conftest import ScratchDatabase
from tests.conftest import make_test_app
from tests.conftest import sign_in
from tests.factories import Login

REDIS_URL = "redis://127.0.0.1:6379/15"


def _redis_answers() -> bool:
    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


@pytest.mark.skipif(not _redis_answers(), reason="no Redis server on 127.0.0.1:6379")
def test_two_workers_share_failure_counts_through_redis(
    scratch_database_url: ScratchDatabase, member_login: Login
) -> None:
    # Two application instances stand for two worker processes; each test run gets its own key prefix.
    prefix = f"govapp-test-{secrets.token_hex(4)}"
    workers = [
        make_test_app(scratch_database_url.url, RATELIMIT_STORAGE_URI=REDIS_URL, RATELIMIT_KEY_PREFIX=prefix)
        for _ in range(2)
    ]
    try:
        for n in range(10):
            client = workers[n % 2].test_client()
            assert sign_in(client, member_login.email, "wrong password, wrong").status_code == 200
        assert sign_in(workers[0].test_client(), member_login.email, member_login.password).status_code == 429
        assert sign_in(workers[1].test_client(), member_login.email, member_login.password).status_code == 429
    finally:
        # The limiter is one object per process: put it back on in-memory storage for later tests.
        make_test_app(scratch_database_url.url)
        for worker in workers:
            with worker.app_context():
                db.engine.dispose()
        connection = redis.Redis.from_url(REDIS_URL)
        for key in connection.scan_iter(f"*{prefix}*"):
            connection.delete(key)
