"""Requisitions for a meeting: members sign, the Chair is presented with it, a meeting is called.

Standing order 2: when a requisition signed by at least three quarters of the members (rounded up)
is presented to the Chair, the Chair must call a meeting (serve its notice) within 14 days after
the day it was presented, unless the Safeguarding Board approved the Chair's reason for not calling
one. The numbers come from the committee's standing orders through :mod:`govapp.rules`.

How the record reads the standing order:

- A signature counts while its signer is a member on the day the count is taken (today before
  presentation; the day of presentation after it) and was made on or before that day. The
  threshold is taken on the same day's membership. The Chair is not a signatory: the requisition
  is presented to the Chair.
- Presentation is recorded by the Chair (who receives it) or by the secretariat on the Chair's
  behalf: the same people who may call a meeting. A requisition short of the threshold is not
  presented.
- The meeting counts as called on the day (Europe/London) its notice was first served; a cancelled
  meeting does not count. Until then the requisition waits for its meeting.
- Overdue: presented, the deadline has passed, no notice of the chosen meeting was served by then,
  and no Board approval is recorded. A meeting called after the deadline answers the requisition
  but is shown as called late.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date
from datetime import datetime

from sqlalchemy import func
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from govapp import rules
from govapp.extensions import db
from govapp.extensions import rows
from govapp.models import Committee
from govapp.models import Meeting
from govapp.models import MeetingStatus
from govapp.models import Notice
from govapp.models import Requisition
from govapp.models import RequisitionSignature
from govapp.models import User
from govapp.permissions import CHAIR_CANNOT_SIGN
from govapp.services import ConflictError
from govapp.services import RefusedError
from govapp.services import ServiceError
from govapp.services.audit import record_change
from govapp.services.audit import snapshot

PURPOSE_MAX = 2000
BUSINESS_MAX = 10000
REASON_MAX = 10000


class RoleRefusal(RefusedError):
    """A refusal because of who is acting (the Chair signing, a non-member): shown as a 403."""


class Stage(enum.StrEnum):
    SIGNING = "being signed"
    WAITING = "waiting for a meeting to be called"
    CALLED = "meeting called"
    CALLED_LATE = "meeting called late"
    BOARD_APPROVED = "Board approved the Chair's reason"
    OVERDUE = "overdue"


@dataclass(frozen=True)
class RequisitionState:
    """Where a requisition stands on a day, every figure from the rules."""

    signatures: int
    needed: int
    membership: int
    counted_on: date
    presented_on: date | None
    deadline: date | None
    called_on: date | None
    deadline_state: str | None
    board_approved: bool
    stage: Stage

    @property
    def is_valid(self) -> bool:
        """Signed by enough members to oblige the Chair to call a meeting once presented."""
        return self.signatures >= self.needed

    @property
    def short_by(self) -> int:
        return max(self.needed - self.signatures, 0)

    @property
    def is_overdue(self) -> bool:
        return self.stage == Stage.OVERDUE


# --- reading ------------------------------------------------------------------------------------


def _member_ids(committee: Committee, day: date) -> set[int]:
    return {m.person_id for m in committee.members_on(day)}


def counted_signatures(requisition: Requisition, day: date) -> list[RequisitionSignature]:
    """The signatures that count on ``day``: made by then, by someone who is a member (not the Chair) that day."""
    members = _member_ids(requisition.committee, day)
    return [
        s
        for s in requisition.signatures
        if s.person_id in members
        and rules.london_date(s.signed_at) <= day
        and not requisition.committee.is_chair(s.person_id, day)
    ]


def notice_served_on(meeting: Meeting) -> date | None:
    """The day (Europe/London) the meeting's notice was first served, or ``None``."""
    served: datetime | None = db.session.scalar(
        select(func.min(Notice.served_at)).where(Notice.meeting_id == meeting.id, Notice.served_at.is_not(None))
    )
    return rules.london_date(served) if served is not None else None


def requisition_state(requisition: Requisition, today: date) -> RequisitionState:
    committee = requisition.committee
    orders = committee.standing_orders
    counted_on = requisition.presented_on or today
    membership = len(committee.members_on(counted_on))
    needed = rules.requisition_threshold(membership, orders=orders)
    signatures = len(counted_signatures(requisition, counted_on))
    if requisition.presented_on is None:
        return RequisitionState(
            signatures, needed, membership, counted_on, None, None, None, None, False, Stage.SIGNING
        )
    deadline = rules.requisition_call_deadline(requisition.presented_on, orders=orders)
    meeting = requisition.called_meeting
    called_on = notice_served_on(meeting) if meeting is not None and not meeting.is_cancelled else None
    state = rules.deadline_state(deadline, called_on, today)
    board_approved = requisition.board_approved_on is not None
    if board_approved:
        stage = Stage.BOARD_APPROVED
    elif state == rules.MET:
        stage = Stage.CALLED
    elif state == rules.LATE:
        stage = Stage.CALLED_LATE
    elif state == rules.MISSED:
        stage = Stage.OVERDUE
    else:
        stage = Stage.WAITING
    return RequisitionState(
        signatures,
        needed,
        membership,
        counted_on,
        requisition.presented_on,
        deadline,
        called_on,
        state,
        board_approved,
        stage,
    )


