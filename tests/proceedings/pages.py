"""Helpers for the proceedings page tests: the test Panel's next meeting, people's ids, signed-in clients."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time

from bs4 import BeautifulSoup
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from govapp import clock
from govapp.extensions import db
from govapp.models import AgendaItem
from govapp.models import Attendance
from govapp.models import Committee
from govapp.models import Meeting
from govapp.models import Person
from govapp.models import User
from govapp.services.proceedings import record_attendance
from tests.conftest import World
from tests.conftest import sign_in


def token(html: str, prefix: str | None = None) -> str:
    """The CSRF token of the form with ``prefix`` (or of any form on the page)."""
    soup = BeautifulSoup(html, "html.parser")
    name = f"{prefix}-csrf_token" if prefix else None
    field = soup.find("input", attrs={"name": name}) if name else None
    if field is None and prefix is None:
        field = soup.find("input", attrs={"name": lambda n: bool(n) and n.endswith("csrf_token")})
    assert field is not None, f"a form with prefix {prefix!r} carries a CSRF token"
    return str(field["value"])


def client_for(app: Flask, world: World, email: str) -> FlaskClient:
    client = app.test_client()
    response = sign_in(client, email, world.password)
    assert response.status_code == 302, email
    return client


def panel() -> Committee:
    committee = db.session.scalar(select(Committee).where(Committee.slug == "cmr-panel"))
    assert committee is not None
    return committee


def person(email: str) -> Person:
    found = db.session.scalar(select(Person).where(Person.email == email))
    assert found is not None, email
    return found


def user(email: str) -> User:
    found = person(email).account
    assert found is not None
    return found


@dataclass
class Setting:
    meeting_id: int
    item_id: int
    ids: dict[str, int]  # email -> person id


def next_meeting_with_item(app: Flask, world: World) -> Setting:
    """The test Panel's next meeting from today, with a case item for decision after the standing items."""
    with app.app_context():
        meeting = db.session.scalar(
            select(Meeting)
            .join(Meeting.committee)
            .where(Committee.slug == "cmr-panel", Meeting.meeting_date >= clock.today())
            .order_by(Meeting.meeting_date)
            .limit(1)
        )
        assert meeting is not None
        item = AgendaItem(meeting=meeting, position=len(meeting.agenda_items) + 1, title="Notification: Child A")
        db.session.add(item)
        db.session.commit()
        ids = {email: person(email).id for emails in world.accounts.values() for email in emails}
        setting = Setting(meeting.id, item.id, ids)
        db.session.remove()
    return setting


def everyone_present(app: Flask, world: World, setting: Setting, *, except_: tuple[str, ...] = ()) -> None:
    """A roll call recorded directly (the roll-call page has its own test)."""
    with app.app_context():
        meeting = db.session.get(Meeting, setting.meeting_id)
        assert meeting is not None
        secretary = user(world.email("secretariat"))
        for email in [world.email("chair"), *world.accounts["member"]]:
            if email in except_:
                continue
            record_attendance(secretary, meeting, person(email), Attendance.PRESENT, arrived_at=time(10))
        db.session.commit()
        db.session.remove()
