"""The API for the meeting itself: attendance, declarations, quorum, motions and votes.

The same services and checks as the console and the vote page: a refusal by the standing orders is
a 400 (or 409 for a clash, such as a second vote) with the service's words.
"""

from __future__ import annotations

from datetime import time
from typing import Any

from flask import request, url_for
from flask.typing import ResponseReturnValue
from sqlalchemy import select
from werkzeug.exceptions import BadRequest

from govapp import clock
from govapp.api.auth import api_user
from govapp.api.openapi import DATETIME, PATH_PARAMETERS, SCHEMAS, TEXT, _nullable, _object, _ref
from govapp.api.serialisers import iso, person
from govapp.api.views import _agenda_roles, _created, _meeting, _refused, api_route, json_body
from govapp.extensions import db
from govapp.models import (
    AgendaItem,
    Attendance,
    AttendanceRecord,
    Declaration,
    Meeting,
    Motion,
    Person,
    VoteChoice,
)
from govapp.permissions import Action, require
from govapp.services import ServiceError, proceedings, voting
from govapp.services import agenda as agenda_service
from govapp.services.proceedings import QuorumState

PATH_PARAMETERS.update(
    {
        "item_id": {"description": "The agenda item's number (its id, not its position on the agenda)."},
        "motion_id": {"description": "The motion's number."},
    }
)

_QUORUM = _object(
    {
        "membership": {"type": "integer"},
        "present": {"type": "integer", "description": "Members present (deputies in their member's place)."},
        "declared": {"type": "integer", "description": "Members who declared an interest (items only)."},
        "required": {"type": "integer"},
        "chair_present": {"type": "boolean"},
        "quorate": {"type": "boolean"},
        "exception_applies": {"type": "boolean", "description": "More than a third declared an interest."},
        "explanation": TEXT,
    }
)
_RESULT = _object(
    {
        "votes_for": {"type": "integer"},
        "votes_against": {"type": "integer"},
        "abstentions": {"type": "integer"},
        "casting_vote": _nullable({"enum": ["for", "against"]}),
        "casting_vote_declined": {"type": "boolean"},
        "outcome": {"enum": ["carried", "lost", "tied"]},
        "corrects_id": _nullable({"type": "integer"}),
        "correction_reason": _nullable(TEXT),
        "recorded_at": DATETIME,
    }
)
SCHEMAS.update(
    {
        "Quorum": _QUORUM,
        "AttendanceLine": _object(
            {
                "person": _ref("PersonRef"),
                "status": {"enum": [a.value for a in Attendance]},
                "deputy_for": _nullable(_ref("PersonRef")),
                "arrived_at": _nullable(TEXT),
                "departed_at": _nullable(TEXT),
            }
        ),
        "Attendance": _object(
            {
                "meeting_id": {"type": "integer"},
                "quorum": _ref("Quorum"),
                "attendance": {"type": "array", "items": _ref("AttendanceLine")},
            }
        ),
        "NewAttendance": {
            "type": "object",
            "properties": {
                "person_id": {"type": "integer"},
                "status": {"enum": [a.value for a in Attendance]},
                "deputy_for_id": {"type": ["integer", "null"]},
                "arrived_at": {"type": ["string", "null"], "description": "HH:MM, Europe/London"},
                "departed_at": {"type": ["string", "null"], "description": "HH:MM, Europe/London"},
            },
            "required": ["person_id", "status"],
            "additionalProperties": False,
        },
        "Declaration": _object(
            {
                "id": {"type": "integer"},
                "item_id": {"type": "integer"},
                "person": _ref("PersonRef"),
                "nature": TEXT,
                "kind": {"enum": ["registered", "declared"]},
                "withdrew_at": _nullable(DATETIME),
                "returned_at": _nullable(DATETIME),
            }
        ),
        "DeclarationList": _object(
            {"meeting_id": {"type": "integer"}, "declarations": {"type": "array", "items": _ref("Declaration")}}
        ),
        "NewDeclaration": {
            "type": "object",
            "properties": {
                "nature": {"type": "string", "minLength": 1},
                "person_id": {
                    "type": ["integer", "null"],
                    "description": "The secretariat records a declaration made at the meeting by this member; "
                    "leave out to register your own interest in advance.",
                },
            },
            "required": ["nature"],
            "additionalProperties": False,
        },
        "ItemQuorum": _object({"item_id": {"type": "integer"}, "quorum": _ref("Quorum")}),
        "Vote": _object(
            {
                "member": _ref("PersonRef"),
                "cast_by": _ref("PersonRef"),
                "choice": {"enum": [c.value for c in VoteChoice]},
            }
        ),
        "Motion": _object(
            {
                "id": {"type": "integer"},
                "item_id": {"type": "integer"},
                "text": TEXT,
                "proposer": _ref("PersonRef"),
                "seconder": _nullable(_ref("PersonRef")),
                "status": {"enum": ["draft", "open", "closed"]},
                "awaiting_casting_vote": {"type": "boolean"},
                "votes": {"type": "array", "items": _ref("Vote")},
                "results": {
                    "type": "array",
                    "items": _RESULT,
                    "description": "Every recorded result, oldest first; the last is in force (corrections are new).",
                },
            }
        ),
        "MotionList": _object({"item_id": {"type": "integer"}, "motions": {"type": "array", "items": _ref("Motion")}}),
        "NewMotion": {
            "type": "object",
            "properties": {
                "text": {"type": "string", "minLength": 1},
                "proposer_id": {"type": "integer"},
                "seconder_id": {"type": ["integer", "null"]},
            },
            "required": ["text", "proposer_id"],
            "additionalProperties": False,
        },
        "NewVote": {
            "type": "object",
            "properties": {
                "choice": {"enum": [c.value for c in VoteChoice]},
                "voter_id": {
                    "type": ["integer", "null"],
                    "description": "The secretariat or Chair records a show of hands for this person; leave out "
                    "to cast your own vote.",
                },
            },
            "required": ["choice"],
            "additionalProperties": False,
        },
        "CastingVote": {
            "type": "object",
            "properties": {
                "choice": {"enum": ["for", "against", None], "description": "null declines the casting vote."}
            },
            "required": ["choice"],
            "additionalProperties": False,
        },
    }
)


