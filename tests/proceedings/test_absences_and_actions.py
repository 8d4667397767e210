"""Absence alerts from the roll call, the Chair's follow-up, the attendance report, outcomes and actions."""

from __future__ import annotations

from datetime import UTC
from datetime import date
from datetime import datetime
from datetime import time
from unittest import mock

import pytest

from govapp import clock
from govapp.models import Attendance
from govapp.models import MeetingStatus
from govapp.models import OutcomeKind
from govapp.models import WhenAndWhere
from govapp.services import ServiceError
from govapp.services.absences import absence_alerts
from govapp.services.absences import attendance_report
from govapp.services.absences import record_absence_reason
from govapp.services.convening import schedule_meeting
from govapp.services.outcomes import add_action
from govapp.services.outcomes import complete_action
from govapp.services.outcomes import matters_arising
from govapp.services.outcomes import record_outcome
from govapp.services.proceedings import record_attendance
from tests.proceedings.conftest import NOW
from tests.proceedings.conftest import Panel


def _meeting_with_roll_call(panel: Panel, day: date, absent: set[int]) -> object:
    meeting = schedule_meeting(None, panel.committee, WhenAndWhere(day, time(10)))
    # The roll call is taken on the day of the meeting.
    with mock.patch.object(clock, "now", lambda: datetime.combine(day, time(10, 30), tzinfo=UTC)):
        for index, person in enumerate(panel.everyone):
            status = Attendance.APOLOGIES if index in absent else Attendance.PRESENT
            record_attendance(panel.secretary, meeting, person, status)
    meeting.status = MeetingStatus.HELD
    return meeting


def test_two_consecutive_absences_within_twelve_months_raise_one_alert(panel: Panel) -> None:
    _meeting_with_roll_call(panel, date(2026, 6, 4), absent=set())
    first = _meeting_with_roll_call(panel, date(2026, 7, 2), absent={3})
    second = _meeting_with_roll_call(panel, date(2026, 8, 6), absent={3})
    alerts = absence_alerts(panel.committee, today=date(2026, 8, 7))
    assert [(a.person.full_name, a.first, a.second) for a in alerts] == [("Member 3", first, second)]
    assert alerts[0].follow_up is None


def test_absences_twelve_months_or_more_apart_raise_no_alert(panel: Panel) -> None:
    _meeting_with_roll_call(panel, date(2025, 7, 3), absent={3})
    # A cancelled meeting in between is not an occasion, and meetings without a roll call are not counted.
    schedule_meeting(None, panel.committee, WhenAndWhere(date(2026, 1, 8), time(10))).status = MeetingStatus.CANCELLED
    _meeting_with_roll_call(panel, date(2026, 7, 3), absent={3})
    assert absence_alerts(panel.committee, today=date(2026, 7, 4)) == []


def test_the_chair_records_the_reason_and_the_alert_shows_it(panel: Panel) -> None:
    _meeting_with_roll_call(panel, date(2026, 7, 2), absent={2})
    _meeting_with_roll_call(panel, date(2026, 8, 6), absent={2})
    alert = absence_alerts(panel.committee, today=date(2026, 8, 7))[0]
    with pytest.raises(ServiceError, match="Only the Chair"):
        record_absence_reason(panel.secretary, panel.committee, alert.person, alert.first, alert.second, "Ill", now=NOW)
    record_absence_reason(
        panel.chair_user, panel.committee, alert.person, alert.first, alert.second, "Long-term sick leave", now=NOW
    )
    assert absence_alerts(panel.committee, today=date(2026, 8, 7))[0].follow_up.reason == "Long-term sick leave"


def test_the_attendance_report_counts_each_members_year(panel: Panel) -> None:
    _meeting_with_roll_call(panel, date(2026, 5, 7), absent={1})
    _meeting_with_roll_call(panel, date(2026, 6, 4), absent={1, 2})
    _meeting_with_roll_call(panel, date(2027, 4, 1), absent=set())  # next reporting year
    report = {
        line.person.full_name: line for line in attendance_report(panel.committee, date(2026, 4, 1), date(2027, 5, 1))
    }
    assert (report["Member 1"].expected, report["Member 1"].attended, report["Member 1"].apologies) == (2, 0, 2)
    assert (report["Member 2"].attended, report["Member 2"].apologies) == (1, 1)
    assert report["Chair Person"].attended == 2


def test_an_inquorate_item_can_be_deferred_but_not_decided(panel: Panel) -> None:
    panel.present(*panel.everyone[:4])
    with pytest.raises(ServiceError, match="cannot be decided"):
        record_outcome(panel.secretary, panel.item, OutcomeKind.DECISION, "CMR recommended", now=NOW)
    outcome = record_outcome(panel.secretary, panel.item, OutcomeKind.DEFERRED, "Deferred: inquorate", now=NOW)
    assert outcome.kind == OutcomeKind.DEFERRED


def test_open_actions_carry_forward_to_the_next_meetings_matters_arising(panel: Panel) -> None:
    panel.present(*panel.everyone)
    kept = add_action(
        panel.secretary, panel.item, "Request the agency's chronology", panel.members[0], date(2026, 12, 17)
    )
    done = add_action(panel.secretary, panel.item, "Write to the notifying agency", panel.members[1], None)
    complete_action(panel.secretary, done, on=date(2026, 12, 10))
    later = schedule_meeting(None, panel.committee, WhenAndWhere(date(2027, 1, 7), time(10)))
    assert matters_arising(later) == [kept]
    assert matters_arising(panel.meeting) == []


def test_an_action_due_before_the_meeting_is_refused(panel: Panel) -> None:
    with pytest.raises(ServiceError, match="due date"):
        add_action(panel.secretary, panel.item, "Something", panel.members[0], date(2026, 11, 1))
