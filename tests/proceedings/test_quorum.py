"""Quorum at the meeting and for each item, from the roll call and the declarations."""

from __future__ import annotations

import pytest

from govapp.models import Attendance
from govapp.models import RequestDecision
from govapp.services import ServiceError
from govapp.services.accounts import add_person
from govapp.services.proceedings import decide_deputy_request
from govapp.services.proceedings import item_quorum
from govapp.services.proceedings import meeting_quorum
from govapp.services.proceedings import record_attendance
from govapp.services.proceedings import record_declaration
from govapp.services.proceedings import request_deputy
from tests.proceedings.conftest import BEFORE
from tests.proceedings.conftest import NOW
from tests.proceedings.conftest import Panel


@pytest.mark.parametrize(("present", "quorate"), [(5, False), (6, True), (9, True)])
def test_a_nine_member_panel_needs_six_present_including_the_chair(panel: Panel, present: int, quorate: bool) -> None:
    panel.present(*panel.everyone[:present])
    state = meeting_quorum(panel.meeting)
    assert (state.membership, state.present, state.required) == (9, present, 6)
    assert state.quorate is quorate


def test_without_the_chair_six_members_are_not_a_quorum(panel: Panel) -> None:
    panel.present(*panel.members[:8])
    state = meeting_quorum(panel.meeting)
    assert state.present == 8
    assert not state.chair_present
    assert not state.quorate
    assert "the Chair is not present" in state.explain()


def test_a_member_who_left_is_no_longer_counted(panel: Panel) -> None:
    from datetime import time

    panel.present(*panel.everyone[:6])
    assert meeting_quorum(panel.meeting).quorate
    record_attendance(
        panel.secretary, panel.meeting, panel.members[0], Attendance.PRESENT, arrived_at=time(10), departed_at=time(11)
    )
    assert not meeting_quorum(panel.meeting).quorate


def test_an_item_where_four_of_nine_declared_is_quorate_with_four_of_the_remaining_five(panel: Panel) -> None:
    panel.present(*panel.everyone)
    for member in panel.members[:4]:
        record_declaration(panel.secretary, panel.item, member, "Knows the family", now=NOW)
    state = item_quorum(panel.item)
    assert state.exception_applies
    assert (state.declared, state.required) == (4, 4)
    assert state.present == 5
    assert state.quorate
    # With only four of the remaining five present (one absent) it is still quorate ...
    record_attendance(panel.secretary, panel.meeting, panel.members[7], Attendance.ABSENT)
    assert item_quorum(panel.item).present == 4
    assert item_quorum(panel.item).quorate
    # ... and with three it is not.
    record_attendance(panel.secretary, panel.meeting, panel.members[6], Attendance.ABSENT)
    assert not item_quorum(panel.item).quorate


def test_an_item_where_three_of_nine_declared_does_not_get_the_exception(panel: Panel) -> None:
    panel.present(*panel.everyone)
    for member in panel.members[:3]:
        record_declaration(panel.secretary, panel.item, member, "Manages the case worker", now=NOW)
    state = item_quorum(panel.item)
    assert not state.exception_applies
    assert state.required == 6
    assert state.present == 6
    assert state.quorate
    record_attendance(panel.secretary, panel.meeting, panel.members[7], Attendance.APOLOGIES)
    assert not item_quorum(panel.item).quorate


def test_if_the_chair_declares_an_interest_nobody_can_preside_over_the_item(panel: Panel) -> None:
    panel.present(*panel.everyone)
    record_declaration(panel.secretary, panel.item, panel.chair, "Related to a professional involved", now=NOW)
    state = item_quorum(panel.item)
    assert not state.chair_present
    assert not state.quorate
    assert meeting_quorum(panel.meeting).quorate  # the meeting itself is still quorate


def test_an_approved_deputy_counts_in_the_members_place(panel: Panel) -> None:
    deputy = add_person(None, full_name="Deputy Person", email="deputy@example.org")
    request = request_deputy(None, panel.meeting, panel.members[0], deputy, "Member in court all day", now=BEFORE)
    decide_deputy_request(panel.chair_user, request, True, None, now=BEFORE)
    assert request.status == RequestDecision.APPROVED
    panel.present(panel.chair, *panel.members[1:5])
    assert meeting_quorum(panel.meeting).present == 5
    record_attendance(panel.secretary, panel.meeting, deputy, Attendance.DEPUTY, deputy_for=panel.members[0])
    assert meeting_quorum(panel.meeting).present == 6
    assert meeting_quorum(panel.meeting).quorate


def test_a_deputy_without_the_chairs_prior_agreement_is_refused(panel: Panel) -> None:
    deputy = add_person(None, full_name="Deputy Person", email="deputy@example.org")
    with pytest.raises(ServiceError, match="no prior agreement from the Chair"):
        record_attendance(panel.secretary, panel.meeting, deputy, Attendance.DEPUTY, deputy_for=panel.members[0])
    request = request_deputy(None, panel.meeting, panel.members[0], deputy, "Illness", now=BEFORE)
    with pytest.raises(ServiceError, match="Only the Chair"):
        decide_deputy_request(panel.secretary, request, True, None, now=BEFORE)


def test_the_chair_cannot_be_deputised(panel: Panel) -> None:
    deputy = add_person(None, full_name="Deputy Person", email="deputy@example.org")
    with pytest.raises(ServiceError, match="no deputy Chair"):
        request_deputy(None, panel.meeting, panel.chair, deputy, "Leave", now=BEFORE)