# --- helpers -------------------------------------------------------------------------------------


def _item(item_id: int) -> AgendaItem:
    return db.get_or_404(AgendaItem, item_id, description=f"There is no agenda item {item_id}.")


def _motion(motion_id: int) -> Motion:
    return db.get_or_404(Motion, motion_id, description=f"There is no motion {motion_id}.")


def _person(person_id: int) -> Person:
    found = db.session.get(Person, person_id) if 0 < person_id < 2**31 else None
    if found is None:
        raise BadRequest(f"There is no person {person_id}.")
    return found


def _time(value: str | None, name: str) -> time | None:
    if value is None:
        return None
    try:
        parsed = time.fromisoformat(value)
    except ValueError:
        parsed = None
    if parsed is None or parsed.tzinfo is not None:
        raise BadRequest(f"'{name}' must be a time like 10:30 (Europe/London, with no time zone).")
    return parsed


def _quorum(state: QuorumState) -> dict[str, Any]:
    return {
        "membership": state.membership,
        "present": state.present,
        "declared": state.declared,
        "required": state.required,
        "chair_present": state.chair_present,
        "quorate": state.quorate,
        "exception_applies": state.exception_applies,
        "explanation": state.explain(),
    }


def _declaration(d: Declaration) -> dict[str, Any]:
    return {
        "id": d.id,
        "item_id": d.agenda_item_id,
        "person": person(d.person),
        "nature": d.nature,
        "kind": d.kind.value,
        "withdrew_at": iso(d.withdrew_at),
        "returned_at": iso(d.returned_at),
    }


