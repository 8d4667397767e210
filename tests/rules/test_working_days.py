"""Working days in Northern Ireland: weekends, bank and public holidays, substitutes, closures."""

from __future__ import annotations

from datetime import date
from datetime import datetime
from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from govapp.rules import NORTHERN_IRELAND
from govapp.rules import WorkingCalendar
from govapp.rules import add_working_days
from govapp.rules import is_working_day
from govapp.rules import public_holidays

from .strategies import meeting_dates

NORTHERN_IRELAND_HOLIDAYS = [
    # St Patrick's Day, 17 March, and its substitutes when it falls at a weekend
    date(2025, 3, 17),
    date(2026, 3, 17),
    date(2027, 3, 17),
    date(2028, 3, 17),
    date(2029, 3, 19),  # 17 March 2029 is a Saturday
    date(2030, 3, 18),  # 17 March 2030 is a Sunday
    # Battle of the Boyne, 12 July, and its substitutes
    date(2025, 7, 14),  # 12 July 2025 is a Saturday
    date(2026, 7, 13),  # 12 July 2026 is a Sunday
    date(2027, 7, 12),
    date(2028, 7, 12),
    # Good Friday and Easter Monday
    date(2025, 4, 18),
    date(2025, 4, 21),
    date(2026, 4, 3),
    date(2026, 4, 6),
    date(2027, 3, 26),
    date(2027, 3, 29),
    date(2028, 4, 14),
    date(2028, 4, 17),
    # Christmas Day and Boxing Day, and their substitutes
    date(2025, 12, 25),
    date(2025, 12, 26),
    date(2026, 12, 25),
    date(2026, 12, 28),  # Boxing Day 2026 is a Saturday
    date(2027, 12, 27),  # Christmas Day 2027 is a Saturday
    date(2027, 12, 28),  # Boxing Day 2027 is a Sunday
    date(2028, 12, 25),
    date(2028, 12, 26),
    # New Year's Day and the other bank holidays
    date(2026, 1, 1),
    date(2028, 1, 3),  # 1 January 2028 is a Saturday
    date(2026, 5, 4),
    date(2026, 5, 25),
    date(2026, 8, 31),
]

ORDINARY_WORKING_DAYS = [
    date(2025, 3, 18),
    date(2025, 7, 11),  # the Friday before 12 July 2025
    date(2025, 7, 15),
    date(2026, 3, 16),  # the Monday before St Patrick's Day 2026
    date(2026, 3, 18),
    date(2026, 4, 7),  # the Tuesday after Easter Monday
    date(2026, 7, 14),
    date(2026, 12, 29),
    date(2027, 3, 17) + timedelta(days=1),
    date(2027, 12, 29),
    date(2028, 1, 4),
    date(2029, 3, 20),
]


@pytest.mark.parametrize("holiday", NORTHERN_IRELAND_HOLIDAYS, ids=str)
def test_northern_ireland_bank_and_public_holidays_are_not_working_days(holiday: date) -> None:
    assert holiday.weekday() < 5, "the table should list weekdays only"
    assert is_working_day(holiday) is False


@pytest.mark.parametrize("day", ORDINARY_WORKING_DAYS, ids=str)
def test_ordinary_weekdays_are_working_days(day: date) -> None:
    assert is_working_day(day) is True


@pytest.mark.parametrize(
    "weekend_day",
    [date(2026, 3, 14), date(2026, 3, 15), date(2026, 7, 12), date(2027, 12, 25), date(2028, 1, 1)],
    ids=str,
)
def test_saturdays_and_sundays_are_not_working_days(weekend_day: date) -> None:
    assert is_working_day(weekend_day) is False


def test_the_holiday_library_names_the_substitute_days() -> None:
    holidays_2026 = public_holidays("GB", "NIR", 2026)
    assert date(2026, 7, 13) in holidays_2026
    assert date(2026, 12, 28) in holidays_2026
    assert all(day.year == 2026 for day in holidays_2026)


def test_england_does_not_close_for_st_patricks_day_but_northern_ireland_does() -> None:
    england = WorkingCalendar(country="GB", subdivision="ENG")
    assert is_working_day(date(2026, 3, 17), calendar=england) is True
    assert is_working_day(date(2026, 3, 17)) is False


def test_extra_closure_days_are_not_working_days() -> None:
    christmas_closure = WorkingCalendar(closures=frozenset({date(2026, 12, 29), date(2026, 12, 30)}))
    assert is_working_day(date(2026, 12, 29), calendar=christmas_closure) is False
    assert is_working_day(date(2026, 12, 30), calendar=christmas_closure) is False
    assert is_working_day(date(2026, 12, 31), calendar=christmas_closure) is True
    assert is_working_day(date(2026, 12, 29)) is True


