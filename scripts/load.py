"""Throughput under load: govapp served by gunicorn from its shipped configuration, driven by wrk.

    .venv/bin/python scripts/load.py [--committees 200] [--years 10] [--duration 10] [--connections 10 50]

It builds a scratch database (a new PostgreSQL database on ``BENCHMARK_POSTGRES`` when one answers,
dropped afterwards; else SQLite in a temporary folder) with the same history as
``scripts/benchmark.py``: one Panel with a Chair, members, a secretariat and a meeting of twelve
items, then ``--committees`` other committees with ``--years`` years of monthly meetings, the
Panel's Chair and two members sitting on ``--shared`` of them (5, as a busy person might; the
statement benchmark puts them on all of them, to show that a page's cost follows a person's own
committees and not the history). It starts ``gunicorn -c gunicorn.conf.py``
with production settings (two workers unless ``WEB_CONCURRENCY`` says otherwise), signs each person
in, and runs wrk against each page at each number of connections.

The reference is a bare page rendered with the same base template, both for an anonymous visitor and
for a signed-in person (who costs the session check and the navigation): the table gives each page's
requests a second as a fraction of the signed-in bare page's, measured in the same run, so the ratio
says what govapp's own work costs whatever the machine. A script that reports figures, never a test.

Two settings differ from production, both for the benchmark's sake: cookies are not marked Secure
(wrk speaks plain HTTP to the loopback address) and no second factor is asked at sign-in.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SCRIPTS = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(SCRIPTS))

USER_AGENT = "govapp-load/1"
#: The pages measured: (label, who, path). ``{meeting}`` is the Panel's benchmark meeting.
PAGES = [
    ("bare page, anonymous", None, "/_bench/bare"),
    ("bare page, signed in", "member", "/_bench/bare"),
    ("meeting page (member)", "member", "/meetings/{meeting}"),
    ("meeting page (Chair)", "chair", "/meetings/{meeting}"),
    ("member's home", "member", "/"),
    ("Chair's home", "chair", "/"),
    ("secretariat's home", "secretariat", "/"),
    ("console", "secretariat", "/meetings/{meeting}/console"),
    ("meeting .ics", "member", "/meetings/{meeting}/invite.ics"),
    ("sign-in page", None, "/sign-in"),
]
REFERENCE = "bare page, signed in"
#: wrk's Lua hook that prints the figures as one JSON line (wrk's own summary has no 95th percentile).
WRK_REPORT = """
done = function(summary, latency, requests)
  io.write(string.format(
    '{"requests": %d, "seconds": %f, "errors": %d, "non2xx": %d, "p50": %f, "p95": %f, "p99": %f}\\n',
    summary.requests, summary.duration / 1e6,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status, latency:percentile(50) / 1e3, latency:percentile(95) / 1e3,
    latency:percentile(99) / 1e3))
end
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--committees", type=int, default=200)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--shared", type=int, default=5, help="other committees the Panel's people sit on")
    parser.add_argument("--duration", type=int, default=5, help="seconds of load per page, pass and connection count")
    parser.add_argument("--rounds", type=int, default=3, help="passes over every page; the median pass is reported")
    parser.add_argument("--connections", type=int, nargs="+", default=[10, 50])
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed: `sudo apt-get install wrk` (make bench installs it).")

    folder = Path(tempfile.mkdtemp(prefix="govapp-load-"))
    database, drop = _scratch_database(folder)
    try:
        meeting_id = _build(database, args.committees, args.years, args.shared)
        port = _free_port()
        server = _serve(database, port, folder)
        try:
            results = _measure(port, meeting_id, args.duration, args.connections, args.rounds)
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
    finally:
        drop()
        shutil.rmtree(folder, ignore_errors=True)
    _report(results, args)


def _scratch_database(folder: Path) -> tuple[str, Any]:
    """A new, empty database and the way to remove it."""
    admin_url = os.environ.get("BENCHMARK_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test")
    try:
        import psycopg

        name = f"govapp_load_{secrets.token_hex(4)}"
        with psycopg.connect(admin_url, autocommit=True, connect_timeout=3) as admin:
            admin.execute(f"CREATE DATABASE {name}")
    except Exception as error:  # any failure means: measure on SQLite instead
        print(f"No PostgreSQL ({error.__class__.__name__}); measuring on SQLite.", file=sys.stderr)
        return f"sqlite:///{folder / 'load.sqlite3'}", lambda: None
    url = admin_url.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://", 1) + "/" + name

    def drop() -> None:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    return url, drop