def _motionjson_body(m: Motion) -> dict[str, Any]:
    return {
        "id": m.id,
        "item_id": m.agenda_item_id,
        "text": m.text,
        "proposer": person(m.proposer),
        "seconder": person(m.seconder) if m.seconder else None,
        "status": m.status.value,
        "awaiting_casting_vote": voting.awaiting_casting_vote(m),
        "votes": [
            {"member": person(v.member), "cast_by": person(v.cast_by), "choice": v.choice.value} for v in m.votes
        ],
        "results": [
            {
                "votes_for": r.votes_for,
                "votes_against": r.votes_against,
                "abstentions": r.abstentions,
                "casting_vote": r.casting_vote,
                "casting_vote_declined": r.casting_vote_declined,
                "outcome": r.outcome,
                "corrects_id": r.corrects_id,
                "correction_reason": r.correction_reason,
                "recorded_at": iso(r.recorded_at),
            }
            for r in m.results
        ],
    }


def _attendancejson_body(meeting: Meeting) -> dict[str, Any]:
    records = db.session.scalars(
        select(AttendanceRecord).where(AttendanceRecord.meeting_id == meeting.id).order_by(AttendanceRecord.id)
    )
    return {
        "meeting_id": meeting.id,
        "quorum": _quorum(proceedings.meeting_quorum(meeting)),
        "attendance": [
            {
                "person": person(r.person),
                "status": r.status.value,
                "deputy_for": person(r.deputy_for) if r.deputy_for else None,
                "arrived_at": iso(r.arrived_at),
                "departed_at": iso(r.departed_at),
            }
            for r in records
        ],
    }


def _run(action: Any) -> Any:
    try:
        return action()
    except ServiceError as error:
        db.session.rollback()
        raise _refused(error) from None


# --- attendance and quorum -----------------------------------------------------------------------


@api_route(
    "/meetings/<int:meeting_id>/attendance",
    summary="A meeting's roll call and its quorum",
    description="Everyone recorded (members, deputies, officers in attendance) and the meeting's quorum from "
    "the standing orders. Chair, members and secretariat.",
    response="Attendance",
    tag="meeting",
)
def attendance(meeting_id: int) -> ResponseReturnValue:
    meeting = _meeting(meeting_id)
    _agenda_roles(meeting, clock.today())
    return _attendancejson_body(meeting)


@api_route(
    "/meetings/<int:meeting_id>/attendance",
    "POST",
    summary="Record one person's attendance",
    description="The secretariat records present, apologies, absent, a deputy (with the Chair's prior agreement) "
    "or an officer in attendance (with the Chair's prior agreement). A second record for the same person "
    "replaces the first; both are in the audit record.",
    response="Attendance",
    tag="meeting",
    status=201,
    body="NewAttendance",
    errors=(400, 401, 403, 404),
)
def record_attendance(meeting_id: int) -> ResponseReturnValue:
    meeting = _meeting(meeting_id)
    user = api_user()
    require(user, Action.RECORD_PROCEEDINGS, meeting.committee, clock.today())
    data = json_body(
        {
            "person_id": (int, True),
            "status": (str, True),
            "deputy_for_id": (int, False),
            "arrived_at": (str, False),
            "departed_at": (str, False),
        }
    )
    try:
        status = Attendance(data["status"])
    except ValueError:
        raise BadRequest(f"'status' must be one of: {', '.join(a.value for a in Attendance)}.") from None
    target = _person(data["person_id"])
    deputy_for = _person(data["deputy_for_id"]) if data.get("deputy_for_id") is not None else None
    _run(
        lambda: proceedings.record_attendance(
            user,
            meeting,
            target,
            status,
            deputy_for=deputy_for,
            arrived_at=_time(data.get("arrived_at"), "arrived_at"),
            departed_at=_time(data.get("departed_at"), "departed_at"),
        )
    )
    db.session.commit()
    return _created(_attendancejson_body(meeting), url_for("api.attendance", meeting_id=meeting.id))


# --- declarations --------------------------------------------------------------------------------


