"""Motions, votes by name, results from ``govapp.rules.decide`` and the Chair's casting vote.

- Every decision is by a majority of the members present and voting; abstentions are not votes.
- Who may vote, and the one message for each reason not, is the eligibility rule
  (``govapp.rules.vote_eligibility`` and ``vote_refusal``); this module asks it. A second vote by the same
  member (two devices) is refused and the first one stands: the database's unique constraint makes
  this hold even when the two arrive at the same instant.
- A tie waits for the Chair, who gives a casting vote or declines; a tie the Chair does not decide
  is not carried. A recorded result is never changed: a correction is a new, recorded result.
- A motion cannot be decided while its item is inquorate; the item can be deferred instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import NamedTuple

from sqlalchemy import or_
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from govapp import rules
from govapp.extensions import db
from govapp.extensions import rows
from govapp.models import AgendaItem
from govapp.models import DeputyRequest
from govapp.models import Meeting
from govapp.models import MeetingStatus
from govapp.models import Motion
from govapp.models import MotionResult
from govapp.models import MotionStatus
from govapp.models import Person
from govapp.models import RequestDecision
from govapp.models import User
from govapp.models import Vote
from govapp.models import VoteChoice
from govapp.services import ConflictError
from govapp.services import ServiceError
from govapp.services.audit import record_change
from govapp.services.audit import snapshot
from govapp.services.proceedings import declared_member_ids
from govapp.services.proceedings import is_chair
from govapp.services.proceedings import item_quorum
from govapp.services.proceedings import require_meeting_day
from govapp.services.proceedings import require_record_open
from govapp.services.proceedings import roll_of


def propose_motion(
    actor: User | None, item: AgendaItem, text: str, proposer: Person, seconder: Person | None = None
) -> Motion:
    require_record_open(item.meeting)
    require_meeting_day(item.meeting)
    orders = item.meeting.committee.standing_orders
    members = {m.person_id for m in item.meeting.committee.members_on(item.meeting.meeting_date)}
    if not text.strip():
        raise ServiceError("Enter the wording of the motion.", field="text")
    if proposer.id not in members:
        raise ServiceError("The proposer must be a member.", field="proposer")
    if orders.seconder_required and seconder is None:
        raise ServiceError("This committee's motions need a seconder.", field="seconder")
    if seconder is not None and (seconder.id not in members or seconder.id == proposer.id):
        raise ServiceError("The seconder must be another member.", field="seconder")
    motion = Motion(agenda_item=item, text=text.strip(), proposer=proposer, seconder=seconder)
    motion.created_by_id = actor.id if actor else None
    db.session.add(motion)
    record_change(actor, "propose_motion", motion, committee_id=item.meeting.committee_id)
    return motion


def _require_quorate(item: AgendaItem) -> None:
    quorum = item_quorum(item)
    if not quorum.quorate:
        raise ServiceError(f"This item cannot be decided: {quorum.explain()} You can defer the item instead.")


def open_vote(actor: User | None, motion: Motion, *, now: datetime) -> None:
    refusal = ConflictError("The vote on this motion has already been opened.")
    _move_vote(actor, motion, now, MotionStatus.DRAFT, MotionStatus.OPEN, refusal)


def _move_vote(
    actor: User | None, motion: Motion, now: datetime, was: MotionStatus, to: MotionStatus, refusal: ServiceError
) -> None:
    """Open or close the vote on ``motion`` (from ``was`` to ``to``, else ``refusal``) at ``now``: only
    on the meeting's day, while its record is open and the item is quorate; audited."""
    require_record_open(motion.agenda_item.meeting)
    require_meeting_day(motion.agenda_item.meeting, now)
    if motion.status != was:
        raise refusal
    _require_quorate(motion.agenda_item)
    before = snapshot(motion)
    motion.status = to
    opening = to == MotionStatus.OPEN
    if opening:
        motion.opened_at = now
    else:
        motion.closed_at = now
    action = "open_vote" if opening else "close_vote"
    record_change(actor, action, motion, before=before, committee_id=motion.agenda_item.meeting.committee_id)


def _voting_member(motion: Motion, voter: Person, *, check_voted: bool = False) -> Person:
    """The member whose vote ``voter`` casts (themselves, or the member they deputise for), or a refusal
    in the eligibility rule's words."""
    item = motion.agenda_item
    meeting = item.meeting
    voted = (
        {v.member_id for v in db.session.scalars(select(Vote).where(Vote.motion_id == motion.id))}
        if check_voted
        else ()
    )
    answer = rules.vote_eligibility(roll_of(meeting), voter.id, declared_member_ids(item), voted)
    if answer.reason is None:
        return db.session.get_one(Person, answer.member)
    member = db.session.get(Person, answer.member) if answer.member is not None else None
    deputy = db.session.get(Person, answer.deputy) if answer.deputy is not None else None
    message = rules.vote_refusal(
        answer.reason,
        voter=voter.full_name,
        member=member.full_name if member else voter.full_name,
        deputy=deputy.full_name if deputy else "",
        committee=meeting.committee.name,
    )
    if answer.reason == rules.NoVote.ALREADY_VOTED:
        raise ConflictError(message)
    raise ServiceError(message)


