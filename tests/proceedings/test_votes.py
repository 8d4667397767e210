"""Votes by name, refusals with reasons, the result from the rules, and the Chair's casting vote."""

from __future__ import annotations

import threading

import pytest
from flask import Flask
from sqlalchemy import func
from sqlalchemy import select

from govapp.extensions import db
from govapp.models import Attendance
from govapp.models import Motion
from govapp.models import MotionResult
from govapp.models import OfficerRequest
from govapp.models import Person
from govapp.models import RequestDecision
from govapp.models import Vote
from govapp.models import VoteChoice
from govapp.models import WhenAndWhere
from govapp.services import ConflictError
from govapp.services import ServiceError
from govapp.services.accounts import add_person
from govapp.services.proceedings import decide_deputy_request
from govapp.services.proceedings import decide_officer_request
from govapp.services.proceedings import record_attendance
from govapp.services.proceedings import record_declaration
from govapp.services.proceedings import request_deputy
from govapp.services.proceedings import request_officer_attendance
from govapp.services.voting import awaiting_casting_vote
from govapp.services.voting import close_vote
from govapp.services.voting import correct_result
from govapp.services.voting import give_casting_vote
from govapp.services.voting import open_vote
from govapp.services.voting import propose_motion
from govapp.services.voting import record_vote
from tests.proceedings.conftest import BEFORE
from tests.proceedings.conftest import NOW
from tests.proceedings.conftest import Panel


def _open_motion(panel: Panel) -> Motion:
    motion = propose_motion(panel.secretary, panel.item, "That the Panel recommends a CMR.", panel.members[0])
    open_vote(panel.secretary, motion, now=NOW)
    return motion


def _votes(panel: Panel, motion: Motion, choices: list[tuple[Person, VoteChoice]]) -> None:
    for person, choice in choices:
        record_vote(panel.secretary, motion, person, choice, now=NOW)


def test_a_majority_of_those_voting_carries_the_motion_and_abstentions_do_not_count(panel: Panel) -> None:
    panel.present(*panel.everyone)
    motion = _open_motion(panel)
    F, A, X = VoteChoice.FOR, VoteChoice.AGAINST, VoteChoice.ABSTAIN
    _votes(panel, motion, list(zip(panel.everyone, [F, F, F, A, A, X, X, X, X], strict=True)))
    result = close_vote(panel.secretary, motion, now=NOW)
    assert result is not None
    assert (result.votes_for, result.votes_against, result.abstentions, result.outcome) == (3, 2, 4, "carried")


def test_a_tie_waits_for_the_chairs_casting_vote(panel: Panel) -> None:
    panel.present(*panel.everyone)
    motion = _open_motion(panel)
    F, A = VoteChoice.FOR, VoteChoice.AGAINST
    _votes(panel, motion, list(zip(panel.everyone[:8], [F, A] * 4, strict=True)))
    assert close_vote(panel.secretary, motion, now=NOW) is None
    assert awaiting_casting_vote(motion)
    with pytest.raises(ServiceError, match="Only the Chair has a casting vote"):
        give_casting_vote(panel.secretary, motion, "for", now=NOW)
    result = give_casting_vote(panel.chair_user, motion, "for", now=NOW)
    assert (result.votes_for, result.votes_against, result.casting_vote, result.outcome) == (4, 4, "for", "carried")
    assert not awaiting_casting_vote(motion)


def test_a_tie_without_a_casting_vote_is_not_carried(panel: Panel) -> None:
    panel.present(*panel.everyone)
    motion = _open_motion(panel)
    _votes(panel, motion, [(panel.members[0], VoteChoice.FOR), (panel.members[1], VoteChoice.AGAINST)])
    close_vote(panel.secretary, motion, now=NOW)
    result = give_casting_vote(panel.chair_user, motion, None, now=NOW)
    assert result.casting_vote_declined
    assert result.outcome == "tied"


def test_a_conflicted_members_vote_is_refused_with_a_clear_message(panel: Panel) -> None:
    panel.present(*panel.everyone)
    record_declaration(panel.secretary, panel.item, panel.members[2], "Was the child's teacher", now=NOW)
    motion = _open_motion(panel)
    with pytest.raises(ServiceError, match="Member 3 declared an interest in this item and takes no part"):
        record_vote(panel.secretary, motion, panel.members[2], VoteChoice.FOR, now=NOW)