@api_route(
    "/meetings/<int:meeting_id>/declarations",
    summary="Declarations of interest at a meeting",
    description="Registered in advance and declared at the meeting, with withdrawal and return times.",
    response="DeclarationList",
    tag="meeting",
)
def declarations(meeting_id: int) -> ResponseReturnValue:
    meeting = _meeting(meeting_id)
    _agenda_roles(meeting, clock.today())
    item_ids = [i.id for i in meeting.agenda_items]
    found = db.session.scalars(
        select(Declaration).where(Declaration.agenda_item_id.in_(item_ids)).order_by(Declaration.id)
    )
    return {"meeting_id": meeting.id, "declarations": [_declaration(d) for d in found]}


@api_route(
    "/agenda-items/<int:item_id>/declarations",
    "POST",
    summary="Declare an interest in an agenda item",
    description="Without person_id: a member (the Chair included) registers their own interest before the "
    "meeting. With person_id: the secretariat records a declaration made at the meeting; the member withdraws "
    "from the item.",
    response="Declaration",
    tag="meeting",
    status=201,
    body="NewDeclaration",
    errors=(400, 401, 403, 404),
)
def declare(item_id: int) -> ResponseReturnValue:
    item = _item(item_id)
    user = api_user()
    committee = item.meeting.committee
    data = json_body({"nature": (str, True), "person_id": (int, False)})
    now = clock.now()
    if data.get("person_id") is None:
        require(user, Action.REGISTER_INTEREST, committee, clock.today())
        made = _run(lambda: agenda_service.register_interest(user, item, nature=data["nature"], now=now))
    else:
        require(user, Action.RECORD_PROCEEDINGS, committee, clock.today())
        member = _person(data["person_id"])
        made = _run(lambda: proceedings.record_declaration(user, item, member, data["nature"], now=now))
    db.session.commit()
    return _created(_declaration(made), url_for("api.declarations", meeting_id=item.meeting_id))


@api_route(
    "/agenda-items/<int:item_id>/quorum",
    summary="An agenda item's quorum",
    description="Members who declared an interest are not present for the item; where more than a third "
    "declared, the quorum is counted on the remaining members.",
    response="ItemQuorum",
    tag="meeting",
)
def item_quorum(item_id: int) -> ResponseReturnValue:
    item = _item(item_id)
    _agenda_roles(item.meeting, clock.today())
    return {"item_id": item.id, "quorum": _quorum(proceedings.item_quorum(item))}


# --- motions and votes ---------------------------------------------------------------------------


@api_route(
    "/agenda-items/<int:item_id>/motions",
    summary="The motions on an agenda item",
    description="Each with its votes by name and every recorded result.",
    response="MotionList",
    tag="meeting",
)
def motions(item_id: int) -> ResponseReturnValue:
    item = _item(item_id)
    _agenda_roles(item.meeting, clock.today())
    found = db.session.scalars(select(Motion).where(Motion.agenda_item_id == item.id).order_by(Motion.id))
    return {"item_id": item.id, "motions": [_motionjson_body(m) for m in found]}


@api_route(
    "/agenda-items/<int:item_id>/motions",
    "POST",
    summary="Put a motion",
    description="The secretariat records the motion with its proposer (and seconder where the committee's "
    "standing orders want one).",
    response="Motion",
    tag="meeting",
    status=201,
    body="NewMotion",
    errors=(400, 401, 403, 404),
)
def propose(item_id: int) -> ResponseReturnValue:
    item = _item(item_id)
    user = api_user()
    require(user, Action.RECORD_PROCEEDINGS, item.meeting.committee, clock.today())
    data = json_body({"text": (str, True), "proposer_id": (int, True), "seconder_id": (int, False)})
    proposer = _person(data["proposer_id"])
    seconder = _person(data["seconder_id"]) if data.get("seconder_id") is not None else None
    made = _run(lambda: voting.propose_motion(user, item, data["text"], proposer, seconder))
    db.session.commit()
    return _created(_motionjson_body(made), url_for("api.motion", motion_id=made.id))


@api_route(
    "/motions/<int:motion_id>",
    summary="A motion",
    description="Its votes by name and every recorded result (a correction is a new result).",
    response="Motion",
    tag="meeting",
)
def motion(motion_id: int) -> ResponseReturnValue:
    found = _motion(motion_id)
    _agenda_roles(found.agenda_item.meeting, clock.today())
    return _motionjson_body(found)


