"""Convening meetings: the year's schedule, calling, rescheduling and cancelling a meeting (with
calendar invites through the outbox), recording an inquorate meeting, and each meeting's timeline
of standing-order deadlines.

Interpretations:

- **Held.** A meeting counts as held for the four-a-year rule when its status is *held*, or when it
  is still *scheduled* and its date has passed (nobody recorded otherwise). Cancelled meetings and
  inquorate meetings (no business was transacted) do not count.
- **Past dates.** A person cannot call a meeting, or move one, to a date before today. Meetings are
  Europe/London local dates and times.
- **One meeting a day.** A committee cannot have two meetings (not cancelled) on the same date.
- **Invites.** Every member on the meeting's date gets an invite (``METHOD:REQUEST``) when the
  meeting is called, an update (same UID, higher SEQUENCE) when it is rescheduled, and a cancellation
  (``METHOD:CANCEL``) when it is cancelled, all through the outbox in the same transaction. The
  organiser is ``MAIL_FROM`` (the secretariat's mailbox), named "<committee> secretariat", so replies
  go to the secretariat rather than to the Chair, who is also an attendee.
- **Deadline states.** From ``rules.deadline_state``. Agenda requests are not something anyone must
  do, so after their deadline the entry is *closed* rather than *missed*; it counts the requests
  received on time and late. Notice is done on the London date of the latest served notice, papers on
  the London date the agenda pack was despatched, minutes on the London date the first draft was circulated.
- **Inquorate meetings.** The further meeting must take place by ``rules.reconvene_deadline``; one
  dated later needs explicit confirmation and is flagged wherever it is shown.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from email.utils import parseaddr

from flask import current_app, has_app_context
from sqlalchemy import select

from govapp import calendar as ics
from govapp import clock, rules
from govapp.extensions import db
from govapp.formatting import clock_time, long_date
from govapp.models import (
    AgendaItem,
    AgendaRequest,
    Committee,
    ItemPurpose,
    Meeting,
    MeetingStatus,
    Membership,
    Minutes,
    MinutesCirculation,
    Notice,
    Person,
    SecretariatPost,
    User,
)
from govapp.services import ServiceError
from govapp.services.audit import record_change, snapshot
from govapp.services.calendars import working_calendar
from govapp.services.minutes import minutes_due
from govapp.services.outbox import Attachment, queue_email

#: The state of an agenda-request deadline once it has passed (nobody "misses" it).
CLOSED = "closed"


# --- working days --------------------------------------------------------------------------------


# --- checks shared by calling and rescheduling ---------------------------------------------------


def _check_times(starts_at: time, ends_at: time | None) -> None:
    if ends_at is not None and ends_at <= starts_at:
        raise ServiceError("The finish time must be after the start time.", field="ends_at")


def _check_not_past(meeting_date: date, today: date | None) -> None:
    if today is not None and meeting_date < today:
        raise ServiceError("The meeting date must be today or in the future.", field="meeting_date")


def _check_free_day(committee: Committee, meeting_date: date, *, other_than: Meeting | None = None) -> None:
    clash = db.session.scalar(
        select(Meeting).where(
            Meeting.committee_id == committee.id,
            Meeting.meeting_date == meeting_date,
            Meeting.status != MeetingStatus.CANCELLED,
            Meeting.id != (other_than.id if other_than is not None and other_than.id is not None else -1),
        )
    )
    if clash is not None:
        raise ServiceError(
            f"{committee.short_name} already has a meeting on {long_date(meeting_date)}. Choose another date.",
            field="meeting_date",
        )


def _check_further_meeting(inquorate: Meeting, committee: Committee, meeting_date: date, confirm_late: bool) -> None:
    if inquorate.committee_id != committee.id or inquorate.status != MeetingStatus.INQUORATE:
        raise ServiceError("A further meeting can only be called for an inquorate meeting of this committee.")
    if meeting_date <= inquorate.meeting_date:
        raise ServiceError(
            f"The further meeting must be after the inquorate meeting of {long_date(inquorate.meeting_date)}.",
            field="meeting_date",
        )
    deadline = reconvene_deadline_of(inquorate)
    if meeting_date > deadline and not confirm_late:
        raise ServiceError(
            f"The standing orders say the further meeting should be held by {long_date(deadline)}. "
            "To call it later, confirm that you want to.",
            field="confirm_late",
        )


# --- calling, rescheduling, cancelling -----------------------------------------------------------


def schedule_meeting(
    actor: User | None,
    committee: Committee,
    *,
    meeting_date: date,
    starts_at: time,
    ends_at: time | None = None,
    location: str | None = None,
    online_link: str | None = None,
    today: date | None = None,
    reconvenes: Meeting | None = None,
    confirm_late: bool = False,
    send_invites: bool = False,
    now: datetime | None = None,
) -> Meeting:
    """Call a meeting on ``meeting_date``; the committee's standing items open its agenda.

    With ``today``, a date before it is refused. With ``reconvenes``, the meeting is the further
    meeting after that inquorate one (a date after the reconvene deadline needs ``confirm_late``).
    With ``send_invites``, every member is sent a calendar invite through the outbox. (Loading demo
    data or a past year's record passes neither.)
    """
    _check_times(starts_at, ends_at)
    _check_not_past(meeting_date, today)
    _check_free_day(committee, meeting_date)
    if reconvenes is not None:
        _check_further_meeting(reconvenes, committee, meeting_date, confirm_late)
        if further_meeting_of(reconvenes) is not None:
            raise ServiceError(
                f"A further meeting has already been called for the inquorate meeting of "
                f"{long_date(reconvenes.meeting_date)}. Reschedule that one instead."
            )
    meeting = Meeting(
        committee=committee,
        meeting_date=meeting_date,
        starts_at=starts_at,
        ends_at=ends_at,
        location=_clean(location),
        online_link=_clean(online_link),
        created_by_id=actor.id if actor else None,
        reconvenes=reconvenes,
    )
    for position, title in enumerate(committee.standing_orders.standing_items, start=1):
        meeting.agenda_items.append(
            AgendaItem(position=position, title=title, purpose=ItemPurpose.INFORMATION, is_standing=True)
        )
    db.session.add(meeting)
    record_change(actor, "schedule_meeting", meeting, committee_id=committee.id)
    if send_invites:
        send_meeting_invites(meeting, now=now or clock.now())
    return meeting


def schedule_meetings(
    actor: User,
    committee: Committee,
    days: Iterable[date],
    *,
    starts_at: time,
    ends_at: time | None,
    location: str | None,
    online_link: str | None,
    today: date,
    now: datetime,
) -> list[Meeting]:
    """Call several meetings at once (the year's proposals the Chair chose), each with its invites."""
    chosen = sorted(set(days))
    if not chosen:
        raise ServiceError("Choose at least one meeting to create.", field="days")
    return [
        schedule_meeting(
            actor,
            committee,
            meeting_date=day,
            starts_at=starts_at,
            ends_at=ends_at,
            location=location,
            online_link=online_link,
            today=today,
            send_invites=True,
            now=now,
        )
        for day in chosen
    ]


def _check_can_change(meeting: Meeting, today: date, doing: str) -> None:
    if meeting.status == MeetingStatus.CANCELLED:
        raise ServiceError(f"This meeting was cancelled, so it cannot be {doing}.")
    if meeting.status in (MeetingStatus.HELD, MeetingStatus.INQUORATE):
        raise ServiceError(f"This meeting has already been held, so it cannot be {doing}.")
    if meeting.meeting_date < today:
        raise ServiceError(f"This meeting's date has passed, so it cannot be {doing}.")


def reschedule_meeting(
    actor: User,
    meeting: Meeting,
    *,
    meeting_date: date,
    starts_at: time,
    ends_at: time | None,
    location: str | None,
    online_link: str | None,
    today: date,
    now: datetime,
    confirm_late: bool = False,
) -> Meeting:
    """Move a meeting to a new date, time or place, and send members an updated invite."""
    _check_can_change(meeting, today, "rescheduled")
    _check_times(starts_at, ends_at)
    _check_not_past(meeting_date, today)
    _check_free_day(meeting.committee, meeting_date, other_than=meeting)
    if meeting.reconvenes is not None:
        _check_further_meeting(meeting.reconvenes, meeting.committee, meeting_date, confirm_late)
    location, online_link = _clean(location), _clean(online_link)
    new = (meeting_date, starts_at, ends_at, location, online_link)
    if new == (meeting.meeting_date, meeting.starts_at, meeting.ends_at, meeting.location, meeting.online_link):
        raise ServiceError("Nothing has changed. Enter the new date, time or place.", field="meeting_date")
    before = snapshot(meeting)
    meeting.meeting_date, meeting.starts_at, meeting.ends_at, meeting.location, meeting.online_link = new
    meeting.ics_sequence += 1
    record_change(actor, "reschedule_meeting", meeting, before=before, committee_id=meeting.committee_id)
    send_meeting_invites(meeting, now=now, update=True)
    return meeting


def cancel_meeting(actor: User, meeting: Meeting, *, reason: str, today: date, now: datetime) -> Meeting:
    """Cancel a meeting with a reason, and send members a cancellation for their calendars."""
    _check_can_change(meeting, today, "cancelled")
    reason = reason.strip()
    if not reason:
        raise ServiceError("Enter the reason the meeting is cancelled.", field="reason")
    before = snapshot(meeting)
    meeting.status = MeetingStatus.CANCELLED
    meeting.cancelled_at = now
    meeting.cancelled_reason = reason
    meeting.ics_sequence += 1
    record_change(actor, "cancel_meeting", meeting, before=before, committee_id=meeting.committee_id)
    send_meeting_invites(meeting, now=now)
    return meeting


def record_inquorate(actor: User, meeting: Meeting, *, today: date, now: datetime) -> Meeting:
    """Record that the meeting was not quorate: no business was transacted and a further meeting is due."""
    if meeting.status == MeetingStatus.CANCELLED:
        raise ServiceError("This meeting was cancelled, so it cannot be recorded as inquorate.")
    if meeting.status == MeetingStatus.INQUORATE:
        raise ServiceError("This meeting is already recorded as inquorate.")
    if meeting.meeting_date > today:
        raise ServiceError("A meeting can only be recorded as inquorate on or after its date.")
    before = snapshot(meeting)
    meeting.status = MeetingStatus.INQUORATE
    meeting.inquorate_recorded_at = now
    record_change(actor, "record_inquorate", meeting, before=before, committee_id=meeting.committee_id)
    return meeting


def _clean(text: str | None) -> str | None:
    text = (text or "").strip()
    return text or None


# --- inquorate meetings --------------------------------------------------------------------------


def reconvene_deadline_of(meeting: Meeting) -> date:
    return rules.reconvene_deadline(meeting.meeting_date, orders=meeting.committee.standing_orders)


def further_meeting_of(inquorate: Meeting) -> Meeting | None:
    """The further meeting (not cancelled) called after an inquorate meeting, if there is one."""
    return db.session.scalar(
        select(Meeting)
        .where(Meeting.reconvenes_meeting_id == inquorate.id, Meeting.status != MeetingStatus.CANCELLED)
        .order_by(Meeting.meeting_date)
        .limit(1)
    )


def is_late_further_meeting(meeting: Meeting) -> bool:
    """Whether ``meeting`` is a further meeting dated after its reconvene deadline (flagged)."""
    return meeting.reconvenes is not None and meeting.meeting_date > reconvene_deadline_of(meeting.reconvenes)


def awaiting_further_meeting(committee_ids: Sequence[int]) -> list[Meeting]:
    """Inquorate meetings of these committees for which no further meeting has been called."""
    if not committee_ids:
        return []
    meetings = db.session.scalars(
        select(Meeting)
        .where(Meeting.committee_id.in_(committee_ids), Meeting.status == MeetingStatus.INQUORATE)
        .order_by(Meeting.meeting_date)
    ).all()
    return [m for m in meetings if further_meeting_of(m) is None]


# --- the year's schedule -------------------------------------------------------------------------


@dataclass(frozen=True)
class YearProposal:
    """One of the year's usual dates, with the date to use and what already stands there."""

    proposed: rules.ProposedMeeting
    existing: Meeting | None
    in_past: bool

    @property
    def day(self) -> date:
        """The date offered: the usual day, or the alternative when that is not a working day."""
        return self.proposed.alternative or self.proposed.day

    @property
    def can_create(self) -> bool:
        return self.existing is None and not self.in_past


def propose_year(committee: Committee, year_start: date, today: date) -> list[YearProposal]:
    """The usual meeting dates of the reporting year starting ``year_start``, against the record."""
    orders = committee.standing_orders
    proposals = rules.usual_meeting_dates(year_start, orders=orders, calendar=working_calendar())
    year_end = rules.reporting_year(year_start)[1]
    meetings = _meetings_between(committee, year_start, year_end)
    result = []
    for proposed in proposals:
        offered = proposed.alternative or proposed.day
        existing = next(
            (m for m in meetings if m.status != MeetingStatus.CANCELLED and m.meeting_date in (proposed.day, offered)),
            None,
        )
        result.append(YearProposal(proposed=proposed, existing=existing, in_past=offered < today))
    return result


@dataclass(frozen=True)
class YearRecord:
    """How a reporting year stands against the rule of at least so many meetings a year."""

    starts_on: date
    ends_on: date
    required: int
    held: int
    planned: int
    shortfall: int
    started: bool
    ended: bool

    @property
    def label(self) -> str:
        return f"{self.starts_on.year}–{str(self.ends_on.year)[-2:]}"

    @property
    def falls_short(self) -> bool:
        """The year ended short, or (once it has begun) even holding every planned meeting leaves it short."""
        if self.shortfall == 0 or not self.started:
            return False
        return self.ended or self.planned < self.shortfall


def counts_as_held(meeting: Meeting, today: date) -> bool:
    if meeting.status == MeetingStatus.HELD:
        return True
    return meeting.status == MeetingStatus.SCHEDULED and meeting.meeting_date < today


def year_record(committee: Committee, day: date, today: date) -> YearRecord:
    """The record of the reporting year containing ``day``."""
    starts_on, ends_on = rules.reporting_year(day)
    orders = committee.standing_orders
    meetings = _meetings_between(committee, starts_on, ends_on)
    held = sum(1 for m in meetings if counts_as_held(m, today))
    planned = sum(1 for m in meetings if m.status == MeetingStatus.SCHEDULED and m.meeting_date >= today)
    return YearRecord(
        starts_on=starts_on,
        ends_on=ends_on,
        required=orders.meetings_per_year,
        held=held,
        planned=planned,
        shortfall=rules.meetings_shortfall(held, orders=orders),
        started=starts_on <= today,
        ended=ends_on < today,
    )


def _meetings_between(committee: Committee, first: date, last: date) -> Sequence[Meeting]:
    return db.session.scalars(
        select(Meeting)
        .where(Meeting.committee_id == committee.id, Meeting.meeting_date >= first, Meeting.meeting_date <= last)
        .order_by(Meeting.meeting_date, Meeting.starts_at)
    ).all()


# --- the timeline of deadlines -------------------------------------------------------------------


@dataclass(frozen=True)
class TimelineEntry:
    """One standing-order deadline of a meeting and how it stands."""

    key: str  # agenda_requests, notice, papers, minutes, further_meeting
    label: str
    deadline: date
    state: str  # a rules state (met, late, missed, due, to come) or CLOSED
    done_on: date | None = None
    done_by: str | None = None
    detail: str | None = None

    @property
    def is_open(self) -> bool:
        """Still to be done (or, for agenda requests, still open)."""
        return self.state in (rules.TO_COME, rules.DUE)


def meeting_timeline(meeting: Meeting, today: date) -> list[TimelineEntry]:
    """Every deadline the standing orders set for ``meeting``, in date order. None for a cancelled meeting."""
    if meeting.status == MeetingStatus.CANCELLED:
        return []
    orders = meeting.committee.standing_orders
    day = meeting.meeting_date
    entries: list[TimelineEntry] = []

    deadline = rules.agenda_request_deadline(day, orders=orders)
    requests = db.session.scalars(select(AgendaRequest).where(AgendaRequest.meeting_id == meeting.id)).all()
    on_time = sum(1 for r in requests if r.on_time)
    late = len(requests) - on_time
    state = rules.deadline_state(deadline, None, today)
    entries.append(
        TimelineEntry(
            key="agenda_requests",
            label="Agenda requests on time",
            deadline=deadline,
            state=CLOSED if state == rules.MISSED else state,
            detail=f"{on_time} received on time, {late} late",
        )
    )

    deadline = rules.notice_deadline(day, orders=orders)
    served = db.session.scalars(
        select(Notice)
        .where(Notice.meeting_id == meeting.id, Notice.served_at.is_not(None))
        .order_by(Notice.served_at, Notice.version)
    ).all()
    # Notice counts from the first served notice that gives the meeting's current date: after a
    # reschedule, the notices of the old date do not.
    current = day.isoformat()
    notice = next((n for n in served if n.particulars.get("meeting_date", current) == current), None)
    done_on = rules.london_date(notice.served_at) if notice and notice.served_at else None
    entries.append(
        TimelineEntry(
            key="notice",
            label="Notice of meeting served",
            deadline=deadline,
            state=rules.deadline_state(deadline, done_on, today),
            done_on=done_on,
            done_by=notice.served_by.name if notice and notice.served_by else None,
            detail=(
                "The notice served gives an earlier date: serve an amended notice"
                if served and notice is None
                else None
            ),
        )
    )

    deadline = rules.papers_deadline(day, orders=orders)
    done_on = rules.london_date(meeting.pack_despatched_at) if meeting.pack_despatched_at else None
    despatcher = db.session.get(User, meeting.pack_despatched_by_id) if meeting.pack_despatched_by_id else None
    entries.append(
        TimelineEntry(
            key="papers",
            label="Agenda and papers despatched",
            deadline=deadline,
            state=rules.deadline_state(deadline, done_on, today),
            done_on=done_on,
            done_by=despatcher.name if despatcher else None,
        )
    )

    deadline = minutes_due(meeting)
    first = db.session.scalar(
        select(MinutesCirculation)
        .join(Minutes, MinutesCirculation.minutes_id == Minutes.id)
        .where(Minutes.meeting_id == meeting.id)
        .order_by(MinutesCirculation.version)
        .limit(1)
    )
    done_on = rules.london_date(first.circulated_at) if first else None
    circulator = db.session.get(User, first.circulated_by_id) if first and first.circulated_by_id else None
    entries.append(
        TimelineEntry(
            key="minutes",
            label="Draft minutes circulated",
            deadline=deadline,
            state=rules.deadline_state(deadline, done_on, today),
            done_on=done_on,
            done_by=circulator.name if circulator else None,
        )
    )

    if meeting.status == MeetingStatus.INQUORATE:
        deadline = reconvene_deadline_of(meeting)
        further = further_meeting_of(meeting)
        # Done once the further meeting has taken place (and was quorate), not when it is called.
        held = further is not None and further.meeting_date <= today and further.status != MeetingStatus.INQUORATE
        held_on = further.meeting_date if further is not None and held else None
        entries.append(
            TimelineEntry(
                key="further_meeting",
                label="Further meeting held (the meeting was inquorate)",
                deadline=deadline,
                # A further meeting called for after the deadline is late already, held or not.
                state=rules.deadline_state(
                    deadline,
                    further.meeting_date if further is not None and (held or further.meeting_date > deadline) else None,
                    today,
                ),
                done_on=held_on,
                detail=(
                    "No further meeting has been called yet"
                    if further is None
                    else None
                    if held_on
                    else f"Further meeting called for {long_date(further.meeting_date)}"
                ),
            )
        )
    return sorted(entries, key=lambda e: e.deadline)


#: How far a meeting's deadlines reach from its date, either way: with the CMR Panel's orders, from
#: 15 days before (agenda requests) to about 5 weeks after (draft minutes, a further meeting). Used to
#: choose which meetings to look at; a committee with much longer periods would need more.
DEADLINE_REACH = timedelta(days=62)


@dataclass(frozen=True)
class ComingDeadline:
    meeting: Meeting
    entry: TimelineEntry


def coming_deadlines(committee_ids: Sequence[int], today: date, *, weeks: int = 4) -> list[ComingDeadline]:
    """Deadlines of these committees' meetings falling in the next ``weeks`` weeks and not yet done."""
    if not committee_ids:
        return []
    horizon = today + timedelta(weeks=weeks)
    meetings = db.session.scalars(
        select(Meeting)
        .where(
            Meeting.committee_id.in_(committee_ids),
            Meeting.status != MeetingStatus.CANCELLED,
            Meeting.meeting_date >= today - DEADLINE_REACH,
            Meeting.meeting_date <= horizon + DEADLINE_REACH,
        )
        .order_by(Meeting.meeting_date)
    ).all()
    coming = [
        ComingDeadline(meeting, entry)
        for meeting in meetings
        for entry in meeting_timeline(meeting, today)
        if entry.is_open and today <= entry.deadline <= horizon
    ]
    return sorted(coming, key=lambda c: (c.entry.deadline, c.meeting.meeting_date))


# --- calendar invites and feeds ------------------------------------------------------------------


def meeting_url(meeting: Meeting) -> str | None:
    """The meeting's page, from ``BASE_URL`` (links in emails and calendars)."""
    if not has_app_context() or meeting.id is None:
        return None
    base = str(current_app.config.get("BASE_URL") or "").rstrip("/")
    return f"{base}/meetings/{meeting.id}" if base else None


def calendar_meeting(meeting: Meeting) -> ics.CalendarMeeting:
    return ics.CalendarMeeting(
        uid=meeting.ics_uid,
        sequence=meeting.ics_sequence,
        committee_short_name=meeting.committee.short_name,
        meeting_date=meeting.meeting_date,
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        location=meeting.location,
        online_link=meeting.online_link,
        cancelled=meeting.status == MeetingStatus.CANCELLED,
        page_url=meeting_url(meeting),
    )


def organiser_of(committee: Committee, day: date) -> ics.Person:
    """The invite's organiser: ``MAIL_FROM`` as the committee's secretariat, else the Chair."""
    configured = str(current_app.config.get("MAIL_FROM") or "") if has_app_context() else ""
    _name, address = parseaddr(configured)
    if "@" in address:
        return ics.Person(f"{committee.short_name} secretariat", address)
    chair = committee.chair_on(day)
    if chair is not None:
        return ics.Person(chair.person.full_name, chair.person.email)
    return ics.Person(f"{committee.short_name} secretariat", "govapp@localhost")


def invite_attendees(meeting: Meeting) -> list[Person]:
    """Who is invited: the members (the Chair included) on the meeting's date."""
    return [m.person for m in meeting.committee.members_on(meeting.meeting_date)]


def meeting_invite(meeting: Meeting, *, now: datetime) -> bytes:
    """The meeting's current invite: a request, or a cancellation once it is cancelled."""
    return ics.build_invite(
        calendar_meeting(meeting),
        organiser=organiser_of(meeting.committee, meeting.meeting_date),
        attendees=[ics.Person(p.full_name, p.email) for p in invite_attendees(meeting)],
        stamp=now,
    )


def _when(meeting: Meeting) -> str:
    return f"{long_date(meeting.meeting_date)} at {clock_time(meeting.starts_at)}"


def send_meeting_invites(meeting: Meeting, *, now: datetime, update: bool = False) -> None:
    """Queue the meeting's invite (or update, or cancellation) to every member, in this transaction."""
    db.session.flush()
    data = meeting_invite(meeting, now=now)
    name = f"{meeting.committee.short_name} meeting"
    url = meeting_url(meeting)
    cancelled = meeting.status == MeetingStatus.CANCELLED
    if cancelled:
        kind, method = "invite-cancel", "CANCEL"
        subject = f"Cancelled: {name}, {_when(meeting)}"
        opening = f"The {name} on {_when(meeting)} has been cancelled."
        if meeting.cancelled_reason:
            opening += f"\n\nReason: {meeting.cancelled_reason}"
    else:
        kind, method = "invite", "REQUEST"
        subject = f"{'Updated' if update else 'Invitation'}: {name}, {_when(meeting)}"
        where = meeting.location or ("online" if meeting.online_link else "place to be confirmed")
        change = "has been rescheduled. It will now be held on" if update else "will be held on"
        opening = f"The {name} {change} {_when(meeting)}, {where}."
    body = opening
    if meeting.online_link and not cancelled:
        body += f"\n\nJoin online: {meeting.online_link}"
    body += "\n\nThe attached calendar file updates your calendar."
    if url:
        body += f"\n\nDetails, the agenda and papers (sign in to see them): {url}"
    body += "\n\nThis meeting is not open to the public. Do not forward this email."
    attachment = Attachment("meeting.ics", f"text/calendar; method={method}", data)
    for person in invite_attendees(meeting):
        queue_email(
            person, kind=kind, subject=subject, body_text=body, attachments=[attachment], meeting=meeting, now=now
        )


def meetings_for_person(person: Person, today: date, *, months_back: int = 12) -> list[Meeting]:
    """The meetings of the person's committees while they were a member or secretariat there.

    Meetings of the past ``months_back`` months and every future one, cancelled ones included.
    """
    since = today - timedelta(days=round(months_back * 365 / 12))
    places: list[tuple[int, date, date | None]] = []
    for membership in db.session.scalars(select(Membership).where(Membership.person_id == person.id)):
        places.append((membership.committee_id, membership.starts_on, membership.ends_on))
    for post in db.session.scalars(select(SecretariatPost).where(SecretariatPost.person_id == person.id)):
        places.append((post.committee_id, post.starts_on, post.ends_on))
    if not places:
        return []
    meetings = db.session.scalars(
        select(Meeting)
        .where(Meeting.committee_id.in_({c for c, _s, _e in places}), Meeting.meeting_date >= since)
        .order_by(Meeting.meeting_date, Meeting.starts_at)
    ).all()
    return [
        m
        for m in meetings
        if any(
            c == m.committee_id and start <= m.meeting_date and (end is None or m.meeting_date <= end)
            for c, start, end in places
        )
    ]


def person_feed(person: Person, today: date, *, now: datetime) -> bytes:
    """The person's calendar subscription feed."""
    meetings = [calendar_meeting(m) for m in meetings_for_person(person, today)]
    return ics.build_feed(meetings, name="Your committee meetings (govapp)", stamp=now)
