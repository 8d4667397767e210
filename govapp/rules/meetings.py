"""The meeting pattern: the usual dates in a reporting year, and whether enough meetings were held.

Interpretations (CMR Panel defaults in brackets):

- The Panel usually meets on the **first Thursday of each month** (``usual_weekday`` 3 = Thursday,
  ``usual_week_of_month`` 1). ``usual_meeting_dates`` proposes that day in each of the 12 months of
  the reporting year (April to March). If a committee's orders ask for a fifth weekday, months
  without one have no proposed date.
- A proposed day that is not a working day (1 January 2026 is a Thursday and a bank holiday) is
  flagged, with an **alternative**: the next working day on the same weekday in the same month
  (8 January 2026), so the meeting keeps its usual weekday; if there is none, the next working day
  after the proposed day. The Chair may choose otherwise; the alternative is only a suggestion.
- The Panel meets at least **four times in each reporting year**; ``meetings_shortfall`` is how many
  more meetings the year still needs (never negative).
"""

from __future__ import annotations

import calendar as _calendar
from dataclasses import dataclass
from datetime import date

from govapp.rules._checks import check_count
from govapp.rules._checks import check_date
from govapp.rules._checks import shift
from govapp.rules.orders import CMR_PANEL
from govapp.rules.orders import StandingOrders
from govapp.rules.orders import require_orders
from govapp.rules.working_days import NORTHERN_IRELAND
from govapp.rules.working_days import WorkingCalendar
from govapp.rules.working_days import add_working_days
from govapp.rules.working_days import require_calendar

__all__ = ["ProposedMeeting", "meetings_shortfall", "nth_weekday_of_month", "usual_meeting_dates"]


@dataclass(frozen=True)
class ProposedMeeting:
    """A usual meeting date proposed by the scheduling helper.

    ``alternative`` is ``None`` when ``day`` is a working day; otherwise the suggested working day.
    """

    day: date
    is_working_day: bool
    alternative: date | None = None


def nth_weekday_of_month(year: int, month: int, weekday: int, week: int) -> date | None:
    """Return the ``week``-th ``weekday`` (Monday 0 … Sunday 6) of a month, or ``None`` if it has none.

    >>> nth_weekday_of_month(2026, 1, 3, 1)
    datetime.date(2026, 1, 1)
    """
    if not (_is_int(weekday) and 0 <= weekday <= 6):
        raise ValueError(f"The weekday must be a number from 0 (Monday) to 6 (Sunday), not {weekday!r}.")
    if not (_is_int(week) and 1 <= week <= 5):
        raise ValueError(f"The week of the month must be a number from 1 to 5, not {week!r}.")
    if not (_is_int(year) and _is_int(month)):
        raise ValueError(f"The year and month must be whole numbers, not {year!r} and {month!r}.")
    first = date(year, month, 1)
    day_number = 1 + (weekday - first.weekday()) % 7 + 7 * (week - 1)
    if day_number > _calendar.monthrange(year, month)[1]:
        return None
    return date(year, month, day_number)


def usual_meeting_dates(
    year_start: date, *, orders: StandingOrders = CMR_PANEL, calendar: WorkingCalendar = NORTHERN_IRELAND
) -> list[ProposedMeeting]:
    """Return the usual meeting dates in the reporting year starting ``year_start`` (which must be 1 April).

    One per month, April to March, flagged when not a working day, with an alternative.
    """
    check_date(year_start, "the start of the reporting year")
    orders = require_orders(orders)
    calendar = require_calendar(calendar)
    if (year_start.month, year_start.day) != (4, 1) or year_start.year >= 9999:
        raise ValueError(f"A reporting year starts on 1 April, not {year_start.isoformat()}.")
    proposals: list[ProposedMeeting] = []
    for offset in range(12):
        year, month = year_start.year + (3 + offset) // 12, (3 + offset) % 12 + 1
        day = nth_weekday_of_month(year, month, orders.usual_weekday, orders.usual_week_of_month)
        if day is None:
            continue
        if calendar.is_working_day(day):
            proposals.append(ProposedMeeting(day=day, is_working_day=True))
        else:
            proposals.append(ProposedMeeting(day=day, is_working_day=False, alternative=_alternative(day, calendar)))
    return proposals


def meetings_shortfall(held: int, *, orders: StandingOrders = CMR_PANEL) -> int:
    """Return how many more meetings the reporting year needs, given ``held`` meetings (0 if enough)."""
    check_count(held, "the number of meetings held")
    orders = require_orders(orders)
    return max(0, orders.meetings_per_year - held)


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _alternative(day: date, calendar: WorkingCalendar) -> date:
    candidate = shift(day, 7)
    while candidate.month == day.month:
        if calendar.is_working_day(candidate):
            return candidate
        candidate = shift(candidate, 7)
    return add_working_days(day, 1, calendar=calendar)