def _run_vote(motion_id: int, step: str) -> ResponseReturnValue:
    found = _motion(motion_id)
    user = api_user()
    require(user, Action.RUN_VOTE, found.agenda_item.meeting.committee, clock.today())
    now = clock.now()
    if step == "open":
        _run(lambda: voting.open_vote(user, found, now=now))
    else:
        _run(lambda: voting.close_vote(user, found, now=now))
    db.session.commit()
    return _motionjson_body(found)


@api_route(
    "/motions/<int:motion_id>/open",
    "POST",
    summary="Open the vote",
    description="Refused while the item is inquorate. Chair or secretariat. No request body.",
    response="Motion",
    tag="meeting",
    errors=(400, 401, 403, 404, 409),
)
def open_motion_vote(motion_id: int) -> ResponseReturnValue:
    return _run_vote(motion_id, "open")


@api_route(
    "/motions/<int:motion_id>/close",
    "POST",
    summary="Close the vote and record the result",
    description="The result comes from the standing orders' rule; on a tie the Chair's casting vote is awaited. "
    "Chair or secretariat. No request body.",
    response="Motion",
    tag="meeting",
    errors=(400, 401, 403, 404, 409),
)
def close_motion_vote(motion_id: int) -> ResponseReturnValue:
    return _run_vote(motion_id, "close")


@api_route(
    "/motions/<int:motion_id>/votes",
    "POST",
    summary="Vote",
    description="Cast your own vote while the vote is open, or (Chair or secretariat) record a show of hands for "
    "voter_id. Refused with the reason for a member who declared an interest, is absent or has left, whose "
    "deputy attends in their place, or an officer in attendance. A second vote counts once (409).",
    response="Motion",
    tag="meeting",
    status=201,
    body="NewVote",
    errors=(400, 401, 403, 404, 409),
)
def vote(motion_id: int) -> ResponseReturnValue:
    found = _motion(motion_id)
    user = api_user()
    committee = found.agenda_item.meeting.committee
    data = json_body({"choice": (str, True), "voter_id": (int, False)})
    try:
        choice = VoteChoice(data["choice"])
    except ValueError:
        raise BadRequest("'choice' must be one of: for, against, abstain.") from None
    if data.get("voter_id") is None:
        # Members vote as themselves; so may a deputy or an officer recorded at this meeting, whom the
        # service then refuses or accepts with its reason. Anyone else learns nothing about the motion.
        attending = db.session.scalar(
            select(AttendanceRecord.id).where(
                AttendanceRecord.meeting_id == found.agenda_item.meeting_id,
                AttendanceRecord.person_id == user.person_id,
            )
        )
        if attending is None:
            require(user, Action.CAST_VOTE, committee, clock.today())
        voter = user.person
    else:
        require(user, Action.RUN_VOTE, committee, clock.today())
        voter = _person(data["voter_id"])
    _run(lambda: voting.record_vote(user, found, voter, choice, now=clock.now()))
    db.session.commit()
    return _created(_motionjson_body(found), url_for("api.motion", motion_id=found.id))


@api_route(
    "/motions/<int:motion_id>/casting-vote",
    "POST",
    summary="The Chair's casting vote",
    description="On a tie only: 'for' or 'against', or null to decline (then the motion is not carried).",
    response="Motion",
    tag="meeting",
    status=201,
    body="CastingVote",
    errors=(400, 401, 403, 404, 409),
)
def casting_vote(motion_id: int) -> ResponseReturnValue:
    found = _motion(motion_id)
    user = api_user()
    require(user, Action.CASTING_VOTE, found.agenda_item.meeting.committee, clock.today())
    data = json_body({"choice": (str, False)})
    if "choice" not in (request.get_json(silent=True) or {}):  # null declines; leaving it out is a mistake
        raise BadRequest("Give 'choice': 'for', 'against', or null to decline the casting vote.")
    _run(lambda: voting.give_casting_vote(user, found, data["choice"], now=clock.now()))
    db.session.commit()
    return _created(_motionjson_body(found), url_for("api.motion", motion_id=found.id))
