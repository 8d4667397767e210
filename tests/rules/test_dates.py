"""Calendar arithmetic: months, clear days and the reporting year."""

from __future__ import annotations

from datetime import date
from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from govapp.rules import add_months
from govapp.rules import clear_days_between
from govapp.rules import months_period_end
from govapp.rules import reporting_year

from .strategies import meeting_dates


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 1, 15), 1, date(2026, 2, 15)),
        (date(2026, 1, 31), 1, None),  # February has no 31st
        (date(2026, 1, 29), 1, None),  # nor, in 2026, a 29th
        (date(2028, 1, 29), 1, date(2028, 2, 29)),
        (date(2026, 12, 31), 1, date(2027, 1, 31)),
        (date(2026, 3, 31), -1, None),
        (date(2026, 3, 15), -3, date(2025, 12, 15)),
        (date(2024, 2, 29), 12, None),
        (date(2024, 2, 29), 48, date(2028, 2, 29)),
        (date(2026, 5, 7), 0, date(2026, 5, 7)),
    ],
)
def test_add_months_keeps_the_day_number_or_says_there_is_none(day: date, months: int, expected: date | None) -> None:
    assert add_months(day, months) == expected


@pytest.mark.parametrize(
    ("start", "months", "end"),
    [
        (date(2026, 1, 15), 1, date(2026, 2, 14)),
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2026, 1, 1), 1, date(2026, 1, 31)),
        (date(2026, 12, 31), 1, date(2027, 1, 30)),
        (date(2025, 1, 15), 12, date(2026, 1, 14)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2026, 8, 31), 6, date(2027, 2, 28)),
    ],
)
def test_a_period_of_months_ends_the_day_before_the_same_day_number_or_at_the_month_end(
    start: date, months: int, end: date
) -> None:
    assert months_period_end(start, months) == end


@pytest.mark.parametrize("months", [0, -1, "1", True])
def test_a_period_must_be_at_least_one_whole_month(months: object) -> None:
    with pytest.raises(ValueError, match="whole number of months"):
        months_period_end(date(2026, 1, 15), months)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("first", "second", "clear_days"),
    [
        (date(2026, 11, 25), date(2026, 12, 3), 7),
        (date(2026, 11, 18), date(2026, 12, 3), 14),
        (date(2026, 12, 3), date(2026, 12, 3), 0),
        (date(2026, 12, 2), date(2026, 12, 3), 0),
        (date(2026, 12, 1), date(2026, 12, 3), 1),
        (date(2026, 12, 31), date(2027, 1, 2), 1),
    ],
)
def test_clear_days_count_neither_the_first_day_nor_the_second(first: date, second: date, clear_days: int) -> None:
    assert clear_days_between(first, second) == clear_days


def test_clear_days_refuse_a_second_date_before_the_first() -> None:
    with pytest.raises(ValueError, match="before the first"):
        clear_days_between(date(2026, 12, 3), date(2026, 11, 25))


@pytest.mark.parametrize(
    ("day", "year"),
    [
        (date(2026, 1, 1), (date(2025, 4, 1), date(2026, 3, 31))),
        (date(2026, 3, 31), (date(2025, 4, 1), date(2026, 3, 31))),
        (date(2026, 4, 1), (date(2026, 4, 1), date(2027, 3, 31))),
        (date(2026, 12, 31), (date(2026, 4, 1), date(2027, 3, 31))),
    ],
)
def test_the_reporting_year_runs_from_1_april_to_31_march(day: date, year: tuple[date, date]) -> None:
    assert reporting_year(day) == year


@pytest.mark.parametrize("bad", ["2026-01-01", None, datetime(2026, 1, 1, 12, 0)])
def test_calendar_helpers_refuse_anything_but_dates(bad: object) -> None:
    with pytest.raises(ValueError, match="must be a date"):
        reporting_year(bad)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="must be a date"):
        add_months(bad, 1)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="must be a date"):
        clear_days_between(bad, date(2026, 1, 1))  # type: ignore[arg-type]


@settings(max_examples=200)
@given(day=meeting_dates)
def test_every_day_lies_in_its_reporting_year(day: date) -> None:
    first, last = reporting_year(day)
    assert first <= day <= last
    assert (first.month, first.day, last.month, last.day) == (4, 1, 3, 31)
    assert last.year == first.year + 1


@settings(max_examples=200)
@given(start=meeting_dates, months=st.integers(min_value=1, max_value=36))
def test_a_period_of_months_ends_just_before_the_same_day_n_months_later(start: date, months: int) -> None:
    end = months_period_end(start, months)
    same_day = add_months(start, months)
    if same_day is not None:
        assert (same_day - end).days == 1
    else:
        assert end.day < start.day
        assert (end.year * 12 + end.month) - (start.year * 12 + start.month) == months
