"""Before and at the meeting: apologies, deputies, officers, roll call, declarations and quorum.

Decisions this module makes (the standing orders are silent on them):

Who counts as present, who may be deputised and the words of a quorum are the eligibility rules
(``govapp.rules.eligibility``); this module builds their :class:`~govapp.rules.Roll` from the record
(:func:`roll_of`) and asks them. An approved deputy who is present counts in the place of the member
they replace, and the member counts as not attending (for absence alerts too).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from datetime import datetime
from datetime import time
from typing import TypeVar

from sqlalchemy import select

from govapp import clock
from govapp import rules
from govapp.extensions import db
from govapp.formatting import long_date
from govapp.models import AgendaItem
from govapp.models import Apology
from govapp.models import Attendance
from govapp.models import AttendanceRecord
from govapp.models import Declaration
from govapp.models import DeclarationKind
from govapp.models import DeputyRequest
from govapp.models import Meeting
from govapp.models import MeetingStatus
from govapp.models import OfficerRequest
from govapp.models import Person
from govapp.models import RequestDecision
from govapp.models import User
from govapp.rules import london_date
from govapp.services import ConflictError
from govapp.services import ServiceError
from govapp.services.audit import record_change
from govapp.services.audit import snapshot
from govapp.services.minutes import minutes_for


def _member_ids(meeting: Meeting) -> set[int]:
    return {m.person_id for m in meeting.committee.members_on(meeting.meeting_date)}


def _chair_id(meeting: Meeting) -> int | None:
    chair = meeting.committee.chair_on(meeting.meeting_date)
    return chair.person_id if chair else None


def roll_of(meeting: Meeting) -> rules.Roll:
    """The meeting's people as plain data for the eligibility rules."""
    day = meeting.meeting_date
    members = frozenset(_member_ids(meeting))
    former = frozenset(m.person_id for m in meeting.committee.memberships if m.ends_on is not None and m.ends_on < day)
    entries = tuple(
        rules.RollEntry(r.person_id, r.status.value, r.deputy_for_id, r.departed_at is not None)
        for r in attendance_of(meeting).values()
    )
    return rules.Roll(members=members, chair=_chair_id(meeting), entries=entries, former_members=former)


def _require_member(meeting: Meeting, person: Person) -> None:
    if person.id not in _member_ids(meeting):
        raise ServiceError(f"{person.full_name} is not a member of {meeting.committee.name} on the day of the meeting.")


def require_record_open(meeting: Meeting) -> None:
    """Once the minutes are approved and signed, the meeting's record is locked."""
    minutes = minutes_for(meeting)
    if minutes is not None and minutes.is_locked:
        raise ConflictError(
            "The minutes of this meeting have been approved and signed, so its record is locked. "
            "Record an amendment to the minutes instead."
        )


def require_meeting_day(meeting: Meeting, now: datetime | None = None) -> None:
    """The record of a meeting (roll call, declarations made at it, motions, votes, outcomes, actions)
    opens on the meeting's day, Europe/London (``rules.record_closed_reason``). ``now`` defaults to
    the application's clock, for the callers that are not given the time."""
    reason = rules.record_closed_reason(meeting.meeting_date, london_date(now or clock.now()))
    if reason:
        raise ServiceError(reason)


def _require_open(meeting: Meeting) -> None:
    if meeting.status == MeetingStatus.CANCELLED:
        raise ServiceError("This meeting has been cancelled.")
    require_record_open(meeting)


# --- before the meeting -----------------------------------------------------------------------


def send_apologies(
    actor: User | None, meeting: Meeting, person: Person, reason: str | None, *, now: datetime
) -> Apology:
    _require_open(meeting)
    _require_member(meeting, person)
    existing = db.session.scalar(
        select(Apology).where(Apology.meeting_id == meeting.id, Apology.person_id == person.id)
    )
    if existing is not None:
        raise ConflictError(f"Apologies from {person.full_name} are already recorded for this meeting.")
    apology = Apology(meeting=meeting, person=person, reason=(reason or "").strip() or None, sent_at=now)
    apology.sent_by_id = actor.id if actor else None
    db.session.add(apology)
    record_change(actor, "send_apologies", apology, committee_id=meeting.committee_id)
    return apology


