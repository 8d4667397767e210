"""Absence alerts: consecutive missed meetings within twelve months."""

from __future__ import annotations

import itertools
from datetime import date
from datetime import datetime
from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from govapp.rules import StandingOrders
from govapp.rules import absence_alerts
from govapp.rules import add_months

from .strategies import meeting_dates


def test_two_consecutive_missed_meetings_raise_an_alert() -> None:
    history = [(date(2026, 1, 8), False), (date(2026, 2, 5), False), (date(2026, 3, 5), True)]
    assert absence_alerts(history) == [(date(2026, 1, 8), date(2026, 2, 5))]


def test_three_missed_meetings_in_a_row_raise_two_alerts() -> None:
    history = [(date(2026, 1, 8), False), (date(2026, 2, 5), False), (date(2026, 3, 5), False)]
    assert absence_alerts(history) == [
        (date(2026, 1, 8), date(2026, 2, 5)),
        (date(2026, 2, 5), date(2026, 3, 5)),
    ]


@pytest.mark.parametrize(
    ("history", "alerts"),
    [
        ([], []),
        ([(date(2026, 1, 8), False)], []),
        ([(date(2026, 1, 8), True), (date(2026, 2, 5), True)], []),
        ([(date(2026, 1, 8), False), (date(2026, 2, 5), True), (date(2026, 3, 5), False)], []),  # not consecutive
        ([(date(2025, 1, 15), False), (date(2026, 1, 15), False)], []),  # exactly 12 months apart: no alert
        ([(date(2025, 1, 15), False), (date(2026, 1, 14), False)], [(date(2025, 1, 15), date(2026, 1, 14))]),
        ([(date(2025, 1, 15), False), (date(2027, 1, 14), False)], []),
        ([(date(2024, 2, 29), False), (date(2025, 2, 28), False)], [(date(2024, 2, 29), date(2025, 2, 28))]),
        ([(date(2024, 2, 29), False), (date(2025, 3, 1), False)], []),
        (
            [
                (date(2026, 1, 8), False),
                (date(2026, 2, 5), False),
                (date(2026, 3, 5), True),
                (date(2026, 4, 2), False),
                (date(2026, 5, 7), False),
            ],
            [(date(2026, 1, 8), date(2026, 2, 5)), (date(2026, 4, 2), date(2026, 5, 7))],
        ),
    ],
)
def test_absence_alerts_are_raised_for_each_pair_of_consecutive_misses_less_than_12_months_apart(
    history: list[tuple[date, bool]], alerts: list[tuple[date, date]]
) -> None:
    assert absence_alerts(history) == alerts


def test_absence_alerts_accept_a_tuple_of_lists_as_history() -> None:
    history = ([date(2026, 1, 8), False], [date(2026, 2, 5), False])
    assert absence_alerts(history) == [(date(2026, 1, 8), date(2026, 2, 5))]  # type: ignore[arg-type]


def test_a_committee_that_alerts_after_three_misses_reports_each_run_of_three() -> None:
    orders = StandingOrders(absence_consecutive=3)
    history = [(date(2026, month, 1), False) for month in (1, 2, 3, 4)]
    assert absence_alerts(history, orders=orders) == [
        (date(2026, 1, 1), date(2026, 3, 1)),
        (date(2026, 2, 1), date(2026, 4, 1)),
    ]
    assert absence_alerts(history[:2], orders=orders) == []


def test_a_committee_with_a_six_month_window_ignores_misses_six_months_apart() -> None:
    orders = StandingOrders(absence_window_months=6)
    assert absence_alerts([(date(2026, 1, 8), False), (date(2026, 7, 8), False)], orders=orders) == []
    assert absence_alerts([(date(2026, 1, 8), False), (date(2026, 7, 7), False)], orders=orders) == [
        (date(2026, 1, 8), date(2026, 7, 7))
    ]


@pytest.mark.parametrize(
    ("history", "message"),
    [
        ([(date(2026, 2, 5), False), (date(2026, 1, 8), False)], "date order"),
        ([(date(2026, 2, 5), False), (date(2026, 2, 5), True)], "date order"),
        ([(date(2026, 2, 5), "no")], "must be true or false"),
        ([(date(2026, 2, 5), 0)], "must be true or false"),
        ([("2026-02-05", False)], "must be a date"),
        ([(datetime(2026, 2, 5, 10, 0), False)], "must be a date"),
        ([(date(2026, 2, 5),)], "pair"),
        ([date(2026, 2, 5)], "pair"),
        ("absent", "list of"),
        (None, "list of"),
    ],
)
def test_an_attendance_history_that_makes_no_sense_is_refused(history: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        absence_alerts(history)  # type: ignore[arg-type]


histories = st.lists(st.tuples(meeting_dates, st.booleans()), max_size=15, unique_by=lambda entry: entry[0]).map(sorted)


@settings(max_examples=200)
@given(history=histories)
def test_every_alert_is_a_pair_of_consecutive_misses_less_than_twelve_months_apart(
    history: list[tuple[date, bool]],
) -> None:
    alerts = absence_alerts(history)
    expected = [
        (first, second)
        for (first, first_attended), (second, second_attended) in itertools.pairwise(history)
        if not first_attended and not second_attended and second < (add_months(first, 12) or date(first.year + 1, 3, 1))
    ]
    assert alerts == expected


@settings(max_examples=100)
@given(start=meeting_dates, count=st.integers(min_value=0, max_value=12))
def test_missing_every_monthly_meeting_raises_one_alert_per_meeting_after_the_first(start: date, count: int) -> None:
    history = [(start + timedelta(days=28 * index), False) for index in range(count)]
    assert len(absence_alerts(history)) == max(0, count - 1)
