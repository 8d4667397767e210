"""Deadlines: notice, papers, agenda requests, minutes, requisitions, reconvening, and deadline states."""

from __future__ import annotations

from datetime import UTC
from datetime import date
from datetime import datetime
from datetime import timedelta
from datetime import timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from govapp.rules import CMR_PANEL
from govapp.rules import DUE
from govapp.rules import LATE
from govapp.rules import MET
from govapp.rules import MISSED
from govapp.rules import TO_COME
from govapp.rules import StandingOrders
from govapp.rules import WorkingCalendar
from govapp.rules import add_months
from govapp.rules import agenda_request_deadline
from govapp.rules import agenda_request_on_time
from govapp.rules import clear_days_between
from govapp.rules import deadline_state
from govapp.rules import minutes_deadline
from govapp.rules import notice_deadline
from govapp.rules import papers_deadline
from govapp.rules import reconvene_deadline
from govapp.rules import requisition_call_deadline

from .strategies import meeting_dates
from .strategies import standing_orders

# ---- the worked examples in docs/standing-orders.md -------------------------------------------


def test_notice_for_a_meeting_on_3_december_2026_must_be_served_by_25_november() -> None:
    assert notice_deadline(date(2026, 12, 3)) == date(2026, 11, 25)
    assert notice_deadline(date(2026, 12, 3)).strftime("%A") == "Wednesday"


def test_an_agenda_request_for_a_meeting_on_3_december_2026_is_on_time_until_18_november() -> None:
    assert agenda_request_deadline(date(2026, 12, 3)) == date(2026, 11, 18)
    assert agenda_request_deadline(date(2026, 12, 3)).strftime("%A") == "Wednesday"


def test_papers_for_a_meeting_on_3_december_2026_must_be_despatched_by_26_november() -> None:
    assert papers_deadline(date(2026, 12, 3)) == date(2026, 11, 26)
    assert papers_deadline(date(2026, 12, 3)).strftime("%A") == "Thursday"


def test_draft_minutes_of_the_meeting_on_5_march_2026_are_due_by_8_april() -> None:
    assert minutes_deadline(date(2026, 3, 5)) == date(2026, 4, 8)


def test_a_requisition_presented_on_2_march_2026_must_be_called_by_16_march() -> None:
    assert requisition_call_deadline(date(2026, 3, 2)) == date(2026, 3, 16)
    assert requisition_call_deadline(date(2026, 3, 2)).strftime("%A") == "Monday"


# ---- tables ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("meeting", "notice", "agenda_request", "papers"),
    [
        (date(2026, 12, 3), date(2026, 11, 25), date(2026, 11, 18), date(2026, 11, 26)),
        (date(2026, 3, 5), date(2026, 2, 25), date(2026, 2, 18), date(2026, 2, 26)),
        (date(2027, 1, 7), date(2026, 12, 30), date(2026, 12, 23), date(2026, 12, 31)),  # across the year end
        (date(2028, 3, 2), date(2028, 2, 23), date(2028, 2, 16), date(2028, 2, 24)),  # across 29 February 2028
        (date(2026, 3, 2), date(2026, 2, 22), date(2026, 2, 15), date(2026, 2, 23)),  # calendar days: weekends count
    ],
)
def test_notice_agenda_request_and_papers_deadlines_count_calendar_days_back_from_the_meeting(
    meeting: date, notice: date, agenda_request: date, papers: date
) -> None:
    assert notice_deadline(meeting) == notice
    assert agenda_request_deadline(meeting) == agenda_request
    assert papers_deadline(meeting) == papers


def test_notice_served_on_the_deadline_leaves_exactly_seven_clear_days() -> None:
    assert clear_days_between(date(2026, 11, 25), date(2026, 12, 3)) == 7
    assert clear_days_between(date(2026, 11, 26), date(2026, 12, 3)) == 6


def test_an_agenda_request_on_the_last_on_time_day_is_on_time() -> None:
    assert agenda_request_on_time(date(2026, 12, 3), date(2026, 11, 18)) is True