def withdraw_apologies(actor: User | None, apology: Apology, *, now: datetime) -> None:
    """Apologies can be withdrawn until the meeting begins (Europe/London): the member will attend after all."""
    meeting = apology.meeting
    _require_open(meeting)
    starts = datetime.combine(meeting.meeting_date, meeting.starts_at, tzinfo=rules.LONDON)
    if now >= starts:
        raise ServiceError("The meeting has begun, so apologies can no longer be withdrawn. Tell the secretariat.")
    before = snapshot(apology)
    db.session.delete(apology)
    record_change(actor, "withdraw_apologies", apology, before=before, after={}, committee_id=meeting.committee_id)


def request_deputy(
    actor: User | None, meeting: Meeting, member: Person, deputy: Person, reason: str, *, now: datetime
) -> DeputyRequest:
    """Deputising is permitted only in exceptional circumstances and with the Chair's prior agreement."""
    _require_open(meeting)
    _require_member(meeting, member)
    orders = meeting.committee.standing_orders
    if not rules.may_be_deputised(
        rules.Roll(frozenset(_member_ids(meeting)), _chair_id(meeting)), member.id, orders=orders
    ):
        raise ServiceError(rules.deputise_refusal(orders=orders))
    if deputy.id == member.id:
        raise ServiceError("A deputy must be someone other than the member.", field="deputy")
    if deputy.id in _member_ids(meeting):
        raise ServiceError(f"{deputy.full_name} is already a member and attends in their own right.", field="deputy")
    if not reason.strip():
        raise ServiceError("Explain the exceptional circumstances that need a deputy.", field="reason")
    if now.date() >= meeting.meeting_date:
        raise ServiceError("A deputy needs the Chair's agreement before the day of the meeting.")
    request = DeputyRequest(meeting=meeting, member=member, deputy=deputy, reason=reason.strip())
    return _ask_the_chair(actor, request, "request_deputy", now=now)


R = TypeVar("R", DeputyRequest, OfficerRequest)


def _ask_the_chair(actor: User | None, request: R, action: str, *, now: datetime) -> R:
    """Put ``request`` to the Chair: made ``now``, pending until the Chair decides it; audited."""
    request.requested_at = now
    request.requested_by_id = actor.id if actor else None
    request.status = RequestDecision.PENDING
    db.session.add(request)
    record_change(actor, action, request, committee_id=request.meeting.committee_id)
    return request


def _decide(
    actor: User | None, request: DeputyRequest | OfficerRequest, approve: bool, reason: str | None, *, now: datetime
) -> None:
    meeting = request.meeting
    chair = _chair_id(meeting)
    if actor is None or chair is None or actor.person_id != chair:
        raise ServiceError("Only the Chair can approve or refuse this request.")
    if request.status != RequestDecision.PENDING:
        raise ConflictError("This request has already been decided.")
    if now.date() >= meeting.meeting_date:
        raise ServiceError("The Chair's agreement must come before the day of the meeting.")
    if not approve and not (reason or "").strip():
        raise ServiceError("Give the reason for refusing.", field="reason")
    before = snapshot(request)
    request.status = RequestDecision.APPROVED if approve else RequestDecision.REFUSED
    request.decided_at = now
    request.decided_by_id = actor.id
    request.decision_reason = (reason or "").strip() or None
    action = type(request).__name__.replace("Request", "").lower()
    record_change(actor, f"decide_{action}_request", request, before=before, committee_id=meeting.committee_id)


