"""Working days: Monday to Friday, less public holidays and the organisation's closure days.

Interpretation: a working day is a weekday that is not a bank or public holiday of the calendar's
country and subdivision (by default Northern Ireland: ``holidays.country_holidays("GB",
subdiv="NIR")``, which includes 17 March and 12 July and the substitute days when a holiday falls
at a weekend) and not one of the calendar's extra ``closures``. Holidays come from the maintained
``holidays`` library, never a hand-written list; each (country, subdivision, year) is looked up
once and cached.

``add_working_days(start, n)`` is the n-th working day strictly after ``start`` (the start day does
not count, whether or not it is a working day); ``n == 0`` returns ``start`` unchanged.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import holidays

from govapp.rules._checks import check_count
from govapp.rules._checks import check_date
from govapp.rules._checks import shift
from govapp.rules.orders import CMR_PANEL
from govapp.rules.orders import StandingOrders
from govapp.rules.orders import require_orders

__all__ = ["NORTHERN_IRELAND", "WorkingCalendar", "add_working_days", "is_working_day", "public_holidays"]


@functools.lru_cache(maxsize=256)
def public_holidays(country: str, subdivision: str, year: int) -> frozenset[date]:
    """Return the public holidays (substitute days included) of a country and subdivision in a year.

    ``subdivision`` may be ``""`` for a country's national holidays only. Unknown countries or
    subdivisions raise ``ValueError``.
    """
    try:
        found = holidays.country_holidays(country, subdiv=subdivision or None, years=year)
    except NotImplementedError:
        where = f"{country}, subdivision {subdivision}" if subdivision else country
        raise ValueError(f"No public holiday calendar is available for {where}.") from None
    return frozenset(day for day in found if day.year == year)


@dataclass(frozen=True)
class WorkingCalendar:
    """Where working days are counted: a country, its subdivision and the organisation's extra closures."""

    country: str = "GB"
    subdivision: str = "NIR"
    closures: frozenset[date] = frozenset()

    def __post_init__(self) -> None:
        if not isinstance(self.country, str) or not self.country:
            raise ValueError(f"The calendar's country must be a country code such as 'GB', not {self.country!r}.")
        if not isinstance(self.subdivision, str):
            raise ValueError(f"The calendar's subdivision must be a code such as 'NIR', not {self.subdivision!r}.")
        if isinstance(self.closures, str | bytes) or not isinstance(self.closures, Iterable):
            raise ValueError(f"Closure days must be a collection of dates, not {self.closures!r}.")
        closures = frozenset(self.closures)
        for day in closures:
            check_date(day, "each closure day")
        object.__setattr__(self, "closures", closures)
        # Look one year up now, so an unknown country or subdivision is reported when the calendar is made.
        public_holidays(self.country, self.subdivision, 2026)

    def is_working_day(self, day: date) -> bool:
        """Return whether ``day`` is a working day in this calendar."""
        check_date(day, "the day")
        return (
            day.weekday() < 5
            and day not in self.closures
            and day not in public_holidays(self.country, self.subdivision, day.year)
        )


NORTHERN_IRELAND = WorkingCalendar()
"""Northern Ireland bank and public holidays, no extra closures: the default ``calendar=``."""


def is_working_day(
    day: date, *, orders: StandingOrders = CMR_PANEL, calendar: WorkingCalendar = NORTHERN_IRELAND
) -> bool:
    """Return whether ``day`` is a working day (``orders`` is accepted for a uniform API; it does not matter here)."""
    require_orders(orders)
    require_calendar(calendar)
    return calendar.is_working_day(day)


def add_working_days(
    start: date, n: int, *, orders: StandingOrders = CMR_PANEL, calendar: WorkingCalendar = NORTHERN_IRELAND
) -> date:
    """Return the n-th working day strictly after ``start``; ``n == 0`` returns ``start``.

    >>> add_working_days(date(2026, 3, 5), 21)  # 17 March, Good Friday and Easter Monday skipped
    datetime.date(2026, 4, 8)
    """
    check_date(start, "the start date")
    check_count(n, "the number of working days")
    require_orders(orders)
    require_calendar(calendar)
    day = start
    remaining = n
    while remaining:
        day = shift(day, 1)
        if calendar.is_working_day(day):
            remaining -= 1
    return day


def require_calendar(calendar: object) -> WorkingCalendar:
    """Return ``calendar`` if it is a :class:`WorkingCalendar`; otherwise raise ``ValueError``."""
    if not isinstance(calendar, WorkingCalendar):
        raise ValueError(f"The calendar must be a WorkingCalendar, not {calendar!r}.")
    return calendar