def test_late_agenda_request_is_not_on_time() -> None:
    assert agenda_request_on_time(date(2026, 12, 3), date(2026, 11, 19)) is False


def test_an_early_agenda_request_is_on_time() -> None:
    assert agenda_request_on_time(date(2026, 12, 3), date(2026, 10, 1)) is True


def test_an_agenda_request_received_on_the_day_of_the_meeting_is_late() -> None:
    assert agenda_request_on_time(date(2026, 12, 3), date(2026, 12, 3)) is False


LONDON = ZoneInfo("Europe/London")


@pytest.mark.parametrize(
    ("received", "on_time"),
    [
        # Meeting Thu 2 July 2026: requests on time until Wed 17 June 2026 (British Summer Time, UTC+1).
        (datetime(2026, 6, 17, 23, 59), True),  # naive: London local time
        (datetime(2026, 6, 18, 0, 0), False),
        (datetime(2026, 6, 17, 22, 59, tzinfo=UTC), True),  # 23:59 in London
        (datetime(2026, 6, 17, 23, 30, tzinfo=UTC), False),  # already 00:30 on 18 June in London
        (datetime(2026, 6, 18, 1, 0, tzinfo=timezone(timedelta(hours=2))), False),  # 00:00 on 18 June in London
        (datetime(2026, 6, 17, 23, 30, tzinfo=ZoneInfo("America/New_York")), False),  # 04:30 on 18 June in London
        (datetime(2026, 6, 17, 23, 30, tzinfo=LONDON), True),
        (date(2026, 6, 17), True),
        (date(2026, 6, 18), False),
    ],
    ids=str,
)
def test_an_agenda_request_is_judged_by_its_date_in_london(received: date | datetime, on_time: bool) -> None:
    assert agenda_request_on_time(date(2026, 7, 2), received) is on_time


def test_an_agenda_request_sent_late_at_night_in_winter_uses_greenwich_mean_time() -> None:
    # Meeting Thu 3 Dec 2026: deadline Wed 18 Nov; in November London is on UTC, so 23:30 UTC is still the 18th.
    assert agenda_request_on_time(date(2026, 12, 3), datetime(2026, 11, 18, 23, 30, tzinfo=UTC)) is True
    assert agenda_request_on_time(date(2026, 12, 3), datetime(2026, 11, 19, 0, 0, tzinfo=UTC)) is False


@pytest.mark.parametrize(
    ("meeting", "due"),
    [
        (date(2026, 3, 5), date(2026, 4, 8)),  # 17 March, Good Friday, Easter Monday skipped
        (date(2026, 12, 3), date(2027, 1, 6)),  # Christmas, Boxing Day substitute, New Year's Day skipped
        (date(2025, 7, 3), date(2025, 8, 4)),  # 12 July substitute (Monday 14th) skipped
        (date(2026, 6, 4), date(2026, 7, 3)),
    ],
)
def test_draft_minutes_are_due_on_the_21st_working_day_after_the_meeting(meeting: date, due: date) -> None:
    assert minutes_deadline(meeting) == due


def test_draft_minutes_deadline_moves_for_an_organisation_closure() -> None:
    closed = WorkingCalendar(closures=frozenset({date(2026, 4, 8)}))
    assert minutes_deadline(date(2026, 3, 5), calendar=closed) == date(2026, 4, 9)


@pytest.mark.parametrize(
    ("presented", "call_by"),
    [
        (date(2026, 3, 2), date(2026, 3, 16)),
        (date(2026, 12, 24), date(2027, 1, 7)),  # calendar days: holidays do not extend it
        (date(2028, 2, 20), date(2028, 3, 5)),
    ],
)
def test_a_requisitioned_meeting_must_be_called_within_14_days_after_presentation(
    presented: date, call_by: date
) -> None:
    assert requisition_call_deadline(presented) == call_by


