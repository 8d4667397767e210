"""Calling, rescheduling and cancelling meetings: invites go to every member through the outbox."""

from __future__ import annotations

from datetime import date

import pytest
from flask import Flask
from icalendar import Calendar
from sqlalchemy import func
from sqlalchemy import select

from govapp.extensions import db
from govapp.models import Meeting
from govapp.models import MeetingStatus
from govapp.models import OutboxMessage
from tests.conftest import World
from tests.conftest import get_page
from tests.meetings.helpers import date_fields
from tests.meetings.helpers import freeze_clock
from tests.meetings.helpers import invite_of
from tests.meetings.helpers import meeting_id_on
from tests.meetings.helpers import meeting_on
from tests.meetings.helpers import outbox
from tests.meetings.helpers import panel
from tests.meetings.helpers import post_form
from tests.meetings.helpers import signed_in

NEW_MEETING = "/committees/cmr-panel/meetings/new"
MEMBERS = 12  # the test Panel: the Chair and 11 members


@pytest.fixture(autouse=True)
def _demo_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    freeze_clock(monkeypatch)


def _counts(app: Flask) -> tuple[int, int]:
    with app.app_context():
        meetings = db.session.scalar(select(func.count()).select_from(Meeting)) or 0
        messages = db.session.scalar(select(func.count()).select_from(OutboxMessage)) or 0
        db.session.remove()
        return meetings, messages


def test_the_chair_calls_a_meeting_and_every_member_is_sent_an_invite(app: Flask, world: World) -> None:
    client = signed_in(app, world, "chair")
    get_page(client, NEW_MEETING, title="Call a meeting")
    status, _ = post_form(
        client,
        NEW_MEETING,
        {
            **date_fields(date(2026, 12, 17)),
            "starts_at": "2pm",
            "ends_at": "16:30",
            "location": "SBNI offices, Belfast",
            "online_link": "https://meet.example.org/cmr-panel",
        },
    )
    assert status == 302
    with app.app_context():
        meeting = meeting_on(date(2026, 12, 17))
        assert (meeting.starts_at.hour, meeting.ends_at.hour if meeting.ends_at else None) == (14, 16)
        invites = outbox("invite")
        assert len(invites) == MEMBERS
        members = {m.person.email for m in panel().members_on(date(2026, 12, 17))}
        assert {m.to_address for m in invites} == members
        assert all(m.meeting_id == meeting.id for m in invites)
        cal = invite_of(invites[0])
        assert cal["METHOD"] == "REQUEST"
        (event,) = cal.walk("VEVENT")
        assert str(event["UID"]) == meeting.ics_uid
        assert event["SEQUENCE"] == 0
        assert event["SUMMARY"] == "CMR Panel meeting"
        assert event.start.isoformat() == "2026-12-17T14:00:00+00:00"
        assert str(event["DTSTART"].params["TZID"]) == "Europe/London"
        assert {str(a).removeprefix("mailto:") for a in event.get("ATTENDEE")} == members
        assert "Cancelled" not in invites[0].subject
        assert "https://meet.example.org/cmr-panel" in invites[0].body_text
        meeting_id = meeting.id
        db.session.remove()
    page = get_page(client, f"/meetings/{meeting_id}", title="CMR Panel meeting, Thursday 17 December 2026")
    assert "2pm to 4:30pm" in page.text()


def test_rescheduling_sends_an_update_with_the_same_uid_and_a_higher_sequence(app: Flask, world: World) -> None:
    meeting_id = meeting_id_on(app, date(2026, 12, 3))
    client = signed_in(app, world, "secretariat")
    url = f"/meetings/{meeting_id}/reschedule"
    page = get_page(client, url, title="Reschedule the meeting")
    assert page.soup.find("input", id="meeting_date-day")["value"] == "03"
    status, _ = post_form(
        client, url, {**date_fields(date(2026, 12, 10)), "starts_at": "10:00", "ends_at": "12:30", "location": "Online"}
    )
    assert status == 302
    with app.app_context():
        meeting = db.session.get(Meeting, meeting_id)
        assert meeting is not None
        assert meeting.meeting_date == date(2026, 12, 10)
        assert meeting.ics_sequence == 1
        updates = outbox("invite")
        assert len(updates) == MEMBERS
        assert all(m.subject.startswith("Updated:") for m in updates)
        (event,) = invite_of(updates[0]).walk("VEVENT")
        assert str(event["UID"]) == meeting.ics_uid
        assert event["SEQUENCE"] == 1
        assert event.start.date() == date(2026, 12, 10)
        assert str(event["LOCATION"]) == "Online"
        db.session.remove()