def test_closures_given_as_a_list_are_kept_as_a_frozen_set() -> None:
    calendar = WorkingCalendar(closures=[date(2026, 12, 29)])  # type: ignore[arg-type]
    assert calendar.closures == frozenset({date(2026, 12, 29)})
    assert hash(calendar) == hash(WorkingCalendar(closures=frozenset({date(2026, 12, 29)})))


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (date(2026, 3, 5), 21, date(2026, 4, 8)),  # worked example: 17 March, Good Friday, Easter Monday skipped
        (date(2026, 3, 5), 0, date(2026, 3, 5)),
        (date(2026, 3, 5), 1, date(2026, 3, 6)),
        (date(2026, 3, 6), 1, date(2026, 3, 9)),  # Friday to Monday
        (date(2026, 3, 16), 1, date(2026, 3, 18)),  # over St Patrick's Day
        (date(2026, 4, 3), 0, date(2026, 4, 3)),  # n == 0 returns the start even on a holiday
        (date(2026, 4, 3), 1, date(2026, 4, 7)),  # from Good Friday, over Easter Monday
        (date(2025, 12, 24), 1, date(2025, 12, 29)),
        (date(2026, 12, 24), 1, date(2026, 12, 29)),  # Boxing Day substitute on Monday 28th
        (date(2027, 12, 24), 1, date(2027, 12, 29)),  # both Christmas substitutes
        (date(2025, 7, 11), 1, date(2025, 7, 15)),  # 12 July substitute on Monday 14th
        (date(2026, 7, 10), 1, date(2026, 7, 14)),  # 12 July substitute on Monday 13th
        (date(2027, 12, 31), 1, date(2028, 1, 4)),  # New Year's Day substitute on Monday 3 January
        (date(2026, 12, 3), 21, date(2027, 1, 6)),
        (date(2025, 7, 3), 21, date(2025, 8, 4)),
    ],
)
def test_add_working_days_counts_only_working_days_after_the_start(start: date, n: int, expected: date) -> None:
    assert add_working_days(start, n) == expected


def test_add_working_days_skips_extra_closures() -> None:
    closures = frozenset({date(2026, 12, 29), date(2026, 12, 30), date(2026, 12, 31)})
    calendar = WorkingCalendar(closures=closures)
    # 25 Dec holiday, weekend, 28 Dec substitute, 29-31 closed, 1 Jan holiday, weekend
    assert add_working_days(date(2026, 12, 24), 1, calendar=calendar) == date(2027, 1, 4)


@pytest.mark.parametrize(
    ("start", "n"),
    [
        (date(2026, 3, 5), -1),
        (date(2026, 3, 5), "3"),
        (date(2026, 3, 5), 2.0),
        (date(2026, 3, 5), True),
        ("2026-03-05", 3),
        (datetime(2026, 3, 5, 10, 0), 3),
        (None, 3),
    ],
)
def test_add_working_days_refuses_bad_input_with_a_value_error(start: object, n: object) -> None:
    with pytest.raises(ValueError, match=r"(?i)number of working days|start date"):
        add_working_days(start, n)  # type: ignore[arg-type]


@pytest.mark.parametrize("bad_day", ["2026-03-17", None, 20260317, datetime(2026, 3, 17, 9, 0)])
def test_is_working_day_refuses_anything_but_a_date(bad_day: object) -> None:
    with pytest.raises(ValueError, match="must be a date"):
        is_working_day(bad_day)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"country": "XX"}, "No public holiday calendar"),
        ({"subdivision": "XXX"}, "No public holiday calendar"),
        ({"country": ""}, "country code"),
        ({"subdivision": None}, "subdivision"),
        ({"closures": "2026-12-29"}, "collection of dates"),
        ({"closures": frozenset({"2026-12-29"})}, "closure day must be a date"),
    ],
)
def test_a_calendar_with_bad_settings_is_refused(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        WorkingCalendar(**kwargs)  # type: ignore[arg-type]


def test_working_day_functions_refuse_something_that_is_not_a_calendar() -> None:
    with pytest.raises(ValueError, match="WorkingCalendar"):
        is_working_day(date(2026, 3, 17), calendar="NIR")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="StandingOrders"):
        add_working_days(date(2026, 3, 17), 1, orders={})  # type: ignore[arg-type]


def test_the_default_calendar_is_northern_ireland_without_closures() -> None:
    assert WorkingCalendar(country="GB", subdivision="NIR", closures=frozenset()) == NORTHERN_IRELAND


@settings(max_examples=200)
@given(start=meeting_dates, n=st.integers(min_value=1, max_value=40))
def test_adding_working_days_lands_on_a_working_day_after_exactly_n_working_days(start: date, n: int) -> None:
    result = add_working_days(start, n)
    assert result > start
    assert is_working_day(result)
    days_between = [start + timedelta(days=offset) for offset in range(1, (result - start).days + 1)]
    assert sum(is_working_day(day) for day in days_between) == n


@settings(max_examples=200)
@given(day=meeting_dates, closed=st.sets(meeting_dates, max_size=5))
def test_a_closure_day_is_never_a_working_day_and_closures_close_nothing_else(day: date, closed: set[date]) -> None:
    calendar = WorkingCalendar(closures=frozenset(closed))
    if day in closed:
        assert not is_working_day(day, calendar=calendar)
    else:
        assert is_working_day(day, calendar=calendar) == is_working_day(day)


@settings(max_examples=200)
@given(day=meeting_dates)
def test_weekends_are_never_working_days(day: date) -> None:
    if day.weekday() >= 5:
        assert not is_working_day(day)
