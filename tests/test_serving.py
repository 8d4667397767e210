"""govapp served as production serves it: gunicorn with its own configuration (gunicorn.conf.py), two
worker processes, production settings and a migrated database. The health check answers without a
session, and a page is served with its security headers."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent

pytestmark = pytest.mark.nodb


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _get(url: str) -> tuple[int, dict[str, str], bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as answer:  # noqa: S310 (a loopback address of our own)
            return answer.status, dict(answer.headers), answer.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_gunicorn_serves_the_health_check_and_pages_with_production_settings(tmp_path: Path) -> None:
    port = _free_port()
    env = {
        **os.environ,
        "GOVAPP_ENV": "production",
        "SECRET_KEY": "a" * 64,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'govapp.sqlite3'}",
        "BASE_URL": "https://govapp.example.org",
        "PORT": str(port),
        "WEB_CONCURRENCY": "2",
        "FLASK_APP": "wsgi",
    }
    env.pop("REDIS_URL", None)
    subprocess.run([str(BIN / "flask"), "db", "upgrade"], cwd=ROOT, env=env, check=True, capture_output=True)
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "-c", "gunicorn.conf.py", "wsgi:app"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                status, headers, body = _get(f"http://127.0.0.1:{port}/healthz")
                break
            except (urllib.error.URLError, ConnectionError):
                assert time.monotonic() < deadline, "gunicorn did not start"
                time.sleep(0.2)
        assert status == 200 and json.loads(body) == {"status": "ok"}
        assert "Set-Cookie" not in headers, "the health check starts no session"
        status, headers, body = _get(f"http://127.0.0.1:{port}/sign-in")
        assert status == 200 and b"Sign in" in body
        assert headers["Server"] == "gunicorn"
        assert "max-age" in headers["Strict-Transport-Security"]
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0].decode()
    assert "Booting worker" in output and output.count("Booting worker") >= 2, output


def test_the_health_check_says_so_when_the_database_does_not_answer() -> None:
    from tests.conftest import make_test_app

    app = make_test_app("postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=1")
    answer = app.test_client().get("/healthz")
    assert answer.status_code == 503
    assert answer.get_json() == {"status": "unavailable", "message": "The database does not answer."}


def _redis_answers() -> bool:
    import redis

    try:
        return bool(redis.Redis(host="127.0.0.1", port=6379, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


@pytest.mark.skipif(not _redis_answers(), reason="no Redis server on 127.0.0.1:6379")
def test_the_health_check_asks_redis_when_the_workers_share_it() -> None:
    from tests.conftest import make_test_app

    up = make_test_app("sqlite://", RATELIMIT_STORAGE_URI="redis://127.0.0.1:6379/0")
    assert up.test_client().get("/healthz").get_json() == {"status": "ok"}
    down = make_test_app("sqlite://", RATELIMIT_STORAGE_URI="redis://127.0.0.1:1/0")
    answer = down.test_client().get("/healthz")
    assert answer.status_code == 503 and answer.get_json()["message"] == "Redis does not answer."