def test_cancelling_sends_a_cancellation_and_keeps_the_meeting_on_the_record(app: Flask, world: World) -> None:
    meeting_id = meeting_id_on(app, date(2026, 12, 3))
    client = signed_in(app, world, "chair")
    url = f"/meetings/{meeting_id}/cancel"
    get_page(client, url, title="Cancel the meeting")
    status, _ = post_form(client, url, {"reason": "Not enough business to transact."})
    assert status == 302
    with app.app_context():
        meeting = db.session.get(Meeting, meeting_id)
        assert meeting is not None
        assert meeting.status == MeetingStatus.CANCELLED
        assert meeting.cancelled_reason == "Not enough business to transact."
        assert meeting.cancelled_at is not None
        assert meeting.ics_sequence == 1
        cancellations = outbox("invite-cancel")
        assert len(cancellations) == MEMBERS
        assert "Not enough business" in cancellations[0].body_text
        cal: Calendar = invite_of(cancellations[0])
        assert cal["METHOD"] == "CANCEL"
        (event,) = cal.walk("VEVENT")
        assert (str(event["UID"]), event["SEQUENCE"], event["STATUS"]) == (meeting.ics_uid, 1, "CANCELLED")
        db.session.remove()
    page = get_page(client, f"/meetings/{meeting_id}")
    assert "This meeting was cancelled" in page.text()
    assert "Not enough business to transact." in page.text()
    assert page.soup.find(id="deadlines") is None, "a cancelled meeting shows no deadlines"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({**date_fields(date(2026, 11, 20)), "starts_at": "10:00"}, "The meeting date must be today or in the future"),
        ({**date_fields(date(2026, 12, 3)), "starts_at": "10:00"}, "already has a meeting on Thursday 3 December 2026"),
        ({**date_fields(date(2026, 12, 17)), "starts_at": "14:00", "ends_at": "13:00"}, "finish time must be after"),
        ({**date_fields(date(2026, 12, 17)), "starts_at": "teatime"}, "Enter the start time as a time of day"),
        ({"meeting_date": ["", "", ""], "starts_at": "10:00"}, "Enter the meeting date"),
        ({"meeting_date": ["31", "2", "2027"], "starts_at": "10:00"}, "must be a real date"),
        ({"meeting_date": ["99999999999999999999", "1", "2027"], "starts_at": "10:00"}, "must be a real date"),
        ({"meeting_date": ["17", "", "2026"], "starts_at": "10:00"}, "must include a month"),
        (
            {**date_fields(date(2026, 12, 17)), "starts_at": "10:00", "online_link": "not a link"},
            "starting with https://",
        ),
    ],
)
def test_bad_input_gives_a_form_error_and_saves_nothing(
    app: Flask, world: World, fields: dict[str, str | list[str]], message: str
) -> None:
    client = signed_in(app, world, "chair")
    before = _counts(app)
    status, html = post_form(client, NEW_MEETING, fields)
    assert status == 200
    assert "Error: Call a meeting" in html
    assert "govuk-error-summary" in html
    assert message in html
    assert _counts(app) == before


def test_a_meeting_already_held_or_cancelled_cannot_be_cancelled(app: Flask, world: World) -> None:
    held = meeting_id_on(app, date(2026, 11, 5))
    client = signed_in(app, world, "chair")
    status, html = post_form(client, f"/meetings/{held}/cancel", {"reason": "Too late"})
    assert status == 200
    assert "already been held" in html
    upcoming = meeting_id_on(app, date(2026, 12, 3))
    assert post_form(client, f"/meetings/{upcoming}/cancel", {"reason": "No business"})[0] == 302
    before = _counts(app)
    status, html = post_form(client, f"/meetings/{upcoming}/cancel", {"reason": "Again"})
    assert status == 200
    assert "This meeting was cancelled, so it cannot be cancelled" in html
    assert _counts(app) == before


def test_a_cancellation_needs_a_reason(app: Flask, world: World) -> None:
    upcoming = meeting_id_on(app, date(2026, 12, 3))
    client = signed_in(app, world, "chair")
    status, html = post_form(client, f"/meetings/{upcoming}/cancel", {"reason": "  "})
    assert status == 200
    assert "Enter the reason the meeting is cancelled" in html
    with app.app_context():
        assert db.session.get(Meeting, upcoming).status == MeetingStatus.SCHEDULED  # type: ignore[union-attr]
        db.session.remove()


def test_rescheduling_to_another_meetings_date_is_refused(app: Flask, world: World) -> None:
    meeting_id = meeting_id_on(app, date(2026, 12, 3))
    client = signed_in(app, world, "chair")
    before = _counts(app)
    status, html = post_form(
        client, f"/meetings/{meeting_id}/reschedule", {**date_fields(date(2027, 1, 7)), "starts_at": "10:00"}
    )
    assert status == 200
    assert "already has a meeting on Thursday 7 January 2027" in html
    assert _counts(app) == before
    with app.app_context():
        assert db.session.get(Meeting, meeting_id).ics_sequence == 0  # type: ignore[union-attr]
        db.session.remove()


def test_a_member_cannot_call_reschedule_or_cancel_a_meeting(app: Flask, world: World) -> None:
    meeting_id = meeting_id_on(app, date(2026, 12, 3))
    client = signed_in(app, world, "member")
    page = get_page(client, NEW_MEETING, status=403)
    assert "You cannot call, reschedule or cancel a meeting" in page.text()
    get_page(client, f"/meetings/{meeting_id}/reschedule", status=403)
    get_page(client, f"/meetings/{meeting_id}/cancel", status=403)
    token_page = client.get(f"/meetings/{meeting_id}")
    from tests.conftest import csrf_token_from

    response = client.post(
        f"/meetings/{meeting_id}/cancel", data={"reason": "x", "csrf_token": csrf_token_from(token_page.text)}
    )
    assert response.status_code == 403
    with app.app_context():
        assert db.session.get(Meeting, meeting_id).status == MeetingStatus.SCHEDULED  # type: ignore[union-attr]
        assert outbox() == []
        db.session.remove()