def decide_deputy_request(
    actor: User | None, request: DeputyRequest, approve: bool, reason: str | None, *, now: datetime
) -> None:
    """The Chair's decision on a deputy. The member and the deputy are told it through the outbox. An
    approved deputy is sent what the members were sent: the meeting's invite (the same event as
    everyone's), the served notice and the agenda and papers, if they already went out."""
    from govapp.links import meeting_url
    from govapp.services.invites import send_meeting_invites
    from govapp.services.notices import latest_served_notice
    from govapp.services.notices import send_notice
    from govapp.services.outbox import queue_email
    from govapp.services.packs import send_pack

    _decide(actor, request, approve, reason, now=now)
    meeting = request.meeting
    name = f"{meeting.committee.short_name} meeting on {long_date(meeting.meeting_date)}"
    decision = "agreed" if approve else "not agreed"
    why = f"\n\nThe Chair's reason: {request.decision_reason}" if request.decision_reason else ""
    for person, opening in (
        (request.member, f"The Chair has {decision} that {request.deputy.full_name} attends the {name} in your place."),
        (
            request.deputy,
            f"The Chair has {decision} that you attend the {name} in place of {request.member.full_name}.",
        ),
    ):
        queue_email(
            person,
            kind="deputy-decision",
            subject=f"Deputy {decision}: {name}",
            body_text=f"{opening}{why}\n\n{meeting_url(meeting)}\n\nOFFICIAL-SENSITIVE\n",
            meeting=meeting,
            now=now,
        )
    if approve and meeting.status == MeetingStatus.SCHEDULED:
        send_meeting_invites(meeting, now=now, to=[request.deputy])
        served = latest_served_notice(meeting)
        if served is not None:
            send_notice(served, [request.deputy], now=now)
        if meeting.pack_despatched_at is not None:
            send_pack(meeting, [request.deputy], again=False, now=now)


def request_officer_attendance(
    actor: User | None, item: AgendaItem, officer: Person, agency: str, reason: str | None, *, now: datetime
) -> OfficerRequest:
    """An agency asks for an officer to attend, with the Chair's prior agreement, to present an item."""
    meeting = item.meeting
    _require_open(meeting)
    if officer.id in _member_ids(meeting):
        raise ServiceError(f"{officer.full_name} is a member and attends in their own right.", field="officer")
    if not agency.strip():
        raise ServiceError("Enter the agency the officer represents.", field="agency")
    reason = (reason or "").strip() or None
    request = OfficerRequest(meeting=meeting, agenda_item=item, officer=officer, agency=agency.strip(), reason=reason)
    return _ask_the_chair(actor, request, "request_officer_attendance", now=now)


def decide_officer_request(
    actor: User | None, request: OfficerRequest, approve: bool, reason: str | None, *, now: datetime
) -> None:
    _decide(actor, request, approve, reason, now=now)


def apologies_for(meeting: Meeting) -> dict[int, Apology]:
    """Apologies sent for ``meeting``, by person id."""
    return {a.person_id: a for a in db.session.scalars(select(Apology).where(Apology.meeting_id == meeting.id))}


def deputy_requests_for(meeting: Meeting, status: RequestDecision | None = None) -> list[DeputyRequest]:
    query = select(DeputyRequest).where(DeputyRequest.meeting_id == meeting.id)
    if status is not None:
        query = query.where(DeputyRequest.status == status)
    return list(db.session.scalars(query.order_by(DeputyRequest.requested_at, DeputyRequest.id)))


def officer_requests_for(meeting: Meeting, status: RequestDecision | None = None) -> list[OfficerRequest]:
    query = select(OfficerRequest).where(OfficerRequest.meeting_id == meeting.id)
    if status is not None:
        query = query.where(OfficerRequest.status == status)
    return list(db.session.scalars(query.order_by(OfficerRequest.requested_at, OfficerRequest.id)))


