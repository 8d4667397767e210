"""What a meeting's date and state let happen to it: calling it, recording it, signing its minutes.

Interpretations:

- **Calling or rescheduling a meeting** is never refused for coming too soon: the Chair may need an
  urgent meeting. But the standing orders are then broken, and that needs an explicit confirmation
  with a recorded reason, like serving a late notice. :func:`calling_concerns` lists each order the
  date would break: 7 clear days' notice can no longer be served (today is after
  :func:`~govapp.rules.deadlines.notice_deadline`); the day is not a working day; the deadline for
  members' agenda requests (14 clear days) has already passed.
- **A sane date.** A meeting more than ``MAX_YEARS_AHEAD`` (5) years ahead, or in the past, is
  refused with words (:func:`meeting_date_problem`): it is a typing slip, not a plan.
- **The record of a meeting** (roll call, declarations made at the meeting, motions, votes,
  outcomes) opens on the meeting's day, in Europe/London, and not before (:func:`record_closed_reason`).
  Interests are registered before the meeting on the agenda, not in the record.
- **Signing minutes** (standing orders: minutes are signed by the person presiding at the meeting
  that approves them) is allowed only when that meeting's "minutes of the previous meeting" item was
  quorate and its outcome records the approval (:func:`minutes_signing_refusal`).
"""

from __future__ import annotations

import calendar as _calendar
from dataclasses import dataclass
from datetime import date

from govapp.rules._checks import check_count
from govapp.rules._checks import check_date
from govapp.rules._checks import check_flag
from govapp.rules.deadlines import agenda_request_deadline
from govapp.rules.deadlines import notice_deadline
from govapp.rules.orders import CMR_PANEL
from govapp.rules.orders import StandingOrders
from govapp.rules.orders import require_orders
from govapp.rules.working_days import NORTHERN_IRELAND
from govapp.rules.working_days import WorkingCalendar
from govapp.rules.working_days import public_holidays
from govapp.rules.working_days import require_calendar

__all__ = [
    "AGENDA_REQUESTS_CLOSED",
    "MAX_YEARS_AHEAD",
    "NOT_A_WORKING_DAY",
    "SHORT_NOTICE",
    "Concern",
    "calling_concerns",
    "meeting_date_problem",
    "minutes_signing_refusal",
    "record_closed_reason",
]

MAX_YEARS_AHEAD = 5
"""How far ahead a meeting may be called."""

SHORT_NOTICE = "short_notice"
NOT_A_WORKING_DAY = "not_a_working_day"
AGENDA_REQUESTS_CLOSED = "agenda_requests_closed"


@dataclass(frozen=True)
class Concern:
    """A standing order a date would break; ``code`` is stable, ``message`` is shown to the person."""

    code: str
    message: str


#: What each concern says, filled in with the facts of the date.
_SAYS = {
    SHORT_NOTICE: "{clear_days} clear days' notice can no longer be served: the last day to serve notice of a "
    "meeting on {meeting} was {last_notice}.",
    NOT_A_WORKING_DAY: "{meeting} is not a working day: it is {why}.",
    AGENDA_REQUESTS_CLOSED: "The deadline for members to ask for agenda items ({last_request}) has already passed, "
    "so members cannot ask for items on time.",
}


def _long(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def calling_concerns(
    meeting_date: date,
    today: date,
    *,
    orders: StandingOrders = CMR_PANEL,
    calendar: WorkingCalendar = NORTHERN_IRELAND,
) -> tuple[Concern, ...]:
    """The orders that calling a meeting on ``meeting_date``, on ``today``, would break (none: empty).

    >>> [c.code for c in calling_concerns(date(2026, 12, 25), date(2026, 11, 23))]
    ['not_a_working_day']
    >>> [c.code for c in calling_concerns(date(2026, 11, 30), date(2026, 11, 23))]
    ['short_notice', 'agenda_requests_closed']
    """
    check_date(meeting_date, "the meeting date")
    check_date(today, "today")
    orders = require_orders(orders)
    calendar = require_calendar(calendar)
    last_notice = notice_deadline(meeting_date, orders=orders)
    last_request = agenda_request_deadline(meeting_date, orders=orders)
    broken = {
        SHORT_NOTICE: today > last_notice,
        NOT_A_WORKING_DAY: not calendar.is_working_day(meeting_date),
        AGENDA_REQUESTS_CLOSED: today > last_request,
    }
    if not any(broken.values()):
        return ()
    holiday = meeting_date in public_holidays(calendar.country, calendar.subdivision, meeting_date.year)
    facts = {
        "clear_days": orders.notice_clear_days,
        "meeting": _long(meeting_date),
        "last_notice": _long(last_notice),
        "last_request": _long(last_request),
        "why": "a public holiday"
        if holiday
        else ("a weekend" if meeting_date.weekday() >= 5 else "a day the organisation is closed"),
    }
    return tuple(Concern(code, _SAYS[code].format(**facts)) for code, is_broken in broken.items() if is_broken)


def meeting_date_problem(meeting_date: date, today: date, *, years_ahead: int = MAX_YEARS_AHEAD) -> str | None:
    """Why ``meeting_date`` cannot be a meeting's date on ``today``, or ``None`` if it can.

    >>> meeting_date_problem(date(9999, 12, 31), date(2026, 11, 23))
    'A meeting cannot be called more than 5 years ahead. Check the year: it was 9999.'
    """
    check_date(meeting_date, "the meeting date")
    check_date(today, "today")
    if meeting_date < today:
        return f"The date is in the past: choose {_long(today)} or later."
    latest_year = min(today.year + check_count(years_ahead, "the years ahead"), 9999)
    latest = date(latest_year, today.month, min(today.day, _calendar.monthrange(latest_year, today.month)[1]))
    if meeting_date > latest:
        return (
            f"A meeting cannot be called more than {years_ahead} years ahead. "
            f"Check the year: it was {meeting_date.year}."
        )
    return None


def record_closed_reason(meeting_date: date, today: date) -> str | None:
    """Why the record of a meeting on ``meeting_date`` cannot be made on ``today`` (Europe/London),
    or ``None`` when it can: it opens on the meeting's day.

    >>> record_closed_reason(date(2026, 12, 3), date(2026, 12, 3)) is None
    True
    """
    check_date(meeting_date, "the meeting date")
    check_date(today, "today")
    if today < meeting_date:
        return (
            f"The meeting is on {_long(meeting_date)}. Its record (attendance, declarations, motions, votes and "
            "outcomes) opens on the day of the meeting."
        )
    return None


def minutes_signing_refusal(approving_item_quorate: bool, approval_recorded: bool) -> str | None:
    """Why the Chair may not sign minutes, or ``None`` when they may: the approving meeting's minutes
    item must have been quorate, and its outcome must record the approval."""
    check_flag(approving_item_quorate, "whether the approving item was quorate")
    check_flag(approval_recorded, "whether the approval is recorded")
    if not approving_item_quorate:
        return (
            "The item that approves these minutes was not quorate, so the minutes were not approved. "
            "They can be approved at a later quorate meeting."
        )
    if not approval_recorded:
        return (
            "No approval of these minutes is recorded. Record the approval (agreed, or agreed with "
            "amendments) as the outcome of the item before signing."
        )
    return None
