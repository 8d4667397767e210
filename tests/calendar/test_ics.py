"""The .ics builders: invites, updates, cancellations and feeds, parsed back with icalendar."""

from __future__ import annotations

from datetime import UTC
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from govapp.calendar import CalendarMeeting
from govapp.calendar import Person
from govapp.calendar import build_feed
from govapp.calendar import build_invite

pytestmark = pytest.mark.nodb

STAMP = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
ORGANISER = Person("CMR Panel secretariat", "secretariat@example.org")
MEMBERS = [Person("Morgan Adair", "morgan.adair@example.org"), Person("Aoife Brennan", "aoife.brennan@example.org")]
MEETING = CalendarMeeting(
    uid="0b7c7d9e-1111-4b8e-9a55-3d3f5b7e0c01@govapp",
    sequence=0,
    committee_short_name="CMR Panel",
    meeting_date=date(2026, 12, 3),
    starts_at=time(10, 0),
    ends_at=time(12, 30),
    location="SBNI offices, Belfast",
    online_link="https://meet.example.org/cmr",
    page_url="https://govapp.example.org/meetings/7",
)


def _event(data: bytes) -> tuple[Calendar, Calendar]:
    cal = Calendar.from_ical(data)
    (event,) = cal.walk("VEVENT")
    return cal, event


def test_an_invite_is_a_request_with_every_member_asked_to_reply() -> None:
    cal, event = _event(build_invite(MEETING, organiser=ORGANISER, attendees=MEMBERS, stamp=STAMP))
    assert cal["METHOD"] == "REQUEST"
    assert cal["VERSION"] == "2.0"
    assert str(event["UID"]) == MEETING.uid
    assert event["SEQUENCE"] == 0
    assert event["STATUS"] == "CONFIRMED"
    assert event["SUMMARY"] == "CMR Panel meeting"
    assert str(event["LOCATION"]) == "SBNI offices, Belfast"
    assert str(event["URL"]) == "https://meet.example.org/cmr"
    assert event["DTSTAMP"].dt == STAMP
    assert str(event["ORGANIZER"]) == "mailto:secretariat@example.org"
    attendees = event.get("ATTENDEE")
    assert [str(a) for a in attendees] == ["mailto:morgan.adair@example.org", "mailto:aoife.brennan@example.org"]
    for attendee, person in zip(attendees, MEMBERS, strict=True):
        assert attendee.params["CN"] == person.name
        assert attendee.params["ROLE"] == "REQ-PARTICIPANT"
        assert attendee.params["PARTSTAT"] == "NEEDS-ACTION"
        assert attendee.params["RSVP"] == "TRUE"


def test_times_are_london_local_with_a_vtimezone() -> None:
    cal, event = _event(build_invite(MEETING, organiser=ORGANISER, attendees=MEMBERS, stamp=STAMP))
    (zone,) = cal.walk("VTIMEZONE")
    assert zone["TZID"] == "Europe/London"
    assert event["DTSTART"].params["TZID"] == "Europe/London"
    assert event.start == datetime(2026, 12, 3, 10, 0, tzinfo=ZoneInfo("Europe/London"))
    assert event.end == datetime(2026, 12, 3, 12, 30, tzinfo=ZoneInfo("Europe/London"))
    summer = CalendarMeeting(**{**MEETING.__dict__, "meeting_date": date(2027, 6, 3)})
    _cal, event = _event(build_invite(summer, organiser=ORGANISER, attendees=MEMBERS, stamp=STAMP))
    assert event.start.utcoffset() == timedelta(hours=1), "British Summer Time"
    assert b"TZID=Europe/London:20270603T100000" in build_invite(
        summer, organiser=ORGANISER, attendees=MEMBERS, stamp=STAMP
    )


def test_an_update_keeps_the_uid_and_raises_the_sequence() -> None:
    moved = CalendarMeeting(**{**MEETING.__dict__, "sequence": 1, "meeting_date": date(2026, 12, 10)})
    _c, first = _event(build_invite(MEETING, organiser=ORGANISER, attendees=MEMBERS, stamp=STAMP))
    cal, update = _event(build_invite(moved, organiser=ORGANISER, attendees=MEMBERS, stamp=STAMP))
    assert cal["METHOD"] == "REQUEST"
    assert str(update["UID"]) == str(first["UID"])
    assert update["SEQUENCE"] > first["SEQUENCE"]
    assert update.start.date() == date(2026, 12, 10)


def test_a_cancellation_is_method_cancel_with_status_cancelled() -> None:
    cancelled = CalendarMeeting(**{**MEETING.__dict__, "sequence": 2, "cancelled": True})
    cal, event = _event(build_invite(cancelled, organiser=ORGANISER, attendees=MEMBERS, stamp=STAMP))
    assert cal["METHOD"] == "CANCEL"
    assert event["STATUS"] == "CANCELLED"
    assert str(event["UID"]) == MEETING.uid
    assert event["SEQUENCE"] == 2
    assert len(event.get("ATTENDEE")) == len(MEMBERS)


def test_a_meeting_without_a_finish_time_lasts_two_hours() -> None:
    open_ended = CalendarMeeting(**{**MEETING.__dict__, "ends_at": None})
    _cal, event = _event(build_invite(open_ended, organiser=ORGANISER, attendees=[], stamp=STAMP))
    assert event.end - event.start == timedelta(hours=2)


def test_the_invite_carries_no_business_only_time_place_and_link() -> None:
    text = build_invite(MEETING, organiser=ORGANISER, attendees=MEMBERS, stamp=STAMP).decode()
    _cal, event = _event(text.encode())
    description = str(event["DESCRIPTION"])
    assert "https://govapp.example.org/meetings/7" in description
    assert "Not open to the public" in description


def test_a_feed_is_published_and_marks_cancelled_meetings() -> None:
    cancelled = CalendarMeeting(
        **{**MEETING.__dict__, "uid": "other@govapp", "meeting_date": date(2027, 1, 7), "cancelled": True}
    )
    cal = Calendar.from_ical(build_feed([MEETING, cancelled], name="Your meetings", stamp=STAMP))
    assert cal["METHOD"] == "PUBLISH"
    assert str(cal["X-WR-CALNAME"]) == "Your meetings"
    assert len(cal.walk("VTIMEZONE")) == 1
    statuses = {str(e["UID"]): str(e["STATUS"]) for e in cal.walk("VEVENT")}
    assert statuses == {MEETING.uid: "CONFIRMED", "other@govapp": "CANCELLED"}
    assert all("ATTENDEE" not in e for e in cal.walk("VEVENT"))


def test_an_empty_feed_is_still_a_calendar() -> None:
    cal = Calendar.from_ical(build_feed([], name="Your meetings", stamp=STAMP))
    assert cal["METHOD"] == "PUBLISH"
    assert cal.walk("VEVENT") == []
