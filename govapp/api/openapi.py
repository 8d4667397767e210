"""The OpenAPI 3.1 document of the JSON API, kept next to the routes.

Each route is declared once, with :func:`govapp.api.views.api_route`, which registers it on the
blueprint and records its :class:`Operation` here; the document is built from those records and
the component schemas below, so a route cannot exist without being described (a test checks).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from dataclasses import field
from typing import Any

API_VERSION = "1.0.0"

_RULE_PARAM = re.compile(r"<(?:(?P<converter>[a-z]+):)?(?P<name>[a-z_]+)>")

PATH_PARAMETERS: dict[str, dict[str, Any]] = {
    "slug": {"description": "The committee's short name in addresses, for example `cmr-panel`."},
    "meeting_id": {"description": "The meeting's number."},
    "requisition_id": {"description": "The requisition's number."},
}


@dataclass(frozen=True)
class Operation:
    rule: str  # the Flask rule under the blueprint, e.g. "/meetings/<int:meeting_id>"
    method: str
    operation_id: str
    summary: str
    description: str
    response_schema: str | None
    status: int = 200
    request_schema: str | None = None
    query: tuple[dict[str, Any], ...] = ()
    errors: tuple[int, ...] = ()
    public: bool = False
    tags: tuple[str, ...] = field(default_factory=tuple)

    @property
    def path(self) -> str:
        return _RULE_PARAM.sub(lambda m: "{" + m.group("name") + "}", self.rule)

    def path_parameters(self) -> list[dict[str, Any]]:
        parameters = []
        for match in _RULE_PARAM.finditer(self.rule):
            name = match.group("name")
            schema: dict[str, Any] = (
                {"type": "integer", "minimum": 1} if match.group("converter") == "int" else {"type": "string"}
            )
            parameters.append(
                {"name": name, "in": "path", "required": True, "schema": schema, **PATH_PARAMETERS.get(name, {})}
            )
        return parameters


OPERATIONS: list[Operation] = []


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {"oneOf": [schema, {"type": "null"}]}


DATE = {"type": "string", "format": "date"}
DATETIME = {"type": "string", "format": "date-time"}
TEXT = {"type": "string"}


def _object(properties: dict[str, Any], *, optional: tuple[str, ...] = ()) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": properties,
        "required": [name for name in properties if name not in optional],
    }


ROLE_NAMES = ["admin", "chair", "member", "secretariat", "officer"]
STATES = ["met", "late", "missed", "due", "to come", "closed"]


def page_of(name: str, schema: str, *, more: str) -> dict[str, Any]:
    """A committee's list, a page at a time: ``name`` holds the items (each a ``schema``); ``more``
    describes whether another page follows."""
    return _object(
        {
            "committee": TEXT,
            "page": {"type": "integer"},
            "more": {"type": "boolean", "description": more},
            name: {"type": "array", "items": _ref(schema)},
        }
    )


#: A meeting's identity and when and where it is held, as every meeting schema begins.
MEETING_WHEN: dict[str, Any] = {
    "id": {"type": "integer"},
    "committee": TEXT,
    "meeting_date": DATE,
    "starts_at": {"type": "string", "format": "time"},
    "ends_at": _nullable({"type": "string", "format": "time"}),
    "location": _nullable(TEXT),
}
MEETING_STATUS = {"enum": ["scheduled", "held", "inquorate", "cancelled"]}

SCHEMAS: dict[str, dict[str, Any]] = {
    "Error": _object(
        {
            "error": _object(
                {
                    "status": {"type": "integer", "description": "The HTTP status code."},
                    "title": {**TEXT, "description": "What went wrong, in a few words."},
                    "message": {**TEXT, "description": "What to do about it."},
                }
            )
        }
    ),
    "PersonRef": _object({"id": {"type": "integer"}, "name": TEXT}),
    "CommitteeSummary": _object(
        {
            "slug": TEXT,
            "name": TEXT,
            "short_name": TEXT,
            "your_roles": {"type": "array", "items": {"enum": ROLE_NAMES}},
            "url": TEXT,
        }
    ),
    "CommitteeList": _object({"committees": {"type": "array", "items": _ref("CommitteeSummary")}}),
    "Member": _object(
        {
            "person": _ref("PersonRef"),
            "role": {"enum": ["chair", "member"]},
            "agency": _nullable(TEXT),
            "starts_on": DATE,
            "ends_on": _nullable(DATE),
        }
    ),
    "MemberList": _object(
        {"committee": TEXT, "on": DATE, "members": {"type": "array", "items": _ref("Member")}},
    ),
    "Figures": _object(
        {
            "on": {**DATE, "description": "The day the membership was counted."},
            "membership": {"type": "integer", "description": "Members, the Chair included."},
            "quorum": {"type": "integer", "description": "Members who must be present, by the standing orders."},
            "requisition_threshold": {"type": "integer", "description": "Signatures a requisition needs."},
            "requisition_call_days": {"type": "integer"},
            "notice_clear_days": {"type": "integer"},
            "agenda_request_clear_days": {"type": "integer"},
            "papers_days": {"type": "integer"},
            "minutes_working_days": {"type": "integer"},
            "meetings_per_year": {"type": "integer"},
        }
    ),
    "Committee": _object(
        {
            "slug": TEXT,
            "name": TEXT,
            "short_name": TEXT,
            "description": _nullable(TEXT),
            "your_roles": {"type": "array", "items": {"enum": ROLE_NAMES}},
            "figures": _ref("Figures"),
            "standing_orders": {
                "type": "object",
                "description": 'The committee\'s standing-order settings (fractions as "a/b").',
            },
            "members": {"type": "array", "items": _ref("Member")},
        }
    ),
    "MeetingSummary": _object({**MEETING_WHEN, "status": MEETING_STATUS, "url": TEXT}),
    "MeetingList": page_of("meetings", "MeetingSummary", more="Whether another page follows."),
    "Deadline": _object(
        {
            "key": {"enum": ["agenda_requests", "notice", "papers", "minutes", "further_meeting"]},
            "label": TEXT,
            "deadline": DATE,
            "state": {"enum": STATES},
            "done_on": _nullable(DATE),
        }
    ),
    "Meeting": _object(
        {
            **MEETING_WHEN,
            "online_link": _nullable(TEXT),
            "status": MEETING_STATUS,
            "cancelled_reason": _nullable(TEXT),
            "pack_despatched_at": _nullable(DATETIME),
            "deadlines": {
                "type": "array",
                "items": _ref("Deadline"),
                "description": "Every standing-order deadline of the meeting and how it stands today.",
            },
        }
    ),
    "AgendaItem": _object(
        {
            "id": {"type": "integer"},
            "position": {"type": "integer"},
            "title": TEXT,
            "purpose": {"enum": ["decision", "discussion", "information"]},
            "presenter": _nullable(TEXT),
            "description": _nullable(TEXT),
            "is_standing": {"type": "boolean"},
        }
    ),
    "AgendaItemList": _object(
        {"meeting_id": {"type": "integer"}, "items": {"type": "array", "items": _ref("AgendaItem")}}
    ),
    "AgendaRequest": _object(
        {
            "id": {"type": "integer"},
            "meeting_id": {"type": "integer"},
            "requested_by": _ref("PersonRef"),
            "matter": TEXT,
            "supporting_information": _nullable(TEXT),
            "proposed_motion": _nullable(TEXT),
            "received_at": DATETIME,
            "on_time": {"type": "boolean", "description": "Received by the deadline the standing orders set."},
            "deadline": {**DATE, "description": "The last day for a request to be on time."},
            "status": {"enum": ["pending", "included", "declined", "withdrawn"]},
            "decision_reason": _nullable(TEXT),
            "decided_at": _nullable(DATETIME),
            "agenda_item_id": _nullable({"type": "integer"}),
        }
    ),
    "AgendaRequestList": _object(
        {
            "meeting_id": {"type": "integer"},
            "deadline": DATE,
            "requests": {"type": "array", "items": _ref("AgendaRequest")},
        }
    ),
    "NewAgendaRequest": {
        "type": "object",
        "properties": {
            "matter": {"type": "string", "minLength": 1, "maxLength": 300},
            "supporting_information": {"type": ["string", "null"]},
            "proposed_motion": {"type": ["string", "null"]},
        },
        "required": ["matter"],
        "additionalProperties": False,
    },
    "NoticeService": _object(
        {
            "person": _ref("PersonRef"),
            "status": _nullable({"enum": ["pending", "sent", "failed"]}),
            "attempts": {"type": "integer"},
            "sent_at": _nullable(DATETIME),
            "last_error": _nullable(TEXT),
        }
    ),
    "Notice": _object(
        {
            "id": {"type": "integer"},
            "version": {"type": "integer"},
            "business": {"type": "array", "items": {"type": "object"}},
            "signed_by": _nullable(_ref("PersonRef")),
            "signed_capacity": _nullable(TEXT),
            "signed_at": _nullable(DATETIME),
            "served_at": _nullable(DATETIME),
            "served_late": {"type": "boolean", "description": "Served after the notice deadline."},
            "late_reason": _nullable(TEXT),
            "services": _nullable({"type": "array", "items": _ref("NoticeService")}),
        }
    ),
    "NoticeList": _object(
        {
            "meeting_id": {"type": "integer"},
            "deadline": DATE,
            "notices": {"type": "array", "items": _ref("Notice")},
        }
    ),
    "Signature": _object(
        {"person": _ref("PersonRef"), "signed_at": DATETIME, "counted": {"type": "boolean"}},
    ),
    "Requisition": _object(
        {
            "id": {"type": "integer"},
            "committee": TEXT,
            "purpose": {**TEXT, "description": "Empty for an administrator with no other role: it is confidential."},
            "business": TEXT,
            "started_by": _ref("PersonRef"),
            "created_at": DATETIME,
            "signature_count": {"type": "integer", "description": "Signatures that count."},
            "signatures_needed": {"type": "integer"},
            "membership": {"type": "integer"},
            "valid": {"type": "boolean", "description": "Signed by enough members."},
            "signatures": {"type": "array", "items": _ref("Signature")},
            "presented_on": _nullable(DATE),
            "call_deadline": _nullable(DATE),
            "deadline_state": _nullable({"enum": STATES}),
            "stage": {
                "enum": [
                    "being signed",
                    "waiting for a meeting to be called",
                    "meeting called",
                    "meeting called late",
                    "Board approved the Chair's reason",
                    "overdue",
                ]
            },
            "overdue": {"type": "boolean"},
            "called_meeting_id": _nullable({"type": "integer"}),
            "called_on": _nullable(DATE),
            "board_approved_on": _nullable(DATE),
            "board_approved_reason": _nullable(TEXT),
            "url": TEXT,
        }
    ),
    "RequisitionList": _object(
        {"committee": TEXT, "requisitions": {"type": "array", "items": _ref("Requisition")}},
    ),
    "NewRequisition": {
        "type": "object",
        "properties": {
            "purpose": {"type": "string", "minLength": 1},
            "business": {"type": "string", "minLength": 1},
        },
        "required": ["purpose", "business"],
        "additionalProperties": False,
    },
}

ERROR_DESCRIPTIONS = {
    400: "The request body is not a JSON object of the fields described, or the standing orders refuse it.",
    401: "No API token, or a token that is unknown or revoked.",
    403: "Your role on the committee does not allow this.",
    404: "There is no such committee, meeting or requisition.",
    409: "The request clashes with the record (for example, signing twice).",
    413: "The request body is larger than the server accepts.",
}


def _operation_object(op: Operation) -> dict[str, Any]:
    responses: dict[str, Any] = {}
    success: dict[str, Any] = {"description": op.summary}
    if op.response_schema:
        success["content"] = {"application/json": {"schema": _ref(op.response_schema)}}
    if op.status == 201:
        success["headers"] = {"Location": {"description": "Where the new record is.", "schema": TEXT}}
    responses[str(op.status)] = success
    errors = op.errors if not op.public else ()
    for code in errors:
        response: dict[str, Any] = {
            "description": ERROR_DESCRIPTIONS[code],
            "content": {"application/json": {"schema": _ref("Error")}},
        }
        if code == 401:
            response["headers"] = {
                "WWW-Authenticate": {"description": "Bearer, as RFC 6750 says.", "schema": TEXT},
            }
        responses[str(code)] = response
    operation: dict[str, Any] = {
        "operationId": op.operation_id,
        "summary": op.summary,
        "description": op.description,
        "tags": list(op.tags),
        "parameters": op.path_parameters() + list(op.query),
        "responses": responses,
    }
    if op.request_schema:
        operation["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": _ref(op.request_schema)}},
        }
    if op.public:
        operation["security"] = []
    return operation


def document() -> dict[str, Any]:
    """The OpenAPI 3.1 document for every recorded route."""
    paths: dict[str, dict[str, Any]] = {}
    for op in OPERATIONS:
        paths.setdefault(op.path, {})[op.method.lower()] = _operation_object(op)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "govapp API",
            "version": API_VERSION,
            "description": (
                "Read a committee's members, meetings, agenda, notices and requisitions, ask for an agenda "
                "item and sign a requisition. Authenticate with a personal API token from your account page, "
                "sent as `Authorization: Bearer <token>`. You can do exactly what your role on the committee "
                "lets you do on its pages. Dates are ISO 8601 (Europe/London calendar dates); times of "
                'events are UTC. Errors are `{"error": {"status", "title", "message"}}`.'
            ),
        },
        "servers": [{"url": "/api/v1"}],
        "security": [{"bearerAuth": []}],
        "tags": [
            {"name": "committees"},
            {"name": "meetings"},
            {"name": "agenda"},
            {"name": "notices"},
            {"name": "requisitions"},
            {"name": "meeting"},
            {"name": "cases"},
            {"name": "about"},
        ],
        "paths": dict(sorted(paths.items())),
        "components": {
            "securitySchemes": {
                "bearerAuth": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "A personal API token (it starts `gva_`). Revoke it from your account page.",
                }
            },
            "schemas": SCHEMAS,
        },
    }
