"""Deadlines the standing orders set, and how a deadline stands on a given day.

Interpretations (CMR Panel defaults in brackets; all days are Europe/London calendar days unless
working days are said):

- **Notice of meeting** (7 clear days): served on or before the meeting date − (7 + 1) days.
  Meeting Thu 3 Dec 2026 → notice by Wed 25 Nov 2026.
- **Agenda and papers** (7 days): despatched on or before the meeting date − 7 days.
  Meeting Thu 3 Dec 2026 → papers by Thu 26 Nov 2026.
- **Agenda request** (14 clear days): on time when its Europe/London date is on or before the meeting
  date − (14 + 1) days. Meeting Thu 3 Dec 2026 → on time if received by Wed 18 Nov 2026. A request
  received as a date and time is converted to Europe/London first (a naive date and time is taken as
  London local time), so 23:30 UTC on 17 June is already 18 June in London.
- **Draft minutes** (21 working days): circulated on or before the 21st working day after the
  meeting. Meeting Thu 5 Mar 2026 → by Wed 8 Apr 2026 (17 March, Good Friday, Easter Monday skipped).
- **Requisition** (14 days): the Chair calls the meeting (serves notice) on or before the
  presentation date + 14 days. Presented Mon 2 Mar 2026 → by Mon 16 Mar 2026.
- **Reconvening an inquorate meeting** (1 month from and including the scheduled date): the day
  before the same day-number a month later, or the last day of that month if it has no such day.
  15 Jan → 14 Feb; 29, 30 or 31 Jan 2026 → 28 Feb 2026; 31 Dec → 30 Jan.
- **Deadline state** on a day: ``"met"`` if done on or before the deadline, ``"late"`` if done after
  it; if not done, ``"to come"`` before the deadline, ``"due"`` on the deadline day itself and
  ``"missed"`` after it. Only the deadline and the day something was done decide met or late.
"""

from __future__ import annotations

from datetime import date
from datetime import datetime
from zoneinfo import ZoneInfo

from govapp.rules._checks import check_date
from govapp.rules._checks import shift
from govapp.rules.dates import months_period_end
from govapp.rules.orders import CMR_PANEL
from govapp.rules.orders import StandingOrders
from govapp.rules.orders import require_orders
from govapp.rules.working_days import NORTHERN_IRELAND
from govapp.rules.working_days import WorkingCalendar
from govapp.rules.working_days import add_working_days
from govapp.rules.working_days import require_calendar

__all__ = [
    "DUE",
    "LATE",
    "LONDON",
    "MET",
    "MISSED",
    "TO_COME",
    "agenda_request_deadline",
    "agenda_request_on_time",
    "deadline_state",
    "london_date",
    "minutes_deadline",
    "notice_deadline",
    "papers_deadline",
    "reconvene_deadline",
    "requisition_call_deadline",
]

LONDON = ZoneInfo("Europe/London")
"""The time zone every date in the standing orders is read in."""

MET = "met"
"""Done on or before the deadline."""
LATE = "late"
"""Done, but after the deadline."""
MISSED = "missed"
"""Not done, and the deadline has passed."""
DUE = "due"
"""Not done, and today is the deadline."""
TO_COME = "to come"
"""Not done, and the deadline is still to come."""


def notice_deadline(meeting_date: date, *, orders: StandingOrders = CMR_PANEL) -> date:
    """Return the last day on which notice of the meeting may be served (``notice_clear_days`` clear days)."""
    check_date(meeting_date, "the meeting date")
    orders = require_orders(orders)
    return shift(meeting_date, -(orders.notice_clear_days + 1))


def papers_deadline(meeting_date: date, *, orders: StandingOrders = CMR_PANEL) -> date:
    """Return the last day to despatch the agenda and supporting papers (``papers_days`` days before)."""
    check_date(meeting_date, "the meeting date")
    orders = require_orders(orders)
    return shift(meeting_date, -orders.papers_days)


def agenda_request_deadline(meeting_date: date, *, orders: StandingOrders = CMR_PANEL) -> date:
    """Return the last day a member's agenda request is on time (``agenda_request_clear_days`` clear days)."""
    check_date(meeting_date, "the meeting date")
    orders = require_orders(orders)
    return shift(meeting_date, -(orders.agenda_request_clear_days + 1))


def london_date(moment: date | datetime) -> date:
    """Return the Europe/London calendar date of ``moment``.

    A date is returned as it is. An aware date and time is converted to Europe/London; a naive one
    is taken to be Europe/London local time already.
    """
    if isinstance(moment, datetime):
        if moment.tzinfo is not None and moment.utcoffset() is not None:
            try:
                return moment.astimezone(LONDON).date()
            except OverflowError:
                raise ValueError(f"{moment.isoformat()} falls outside the calendar in Europe/London.") from None
        return moment.date()
    return check_date(moment, "the date")


def agenda_request_on_time(
    meeting_date: date, received: date | datetime, *, orders: StandingOrders = CMR_PANEL
) -> bool:
    """Return whether an agenda request received at ``received`` is on time for the meeting.

    ``received`` may be a date or a date and time (see :func:`london_date`); the request is on time
    when its Europe/London date is on or before :func:`agenda_request_deadline`.
    """
    if not isinstance(received, date):
        raise ValueError(f"The date the agenda request was received must be a date or date and time, not {received!r}.")
    return london_date(received) <= agenda_request_deadline(meeting_date, orders=orders)


def minutes_deadline(
    meeting_date: date, *, orders: StandingOrders = CMR_PANEL, calendar: WorkingCalendar = NORTHERN_IRELAND
) -> date:
    """Return the last day to circulate the draft minutes (the ``minutes_working_days``-th working day after)."""
    orders = require_orders(orders)
    require_calendar(calendar)
    return add_working_days(meeting_date, orders.minutes_working_days, orders=orders, calendar=calendar)


def requisition_call_deadline(presented: date, *, orders: StandingOrders = CMR_PANEL) -> date:
    """Return the last day for the Chair to call (serve notice of) a requisitioned meeting."""
    check_date(presented, "the date the requisition was presented")
    orders = require_orders(orders)
    return shift(presented, orders.requisition_call_days)


def reconvene_deadline(scheduled: date, *, orders: StandingOrders = CMR_PANEL) -> date:
    """Return the last day for the further meeting after an inquorate one scheduled on ``scheduled``."""
    check_date(scheduled, "the date the meeting was scheduled for")
    orders = require_orders(orders)
    return months_period_end(scheduled, orders.reconvene_months)


def deadline_state(deadline: date, done_on: date | None, today: date) -> str:
    """Return how a deadline stands on ``today``: ``MET``, ``LATE``, ``MISSED``, ``DUE`` or ``TO_COME``."""
    check_date(deadline, "the deadline")
    check_date(today, "today's date")
    if done_on is not None:
        check_date(done_on, "the date it was done")
        return MET if done_on <= deadline else LATE
    if today > deadline:
        return MISSED
    if today == deadline:
        return DUE
    return TO_COME