def requisitions_of(committee: Committee) -> list[Requisition]:
    """The committee's requisitions, newest first."""
    return rows(
        select(Requisition)
        .where(Requisition.committee_id == committee.id)
        .order_by(Requisition.created_at.desc(), Requisition.id.desc())
    )


def overdue_requisitions(committees: list[Committee], today: date) -> list[tuple[Requisition, RequisitionState]]:
    """Presented requisitions of these committees that are overdue on ``today``."""
    if not committees:
        return []
    presented = db.session.scalars(
        select(Requisition)
        .where(
            Requisition.committee_id.in_([c.id for c in committees]),
            Requisition.presented_on.is_not(None),
            Requisition.board_approved_on.is_(None),
        )
        .order_by(Requisition.presented_on)
    )
    result = []
    for requisition in presented:
        state = requisition_state(requisition, today)
        if state.is_overdue:
            result.append((requisition, state))
    return result


def has_signed(requisition: Requisition, person_id: int) -> bool:
    return any(s.person_id == person_id for s in requisition.signatures)


# --- changing -----------------------------------------------------------------------------------


def _check_signatory(actor: User, committee: Committee, today: date) -> None:
    if committee.is_chair(actor.person_id, today):
        raise RoleRefusal(CHAIR_CANNOT_SIGN)
    if actor.person_id not in _member_ids(committee, today):
        raise RoleRefusal(f"Only members of {committee.name} can sign a requisition.")


def _check_open(requisition: Requisition) -> None:
    if requisition.presented_on is not None:
        raise ConflictError(
            f"This requisition was presented to the Chair on {requisition.presented_on:%d %B %Y}: "
            "its signatures can no longer change."
        )


def start_requisition(
    actor: User, committee: Committee, *, purpose: str, business: str, today: date, now: datetime
) -> Requisition:
    """A member starts a requisition (its purpose and the business to transact) and signs it."""
    _check_signatory(actor, committee, today)
    purpose, business = (purpose or "").strip(), (business or "").strip()
    if not purpose:
        raise ServiceError("Enter the purpose of the meeting you are asking for.", field="purpose")
    if len(purpose) > PURPOSE_MAX:
        raise ServiceError(f"The purpose must be {PURPOSE_MAX} characters or fewer.", field="purpose")
    if not business:
        raise ServiceError("Enter the business the meeting is to transact.", field="business")
    if len(business) > BUSINESS_MAX:
        raise ServiceError(f"The business must be {BUSINESS_MAX} characters or fewer.", field="business")
    requisition = Requisition(
        committee=committee, purpose=purpose, business=business, created_by_id=actor.person_id, created_at=now
    )
    db.session.add(requisition)
    record_change(actor, "start_requisition", requisition, committee_id=committee.id)
    sign_requisition(actor, requisition, today=today, now=now)
    return requisition


def sign_requisition(actor: User, requisition: Requisition, *, today: date, now: datetime) -> RequisitionSignature:
    """Add the acting member's signature. Each member signs once."""
    _check_signatory(actor, requisition.committee, today)
    _check_open(requisition)
    if has_signed(requisition, actor.person_id):
        raise ConflictError("You have already signed this requisition. Each member signs once.")
    signature = RequisitionSignature(person_id=actor.person_id, signed_at=now)
    try:
        with db.session.begin_nested():
            db.session.add(signature)
            requisition.signatures.append(signature)
            db.session.flush()
    except IntegrityError:
        # Two signatures at once from the same person: the unique constraint keeps one.
        db.session.expire(requisition, ["signatures"])
        raise ConflictError("You have already signed this requisition. Each member signs once.") from None
    record_change(actor, "sign_requisition", signature, committee_id=requisition.committee_id)
    return signature


def withdraw_signature(actor: User, requisition: Requisition) -> None:
    """Take the acting member's signature off, before the requisition is presented."""
    _check_open(requisition)
    signature = next((s for s in requisition.signatures if s.person_id == actor.person_id), None)
    if signature is None:
        raise ServiceError("You have not signed this requisition, so there is no signature to withdraw.")
    before = snapshot(signature)
    requisition.signatures.remove(signature)
    db.session.delete(signature)
    record_change(
        actor,
        "withdraw_requisition_signature",
        signature,
        before=before,
        after={},
        committee_id=requisition.committee_id,
    )