def pending_attendance_requests(
    committee_ids: Sequence[int], today: date
) -> tuple[list[DeputyRequest], list[OfficerRequest]]:
    """Deputy and officer requests waiting for the Chair, for the committees' meetings to come."""
    if not committee_ids:
        return [], []
    upcoming = (
        Meeting.committee_id.in_(committee_ids),
        Meeting.meeting_date >= today,
        Meeting.status == MeetingStatus.SCHEDULED,
    )
    deputies = db.session.scalars(
        select(DeputyRequest)
        .join(Meeting, DeputyRequest.meeting_id == Meeting.id)
        .where(*upcoming, DeputyRequest.status == RequestDecision.PENDING)
        .order_by(Meeting.meeting_date, DeputyRequest.requested_at, DeputyRequest.id)
    )
    officers = db.session.scalars(
        select(OfficerRequest)
        .join(Meeting, OfficerRequest.meeting_id == Meeting.id)
        .where(*upcoming, OfficerRequest.status == RequestDecision.PENDING)
        .order_by(Meeting.meeting_date, OfficerRequest.requested_at, OfficerRequest.id)
    )
    return list(deputies), list(officers)


# --- roll call --------------------------------------------------------------------------------


def record_attendance(
    actor: User | None,
    meeting: Meeting,
    person: Person,
    status: Attendance,
    *,
    deputy_for: Person | None = None,
    arrived_at: time | None = None,
    departed_at: time | None = None,
) -> AttendanceRecord:
    """Record one person's attendance (a second call updates the record and is audited)."""
    _require_open(meeting)
    require_meeting_day(meeting)
    members = _member_ids(meeting)
    if status in (Attendance.PRESENT, Attendance.APOLOGIES, Attendance.ABSENT) and person.id not in members:
        raise ServiceError(f"{person.full_name} is not a member; record them as a deputy or an officer in attendance.")
    if status == Attendance.DEPUTY:
        if deputy_for is None:
            raise ServiceError("Choose the member this deputy attends for.", field="deputy_for")
        approved = db.session.scalar(
            select(DeputyRequest).filter_by(
                meeting_id=meeting.id, member_id=deputy_for.id, deputy_id=person.id, status=RequestDecision.APPROVED
            )
        )
        if approved is None:
            raise ServiceError(
                f"{person.full_name} has no prior agreement from the Chair to deputise for {deputy_for.full_name}."
            )
    elif deputy_for is not None:
        raise ServiceError("Only a deputy attends for another member.", field="deputy_for")
    if status == Attendance.OFFICER:
        approved_officer = db.session.scalar(
            select(OfficerRequest).where(
                OfficerRequest.meeting_id == meeting.id,
                OfficerRequest.officer_id == person.id,
                OfficerRequest.status == RequestDecision.APPROVED,
            )
        )
        if approved_officer is None:
            raise ServiceError(f"{person.full_name} has no prior agreement from the Chair to attend as an officer.")
    if arrived_at and departed_at and departed_at < arrived_at:
        raise ServiceError("The departure time must be after the arrival time.", field="departed_at")
    record = db.session.scalar(
        select(AttendanceRecord).where(
            AttendanceRecord.meeting_id == meeting.id, AttendanceRecord.person_id == person.id
        )
    )
    before = snapshot(record) if record else None
    if record is None:
        record = AttendanceRecord(meeting=meeting, person=person, status=status)
        db.session.add(record)
    record.status = status
    record.deputy_for_id = deputy_for.id if deputy_for else None
    record.arrived_at = arrived_at
    record.departed_at = departed_at
    record.recorded_by_id = actor.id if actor else None
    record_change(actor, "record_attendance", record, before=before, committee_id=meeting.committee_id)
    return record


def attendance_of(meeting: Meeting) -> dict[int, AttendanceRecord]:
    records = db.session.scalars(select(AttendanceRecord).where(AttendanceRecord.meeting_id == meeting.id))
    return {r.person_id: r for r in records}


#: The quorum of a meeting or an item, with its words (the eligibility rules' answer).
QuorumState = rules.QuorumAnswer


def present_member_ids(meeting: Meeting) -> frozenset[int]:
    """Member ids counted as present: in person, or through a deputy present in their place."""
    return rules.present_members(roll_of(meeting))