@pytest.mark.parametrize(
    ("scheduled", "last_day"),
    [
        (date(2026, 1, 15), date(2026, 2, 14)),
        (date(2026, 1, 31), date(2026, 2, 28)),
        (date(2026, 1, 30), date(2026, 2, 28)),
        (date(2026, 1, 29), date(2026, 2, 28)),
        (date(2026, 1, 28), date(2026, 2, 27)),
        (date(2028, 1, 29), date(2028, 2, 28)),  # 2028 is a leap year: 29 February exists
        (date(2028, 1, 30), date(2028, 2, 29)),
        (date(2026, 12, 31), date(2027, 1, 30)),
        (date(2026, 3, 1), date(2026, 3, 31)),
        (date(2026, 3, 31), date(2026, 4, 30)),  # April has no 31st
        (date(2026, 2, 28), date(2026, 3, 27)),
    ],
)
def test_an_inquorate_meeting_is_reconvened_within_one_month_from_and_including_its_date(
    scheduled: date, last_day: date
) -> None:
    assert reconvene_deadline(scheduled) == last_day


def test_a_committee_with_two_months_to_reconvene_counts_two_months() -> None:
    two_months = StandingOrders(reconvene_months=2)
    assert reconvene_deadline(date(2026, 12, 31), orders=two_months) == date(2027, 2, 28)
    assert reconvene_deadline(date(2026, 1, 15), orders=two_months) == date(2026, 3, 14)


def test_other_committees_deadlines_follow_their_own_standing_orders() -> None:
    orders = StandingOrders(
        notice_clear_days=10,
        papers_days=5,
        agenda_request_clear_days=21,
        requisition_call_days=28,
        minutes_working_days=10,
    )
    meeting = date(2026, 12, 3)
    assert notice_deadline(meeting, orders=orders) == date(2026, 11, 22)
    assert papers_deadline(meeting, orders=orders) == date(2026, 11, 28)
    assert agenda_request_deadline(meeting, orders=orders) == date(2026, 11, 11)
    assert agenda_request_on_time(meeting, date(2026, 11, 12), orders=orders) is False
    assert requisition_call_deadline(date(2026, 3, 2), orders=orders) == date(2026, 3, 30)
    assert minutes_deadline(date(2026, 3, 5), orders=orders) == date(2026, 3, 20)  # 17 March skipped


# ---- deadline states -------------------------------------------------------------------------

DEADLINE = date(2026, 11, 25)


@pytest.mark.parametrize(
    ("done_on", "today", "state"),
    [
        (date(2026, 11, 20), date(2026, 11, 21), MET),
        (date(2026, 11, 25), date(2026, 11, 25), MET),  # done on the deadline day
        (date(2026, 11, 25), date(2026, 12, 25), MET),
        (date(2026, 11, 26), date(2026, 11, 26), LATE),
        (None, date(2026, 11, 24), TO_COME),
        (None, date(2026, 11, 25), DUE),
        (None, date(2026, 11, 26), MISSED),
    ],
)
def test_a_deadline_is_met_late_missed_due_or_to_come(done_on: date | None, today: date, state: str) -> None:
    assert deadline_state(DEADLINE, done_on, today) == state


def test_deadline_states_read_as_words() -> None:
    assert (MET, LATE, MISSED, DUE, TO_COME) == ("met", "late", "missed", "due", "to come")


@pytest.mark.parametrize(
    ("deadline", "done_on", "today"),
    [
        ("2026-11-25", None, date(2026, 11, 25)),
        (DEADLINE, "yesterday", date(2026, 11, 25)),
        (DEADLINE, None, datetime(2026, 11, 25, 9, 0)),
    ],
)
def test_deadline_state_refuses_anything_but_dates(deadline: object, done_on: object, today: object) -> None:
    with pytest.raises(ValueError, match="must be a date"):
        deadline_state(deadline, done_on, today)  # type: ignore[arg-type]


# ---- bad input -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "deadline_function", [notice_deadline, papers_deadline, agenda_request_deadline, minutes_deadline]
)
@pytest.mark.parametrize("bad_meeting", ["2026-12-03", None, datetime(2026, 12, 3, 10, 0), 3])
def test_deadlines_refuse_a_meeting_date_that_is_not_a_date(deadline_function: object, bad_meeting: object) -> None:
    with pytest.raises(ValueError, match="must be a date"):
        deadline_function(bad_meeting)  # type: ignore[operator]