def test_an_officers_vote_is_refused(panel: Panel) -> None:
    panel.present(*panel.everyone)
    officer = add_person(None, full_name="Officer Person", email="officer@example.org")
    request = request_officer_attendance(None, panel.item, officer, "Agency 1", "To present the case", now=BEFORE)
    decide_officer_request(panel.chair_user, request, True, None, now=BEFORE)
    assert db.session.get(OfficerRequest, request.id).status == RequestDecision.APPROVED
    record_attendance(panel.secretary, panel.meeting, officer, Attendance.OFFICER)
    motion = _open_motion(panel)
    with pytest.raises(ServiceError, match="officer in attendance: officers have no vote"):
        record_vote(panel.secretary, motion, officer, VoteChoice.FOR, now=NOW)


def test_absent_members_and_members_replaced_by_a_deputy_cannot_vote(panel: Panel) -> None:
    deputy = add_person(None, full_name="Deputy Person", email="deputy@example.org")
    request = request_deputy(None, panel.meeting, panel.members[7], deputy, "Exceptional", now=BEFORE)
    decide_deputy_request(panel.chair_user, request, True, None, now=BEFORE)
    panel.present(*panel.everyone[:7])
    record_attendance(panel.secretary, panel.meeting, panel.members[7], Attendance.PRESENT)
    record_attendance(panel.secretary, panel.meeting, deputy, Attendance.DEPUTY, deputy_for=panel.members[7])
    motion = _open_motion(panel)
    with pytest.raises(ServiceError, match="not recorded as present"):
        record_vote(panel.secretary, motion, panel.members[6], VoteChoice.FOR, now=NOW)
    with pytest.raises(ServiceError, match="attending as Member 8's deputy"):
        record_vote(panel.secretary, motion, panel.members[7], VoteChoice.FOR, now=NOW)
    vote = record_vote(panel.secretary, motion, deputy, VoteChoice.AGAINST, now=NOW)
    assert vote.member == panel.members[7]
    assert vote.cast_by == deputy


def test_a_member_who_votes_twice_counts_once(panel: Panel) -> None:
    panel.present(*panel.everyone)
    motion = _open_motion(panel)
    record_vote(None, motion, panel.members[0], VoteChoice.FOR, now=NOW)
    with pytest.raises(ConflictError, match="counts once"):
        record_vote(None, motion, panel.members[0], VoteChoice.AGAINST, now=NOW)
    assert db.session.scalar(select(func.count()).select_from(Vote).where(Vote.motion_id == motion.id)) == 1


def test_an_inquorate_item_cannot_be_put_to_the_vote(panel: Panel) -> None:
    panel.present(*panel.everyone[:5])
    motion = propose_motion(panel.secretary, panel.item, "That the Panel recommends a CMR.", panel.members[0])
    with pytest.raises(ServiceError, match="cannot be decided: Not quorate: 5 of the 6"):
        open_vote(panel.secretary, motion, now=NOW)


def test_a_correction_is_a_new_result_and_the_original_stays(panel: Panel) -> None:
    panel.present(*panel.everyone)
    motion = _open_motion(panel)
    _votes(panel, motion, [(panel.members[0], VoteChoice.FOR)])
    original = close_vote(panel.secretary, motion, now=NOW)
    assert original is not None
    corrected = correct_result(
        panel.secretary,
        motion,
        votes_for=1,
        votes_against=2,
        abstentions=0,
        casting_vote=None,
        reason="Two votes against were missed in the count",
        now=NOW,
    )
    assert corrected.corrects_id == original.id
    assert corrected.outcome == "lost"
    assert motion.result == corrected
    assert db.session.get(MotionResult, original.id).outcome == "carried"


