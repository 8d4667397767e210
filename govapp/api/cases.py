"""The API for the Panel's cases: the register and each case, with its clocks, notifications, the
members' answers, forewarning, the recommendation and the Board's decision. The same row of the
permission table as the pages (``SEE_CASES``): the Panel's Chair, members and secretariat. An agency's
representative uses the pages, which show them their own agency's part only."""

from __future__ import annotations

from typing import Any

from flask import request
from flask.typing import ResponseReturnValue

from govapp import clock
from govapp.api.openapi import DATE
from govapp.api.openapi import DATETIME
from govapp.api.openapi import PATH_PARAMETERS
from govapp.api.openapi import SCHEMAS
from govapp.api.openapi import TEXT
from govapp.api.openapi import _nullable
from govapp.api.openapi import _object
from govapp.api.openapi import page_of
from govapp.api.routing import api_route
from govapp.api.serialisers import iso
from govapp.models import Case
from govapp.models import CaseStage
from govapp.models import Committee
from govapp.permissions import Action
from govapp.services import cases as service

PATH_PARAMETERS.update({"reference": {"description": "The case reference, such as CMR-2026-007."}})

_CLOCK = _object({"what": TEXT, "due": _nullable(DATE), "state": {"enum": ["to come", "met", "late"]}, "who": TEXT})
SCHEMAS.update(
    {
        "CaseSummary": _object(
            {
                "reference": TEXT,
                "pseudonym": TEXT,
                "stage": {"enum": [s.value for s in CaseStage]},
                "received_at": DATETIME,
                "meeting_date": _nullable(DATE),
                "notified_by": {"type": "array", "items": TEXT},
                "overdue": {"type": "integer", "description": "Clocks that are late."},
            }
        ),
        "CaseList": page_of("cases", "CaseSummary", more="Whether the next page has cases."),
        "Case": _object(
            {
                "reference": TEXT,
                "pseudonym": TEXT,
                "age_band": TEXT,
                "area": TEXT,
                "stage": {"enum": [s.value for s in CaseStage]},
                "meeting_date": _nullable(DATE),
                "clocks": {"type": "array", "items": _CLOCK},
                "notifications": {
                    "type": "array",
                    "items": _object(
                        {"agency": TEXT, "received_at": DATETIME, "due_on": DATE, "late": {"type": "boolean"}}
                    ),
                },
                "answers": {
                    "type": "array",
                    "items": _object(
                        {"member": TEXT, "agency": _nullable(TEXT), "known": _nullable({"type": "boolean"})}
                    ),
                },
                "forewarned": {
                    "type": "array",
                    "items": _object({"agency": TEXT, "nominations_due": DATE, "nominated": {"type": "boolean"}}),
                },
                "recommendation": _nullable({"enum": ["review", "no_review", "more_information"]}),
                "board_decision": _nullable({"enum": ["commission", "not_commission", "refer_back"]}),
            }
        ),
    }
)

YEAR_PARAMETER = {
    "name": "year",
    "in": "query",
    "required": False,
    "description": "Only cases received in the reporting year starting in April of this year.",
    "schema": {"type": "integer"},
}
PAGE_PARAMETER = {
    "name": "page",
    "in": "query",
    "required": False,
    "description": "The page of the register, 50 cases each, newest first (1 if left out).",
    "schema": {"type": "integer", "minimum": 1},
}
STAGE_PARAMETER = {
    "name": "stage",
    "in": "query",
    "required": False,
    "description": "Only cases at this stage.",
    "schema": {"enum": [s.value for s in CaseStage]},
}


@api_route(
    "/committees/<slug>/cases",
    response="CaseList",
    tag="cases",
    needs=(Action.SEE_CASES,),
    query=(STAGE_PARAMETER, YEAR_PARAMETER, PAGE_PARAMETER),
)
def cases(committee: Committee) -> ResponseReturnValue:
    """A Panel's case register.

    Newest first, filtered by stage and reporting year, each with how many of its clocks are late.
    """
    chosen = service.RegisterFilters.read(*(request.args.get(name) for name in ("stage", "year", "page")))
    today = clock.today()
    found = service.register(committee, stage=chosen.stage, year=chosen.year, page=chosen.page)
    return {
        "committee": committee.slug,
        "page": chosen.page,
        "more": len(found) == service.REGISTER_PAGE,
        "cases": [_summary(c, today) for c in found],
    }


@api_route("/cases/<reference>", response="Case", tag="cases", needs=(Action.SEE_CASES,))
def case(case: Case) -> ResponseReturnValue:
    """A case.

    Its clocks, notifications, the members' answers, forewarning, the Panel's recommendation and the Board's
    decision. Every read is kept in the audit record.
    """
    from govapp.api.auth import api_user
    from govapp.services.audit import record_change

    record_change(
        api_user(),
        "view_case",
        case,
        before=None,
        after={"reference": case.reference, "as": "api"},
        committee_id=case.committee_id,
    )
    today = clock.today()
    return {
        "reference": case.reference,
        "pseudonym": case.pseudonym,
        "age_band": case.age_band,
        "area": case.area,
        "stage": case.stage.value,
        "meeting_date": case.meeting.meeting_date.isoformat() if case.meeting else None,
        "clocks": [
            {"what": k.what, "due": k.due.isoformat() if k.due else None, "state": k.state, "who": k.who}
            for k in service.clocks(case, today)
        ],
        "notifications": [
            {"agency": n.agency.name, "received_at": iso(n.received_at), "due_on": n.due_on.isoformat(), "late": n.late}
            for n in case.notifications
        ],
        "answers": [
            {"member": a.person.full_name, "agency": a.agency, "known": a.known if a.answered_at else None}
            for a in sorted(case.answers, key=lambda a: a.person.full_name)
        ],
        "forewarned": [
            {
                "agency": w.agency.name,
                "nominations_due": w.nominations_due.isoformat(),
                "nominated": w.nominated_at is not None,
            }
            for w in case.forewarned
        ],
        "recommendation": case.recommendation,
        "board_decision": case.board_decision,
    }


def _summary(case: Case, today: Any) -> dict[str, Any]:
    return {
        "reference": case.reference,
        "pseudonym": case.pseudonym,
        "stage": case.stage.value,
        "received_at": iso(case.created_at),
        "meeting_date": case.meeting.meeting_date.isoformat() if case.meeting else None,
        "notified_by": [n.agency.name for n in case.notifications],
        "overdue": sum(1 for k in service.clocks(case, today) if k.state == "late"),
    }
