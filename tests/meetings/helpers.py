"""Shared by the meetings, calendar and account tests: a fixed clock, the test Panel and invites."""

from __future__ import annotations

from datetime import UTC
from datetime import date
from datetime import datetime
from datetime import time

import pytest
from flask import Flask
from flask.testing import FlaskClient
from icalendar import Calendar
from sqlalchemy import select

from govapp import clock
from govapp.extensions import db
from govapp.models import Committee
from govapp.models import Meeting
from govapp.models import OutboxMessage
from govapp.services.outbox import attachments_of
from tests.conftest import DEMO_TODAY
from tests.conftest import World
from tests.conftest import csrf_token_from
from tests.conftest import sign_in

#: The test world's clock: Monday 23 November 2026, 10am in London (GMT).
DEMO_NOW = datetime.combine(DEMO_TODAY, time(10, 0), tzinfo=UTC)


def freeze_clock(monkeypatch: pytest.MonkeyPatch, today: date = DEMO_TODAY, *, hour: int = 10) -> datetime:
    """Make govapp's clock read ``today`` (the app reads the time only through govapp.clock)."""
    now = datetime.combine(today, time(hour, 0), tzinfo=UTC)
    monkeypatch.setattr(clock, "now", lambda: now)
    monkeypatch.setattr(clock, "today", lambda: today)
    return now


def signed_in(app: Flask, world: World, role: str) -> FlaskClient:
    client = app.test_client()
    assert sign_in(client, world.email(role), world.password).status_code == 302
    return client


def panel() -> Committee:
    return db.session.scalars(select(Committee).where(Committee.slug == "cmr-panel")).one()


def meeting_on(day: date) -> Meeting:
    return db.session.scalars(select(Meeting).where(Meeting.meeting_date == day)).one()


def meeting_id_on(app: Flask, day: date) -> int:
    with app.app_context():
        meeting_id = meeting_on(day).id
        db.session.remove()
        return meeting_id


def post_form(client: FlaskClient, url: str, data: dict[str, str | list[str]]) -> tuple[int, str]:
    """Open the form page, then post ``data`` with its CSRF token. Returns status and page text."""
    token = csrf_token_from(client.get(url).get_data(as_text=True))
    response = client.post(url, data={**data, "csrf_token": token})
    return response.status_code, response.get_data(as_text=True)


def date_fields(day: date, name: str = "meeting_date") -> dict[str, list[str]]:
    """A GOV.UK date input: three boxes with the same name."""
    return {name: [str(day.day), str(day.month), str(day.year)]}


def outbox(kind: str | None = None) -> list[OutboxMessage]:
    query = select(OutboxMessage).order_by(OutboxMessage.id)
    if kind is not None:
        query = query.where(OutboxMessage.kind == kind)
    return list(db.session.scalars(query))


def invite_of(message: OutboxMessage) -> Calendar:
    """The message's calendar attachment, parsed back."""
    (attachment,) = attachments_of(message)
    assert attachment.filename.endswith(".ics")
    assert attachment.content_type.startswith("text/calendar")
    return Calendar.from_ical(attachment.data)