def _build(database: str, committees: int, years: int, shared: int) -> int:
    """Migrate the scratch database and fill it through the app's models; returns the meeting's id."""
    import benchmark
    from flask_migrate import upgrade

    from govapp import create_app
    from govapp.config import TestConfig
    from govapp.extensions import db
    from govapp.models import AgendaItem
    from govapp.models import Meeting

    config = TestConfig()
    config.SQLALCHEMY_DATABASE_URI = database
    app = create_app(config)
    with app.app_context():
        upgrade()
        _people, meeting_id = benchmark._panel()  # the same Panel as the statement benchmark
        meeting = db.session.get(Meeting, meeting_id)
        assert meeting is not None
        for position in range(1, 13):
            db.session.add(AgendaItem(meeting=meeting, position=position, title=f"Benchmark item {position}"))
        db.session.commit()
        started = time.perf_counter()
        benchmark._history(committees, years, shared)
        db.session.commit()
        if db.engine.dialect.name == "postgresql":  # fresh statistics, as a live database has
            with db.engine.connect() as connection:
                connection.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("VACUUM ANALYZE")
        print(f"History of {committees} committees x {years} years built in {time.perf_counter() - started:.0f} s")
    return meeting_id


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _serve(database: str, port: int, folder: Path) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "GOVAPP_ENV": "production",
        "SECRET_KEY": secrets.token_hex(32),
        "DATABASE_URL": database,
        "BASE_URL": f"http://127.0.0.1:{port}",
        "PORT": str(port),
        "SESSION_COOKIE_SECURE": "0",
        "REQUIRE_TWO_FACTOR": "0",
        "PAPERS_DIR": str(folder / "papers"),
    }
    env.setdefault("WEB_CONCURRENCY", "2")
    log = (folder / "gunicorn.log").open("wb")
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "-c",
            "gunicorn.conf.py",
            "--pythonpath",
            "scripts",
            "load_app:app",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                return server
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                sys.exit("gunicorn did not start:\n" + (folder / "gunicorn.log").read_text())
            time.sleep(0.3)


def _sign_in(port: int, email: str) -> str:
    """The Cookie header of a signed-in session for ``email``."""
    import benchmark

    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.addheaders = [("User-Agent", USER_AGENT)]
    page = opener.open(f"http://127.0.0.1:{port}/sign-in").read().decode()
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page)
    assert match, "no CSRF token on the sign-in page"
    form = urllib.parse.urlencode({"email": email, "password": benchmark.PASSWORD, "csrf_token": match.group(1)})
    opener.open(f"http://127.0.0.1:{port}/sign-in", data=form.encode())
    cookie = "; ".join(f"{c.name}={c.value}" for c in jar)
    home = opener.open(f"http://127.0.0.1:{port}/").read().decode()
    assert "Sign out" in home, f"{email} could not sign in"
    return cookie


def _measure(port: int, meeting_id: int, duration: int, connections: list[int], rounds: int) -> list[dict[str, Any]]:
    """Each page at each number of connections, in ``rounds`` passes over every page; a page's figures
    are those of its median pass by requests a second, so a passing stall of the machine moves no row."""
    people = {
        "chair": "chair@bench.example.org",
        "member": "member0@bench.example.org",
        "secretariat": "office@bench.example.org",
    }
    cookies = {who: _sign_in(port, email) for who, email in people.items()}
    script = Path(tempfile.mkstemp(suffix=".lua")[1])
    script.write_text(WRK_REPORT)
    passes: dict[tuple[int, str], list[dict[str, Any]]] = {}
    for count in connections:
        for round_ in range(rounds):
            for label, who, template in PAGES:
                url = f"http://127.0.0.1:{port}" + template.format(meeting=meeting_id)
                # A new connection for each request, as a reverse proxy such as nginx makes by default: with
                # a few long-lived connections, one worker can take them all while the other idles.
                headers = ["-H", f"User-Agent: {USER_AGENT}", "-H", "Connection: close"]
                if who:
                    headers += ["-H", f"Cookie: {cookies[who]}"]
                if round_ == 0:
                    _wrk(url, headers, script, connections=count, duration=2)  # warm the workers
                figures = _wrk(url, headers, script, connections=count, duration=duration)
                figures.update(page=label, connections=count, rps=figures["requests"] / figures["seconds"])
                passes.setdefault((count, label), []).append(figures)
                print(
                    f"{count:>3} conn  pass {round_ + 1}  {label:<24} {figures['rps']:>8.1f} req/s"
                    f"  p50 {figures['p50']:>7.1f} ms  p95 {figures['p95']:>7.1f} ms"
                    f"  errors {figures['errors'] + figures['non2xx']}",
                    file=sys.stderr,
                )
    script.unlink()
    return [sorted(runs, key=lambda r: r["rps"])[len(runs) // 2] for runs in passes.values()]


def _wrk(url: str, headers: list[str], script: Path, *, connections: int, duration: int) -> dict[str, Any]:
    threads = min(2, connections)
    answer = subprocess.run(
        [
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{duration}s",
            "--timeout",
            "30s",
            "-s",
            str(script),
            *headers,
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    line = [text for text in answer.stdout.splitlines() if text.startswith("{")][-1]
    return dict(json.loads(line))


def _report(results: list[dict[str, Any]], args: argparse.Namespace) -> None:
    print(
        f"\nHistory: {args.committees} committees x {args.years} years (the Panel's people on {args.shared} of them);"
        f" median of {args.rounds} passes of {args.duration} s;"
        f" WEB_CONCURRENCY={os.environ.get('WEB_CONCURRENCY', '2')}"
    )
    print(f"{'page':<26}{'conn':>5}{'req/s':>9}{'of bare':>9}{'p50 ms':>9}{'p95 ms':>9}{'errors':>8}")
    for count in args.connections:
        rows = [row for row in results if row["connections"] == count]
        reference = next(row["rps"] for row in rows if row["page"] == REFERENCE)
        for row in rows:
            row["ratio"] = row["rps"] / reference
            print(
                f"{row['page']:<26}{count:>5}{row['rps']:>9.1f}{row['ratio']:>9.2f}"
                f"{row['p50']:>9.1f}{row['p95']:>9.1f}{row['errors'] + row['non2xx']:>8}"
            )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