def voting_member_of(motion: Motion, voter: Person) -> Person:
    """The member whose vote ``voter`` would cast on ``motion``, or a ``ServiceError`` saying why they cannot vote."""
    return _voting_member(motion, voter)


def eligible_voters(motion: Motion) -> list[tuple[Person, Person]]:
    """Everyone who may vote on ``motion`` now, as (voter, the member whose vote it is), by the member's name:
    members present and not conflicted, and deputies present in a member's place."""
    item = motion.agenda_item
    answers = rules.voters(roll_of(item.meeting), declared_member_ids(item))
    people = {
        p.id: p
        for p in db.session.scalars(
            select(Person).where(
                Person.id.in_({a.voter for a in answers} | {a.member for a in answers if a.member is not None})
            )
        )
    }
    pairs = [(people[a.voter], people[a.member]) for a in answers if a.member is not None]
    return sorted(pairs, key=lambda pair: pair[1].full_name)


def vote_of(motion: Motion, member: Person) -> Vote | None:
    return db.session.scalar(select(Vote).where(Vote.motion_id == motion.id, Vote.member_id == member.id))


def record_vote(actor: User | None, motion: Motion, voter: Person, choice: VoteChoice, *, now: datetime) -> Vote:
    """Record a vote by name: cast by the voter on their own device, or a show of hands recorded by the
    secretariat (``actor`` is then the secretariat's account)."""
    require_record_open(motion.agenda_item.meeting)
    require_meeting_day(motion.agenda_item.meeting, now)
    if motion.status != MotionStatus.OPEN:
        raise ServiceError("Voting on this motion is not open.")
    member = _voting_member(motion, voter, check_voted=True)
    vote = Vote(
        motion_id=motion.id,
        member_id=member.id,
        cast_by_id=voter.id,
        choice=VoteChoice(choice),
        cast_at=now,
        recorded_by_id=actor.id if actor else None,
    )
    try:
        # A savepoint, so that a clash with a vote already recorded leaves the rest of the work intact.
        with db.session.begin_nested():
            db.session.add(vote)
    except IntegrityError:
        raise ConflictError(
            f"A vote by {member.full_name} on this motion is already recorded; it counts once."
        ) from None
    record_change(actor, "record_vote", vote, committee_id=motion.agenda_item.meeting.committee_id)
    return vote


class Count(NamedTuple):
    """The votes on a motion: for, against and abstentions."""

    votes_for: int
    votes_against: int
    abstentions: int


def tally(motion: Motion) -> Count:
    """The votes cast on ``motion`` so far."""
    votes = db.session.scalars(select(Vote).where(Vote.motion_id == motion.id)).all()
    return Count(
        sum(v.choice == VoteChoice.FOR for v in votes),
        sum(v.choice == VoteChoice.AGAINST for v in votes),
        sum(v.choice == VoteChoice.ABSTAIN for v in votes),
    )


def close_vote(actor: User | None, motion: Motion, *, now: datetime) -> MotionResult | None:
    """Close voting and record the result; on a tie, return ``None``: the Chair's casting vote is awaited."""
    refusal = ServiceError("Voting on this motion is not open.")
    _move_vote(actor, motion, now, MotionStatus.OPEN, MotionStatus.CLOSED, refusal)
    count = tally(motion)
    if _ties(motion, count):
        return None
    return _record_result(actor, motion, count, None, False, now=now)


def awaiting_casting_vote(motion: Motion) -> bool:
    if motion.status != MotionStatus.CLOSED or motion.results:
        return False
    return _ties(motion, tally(motion))


def _ties(motion: Motion, count: Count) -> bool:
    orders = motion.agenda_item.meeting.committee.standing_orders
    return rules.decide(count.votes_for, count.votes_against, orders=orders) == rules.TIED


def motions_awaiting_casting_vote(committee_ids: Sequence[int]) -> list[Motion]:
    """Tied motions of the committees' meetings still waiting for the Chair's casting vote."""
    if not committee_ids:
        return []
    closed = db.session.scalars(
        select(Motion)
        .join(AgendaItem, Motion.agenda_item_id == AgendaItem.id)
        .join(Meeting, AgendaItem.meeting_id == Meeting.id)
        .where(
            Meeting.committee_id.in_(committee_ids),
            Motion.status == MotionStatus.CLOSED,
            # A motion awaiting the casting vote is closed with no result recorded yet: a handful at most,
            # whatever the number of motions ever decided.
            ~Motion.results.any(),
        )
        .order_by(Meeting.meeting_date, Motion.id)
    )
    return [motion for motion in closed if awaiting_casting_vote(motion)]