def meeting_quorum(meeting: Meeting) -> QuorumState:
    return rules.quorum_of(roll_of(meeting), orders=meeting.committee.standing_orders)


def declared_member_ids(item: AgendaItem) -> set[int]:
    members = _member_ids(item.meeting)
    declarations = db.session.scalars(select(Declaration).where(Declaration.agenda_item_id == item.id))
    return {d.person_id for d in declarations if d.person_id in members}


def item_quorum(item: AgendaItem) -> QuorumState:
    """The quorum for one item: declared members are not present for it (with the one-third exception)."""
    meeting = item.meeting
    return rules.quorum_of(roll_of(meeting), declared_member_ids(item), orders=meeting.committee.standing_orders)


# --- declarations at the meeting ----------------------------------------------------------------


def record_declaration(
    actor: User | None, item: AgendaItem, person: Person, nature: str, *, now: datetime
) -> Declaration:
    """A declaration made at the meeting (or the confirmation of one registered in advance).

    The member withdraws from the item: ``withdrew_at`` is recorded now.
    """
    meeting = item.meeting
    _require_open(meeting)
    require_meeting_day(meeting, now)
    _require_member(meeting, person)
    if not nature.strip():
        raise ServiceError("Describe the nature of the interest.", field="nature")
    declaration = db.session.scalar(
        select(Declaration).where(Declaration.agenda_item_id == item.id, Declaration.person_id == person.id)
    )
    before = snapshot(declaration) if declaration else None
    if declaration is None:
        declaration = Declaration(agenda_item=item, person=person, nature=nature.strip(), kind=DeclarationKind.DECLARED)
        declaration.recorded_by_id = actor.id if actor else None
        db.session.add(declaration)
    else:
        declaration.nature = nature.strip()
    declaration.confirmed_at = now
    declaration.withdrew_at = declaration.withdrew_at or now
    action = "confirm_declaration" if before else "record_declaration"
    record_change(actor, action, declaration, before=before, committee_id=meeting.committee_id)
    return declaration


def record_return(actor: User | None, declaration: Declaration, *, now: datetime) -> None:
    """The member comes back into the room after the item has been dealt with."""
    require_record_open(declaration.agenda_item.meeting)
    before = snapshot(declaration)
    declaration.returned_at = now
    record_change(
        actor, "record_return", declaration, before=before, committee_id=declaration.agenda_item.meeting.committee_id
    )


def correct_withdrawal_times(
    actor: User | None,
    declaration: Declaration,
    *,
    withdrew_at: time,
    returned_at: time | None,
    reason: str,
    now: datetime,
) -> None:
    """Correct when a member withdrew from an item and came back (Europe/London times on the meeting's
    day), with the reason. An amendment to the record: the times before and after are audited, the
    reason is kept with the declaration, and signed minutes lock it."""
    meeting = declaration.agenda_item.meeting
    require_record_open(meeting)
    require_meeting_day(meeting, now)
    if declaration.confirmed_at is None:
        raise ServiceError("The interest is not yet confirmed at the meeting, so there are no times to correct.")
    reason = reason.strip()
    if not reason:
        raise ServiceError("Give the reason for the correction.", field="reason")
    if returned_at is not None and returned_at < withdrew_at:
        raise ServiceError("The return must be at or after the withdrawal.", field="returned_at")
    before = snapshot(declaration)
    declaration.withdrew_at = datetime.combine(meeting.meeting_date, withdrew_at, tzinfo=rules.LONDON)
    declaration.returned_at = (
        datetime.combine(meeting.meeting_date, returned_at, tzinfo=rules.LONDON) if returned_at else None
    )
    declaration.times_correction = reason
    record_change(actor, "correct_withdrawal_times", declaration, before=before, committee_id=meeting.committee_id)


def is_chair(meeting: Meeting, person: Person) -> bool:
    """Whether ``person`` is the Chair on the day of ``meeting`` (``Committee.is_chair``)."""
    return meeting.committee.is_chair(person.id, meeting.meeting_date)
