"""The case clocks of the CMR pipeline (docs/rules-api.md, "Case clocks"), asked directly."""

from __future__ import annotations

import calendar
import inspect
import itertools
from datetime import date
from datetime import datetime
from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

import govapp.rules
from govapp.rules import GUIDANCE
from govapp.rules import NORTHERN_IRELAND
from govapp.rules import CaseProcedure
from govapp.rules import WorkingCalendar
from govapp.rules import action_plan_due
from govapp.rules import add_working_days
from govapp.rules import considered_at
from govapp.rules import criteria_met
from govapp.rules import iar_due
from govapp.rules import is_working_day
from govapp.rules import nominations_due
from govapp.rules import notification_due
from govapp.rules import progress_due_dates
from govapp.rules import reporting_year
from govapp.rules import reports_due
from govapp.rules import summary_to_panels_on
from tests.rules.strategies import meeting_dates

CASE_CLOCKS = {
    "notification_due": ["determined_on"],
    "considered_at": ["received_on", "meeting_dates"],
    "nominations_due": ["forewarned_on"],
    "iar_due": ["confirmed_on"],
    "reports_due": ["iars_completed_on"],
    "summary_to_panels_on": ["shared_on"],
    "action_plan_due": ["approved_on"],
    "progress_due_dates": ["first_due", "until"],
    "reporting_year": ["day"],
    "criteria_met": ["a", "b_i", "b_ii", "b_iii", "c", "d"],
}


@pytest.mark.parametrize("name", sorted(CASE_CLOCKS))
def test_every_case_clock_is_importable_with_its_promised_arguments(name: str) -> None:
    function = getattr(govapp.rules, name)
    assert name in govapp.rules.__all__
    parameters = inspect.signature(function).parameters
    positional = [p.name for p in parameters.values() if p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD]
    assert positional == CASE_CLOCKS[name]
    assert parameters["orders"].kind is inspect.Parameter.KEYWORD_ONLY
    if name != "reporting_year":  # a plain date fact, shared with the standing orders
        assert parameters["orders"].default is GUIDANCE
    else:
        assert reporting_year(date(2027, 2, 1), orders=GUIDANCE) == (date(2026, 4, 1), date(2027, 3, 31))


@pytest.mark.parametrize(
    ("determined", "due"),
    [
        (date(2026, 11, 23), date(2026, 11, 25)),  # Monday: Wednesday
        (date(2026, 11, 26), date(2026, 11, 30)),  # Thursday: the weekend skipped
        (date(2026, 12, 24), date(2026, 12, 30)),  # Christmas, Boxing Day (a Saturday) and its Monday substitute
        (date(2027, 3, 16), date(2027, 3, 19)),  # St Patrick's Day skipped
        (date(2027, 7, 9), date(2027, 7, 14)),  # the weekend and the Twelfth (a Monday) skipped
    ],
)
def test_a_notification_is_due_two_working_days_after_the_determination(determined: date, due: date) -> None:
    assert notification_due(determined) == due


def test_a_notification_on_its_last_day_is_on_time_and_a_day_later_is_late() -> None:
    due = notification_due(date(2026, 11, 23))
    assert date(2026, 11, 25) <= due
    assert not date(2026, 11, 26) <= due


def test_closure_days_in_the_calendar_move_the_notification_clock() -> None:
    closed = WorkingCalendar(closures=frozenset({date(2026, 11, 24)}))
    assert notification_due(date(2026, 11, 23), calendar=closed) == date(2026, 11, 26)


MEETINGS = [date(2026, 12, 3), date(2027, 1, 7), date(2027, 2, 4)]


@pytest.mark.parametrize(
    ("received", "meeting"),
    [
        (date(2026, 11, 19), date(2026, 12, 3)),  # exactly 14 days before: in time
        (date(2026, 11, 20), date(2027, 1, 7)),  # 13 days before: the next meeting
        (date(2026, 12, 24), date(2027, 1, 7)),
        (date(2027, 1, 21), date(2027, 2, 4)),
        (date(2027, 1, 22), None),  # no meeting late enough
    ],
)
def test_a_case_is_considered_at_the_first_meeting_at_least_two_weeks_later(
    received: date, meeting: date | None
) -> None:
    assert considered_at(received, MEETINGS) == meeting


