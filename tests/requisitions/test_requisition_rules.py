"""Standing order 2 as the requisitions service applies it, on fixed dates."""

from __future__ import annotations

from datetime import date

import pytest
from flask import Flask
from sqlalchemy.exc import IntegrityError

from govapp import rules
from govapp.extensions import db
from govapp.models import RequisitionSignature
from govapp.services import ConflictError
from govapp.services import ServiceError
from govapp.services.requisitions import RoleRefusal
from govapp.services.requisitions import Stage
from govapp.services.requisitions import overdue_requisitions
from govapp.services.requisitions import present_requisition
from govapp.services.requisitions import record_board_approval
from govapp.services.requisitions import record_meeting_called
from govapp.services.requisitions import requisition_state
from govapp.services.requisitions import sign_requisition
from govapp.services.requisitions import start_requisition
from govapp.services.requisitions import withdraw_signature
from tests.conftest import World
from tests.requisitions.helpers import meeting_on
from tests.requisitions.helpers import noon
from tests.requisitions.helpers import panel
from tests.requisitions.helpers import requisition_signed_by
from tests.requisitions.helpers import serve_notice
from tests.requisitions.helpers import user

SIGNED = date(2026, 2, 27)
PRESENTED = date(2026, 3, 2)  # a Monday
DEADLINE = date(2026, 3, 16)


def test_the_demo_panel_needs_nine_signatures(app_ctx: Flask, world: World) -> None:
    requisition = requisition_signed_by(world, 1, on=SIGNED)
    state = requisition_state(requisition, SIGNED)
    assert state.membership == 12
    assert state.needed == rules.requisition_threshold(12) == 9


def test_a_requisition_one_signature_short_is_not_valid_and_cannot_be_presented(app_ctx: Flask, world: World) -> None:
    requisition = requisition_signed_by(world, 8, on=SIGNED)
    state = requisition_state(requisition, PRESENTED)
    assert (state.signatures, state.needed, state.is_valid, state.short_by) == (8, 9, False, 1)
    with pytest.raises(ServiceError, match="This requisition has 8 of the 9 signatures it needs"):
        present_requisition(user(world.email("secretariat")), requisition, presented_on=PRESENTED, today=PRESENTED)
    assert requisition.presented_on is None


def test_with_enough_signatures_it_is_presented_and_the_meeting_must_be_called_in_14_days(
    app_ctx: Flask, world: World
) -> None:
    requisition = requisition_signed_by(world, 9, on=SIGNED)
    assert requisition_state(requisition, SIGNED).is_valid
    state = present_requisition(user(world.email("chair")), requisition, presented_on=PRESENTED, today=PRESENTED)
    assert state.deadline == DEADLINE == rules.requisition_call_deadline(PRESENTED)
    assert state.stage == Stage.WAITING
    assert requisition.presented_recorded_by_id == user(world.email("chair")).id


def test_an_uncalled_requisition_is_overdue_after_the_deadline_and_not_before(app_ctx: Flask, world: World) -> None:
    requisition = requisition_signed_by(world, 9, on=SIGNED)
    present_requisition(user(world.email("chair")), requisition, presented_on=PRESENTED, today=PRESENTED)
    on_the_day = requisition_state(requisition, DEADLINE)
    assert (on_the_day.stage, on_the_day.deadline_state) == (Stage.WAITING, rules.DUE)
    after = requisition_state(requisition, date(2026, 3, 17))
    assert after.is_overdue
    assert [r for r, _s in overdue_requisitions([panel()], date(2026, 3, 17))] == [requisition]
    assert overdue_requisitions([panel()], DEADLINE) == []


def test_the_boards_approval_of_the_chairs_reason_clears_the_overdue_flag(app_ctx: Flask, world: World) -> None:
    requisition = requisition_signed_by(world, 9, on=SIGNED)
    present_requisition(user(world.email("chair")), requisition, presented_on=PRESENTED, today=PRESENTED)
    later = date(2026, 3, 25)
    assert requisition_state(requisition, later).is_overdue
    record_board_approval(
        user(world.email("secretariat")),
        requisition,
        approved_on=date(2026, 3, 20),
        reason="The business is already on the agenda of the April meeting.",
        today=later,
    )
    state = requisition_state(requisition, later)
    assert state.stage == Stage.BOARD_APPROVED
    assert not state.is_overdue
    assert overdue_requisitions([panel()], later) == []


