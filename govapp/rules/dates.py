"""Calendar arithmetic the standing orders need: months, clear days and the reporting year.

Interpretations:

- **Months.** ``add_months(day, n)`` is the same day-number ``n`` months later, or ``None`` when that
  month has no such day (31 January + 1 month). A period of ``n`` months *from and including* a day
  ends on the day before that same day-number ``n`` months later; where that month has no such day,
  it ends on the last day of that month (``months_period_end``: 15 Jan → 14 Feb; 29, 30 or 31 Jan
  2026 → 28 Feb 2026; 31 Dec → 30 Jan). The reconvene deadline and the absence window both use it.
- **Clear days** between two days count neither of them: from Monday to the Wednesday after next
  there are 8 clear days. Events on the same or consecutive days have 0 clear days between them.
- **Reporting year** runs 1 April to 31 March, as in the SBNI annual report.
"""

from __future__ import annotations

import calendar
from datetime import date

from govapp.rules._checks import check_date
from govapp.rules._checks import shift

__all__ = ["add_months", "clear_days_between", "months_period_end", "reporting_year"]


def add_months(day: date, months: int) -> date | None:
    """Return the same day-number ``months`` later (or earlier, if negative), or ``None`` if that month is too short.

    >>> add_months(date(2026, 1, 15), 1)
    datetime.date(2026, 2, 15)
    >>> add_months(date(2026, 1, 31), 1) is None
    True
    """
    check_date(day, "the date")
    if isinstance(months, bool) or not isinstance(months, int):
        raise ValueError(f"The number of months must be a whole number, not {months!r}.")
    year, month = _month_after(day.year, day.month, months)
    if day.day > calendar.monthrange(year, month)[1]:
        return None
    return date(year, month, day.day)


def months_period_end(start: date, months: int) -> date:
    """Return the last day of the period of ``months`` months from and including ``start``.

    The day before the same day-number ``months`` later; if that month has no such day, the last
    day of that month. ``months`` must be at least 1.

    >>> months_period_end(date(2026, 1, 15), 1)
    datetime.date(2026, 2, 14)
    >>> months_period_end(date(2026, 1, 31), 1)
    datetime.date(2026, 2, 28)
    """
    check_date(start, "the start of the period")
    if isinstance(months, bool) or not isinstance(months, int) or months < 1:
        raise ValueError(f"A period must be a whole number of months, at least 1 (got {months!r}).")
    same_day = add_months(start, months)
    if same_day is None:
        year, month = _month_after(start.year, start.month, months)
        return date(year, month, calendar.monthrange(year, month)[1])
    return shift(same_day, -1)


def clear_days_between(first: date, second: date) -> int:
    """Return the whole days strictly between ``first`` and ``second``, counting neither.

    ``second`` must not be before ``first``.

    >>> clear_days_between(date(2026, 11, 25), date(2026, 12, 3))
    7
    """
    check_date(first, "the first date")
    check_date(second, "the second date")
    if second < first:
        raise ValueError(f"The second date ({second.isoformat()}) is before the first ({first.isoformat()}).")
    return max(0, (second - first).days - 1)


def reporting_year(day: date, *, orders: object = None) -> tuple[date, date]:
    """Return the first and last days (1 April, 31 March) of the reporting year containing ``day``.

    ``orders`` is accepted, as by every case clock, and changes nothing: the reporting year is fixed.

    >>> reporting_year(date(2026, 1, 1))
    (datetime.date(2025, 4, 1), datetime.date(2026, 3, 31))
    """
    check_date(day, "the date")
    first_year = day.year if day.month >= 4 else day.year - 1
    try:
        return date(first_year, 4, 1), date(first_year + 1, 3, 31)
    except ValueError:
        raise ValueError(f"The reporting year containing {day.isoformat()} falls outside the calendar.") from None


def _month_after(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + months
    new_year, new_month = divmod(index, 12)
    if not 1 <= new_year <= 9999:
        raise ValueError(f"Moving {months} months from {year}-{month:02d} falls outside the calendar.")
    return new_year, new_month + 1