def test_a_meeting_list_out_of_order_is_refused_with_words() -> None:
    with pytest.raises(ValueError, match="date order"):
        considered_at(date(2026, 11, 1), [date(2027, 1, 7), date(2026, 12, 3)])


def test_nominations_are_due_ten_working_days_after_forewarning() -> None:
    # Christmas Day and 28 December (Boxing Day falls on a Saturday) are skipped, with the weekends.
    assert nominations_due(date(2026, 12, 14)) == date(2026, 12, 30)


@pytest.mark.parametrize(
    ("function", "start", "due"),
    [
        (iar_due, date(2026, 12, 1), date(2027, 1, 12)),  # 6 weeks, not moved off a holiday
        (summary_to_panels_on, date(2026, 12, 11), date(2026, 12, 25)),  # 14 days, even onto Christmas Day
        (action_plan_due, date(2027, 2, 1), date(2027, 3, 1)),  # 28 days
        (reports_due, date(2026, 8, 31), date(2027, 2, 28)),  # month-end clamped
        (reports_due, date(2027, 8, 31), date(2028, 2, 29)),  # a leap year
        (reports_due, date(2026, 1, 15), date(2026, 7, 15)),
    ],
)
def test_calendar_clocks(function: object, start: date, due: date) -> None:
    assert callable(function)
    assert function(start) == due


def test_the_board_can_configure_its_clocks() -> None:
    faster = CaseProcedure(notification_working_days=1, iar_weeks=4, reports_months=3, action_plan_days=14)
    assert notification_due(date(2026, 11, 23), orders=faster) == date(2026, 11, 24)
    assert iar_due(date(2026, 12, 1), orders=faster) == date(2026, 12, 29)
    assert reports_due(date(2026, 11, 30), orders=faster) == date(2027, 2, 28)
    assert action_plan_due(date(2027, 2, 1), orders=faster) == date(2027, 2, 15)


@pytest.mark.parametrize("bad", [{"iar_weeks": -1}, {"reports_months": 0}, {"action_plan_days": "28"}])
def test_bad_procedure_figures_are_refused_with_words(bad: dict[str, object]) -> None:
    with pytest.raises(ValueError, match=r"[Cc]ase procedure"):
        CaseProcedure(**bad)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("first", "until", "dues"),
    [
        (date(2026, 7, 1), date(2027, 3, 31), [date(2026, 9, 30), date(2026, 12, 31), date(2027, 3, 31)]),
        (date(2026, 6, 30), date(2026, 9, 29), [date(2026, 6, 30)]),
        (date(2027, 1, 1), date(2027, 7, 1), [date(2027, 3, 31), date(2027, 6, 30)]),
        (date(2027, 1, 1), date(2027, 3, 30), []),
    ],
)
def test_progress_is_due_at_each_quarter_end_of_the_reporting_year(first: date, until: date, dues: list[date]) -> None:
    assert progress_due_dates(first, until) == dues


@pytest.mark.parametrize(
    ("findings", "answer"),
    [
        ((True, True, False, False, True, True), "review"),
        ((True, False, False, True, True, True), "review"),
        ((True, True, False, False, False, True), "notify_only"),
        ((True, True, False, False, True, False), "notify_only"),
        ((False, True, True, True, True, True), "not_met"),
        ((True, False, False, False, True, True), "not_met"),
        ((True, None, True, None, True, True), "review"),  # one (b) already holds
        ((None, True, True, True, True, True), "unknown"),  # (a) decides it
        ((False, None, None, None, None, None), "not_met"),  # whatever the rest, (a) fails
        ((True, True, None, None, False, None), "notify_only"),  # (c) fails, so never a review
        ((True, True, None, None, None, True), "unknown"),
        ((None, None, None, None, None, None), "unknown"),
    ],
)
def test_the_criteria_proposal(findings: tuple[bool | None, ...], answer: str) -> None:
    assert criteria_met(*findings) == answer


