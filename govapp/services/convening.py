"""Convening meetings: the year's schedule, calling, rescheduling and cancelling a meeting (its
calendar invites go through ``govapp.services.invites``), recording an inquorate meeting and its
further meeting, and the year's record of meetings held.

Interpretations:

- **Held.** A meeting counts as held for the four-a-year rule when its status is *held*, or when it
  is still *scheduled* and its date has passed (nobody recorded otherwise). Cancelled meetings and
  inquorate meetings (no business was transacted) do not count.
- **Past dates.** A person cannot call a meeting, or move one, to a date before today. Meetings are
  Europe/London local dates and times.
- **One meeting a day.** A committee cannot have two meetings (not cancelled) on the same date.
- **Inquorate meetings.** The further meeting must take place by ``rules.reconvene_deadline``; one
  dated later needs explicit confirmation and is flagged wherever it is shown.
"""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Sequence
from dataclasses import asdict
from dataclasses import dataclass
from dataclasses import replace
from datetime import date
from datetime import datetime
from datetime import time
from typing import Any

from sqlalchemy import select

from govapp import clock
from govapp import rules
from govapp.extensions import db
from govapp.formatting import long_date
from govapp.models import AgendaItem
from govapp.models import Committee
from govapp.models import ItemPurpose
from govapp.models import Meeting
from govapp.models import MeetingStatus
from govapp.models import User
from govapp.models import WhenAndWhere
from govapp.services import ServiceError
from govapp.services.audit import record_change
from govapp.services.audit import snapshot
from govapp.services.calendars import working_calendar
from govapp.services.invites import send_meeting_invites

# --- working days --------------------------------------------------------------------------------


# --- checks shared by calling and rescheduling ---------------------------------------------------


def _check_times(starts_at: time, ends_at: time | None) -> None:
    if ends_at is not None and ends_at <= starts_at:
        raise ServiceError("The finish time must be after the start time.", field="ends_at")


def _check_not_past(meeting_date: date, today: date | None) -> None:
    if today is not None and meeting_date < today:
        raise ServiceError("The meeting date must be today or in the future.", field="meeting_date")


def _orders_broken(
    committee: Committee,
    meeting_date: date,
    today: date | None,
    confirmed: bool,
    reason: str | None,
    *,
    further_meeting: bool = False,
) -> str | None:
    """The orders a call on ``meeting_date`` breaks (``rules.calling_concerns``), with the reason given:
    ``None`` when it breaks none. Breaking them needs an explicit confirmation with a reason; without
    one the call is refused, with the orders it would break in words. A date outside a sane window is
    refused outright (``rules.meeting_date_problem``)."""
    if today is None:  # loading a record, not a person calling a meeting
        return None
    problem = rules.meeting_date_problem(meeting_date, today)
    if problem:
        raise ServiceError(problem, field="meeting_date")
    concerns = rules.calling_concerns(
        meeting_date, today, orders=committee.standing_orders, calendar=working_calendar()
    )
    if further_meeting:
        # A further meeting transacts the inquorate meeting's business: there are no new agenda requests.
        concerns = tuple(c for c in concerns if c.code != rules.AGENDA_REQUESTS_CLOSED)
    if not concerns:
        return None
    broken = " ".join(concern.message for concern in concerns)
    if not confirmed:
        raise ServiceError(
            f"{broken} To call the meeting on that date all the same, confirm it and say why.",
            field="confirm_orders",
        )
    reason = (reason or "").strip()
    if not reason:
        raise ServiceError("Say why the meeting must be held on that date.", field="orders_reason")
    return f"{broken} Reason given: {reason}"


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
    when: WhenAndWhere,
    *,
    today: date | None = None,
    reconvenes: Meeting | None = None,
    confirm_late: bool = False,
    send_invites: bool = False,
    now: datetime | None = None,
    confirm_orders: bool = False,
    orders_reason: str | None = None,
) -> Meeting:
    """Call a meeting ``when`` and where it says; the committee's standing items open its agenda.

    With ``today``, a date before it is refused. With ``reconvenes``, the meeting is the further
    meeting after that inquorate one (a date after the reconvene deadline needs ``confirm_late``).
    With ``send_invites``, every member is sent a calendar invite through the outbox. (Loading demo
    data or a past year's record passes neither.)
    """
    meeting_date = when.meeting_date
    _check_times(when.starts_at, when.ends_at)
    _check_not_past(meeting_date, today)
    _check_free_day(committee, meeting_date)
    called_despite = _orders_broken(
        committee, meeting_date, today, confirm_orders, orders_reason, further_meeting=reconvenes is not None
    )
    if reconvenes is not None:
        _check_further_meeting(reconvenes, committee, meeting_date, confirm_late)
        if further_meeting_of(reconvenes) is not None:
            raise ServiceError(
                f"A further meeting has already been called for the inquorate meeting of "
                f"{long_date(reconvenes.meeting_date)}. Reschedule that one instead."
            )
    meeting = Meeting(
        committee=committee,
        **asdict(_cleaned(when)),
        created_by_id=actor.id if actor else None,
        reconvenes=reconvenes,
        called_despite=called_despite,
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
    meetings: Iterable[WhenAndWhere],
    *,
    today: date,
    now: datetime,
    confirm_orders: bool = False,
    orders_reason: str | None = None,
) -> list[Meeting]:
    """Call several meetings at once (the year's proposals the Chair chose), each with its invites. A
    date that breaks standing orders needs the same confirmation and reason as a single call."""
    chosen = sorted(set(meetings), key=lambda when: when.meeting_date)
    if not chosen:
        raise ServiceError("Choose at least one meeting to create.", field="days")
    orders: dict[str, Any] = {"confirm_orders": confirm_orders, "orders_reason": orders_reason}
    return [
        schedule_meeting(actor, committee, when, today=today, send_invites=True, now=now, **orders) for when in chosen
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
    when: WhenAndWhere,
    *,
    today: date,
    now: datetime,
    confirm_late: bool = False,
    confirm_orders: bool = False,
    orders_reason: str | None = None,
) -> Meeting:
    """Move a meeting to a new date, time or place (``when``), and send members an updated invite."""
    _check_can_change(meeting, today, "rescheduled")
    meeting_date = when.meeting_date
    _check_times(when.starts_at, when.ends_at)
    _check_not_past(meeting_date, today)
    _check_free_day(meeting.committee, meeting_date, other_than=meeting)
    called_despite = (
        _orders_broken(
            meeting.committee,
            meeting_date,
            today,
            confirm_orders,
            orders_reason,
            further_meeting=meeting.reconvenes is not None,
        )
        if meeting_date != meeting.meeting_date
        else meeting.called_despite
    )
    if meeting.reconvenes is not None:
        _check_further_meeting(meeting.reconvenes, meeting.committee, meeting_date, confirm_late)
    new = asdict(_cleaned(when))
    if new == meeting.when_and_where():
        raise ServiceError("Nothing has changed. Enter the new date, time or place.", field="meeting_date")
    before = snapshot(meeting)
    for name, value in new.items():
        setattr(meeting, name, value)
    meeting.called_despite = called_despite
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


def _cleaned(when: WhenAndWhere) -> WhenAndWhere:
    """``when`` with its place trimmed, and a blank place as none."""
    return replace(when, location=_clean(when.location), online_link=_clean(when.online_link))


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
