"""A home page costs the same whatever the history behind it: its SQL statements are counted with one
year of meetings and again with ten, for the Chair, a member and the secretariat."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from datetime import time
from datetime import timedelta
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import event

from govapp.extensions import db
from govapp.models import AgendaItem
from govapp.models import Attendance
from govapp.models import AttendanceRecord
from govapp.models import Meeting
from govapp.models import MeetingStatus
from govapp.models import Minutes
from govapp.models import MinutesStatus
from govapp.models import WhenAndWhere
from govapp.services.convening import schedule_meeting
from tests.conftest import sign_in
from tests.factories import CommitteeSetup
from tests.factories import make_committee

TODAY = date(2026, 11, 23)  # the suite's frozen clock


@contextmanager
def counted(app: Flask) -> Iterator[list[str]]:
    statements: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


def _history(setup: CommitteeSetup, first: date, last: date) -> None:
    """A held meeting each month from ``first`` to ``last``: its standing items, a case item, everyone's
    attendance and signed minutes, as a year of the Panel's business leaves them."""
    day = first
    while day <= last:
        meeting = Meeting(committee=setup.committee, meeting_date=day, starts_at=time(10), status=MeetingStatus.HELD)
        db.session.add(meeting)
        for position, title in enumerate(setup.committee.standing_orders.standing_items, start=1):
            db.session.add(AgendaItem(meeting=meeting, position=position, title=title, is_standing=True))
        db.session.add(AgendaItem(meeting=meeting, position=9, title=f"Notification: Child {day:%y%m}"))
        for person in setup.everyone:
            db.session.add(AttendanceRecord(meeting=meeting, person_id=person.id, status=Attendance.PRESENT))
        db.session.add(Minutes(meeting=meeting, status=MinutesStatus.SIGNED, version=2))
        day = (day.replace(day=1) + timedelta(days=32)).replace(day=3)
    db.session.flush()


def _committee_with_history(app: Flask, years: int, name: str) -> dict[str, Any]:
    """A committee with ``years`` of held meetings and two to come; its Chair's, a member's and its
    secretariat's sign-ins."""
    with app.app_context():
        setup = make_committee(members=8, name=name, short_name=name, chair_name=f"{name} Chair")
        _history(setup, TODAY.replace(year=TODAY.year - years, day=3), TODAY - timedelta(days=30))
        for offset in (10, 45):  # the meetings to come
            schedule_meeting(None, setup.committee, WhenAndWhere(TODAY + timedelta(days=offset), time(10)))
        db.session.commit()
        assert setup.secretariat is not None
        return {"chair": setup.chair.login, "member": setup.members[0].login, "secretariat": setup.secretariat.login}


def _statements_per_home_page(app: Flask, logins: dict[str, Any]) -> dict[str, int]:
    result = {}
    for role, login in logins.items():
        client: FlaskClient = app.test_client()
        assert sign_in(client, login.email, login.password).status_code == 302
        client.get("/")  # the first page of a session settles it; the second is the one counted
        with counted(app) as statements:
            assert client.get("/").status_code == 200
        result[role] = len(statements)
    return result


def test_each_home_page_runs_the_same_statements_with_one_year_and_ten_years_of_history(app: Flask) -> None:
    recent = _committee_with_history(app, 1, "Recent Panel")
    long_standing = _committee_with_history(app, 10, "Long Panel")
    one_year = _statements_per_home_page(app, recent)
    ten_years = _statements_per_home_page(app, long_standing)
    assert one_year == ten_years