def open_motions(committee_ids: Sequence[int], *, deputy: Person | None = None) -> list[Motion]:
    """Motions whose vote is open, in the committees' meetings that are not cancelled, and (given
    ``deputy``) in the meetings the Chair approved that person to attend as a deputy."""
    where = [Meeting.committee_id.in_(committee_ids)] if committee_ids else []
    if deputy is not None:
        where.append(
            Meeting.id.in_(
                select(DeputyRequest.meeting_id).where(
                    DeputyRequest.deputy_id == deputy.id, DeputyRequest.status == RequestDecision.APPROVED
                )
            )
        )
    return rows(
        select(Motion)
        .join(AgendaItem, Motion.agenda_item_id == AgendaItem.id)
        .join(Meeting, AgendaItem.meeting_id == Meeting.id)
        .where(or_(*where), Meeting.status != MeetingStatus.CANCELLED, Motion.status == MotionStatus.OPEN)
        .order_by(Meeting.meeting_date, Motion.id),
        within=where,
    )


def give_casting_vote(actor: User | None, motion: Motion, choice: str | None, *, now: datetime) -> MotionResult:
    """The Chair's second and casting vote ("for" or "against"), or ``None`` to decline (not carried)."""
    require_record_open(motion.agenda_item.meeting)
    require_meeting_day(motion.agenda_item.meeting, now)
    meeting = motion.agenda_item.meeting
    if actor is None or not is_chair(meeting, actor.person):
        raise ServiceError("Only the Chair has a casting vote.")
    if not awaiting_casting_vote(motion):
        raise ConflictError("There is no tie on this motion awaiting a casting vote.")
    if choice not in (rules.CASTING_FOR, rules.CASTING_AGAINST, None):
        raise ServiceError("The casting vote is for or against, or the Chair may decline to use it.", field="choice")
    return _record_result(actor, motion, tally(motion), choice, choice is None, now=now)


def _record_result(
    actor: User | None,
    motion: Motion,
    count: Count,
    casting_vote: str | None,
    declined: bool,
    *,
    now: datetime,
    correcting: tuple[MotionResult, str] | None = None,
) -> MotionResult:
    """Record the result of ``count`` (and the casting vote); ``correcting`` is the result it corrects
    and the reason."""
    orders = motion.agenda_item.meeting.committee.standing_orders
    corrects, reason = correcting or (None, None)
    result = MotionResult(
        motion=motion,
        **count._asdict(),
        casting_vote=casting_vote,
        casting_vote_declined=declined,
        outcome=rules.decide(count.votes_for, count.votes_against, casting_vote, orders=orders),
        corrects_id=corrects.id if corrects else None,
        correction_reason=reason,
        recorded_at=now,
        recorded_by_id=actor.id if actor else None,
    )
    db.session.add(result)
    record_change(
        actor,
        "correct_result" if corrects else "record_result",
        result,
        committee_id=motion.agenda_item.meeting.committee_id,
    )
    return result


def correct_result(
    actor: User | None,
    motion: Motion,
    *,
    votes_for: int,
    votes_against: int,
    abstentions: int,
    casting_vote: str | None,
    reason: str,
    now: datetime,
) -> MotionResult:
    """Record a corrected result as a new event; the original stays on the record.

    The casting vote is the Chair's alone: on corrected counts that tie, a casting vote given here is
    taken only from the Chair; anyone else's correction keeps the casting vote (or the declining of
    it) the Chair already gave, and otherwise leaves the tie undecided (not carried). On counts that
    do not tie there is no casting vote.
    """
    require_record_open(motion.agenda_item.meeting)
    current = motion.result
    meeting = motion.agenda_item.meeting
    if current is None:
        raise ServiceError("There is no recorded result to correct.")
    if not reason.strip():
        raise ServiceError("Give the reason for the correction.", field="reason")
    for value in (votes_for, votes_against, abstentions):
        if value < 0:
            raise ServiceError("Vote counts cannot be negative.")
    membership = len(meeting.committee.members_on(meeting.meeting_date))
    if votes_for + votes_against + abstentions > membership:
        raise ServiceError(
            f"The counts add up to {votes_for + votes_against + abstentions}, more than the {membership} members.",
            field="votes_for",
        )
    count = Count(votes_for, votes_against, abstentions)
    declined = False
    if not _ties(motion, count):
        casting_vote = None
    elif actor is None or not is_chair(meeting, actor.person):
        if casting_vote is not None and casting_vote != current.casting_vote:
            raise ServiceError("Only the Chair gives the casting vote.", field="casting_vote")
        casting_vote, declined = current.casting_vote, current.casting_vote_declined
    else:
        declined = casting_vote is None
    return _record_result(actor, motion, count, casting_vote, declined, now=now, correcting=(current, reason.strip()))