def test_a_meeting_counts_as_called_when_its_notice_is_served(app_ctx: Flask, world: World) -> None:
    requisition = requisition_signed_by(world, 10, on=SIGNED)
    present_requisition(user(world.email("chair")), requisition, presented_on=PRESENTED, today=PRESENTED)
    meeting = meeting_on(date(2026, 3, 26))
    record_meeting_called(user(world.email("secretariat")), requisition, meeting)
    # Chosen, but the notice is not served: still waiting, and overdue once the deadline passes.
    assert requisition_state(requisition, date(2026, 3, 10)).stage == Stage.WAITING
    assert requisition_state(requisition, date(2026, 3, 17)).is_overdue
    serve_notice(meeting, date(2026, 3, 16))
    state = requisition_state(requisition, date(2026, 3, 17))
    assert (state.stage, state.called_on, state.deadline_state) == (Stage.CALLED, DEADLINE, rules.MET)


def test_a_notice_served_after_the_deadline_is_a_meeting_called_late(app_ctx: Flask, world: World) -> None:
    requisition = requisition_signed_by(world, 9, on=SIGNED)
    present_requisition(user(world.email("chair")), requisition, presented_on=PRESENTED, today=PRESENTED)
    meeting = meeting_on(date(2026, 4, 2))
    record_meeting_called(user(world.email("chair")), requisition, meeting)
    serve_notice(meeting, date(2026, 3, 17))
    state = requisition_state(requisition, date(2026, 3, 20))
    assert (state.stage, state.deadline_state, state.is_overdue) == (Stage.CALLED_LATE, rules.LATE, False)


def test_a_member_signing_twice_counts_once(app_ctx: Flask, world: World) -> None:
    requisition = requisition_signed_by(world, 3, on=SIGNED)
    second = user(world.accounts["member"][1])
    with pytest.raises(ConflictError, match="already signed"):
        sign_requisition(second, requisition, today=SIGNED, now=noon(SIGNED))
    assert requisition_state(requisition, SIGNED).signatures == 3


def test_the_database_keeps_one_signature_per_member_as_a_backstop(app_ctx: Flask, world: World) -> None:
    requisition = requisition_signed_by(world, 1, on=SIGNED)
    db.session.commit()
    db.session.add(RequisitionSignature(requisition_id=requisition.id, person_id=requisition.created_by_id))
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()


def test_the_chair_cannot_sign_or_start_a_requisition(app_ctx: Flask, world: World) -> None:
    chair = user(world.email("chair"))
    requisition = requisition_signed_by(world, 1, on=SIGNED)
    with pytest.raises(RoleRefusal, match="The Chair cannot sign a requisition"):
        sign_requisition(chair, requisition, today=SIGNED, now=noon(SIGNED))
    with pytest.raises(RoleRefusal, match="The Chair cannot sign"):
        start_requisition(chair, panel(), purpose="p", business="b", today=SIGNED, now=noon(SIGNED))
    with pytest.raises(RoleRefusal, match="Only members"):
        sign_requisition(user(world.email("secretariat")), requisition, today=SIGNED, now=noon(SIGNED))


def test_a_member_can_withdraw_a_signature_before_presentation_only(app_ctx: Flask, world: World) -> None:
    requisition = requisition_signed_by(world, 10, on=SIGNED)
    last = user(world.accounts["member"][9])
    withdraw_signature(last, requisition)
    assert requisition_state(requisition, SIGNED).signatures == 9
    sign_requisition(last, requisition, today=SIGNED, now=noon(SIGNED))
    present_requisition(user(world.email("chair")), requisition, presented_on=PRESENTED, today=PRESENTED)
    with pytest.raises(ConflictError, match="can no longer change"):
        withdraw_signature(last, requisition)


def test_signatures_made_after_the_presentation_date_do_not_count_towards_it(app_ctx: Flask, world: World) -> None:
    requisition = requisition_signed_by(world, 9, on=date(2026, 3, 3))
    with pytest.raises(ServiceError, match="on or after the day the requisition was started"):
        present_requisition(user(world.email("chair")), requisition, presented_on=PRESENTED, today=date(2026, 3, 3))
    with pytest.raises(ServiceError, match="today or in the past"):
        present_requisition(
            user(world.email("chair")), requisition, presented_on=date(2026, 3, 4), today=date(2026, 3, 3)
        )


def test_a_cancelled_or_earlier_meeting_does_not_answer_a_requisition(app_ctx: Flask, world: World) -> None:
    requisition = requisition_signed_by(world, 9, on=SIGNED)
    present_requisition(user(world.email("chair")), requisition, presented_on=PRESENTED, today=PRESENTED)
    with pytest.raises(ServiceError, match="on or after the day the requisition was presented"):
        record_meeting_called(user(world.email("chair")), requisition, meeting_on(date(2026, 2, 5)))
