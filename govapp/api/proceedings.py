"""The API for the meeting itself: attendance, declarations and quorum (motions and votes are in
``govapp.api.motions``), with the schemas of both.

The same services and checks as the console: the request boundary commits, and turns a refusal by
the standing orders into a 400 (or 409 for a clash) with the service's words.
"""

from __future__ import annotations

from datetime import time
from typing import Any

from flask import url_for
from flask.typing import ResponseReturnValue
from sqlalchemy import select
from werkzeug.exceptions import BadRequest

from govapp import clock
from govapp.api.auth import api_user
from govapp.api.openapi import DATETIME
from govapp.api.openapi import PATH_PARAMETERS
from govapp.api.openapi import SCHEMAS
from govapp.api.openapi import TEXT
from govapp.api.openapi import _nullable
from govapp.api.openapi import _object
from govapp.api.openapi import _ref
from govapp.api.routing import READ_BUSINESS
from govapp.api.routing import api_access
from govapp.api.routing import api_route
from govapp.api.routing import created
from govapp.api.routing import creating_route
from govapp.api.routing import json_body
from govapp.api.serialisers import iso
from govapp.api.serialisers import person
from govapp.extensions import db
from govapp.models import AgendaItem
from govapp.models import Attendance
from govapp.models import AttendanceRecord
from govapp.models import Declaration
from govapp.models import Meeting
from govapp.models import Person
from govapp.models import VoteChoice
from govapp.permissions import Action
from govapp.services import agenda as agenda_service
from govapp.services import proceedings
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


#: The figures of a quorum the API gives, with its explanation.
QUORUM_FIGURES = ("membership", "present", "declared", "required", "chair_present", "quorate", "exception_applies")


def _quorum(state: QuorumState) -> dict[str, Any]:
    return {**{name: getattr(state, name) for name in QUORUM_FIGURES}, "explanation": state.explain()}


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


# --- attendance and quorum -----------------------------------------------------------------------


@api_route("/meetings/<int:meeting_id>/attendance", response="Attendance", tag="meeting", needs=READ_BUSINESS)
def attendance(meeting: Meeting) -> ResponseReturnValue:
    """A meeting's roll call and its quorum.

    Everyone recorded (members, deputies, officers in attendance) and the meeting's quorum from the standing orders.
    Chair, members and secretariat.
    """
    return _attendancejson_body(meeting)


@creating_route("/meetings/<int:meeting_id>/attendance", "Attendance", "meeting", Action.RECORD_PROCEEDINGS)
def record_attendance(meeting: Meeting) -> ResponseReturnValue:
    """Record one person's attendance.

    The secretariat records present, apologies, absent, a deputy (with the Chair's prior agreement) or an officer in
    attendance (with the Chair's prior agreement). A second record for the same person replaces the first; both are
    in the audit record.
    """
    user = api_user()
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
    proceedings.record_attendance(
        user,
        meeting,
        target,
        status,
        deputy_for=deputy_for,
        arrived_at=_time(data.get("arrived_at"), "arrived_at"),
        departed_at=_time(data.get("departed_at"), "departed_at"),
    )
    return created(_attendancejson_body(meeting), url_for("api.attendance", meeting_id=meeting.id))


# --- declarations --------------------------------------------------------------------------------


@api_route("/meetings/<int:meeting_id>/declarations", response="DeclarationList", tag="meeting", needs=READ_BUSINESS)
def declarations(meeting: Meeting) -> ResponseReturnValue:
    """Declarations of interest at a meeting.

    Registered in advance and declared at the meeting, with withdrawal and return times.
    """
    item_ids = [i.id for i in meeting.agenda_items]
    found = db.session.scalars(
        select(Declaration).where(Declaration.agenda_item_id.in_(item_ids)).order_by(Declaration.id)
    )
    return {"meeting_id": meeting.id, "declarations": [_declaration(d) for d in found]}


@creating_route("/agenda-items/<int:item_id>/declarations", "Declaration", "meeting")
def declare(item: AgendaItem) -> ResponseReturnValue:
    """Declare an interest in an agenda item.

    Without person_id: a member (the Chair included) registers their own interest before the meeting. With
    person_id: the secretariat records a declaration made at the meeting; the member withdraws from the item.
    """
    user = api_user()
    permit = api_access(item.meeting.committee, item.meeting)
    data = json_body({"nature": (str, True), "person_id": (int, False)})
    now = clock.now()
    if data.get("person_id") is None:
        permit.require(Action.REGISTER_INTEREST)
        made = agenda_service.register_interest(user, item, nature=data["nature"], now=now)
    else:
        permit.require(Action.RECORD_PROCEEDINGS)
        member = _person(data["person_id"])
        made = proceedings.record_declaration(user, item, member, data["nature"], now=now)
    return created(_declaration(made), url_for("api.declarations", meeting_id=item.meeting_id))


@api_route("/agenda-items/<int:item_id>/quorum", response="ItemQuorum", tag="meeting", needs=READ_BUSINESS)
def item_quorum(item: AgendaItem) -> ResponseReturnValue:
    """An agenda item's quorum.

    Members who declared an interest are not present for the item; where more than a third declared, the quorum is
    counted on the remaining members.
    """
    return {"item_id": item.id, "quorum": _quorum(proceedings.item_quorum(item))}