def test_two_simultaneous_votes_by_one_member_count_once(app: Flask, panel: Panel) -> None:
    """Two devices submit the same member's vote at the same moment, on separate connections."""
    panel.present(*panel.everyone)
    motion = _open_motion(panel)
    db.session.commit()
    motion_id, member_id = motion.id, panel.members[0].id
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def cast(choice: VoteChoice) -> None:
        with app.app_context():
            m = db.session.get(Motion, motion_id)
            voter = db.session.get(Person, member_id)
            barrier.wait()
            try:
                record_vote(None, m, voter, choice, now=NOW)
                db.session.commit()
                outcomes.append("recorded")
            except ConflictError:
                db.session.rollback()
                outcomes.append("refused")
            finally:
                db.session.remove()

    threads = [threading.Thread(target=cast, args=(c,)) for c in (VoteChoice.FOR, VoteChoice.AGAINST)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    db.session.expire_all()
    assert sorted(outcomes) == ["recorded", "refused"]
    assert db.session.scalar(select(func.count()).select_from(Vote).where(Vote.motion_id == motion_id)) == 1


def test_only_the_chair_gives_a_casting_vote_even_in_a_correction(panel: Panel) -> None:
    panel.present(*panel.everyone)
    motion = _open_motion(panel)
    _votes(panel, motion, [(panel.members[0], VoteChoice.FOR), (panel.members[1], VoteChoice.AGAINST)])
    close_vote(panel.secretary, motion, now=NOW)
    give_casting_vote(panel.chair_user, motion, None, now=NOW)  # the Chair declines: not carried
    with pytest.raises(ServiceError, match="Only the Chair gives the casting vote"):
        correct_result(
            panel.secretary,
            motion,
            votes_for=1,
            votes_against=1,
            abstentions=0,
            casting_vote="for",
            reason="Recount",
            now=NOW,
        )
    kept = correct_result(
        panel.secretary,
        motion,
        votes_for=1,
        votes_against=1,
        abstentions=1,
        casting_vote=None,
        reason="An abstention was missed",
        now=NOW,
    )
    assert (kept.outcome, kept.casting_vote_declined) == ("tied", True)
    # Counts that no longer tie carry no casting vote.
    untied = correct_result(
        panel.chair_user,
        motion,
        votes_for=2,
        votes_against=1,
        abstentions=0,
        casting_vote="against",
        reason="A vote for was missed",
        now=NOW,
    )
    assert (untied.outcome, untied.casting_vote) == ("carried", None)
    with pytest.raises(ServiceError, match="more than the 9 members"):
        correct_result(
            panel.secretary,
            motion,
            votes_for=50,
            votes_against=0,
            abstentions=0,
            casting_vote=None,
            reason="Typo",
            now=NOW,
        )


def test_once_the_minutes_are_signed_the_meetings_record_is_locked(panel: Panel) -> None:
    from datetime import date

    from govapp.models import OutcomeKind
    from govapp.services.convening import schedule_meeting
    from govapp.services.minutes import circulate_minutes
    from govapp.services.minutes import sign_minutes
    from govapp.services.minutes import start_minutes
    from govapp.services.outcomes import record_outcome

    panel.present(*panel.everyone)
    motion = _open_motion(panel)
    minutes = start_minutes(panel.secretary, panel.meeting)
    circulate_minutes(panel.secretary, minutes, b"draft", now=NOW, link="x")
    january = schedule_meeting(None, panel.committee, WhenAndWhere(date(2027, 1, 7), panel.meeting.starts_at))
    panel.approve_previous_minutes_at(january)
    sign_minutes(panel.chair_user, minutes, b"signed", now=NOW, today=date(2027, 1, 7))
    for change in (
        lambda: record_attendance(panel.secretary, panel.meeting, panel.members[0], Attendance.ABSENT),
        lambda: record_vote(panel.secretary, motion, panel.members[0], VoteChoice.FOR, now=NOW),
        lambda: record_outcome(panel.secretary, panel.item, OutcomeKind.NOTED, "Noted", now=NOW),
        lambda: record_declaration(panel.secretary, panel.item, panel.members[1], "Late thought", now=NOW),
    ):
        with pytest.raises(ConflictError, match="record is locked"):
            change()


def test_a_committee_that_wants_a_seconder_refuses_a_motion_without_one(panel: Panel) -> None:
    from govapp.rules import StandingOrders

    panel.committee.orders = StandingOrders(seconder_required=True).to_dict()
    with pytest.raises(ServiceError, match="need a seconder"):
        propose_motion(panel.secretary, panel.item, "That a CMR is recommended.", panel.members[0])
    motion = propose_motion(
        panel.secretary, panel.item, "That a CMR is recommended.", panel.members[0], panel.members[1]
    )
    assert motion.seconder == panel.members[1]
