"""What a meeting's date and state let happen to it, asked directly (no database)."""

from __future__ import annotations

from datetime import date
from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govapp.rules import AGENDA_REQUESTS_CLOSED
from govapp.rules import NOT_A_WORKING_DAY
from govapp.rules import SHORT_NOTICE
from govapp.rules import StandingOrders
from govapp.rules import WorkingCalendar
from govapp.rules import agenda_request_deadline
from govapp.rules import calling_concerns
from govapp.rules import is_working_day
from govapp.rules import meeting_date_problem
from govapp.rules import minutes_signing_refusal
from govapp.rules import notice_deadline
from govapp.rules import record_closed_reason
from tests.rules.strategies import meeting_dates

TODAY = date(2026, 11, 23)  # a Monday


@pytest.mark.parametrize(
    ("meeting", "codes"),
    [
        (date(2027, 1, 7), []),  # a Thursday six weeks ahead: nothing broken
        (date(2026, 11, 28), [SHORT_NOTICE, NOT_A_WORKING_DAY, AGENDA_REQUESTS_CLOSED]),  # tomorrow-ish, a Saturday
        (date(2026, 12, 25), [NOT_A_WORKING_DAY]),  # Christmas Day, with time for notice and requests
        (date(2026, 11, 30), [SHORT_NOTICE, AGENDA_REQUESTS_CLOSED]),  # notice was due by Sunday 22 November
        (date(2026, 12, 1), [AGENDA_REQUESTS_CLOSED]),  # notice by today, 23 November: still possible
        (date(2026, 12, 9), []),  # requests by 24 Nov: still open
    ],
)
def test_calling_a_meeting_names_each_order_its_date_would_break(meeting: date, codes: list[str]) -> None:
    assert [c.code for c in calling_concerns(meeting, TODAY)] == codes


def test_the_concerns_say_what_is_broken_in_words() -> None:
    short, weekend, requests = calling_concerns(date(2026, 11, 28), TODAY)
    assert "7 clear days' notice can no longer be served" in short.message
    assert "Friday 20 November 2026" in short.message
    assert weekend.message == "Saturday 28 November 2026 is not a working day: it is a weekend."
    assert "Friday 13 November 2026" in requests.message
    (holiday,) = calling_concerns(date(2026, 12, 25), TODAY)
    assert holiday.message.endswith("it is a public holiday.")
    closed = WorkingCalendar(closures=frozenset({date(2027, 1, 6)}))
    (closure,) = calling_concerns(date(2027, 1, 6), TODAY, calendar=closed)
    assert closure.message.endswith("a day the organisation is closed.")


def test_a_committee_with_longer_notice_is_asked_about_sooner() -> None:
    orders = StandingOrders(notice_clear_days=21)
    assert [c.code for c in calling_concerns(date(2026, 12, 10), TODAY, orders=orders)] == [SHORT_NOTICE]


@given(meeting=meeting_dates, today=meeting_dates)
def test_concerns_follow_the_deadlines_exactly(meeting: date, today: date) -> None:
    codes = {c.code for c in calling_concerns(meeting, today)}
    assert (SHORT_NOTICE in codes) == (today > notice_deadline(meeting))
    assert (AGENDA_REQUESTS_CLOSED in codes) == (today > agenda_request_deadline(meeting))
    assert (NOT_A_WORKING_DAY in codes) == (not is_working_day(meeting))


@pytest.mark.parametrize(
    ("meeting", "problem"),
    [
        (date(2026, 11, 23), None),
        (date(2031, 11, 23), None),  # exactly five years ahead
        (date(2031, 11, 24), "more than 5 years ahead"),
        (date(9999, 12, 31), "Check the year: it was 9999"),
        (date(2026, 11, 22), "in the past"),
    ],
)
def test_a_meeting_date_must_be_in_a_sane_window(meeting: date, problem: str | None) -> None:
    found = meeting_date_problem(meeting, TODAY)
    if problem is None:
        assert found is None
    else:
        assert found is not None and problem in found


def test_the_window_holds_on_the_29th_of_february() -> None:
    assert meeting_date_problem(date(2033, 2, 28), date(2028, 2, 29)) is None
    assert meeting_date_problem(date(2033, 3, 1), date(2028, 2, 29)) is not None


@pytest.mark.parametrize(
    ("today", "open_"),
    [(date(2026, 12, 2), False), (date(2026, 12, 3), True), (date(2026, 12, 4), True), (date(2026, 10, 29), False)],
)
def test_the_record_opens_on_the_meetings_day(today: date, open_: bool) -> None:
    reason = record_closed_reason(date(2026, 12, 3), today)
    assert (reason is None) == open_
    if reason:
        assert "Thursday 3 December 2026" in reason and "opens on the day of the meeting" in reason


@given(meeting=meeting_dates, days=st.integers(min_value=-400, max_value=400))
def test_the_record_is_open_exactly_from_the_meeting_day(meeting: date, days: int) -> None:
    assert (record_closed_reason(meeting, meeting + timedelta(days=days)) is None) == (days >= 0)


@pytest.mark.parametrize(
    ("quorate", "approved", "refused"),
    [(True, True, None), (False, True, "not quorate"), (True, False, "No approval"), (False, False, "not quorate")],
)
def test_minutes_are_signed_only_when_a_quorate_item_recorded_their_approval(
    quorate: bool, approved: bool, refused: str | None
) -> None:
    reason = minutes_signing_refusal(quorate, approved)
    assert (reason is None) == (refused is None)
    if refused:
        assert reason is not None and refused in reason


@pytest.mark.parametrize(
    "call",
    [
        lambda: calling_concerns("2026-12-03", TODAY),  # type: ignore[arg-type]
        lambda: calling_concerns(date(2026, 12, 3), TODAY, orders="panel"),  # type: ignore[arg-type]
        lambda: meeting_date_problem(date(2026, 12, 3), None),  # type: ignore[arg-type]
        lambda: meeting_date_problem(date(2026, 12, 3), TODAY, years_ahead=-1),
        lambda: record_closed_reason(date(2026, 12, 3), "today"),  # type: ignore[arg-type]
        lambda: minutes_signing_refusal(1, True),  # type: ignore[arg-type]
    ],
)
def test_bad_input_is_a_value_error_with_words(call: object) -> None:
    assert callable(call)
    with pytest.raises(ValueError) as refused:
        call()
    assert str(refused.value)