def present_requisition(actor: User, requisition: Requisition, *, presented_on: date, today: date) -> RequisitionState:
    """Record that the requisition was presented to the Chair on ``presented_on``.

    Refused when it is short of the signatures the standing orders require on that day.
    """
    _check_open(requisition)
    if presented_on > today:
        raise ServiceError("The date it was presented must be today or in the past.", field="presented_on")
    started = rules.london_date(requisition.created_at)
    if presented_on < started:
        raise ServiceError(
            f"The date it was presented must be on or after the day the requisition was started, {started:%d %B %Y}.",
            field="presented_on",
        )
    membership = len(requisition.committee.members_on(presented_on))
    needed = rules.requisition_threshold(membership, orders=requisition.committee.standing_orders)
    signatures = len(counted_signatures(requisition, presented_on))
    if signatures < needed:
        raise ServiceError(
            f"This requisition has {signatures} of the {needed} signatures it needs, so it cannot be presented "
            "to the Chair yet.",
            field="presented_on",
        )
    before = snapshot(requisition)
    requisition.presented_on = presented_on
    requisition.presented_recorded_by_id = actor.id
    record_change(actor, "present_requisition", requisition, before=before, committee_id=requisition.committee_id)
    return requisition_state(requisition, today)


def _check_presented(requisition: Requisition) -> date:
    if requisition.presented_on is None:
        raise ServiceError("Record when the requisition was presented to the Chair first.")
    return requisition.presented_on


def meetings_to_answer(requisition: Requisition) -> list[Meeting]:
    """Meetings that could answer the requisition: not cancelled, on or after the day it was presented."""
    presented = requisition.presented_on
    if presented is None:
        return []
    return rows(
        select(Meeting)
        .where(
            Meeting.committee_id == requisition.committee_id,
            Meeting.meeting_date >= presented,
            Meeting.status != MeetingStatus.CANCELLED,
        )
        .order_by(Meeting.meeting_date, Meeting.starts_at)
    )


def record_meeting_called(actor: User, requisition: Requisition, meeting: Meeting) -> None:
    """Record the meeting called in answer to the requisition. It counts as called once its notice is served."""
    presented = _check_presented(requisition)
    if requisition.board_approved_on is not None:
        raise ConflictError("The Board's approval of the Chair's reason not to call a meeting is already recorded.")
    if meeting.committee_id != requisition.committee_id:
        raise ServiceError("Choose a meeting of this committee.", field="meeting_id")
    if meeting.is_cancelled:
        raise ServiceError("That meeting is cancelled. Choose a meeting that will take place.", field="meeting_id")
    if meeting.meeting_date < presented:
        raise ServiceError(
            "Choose a meeting on or after the day the requisition was presented to the Chair.", field="meeting_id"
        )
    before = snapshot(requisition)
    requisition.called_meeting = meeting
    record_change(
        actor, "record_requisitioned_meeting", requisition, before=before, committee_id=requisition.committee_id
    )


def record_board_approval(
    actor: User, requisition: Requisition, *, approved_on: date, reason: str, today: date
) -> None:
    """Record the Board's approval of the Chair's reason for not calling the requisitioned meeting."""
    presented = _check_presented(requisition)
    if requisition.board_approved_on is not None:
        raise ConflictError("The Board's approval is already recorded for this requisition.")
    meeting = requisition.called_meeting
    if meeting is not None and not meeting.is_cancelled and notice_served_on(meeting) is not None:
        raise ConflictError(
            "A meeting has been called for this requisition (its notice is served), so there is no reason "
            "not to call one for the Board to approve."
        )
    reason = (reason or "").strip()
    if not reason:
        raise ServiceError(
            "Enter the Chair's reason for not calling the meeting, as the Board approved it.", field="reason"
        )
    if len(reason) > REASON_MAX:
        raise ServiceError(f"The reason must be {REASON_MAX} characters or fewer.", field="reason")
    if approved_on > today:
        raise ServiceError("The date the Board approved the reason must be today or in the past.", field="approved_on")
    if approved_on < presented:
        raise ServiceError(
            "The date the Board approved the reason must be on or after the day the requisition was presented.",
            field="approved_on",
        )
    before = snapshot(requisition)
    requisition.board_approved_on = approved_on
    requisition.board_approved_reason = reason
    requisition.board_approval_recorded_by_id = actor.id
    requisition.called_meeting = None
    record_change(actor, "record_board_approval", requisition, before=before, committee_id=requisition.committee_id)


__all__ = [
    "RequisitionState",
    "RoleRefusal",
    "Stage",
    "counted_signatures",
    "has_signed",
    "meetings_to_answer",
    "notice_served_on",
    "overdue_requisitions",
    "present_requisition",
    "record_board_approval",
    "record_meeting_called",
    "requisition_state",
    "requisitions_of",
    "sign_requisition",
    "start_requisition",
    "withdraw_signature",
]
