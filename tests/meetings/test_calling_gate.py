"""Calling a meeting on a date that breaks the standing orders asks for a confirmation with a reason,
which is kept and shown; an absurd date is refused with words."""

from __future__ import annotations

from datetime import date
from html import unescape

from flask import Flask
from sqlalchemy import select

from govapp.extensions import db
from govapp.models import Meeting
from tests.conftest import get_page
from tests.conftest import sign_in
from tests.factories import make_committee
from tests.meetings.helpers import date_fields
from tests.meetings.helpers import post_form

URL = "/committees/cmr-panel/meetings/new"


def _chair(app: Flask) -> object:
    with app.app_context():
        setup = make_committee(members=4, name="Case Management Review Panel", short_name="CMR Panel")
        db.session.commit()
        login = setup.chair.login
    client = app.test_client()
    sign_in(client, login.email, login.password)
    return client


def _meetings(app: Flask) -> list[Meeting]:
    with app.app_context():
        found = list(db.session.scalars(select(Meeting)))
        db.session.expunge_all()
        return found


def test_a_meeting_on_a_saturday_with_no_notice_possible_needs_a_confirmation_and_a_reason(app: Flask) -> None:
    client = _chair(app)
    saturday = {**date_fields(date(2026, 11, 28)), "starts_at": "10:00"}  # the clock says Monday 23 November
    status, html = post_form(client, URL, saturday)  # type: ignore[arg-type]
    html = unescape(html)
    assert status == 200
    assert "7 clear days' notice can no longer be served" in html
    assert "Saturday 28 November 2026 is not a working day: it is a weekend." in html
    assert "To call the meeting on that date all the same, confirm it and say why." in html
    assert _meetings(app) == []

    status, html = post_form(client, URL, {**saturday, "confirm_orders": "y"})  # type: ignore[arg-type]
    assert status == 200 and "Say why the meeting must be held on that date." in html
    assert _meetings(app) == []

    reason = "A child's death requires the Panel to consider the notification before the inquest."
    status, _html = post_form(client, URL, {**saturday, "confirm_orders": "y", "orders_reason": reason})  # type: ignore[arg-type]
    assert status == 302
    (meeting,) = _meetings(app)
    assert meeting.called_despite is not None and reason in meeting.called_despite
    page = get_page(client, f"/meetings/{meeting.id}")  # type: ignore[arg-type]
    flag = page.soup.find(id="called-despite")
    assert flag is not None and "breaks the standing orders" in flag.get_text() and reason in flag.get_text()


def test_a_date_in_time_needs_no_confirmation(app: Flask) -> None:
    client = _chair(app)
    status, _html = post_form(client, URL, {**date_fields(date(2027, 1, 7)), "starts_at": "10:00"})  # type: ignore[arg-type]
    assert status == 302
    (meeting,) = _meetings(app)
    assert meeting.called_despite is None


def test_a_date_far_in_the_future_is_refused_with_words(app: Flask) -> None:
    client = _chair(app)
    status, html = post_form(client, URL, {**date_fields(date(9999, 12, 31)), "starts_at": "10:00"})  # type: ignore[arg-type]
    assert status == 200
    assert "A meeting cannot be called more than 5 years ahead. Check the year: it was 9999." in html
    assert _meetings(app) == []