@pytest.mark.parametrize("bad", ["yes", 1, 0, "None"])
def test_a_finding_that_is_not_true_false_or_unknown_is_refused(bad: object) -> None:
    with pytest.raises(ValueError, match=r"Criterion \(c\)"):
        criteria_met(True, True, False, False, bad, True)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "call",
    [
        lambda: notification_due("2026-11-23"),  # type: ignore[arg-type]
        lambda: notification_due(datetime(2026, 11, 23, 9)),
        lambda: considered_at(date(2026, 1, 1), "2026-02-01"),  # type: ignore[arg-type]
        lambda: considered_at(date(2026, 1, 1), [date(2026, 2, 1), "x"]),  # type: ignore[list-item]
        lambda: iar_due(None),  # type: ignore[arg-type]
        lambda: reports_due(date(9999, 12, 1)),
        lambda: action_plan_due(date(9999, 12, 31)),
        lambda: progress_due_dates(date(2026, 1, 1), 3),  # type: ignore[arg-type]
        lambda: notification_due(date(2026, 1, 1), orders="fast"),  # type: ignore[arg-type]
    ],
)
def test_bad_input_is_a_value_error_with_words(call: object) -> None:
    assert callable(call)
    with pytest.raises(ValueError) as refused:
        call()
    assert str(refused.value)


criteria = st.sampled_from([True, False, None])


@given(findings=st.tuples(criteria, criteria, criteria, criteria, criteria, criteria))
def test_a_known_answer_holds_however_the_unknowns_turn_out(findings: tuple[bool | None, ...]) -> None:
    answer = criteria_met(*findings)
    unknown = [i for i, value in enumerate(findings) if value is None]
    if answer == "unknown" or not unknown:
        return
    for fill in (True, False):
        settled = tuple(fill if i in unknown else value for i, value in enumerate(findings))
        assert criteria_met(*settled) == answer


@given(findings=st.tuples(*[st.booleans()] * 6))
def test_a_review_needs_every_criterion(findings: tuple[bool, ...]) -> None:
    a, b_i, b_ii, b_iii, c, d = findings
    assert (criteria_met(*findings) == "review") == (a and (b_i or b_ii or b_iii) and c and d)


@given(day=meeting_dates)
def test_working_day_clocks_land_on_working_days_after_the_start(day: date) -> None:
    for due, n in ((notification_due(day), 2), (nominations_due(day), 10)):
        assert due > day
        assert is_working_day(due)
        assert due == add_working_days(day, n, calendar=NORTHERN_IRELAND)


@given(day=meeting_dates)
def test_reports_fall_in_the_sixth_month_on_the_same_day_or_its_last(day: date) -> None:
    due = reports_due(day)
    months = (due.year - day.year) * 12 + due.month - day.month
    assert months == 6
    assert due.day == min(day.day, calendar.monthrange(due.year, due.month)[1])


@given(first=meeting_dates, span=st.integers(min_value=0, max_value=800))
def test_progress_dates_are_quarter_ends_a_quarter_apart(first: date, span: int) -> None:
    until = first + timedelta(days=span)
    dues = progress_due_dates(first, until)
    assert all(first <= due <= until for due in dues)
    assert all((due.month, due.day) in {(6, 30), (9, 30), (12, 31), (3, 31)} for due in dues)
    assert all(reporting_year(due)[1] >= due for due in dues)
    for earlier, later in itertools.pairwise(dues):
        assert 89 <= (later - earlier).days <= 92


@given(received=meeting_dates, offsets=st.lists(st.integers(min_value=-60, max_value=120), max_size=6))
def test_the_meeting_chosen_is_the_first_one_late_enough(received: date, offsets: list[int]) -> None:
    meetings = sorted(received + timedelta(days=offset) for offset in offsets)
    chosen = considered_at(received, meetings)
    late_enough = [m for m in meetings if (m - received).days >= 14]
    assert chosen == (late_enough[0] if late_enough else None)
