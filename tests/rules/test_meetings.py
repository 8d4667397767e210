"""The usual meeting pattern and the four-meetings-a-year minimum."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from govapp.rules import ProposedMeeting
from govapp.rules import StandingOrders
from govapp.rules import WorkingCalendar
from govapp.rules import is_working_day
from govapp.rules import meetings_shortfall
from govapp.rules import nth_weekday_of_month
from govapp.rules import reporting_year
from govapp.rules import usual_meeting_dates


def test_the_usual_meetings_in_2025_26_are_the_first_thursday_of_each_month() -> None:
    proposals = usual_meeting_dates(date(2025, 4, 1))
    assert [proposal.day for proposal in proposals] == [
        date(2025, 4, 3),
        date(2025, 5, 1),
        date(2025, 6, 5),
        date(2025, 7, 3),
        date(2025, 8, 7),
        date(2025, 9, 4),
        date(2025, 10, 2),
        date(2025, 11, 6),
        date(2025, 12, 4),
        date(2026, 1, 1),
        date(2026, 2, 5),
        date(2026, 3, 5),
    ]
    assert all(proposal.day.strftime("%A") == "Thursday" for proposal in proposals)


def test_new_years_day_2026_is_flagged_with_the_next_thursday_as_the_alternative() -> None:
    proposals = {proposal.day: proposal for proposal in usual_meeting_dates(date(2025, 4, 1))}
    assert proposals[date(2026, 1, 1)] == ProposedMeeting(
        day=date(2026, 1, 1), is_working_day=False, alternative=date(2026, 1, 8)
    )
    working = [proposal for day, proposal in proposals.items() if day != date(2026, 1, 1)]
    assert all(proposal.is_working_day and proposal.alternative is None for proposal in working)


def test_when_no_later_usual_weekday_in_the_month_is_free_the_alternative_is_the_next_working_day() -> None:
    # Fourth Thursday: 24 December 2026, with the office closed on 24 and 31 December.
    orders = StandingOrders(usual_week_of_month=4)
    calendar = WorkingCalendar(closures=frozenset({date(2026, 12, 24), date(2026, 12, 31)}))
    proposals = usual_meeting_dates(date(2026, 4, 1), orders=orders, calendar=calendar)
    flagged = [proposal for proposal in proposals if not proposal.is_working_day]
    # 25 December holiday, weekend, 28 December Boxing Day substitute: next working day is Tuesday 29th.
    assert flagged == [ProposedMeeting(day=date(2026, 12, 24), is_working_day=False, alternative=date(2026, 12, 29))]


def test_a_committee_meeting_on_the_second_tuesday_gets_those_dates() -> None:
    orders = StandingOrders(usual_weekday=1, usual_week_of_month=2)
    days = [proposal.day for proposal in usual_meeting_dates(date(2026, 4, 1), orders=orders)]
    assert days[:3] == [date(2026, 4, 14), date(2026, 5, 12), date(2026, 6, 9)]
    assert len(days) == 12


def test_months_without_a_fifth_thursday_get_no_proposal() -> None:
    orders = StandingOrders(usual_week_of_month=5)
    days = [proposal.day for proposal in usual_meeting_dates(date(2026, 4, 1), orders=orders)]
    assert days == [date(2026, 4, 30), date(2026, 7, 30), date(2026, 10, 29), date(2026, 12, 31)]


@pytest.mark.parametrize("bad_start", [date(2026, 1, 1), date(2026, 4, 2), "2026-04-01"])
def test_usual_meeting_dates_need_the_first_day_of_a_reporting_year(bad_start: object) -> None:
    with pytest.raises(ValueError, match=r"1 April|must be a date"):
        usual_meeting_dates(bad_start)  # type: ignore[arg-type]


@pytest.mark.parametrize(("held", "shortfall"), [(0, 4), (1, 3), (3, 1), (4, 0), (12, 0)])
def test_a_year_with_fewer_than_four_meetings_falls_short(held: int, shortfall: int) -> None:
    assert meetings_shortfall(held) == shortfall


def test_a_committee_that_must_meet_six_times_counts_its_own_minimum() -> None:
    assert meetings_shortfall(4, orders=StandingOrders(meetings_per_year=6)) == 2


@pytest.mark.parametrize("bad_held", [-1, "4", 4.0, None])
def test_meetings_shortfall_refuses_an_impossible_number_of_meetings(bad_held: object) -> None:
    with pytest.raises(ValueError, match="meetings held"):
        meetings_shortfall(bad_held)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("year", "month", "weekday", "week", "expected"),
    [
        (2026, 1, 3, 1, date(2026, 1, 1)),
        (2026, 2, 3, 1, date(2026, 2, 5)),
        (2026, 2, 3, 4, date(2026, 2, 26)),
        (2026, 2, 3, 5, None),
        (2026, 3, 0, 1, date(2026, 3, 2)),
    ],
)
def test_the_nth_weekday_of_a_month(year: int, month: int, weekday: int, week: int, expected: date | None) -> None:
    assert nth_weekday_of_month(year, month, weekday, week) == expected


@pytest.mark.parametrize(("weekday", "week"), [(7, 1), (-1, 1), (3, 0), (3, 6), ("3", 1)])
def test_the_nth_weekday_refuses_impossible_weekdays_and_weeks(weekday: object, week: object) -> None:
    with pytest.raises(ValueError):
        nth_weekday_of_month(2026, 1, weekday, week)  # type: ignore[arg-type]


@settings(max_examples=50)
@given(first_year=st.integers(min_value=2000, max_value=2099))
def test_every_proposal_is_a_first_thursday_in_the_reporting_year_with_a_working_alternative(first_year: int) -> None:
    start = date(first_year, 4, 1)
    proposals = usual_meeting_dates(start)
    assert len(proposals) == 12
    for proposal in proposals:
        assert reporting_year(proposal.day) == (start, date(first_year + 1, 3, 31))
        assert proposal.day.weekday() == 3 and proposal.day.day <= 7
        assert proposal.is_working_day == is_working_day(proposal.day)
        if proposal.is_working_day:
            assert proposal.alternative is None
        else:
            assert proposal.alternative is not None
            assert proposal.alternative > proposal.day
            assert is_working_day(proposal.alternative)
