"""Measure govapp's pages: SQL statements and time per request, at two sizes of history.

    .venv/bin/python scripts/benchmark.py [--committees 20] [--years 3] [--requests 20] [--json out.json]

It builds a scratch database (SQLite in a temporary folder, or ``BENCHMARK_DATABASE_URL``, which it
fills, so never point it at a live database), through the same models the app uses: one Panel with a
Chair, members and secretariat, and ``--committees`` other committees each with ``--years`` years of
monthly meetings. It measures each page first with the Panel's own year, then with the whole history,
and prints a table: statements per request (which must not grow with the history) and the median and
95th percentile time. A script that reports figures, not a test: the figures depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC
from datetime import date
from datetime import datetime
from datetime import timedelta
from pathlib import Path
from typing import Any

from govapp.models import SecretariatPost
from govapp.models import WhenAndWhere

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PASSWORD = "granite-heron-linen-falcon"  # noqa: S105 - the scratch database's accounts only
TODAY = date(2026, 11, 23)
PAGES = {
    "chair": [
        "/",
        "/committees/bench-panel",
        "/meetings/{meeting}",
        "/meetings/{meeting}/agenda",
        "/api/v1/committees",
    ],
    "member": ["/", "/meetings/{meeting}"],
    "secretariat": ["/", "/meetings/{meeting}/console", "/committees/bench-panel/cases"],
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--committees", type=int, default=20)
    parser.add_argument("--years", type=int, default=3)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    folder = tempfile.mkdtemp(prefix="govapp-bench-")
    os.environ.setdefault("GOVAPP_ENV", "test")
    from flask_migrate import upgrade
    from sqlalchemy import event

    from govapp import clock
    from govapp import create_app
    from govapp.config import TestConfig
    from govapp.extensions import db

    config = TestConfig()
    config.SQLALCHEMY_DATABASE_URI = os.environ.get("BENCHMARK_DATABASE_URL") or f"sqlite:///{folder}/bench.sqlite3"
    app = create_app(config)
    now = datetime.combine(TODAY, datetime.min.time().replace(hour=10), tzinfo=UTC)
    clock.now = lambda: now  # type: ignore[assignment]
    with app.app_context():
        upgrade()
        people, meeting_id = _panel()
        db.session.commit()

    statements = 0

    def count(*_: Any) -> None:
        nonlocal statements
        statements += 1

    results: dict[str, dict[str, dict[str, float]]] = {}
    for size in ("one year", "with history"):
        if size == "with history":
            with app.app_context():
                _history(args.committees, args.years)
                db.session.commit()
        with app.app_context():
            event.listen(db.engine, "before_cursor_execute", count)
        for role, paths in PAGES.items():
            client = app.test_client()
            _sign_in(client, people[role])
            for template in paths:
                path = template.format(meeting=meeting_id)
                token = {"Authorization": f"Bearer {people['token']}"} if path.startswith("/api/") else {}
                if token:
                    client = app.test_client()
                times, counts = [], []
                for _ in range(args.requests):
                    statements = 0
                    started = time.perf_counter()
                    answer = client.get(path, headers=token)
                    times.append((time.perf_counter() - started) * 1000)
                    counts.append(statements)
                    assert answer.status_code == 200, (path, answer.status_code)
                results.setdefault(f"{role} {path.replace(str(meeting_id), '<id>')}", {})[size] = {
                    "statements": max(counts),
                    "median_ms": round(statistics.median(times), 1),
                    "p95_ms": round(sorted(times)[int(0.95 * (len(times) - 1))], 1),
                }
                if token:
                    client = app.test_client()
                    _sign_in(client, people[role])
        with app.app_context():
            event.remove(db.engine, "before_cursor_execute", count)

    print(
        f"History: {args.committees} committees x {args.years} years of monthly meetings; {args.requests} requests each"
    )
    print(f"{'page':<52} {'statements':>22} {'median ms':>20} {'p95 ms':>20}")
    for page, sizes in results.items():
        one, many = sizes["one year"], sizes["with history"]
        print(
            f"{page:<52} {one['statements']:>10} -> {many['statements']:<9} "
            f"{one['median_ms']:>8} -> {many['median_ms']:<9} {one['p95_ms']:>8} -> {many['p95_ms']:<9}"
        )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


def _panel() -> tuple[dict[str, str], int]:
    from datetime import time as clock_time

    from govapp.extensions import db
    from govapp.models import MemberRole
    from govapp.models import TokenKind
    from govapp.services.accounts import add_person
    from govapp.services.accounts import create_account
    from govapp.services.committees import appoint_member
    from govapp.services.committees import create_committee
    from govapp.services.committees import hold_place
    from govapp.services.convening import schedule_meeting
    from govapp.services.tokens import create_token

    panel = create_committee(None, name="Benchmark Panel", short_name="Bench Panel")
    people: dict[str, str] = {}
    chair = add_person(None, full_name="Bench Chair", email="chair@bench.example.org")
    chair_user = create_account(None, chair, PASSWORD)
    appoint_member(None, panel, chair, role=MemberRole.CHAIR, agency="Independent", starts_on=date(2025, 4, 1))
    people["chair"] = chair.email
    for n in range(11):
        member = add_person(None, full_name=f"Bench Member {n}", email=f"member{n}@bench.example.org")
        create_account(None, member, PASSWORD)
        appoint_member(None, panel, member, agency=f"Agency {n}", starts_on=date(2025, 4, 1))
    people["member"] = "member0@bench.example.org"
    officer = add_person(None, full_name="Bench Officer", email="office@bench.example.org")
    create_account(None, officer, PASSWORD)
    hold_place(
        None, SecretariatPost(committee=panel, person=officer, title="Professional Officer", starts_on=date(2025, 4, 1))
    )
    people["secretariat"] = officer.email
    meeting = None
    for month in range(4, 16):
        day = date(2026 + (month - 1) // 12, (month - 1) % 12 + 1, 3)
        made = schedule_meeting(None, panel, WhenAndWhere(day, clock_time(10)))
        if day == date(2026, 12, 3):
            meeting = made
    db.session.flush()
    people["token"] = create_token(chair_user, TokenKind.API, "benchmark")[1]
    assert meeting is not None
    return people, meeting.id


def _history(committees: int, years: int, shared: int | None = None) -> None:
    """Other committees' meetings, and the Panel's Chair and first two members on ``shared`` of them
    (all of them by default): history the pages must not read."""
    from datetime import time as clock_time

    from govapp.extensions import db
    from govapp.models import Committee
    from govapp.models import Meeting
    from govapp.models import MeetingStatus
    from govapp.models import MemberRole
    from govapp.models import Membership
    from govapp.models import Person

    panel_people = list(db.session.scalars(db.select(Person)))
    for n in range(committees):
        committee = Committee(name=f"History Committee {n}", short_name=f"History {n}", slug=f"history-{n}", orders={})
        db.session.add(committee)
        for person in panel_people[:3] if shared is None or n < shared else []:
            db.session.add(
                Membership(committee=committee, person=person, role=MemberRole.MEMBER, starts_on=date(2015, 4, 1))
            )
        start = TODAY - timedelta(days=365 * years)
        for k in range(12 * years):
            day = start + timedelta(days=30 * k)
            db.session.add(
                Meeting(
                    committee=committee,
                    meeting_date=day,
                    starts_at=clock_time(10),
                    status=MeetingStatus.HELD if day < TODAY else MeetingStatus.SCHEDULED,
                )
            )
    db.session.flush()


def _sign_in(client: Any, email: str) -> None:
    from bs4 import BeautifulSoup

    page = client.get("/sign-in").get_data(as_text=True)
    token = BeautifulSoup(page, "html.parser").find("input", attrs={"name": "csrf_token"})["value"]
    client.post("/sign-in", data={"email": email, "password": PASSWORD, "csrf_token": token})


if __name__ == "__main__":
    main()