@pytest.mark.parametrize("bad_received", ["2026-11-18", None, 20261118])
def test_an_agenda_request_without_a_date_is_refused(bad_received: object) -> None:
    with pytest.raises(ValueError, match="agenda request was received"):
        agenda_request_on_time(date(2026, 12, 3), bad_received)  # type: ignore[arg-type]


def test_deadlines_at_the_edge_of_the_calendar_raise_a_value_error_not_an_overflow() -> None:
    with pytest.raises(ValueError, match="outside the calendar"):
        notice_deadline(date(1, 1, 3))
    with pytest.raises(ValueError, match="outside the calendar"):
        requisition_call_deadline(date(9999, 12, 25))
    with pytest.raises(ValueError, match="outside the calendar"):
        reconvene_deadline(date(9999, 12, 15))


def test_deadlines_refuse_orders_that_are_not_standing_orders() -> None:
    with pytest.raises(ValueError, match="StandingOrders"):
        notice_deadline(date(2026, 12, 3), orders=CMR_PANEL.to_dict())  # type: ignore[arg-type]


# ---- properties ------------------------------------------------------------------------------


@settings(max_examples=200)
@given(meeting=meeting_dates, orders=standing_orders)
def test_no_notice_papers_or_agenda_request_deadline_falls_on_or_after_the_meeting(
    meeting: date, orders: StandingOrders
) -> None:
    assert notice_deadline(meeting, orders=orders) < meeting
    assert papers_deadline(meeting, orders=orders) < meeting
    assert agenda_request_deadline(meeting, orders=orders) < meeting


@settings(max_examples=200)
@given(meeting=meeting_dates, served=meeting_dates)
def test_notice_is_in_time_exactly_when_it_leaves_seven_clear_days(meeting: date, served: date) -> None:
    if served <= meeting:
        has_clear_days = clear_days_between(served, meeting) >= CMR_PANEL.notice_clear_days
        assert (served <= notice_deadline(meeting)) == has_clear_days


@settings(max_examples=200)
@given(meeting=meeting_dates, received=meeting_dates)
def test_an_agenda_request_is_on_time_exactly_when_it_leaves_fourteen_clear_days(meeting: date, received: date) -> None:
    if received <= meeting:
        has_clear_days = clear_days_between(received, meeting) >= CMR_PANEL.agenda_request_clear_days
        assert agenda_request_on_time(meeting, received) == has_clear_days


@settings(max_examples=200)
@given(
    meeting=meeting_dates,
    moment=st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 12, 31), timezones=st.just(UTC)),
)
def test_an_aware_time_is_judged_by_the_same_moment_in_london(meeting: date, moment: datetime) -> None:
    assert agenda_request_on_time(meeting, moment) == agenda_request_on_time(meeting, moment.astimezone(LONDON).date())


@settings(max_examples=200)
@given(meeting=meeting_dates)
def test_draft_minutes_are_due_after_the_meeting_on_a_working_day(meeting: date) -> None:
    from govapp.rules import is_working_day

    due = minutes_deadline(meeting)
    assert due > meeting
    assert is_working_day(due)


@settings(max_examples=200)
@given(scheduled=meeting_dates)
def test_the_day_after_the_reconvene_deadline_is_one_month_after_the_scheduled_date(scheduled: date) -> None:
    last_day = reconvene_deadline(scheduled)
    assert 27 <= (last_day - scheduled).days <= 30
    first_day_too_late = last_day + timedelta(days=1)
    same_day_next_month = add_months(scheduled, 1)
    if same_day_next_month is not None:
        assert first_day_too_late == same_day_next_month
    else:  # the next month is too short: the whole of it is allowed
        assert first_day_too_late.day == 1
        assert (first_day_too_late.year * 12 + first_day_too_late.month) - (scheduled.year * 12 + scheduled.month) == 2
