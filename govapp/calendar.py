"""iCalendar (.ics) builders: plain data in, bytes out. No Flask, no database.

- :func:`build_invite` makes the invite emailed to members for one meeting: ``METHOD:REQUEST`` (a new
  meeting or an update: same ``UID``, higher ``SEQUENCE``) or ``METHOD:CANCEL`` (``STATUS:CANCELLED``).
- :func:`build_feed` makes a person's subscription feed: ``METHOD:PUBLISH``, one event per meeting,
  cancelled meetings kept with ``STATUS:CANCELLED`` so calendars remove or strike them through.

Times are Europe/London local times, written with ``TZID=Europe/London`` and a ``VTIMEZONE`` for that
zone. Meetings are confidential: an event carries the committee's short name, the time and the place,
and a link back to govapp, never any business or case details.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC
from datetime import date
from datetime import datetime
from datetime import timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar
from icalendar import Event
from icalendar import vCalAddress
from icalendar import vText

from govapp.whenwhere import WhenAndWhere

LONDON = ZoneInfo("Europe/London")
PRODID = "-//Safeguarding Board for Northern Ireland//govapp//EN"
#: A meeting with no finish time is shown in calendars as lasting this long.
DEFAULT_LENGTH = timedelta(hours=2)


@dataclass(frozen=True)
class Person:
    """Someone named in an invite: the organiser or an attendee."""

    name: str
    email: str


@dataclass(frozen=True, kw_only=True)
class CalendarMeeting(WhenAndWhere):
    """What a calendar may know about a meeting: when and where it is, and which meeting it is."""

    uid: str
    sequence: int
    committee_short_name: str
    cancelled: bool = False
    #: The meeting's page in govapp (where the agenda and papers are, for those allowed to see them).
    page_url: str | None = None

    @property
    def summary(self) -> str:
        return f"{self.committee_short_name} meeting"

    @property
    def start(self) -> datetime:
        return datetime.combine(self.meeting_date, self.starts_at, tzinfo=LONDON)

    @property
    def end(self) -> datetime:
        if self.ends_at is not None and self.ends_at > self.starts_at:
            return datetime.combine(self.meeting_date, self.ends_at, tzinfo=LONDON)
        return self.start + DEFAULT_LENGTH


def _calendar(method: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", method)
    return cal


def _address(person: Person, **params: str) -> vCalAddress:
    address = vCalAddress(f"mailto:{person.email}")
    address.params["CN"] = vText(person.name)
    for key, value in params.items():
        address.params[key.replace("_", "-").upper()] = vText(value)
    return address


def _event(meeting: CalendarMeeting, stamp: datetime, *, status: str) -> Event:
    event = Event()
    event.add("uid", meeting.uid)
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", stamp.astimezone(UTC))
    event.add("dtstart", meeting.start)
    event.add("dtend", meeting.end)
    event.add("summary", meeting.summary)
    event.add("status", status)
    event.add("transp", "OPAQUE")
    if meeting.location:
        event.add("location", meeting.location)
    elif meeting.online_link:
        event.add("location", "Online")
    if meeting.online_link:
        event.add("url", meeting.online_link)
    lines = [f"A meeting of the {meeting.committee_short_name}. Not open to the public."]
    if meeting.online_link:
        lines.append(f"Join online: {meeting.online_link}")
    if meeting.page_url:
        lines.append(f"Agenda and papers, for those entitled to see them: {meeting.page_url}")
    event.add("description", "\n".join(lines))
    return event


def _finish(cal: Calendar, meetings: Sequence[CalendarMeeting]) -> bytes:
    """Add the VTIMEZONE the events need, covering a year either side of them, and serialise."""
    if meetings:
        first = min(m.meeting_date for m in meetings)
        last = max(m.meeting_date for m in meetings)
        cal.add_missing_timezones(
            first_date=date(max(first.year - 1, 1), 1, 1), last_date=date(min(last.year + 2, 9999), 1, 1)
        )
    return bytes(cal.to_ical())


def build_invite(
    meeting: CalendarMeeting,
    *,
    organiser: Person,
    attendees: Sequence[Person],
    stamp: datetime,
    cancel: bool = False,
) -> bytes:
    """The invite for ``meeting``: ``METHOD:REQUEST``, or ``METHOD:CANCEL`` when ``cancel``.

    Every attendee is a required participant asked to reply (``RSVP=TRUE``, ``PARTSTAT=NEEDS-ACTION``).
    ``stamp`` (an aware date and time) becomes ``DTSTAMP``.
    """
    cancel = cancel or meeting.cancelled
    cal = _calendar("CANCEL" if cancel else "REQUEST")
    event = _event(meeting, stamp, status="CANCELLED" if cancel else "CONFIRMED")
    event.add("organizer", _address(organiser))
    for attendee in attendees:
        event.add(
            "attendee",
            _address(attendee, cutype="INDIVIDUAL", role="REQ-PARTICIPANT", partstat="NEEDS-ACTION", rsvp="TRUE"),
        )
    cal.add_component(event)
    return _finish(cal, [meeting])


def build_feed(meetings: Sequence[CalendarMeeting], *, name: str, stamp: datetime) -> bytes:
    """A subscription feed (``METHOD:PUBLISH``) of ``meetings``; cancelled ones say ``STATUS:CANCELLED``."""
    cal = _calendar("PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("name", name)
    cal.add("x-wr-timezone", "Europe/London")
    cal.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT1H")
    for meeting in meetings:
        cal.add_component(_event(meeting, stamp, status="CANCELLED" if meeting.cancelled else "CONFIRMED"))
    return _finish(cal, meetings)
