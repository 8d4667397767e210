"""The JSON API under ``/api/v1``: the same records and the same permissions as the pages.

Authentication is a personal API token only (``Authorization: Bearer <token>``); session cookies
are ignored, so the API is exempt from CSRF. Every route is declared with :func:`api_route`, which
records it in the OpenAPI document (``/api/v1/openapi.json``, public).
"""

from __future__ import annotations

from datetime import date

from flask import jsonify
from flask import request
from flask import url_for
from flask.typing import ResponseReturnValue
from sqlalchemy import select
from werkzeug.exceptions import BadRequest

from govapp import clock
from govapp import rules
from govapp.api import serialisers as out
from govapp.api.auth import api_user
from govapp.api.openapi import document
from govapp.api.routing import PAGE_PARAMETERS
from govapp.api.routing import READ_BUSINESS
from govapp.api.routing import api_access
from govapp.api.routing import api_route
from govapp.api.routing import bp as bp  # the app registers the API blueprint from here
from govapp.api.routing import created as _created
from govapp.api.routing import creating_route
from govapp.api.routing import json_body
from govapp.api.routing import page_args
from govapp.extensions import db
from govapp.models import AgendaRequest
from govapp.models import Committee
from govapp.models import Meeting
from govapp.models import Requisition
from govapp.papers_storage import current_store
from govapp.permissions import Action
from govapp.permissions import committees_for
from govapp.services import agenda as agenda_service
from govapp.services import notices as notices_service
from govapp.services import requisitions as requisitions_service
from govapp.services import timeline as timeline_service

# --- helpers -------------------------------------------------------------------------------------


def _text_body(allowed: dict[str, bool]) -> dict[str, str | None]:
    """A JSON object of text fields (name → required)."""
    return json_body({name: (str, required) for name, required in allowed.items()})


ON_PARAMETER = {
    "name": "on",
    "in": "query",
    "required": False,
    "description": "The day to count the membership on (ISO 8601 date). Today if left out.",
    "schema": {"type": "string", "format": "date"},
}


def _day_from_query(today: date) -> date:
    value = request.args.get("on")
    if value is None:
        return today
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise BadRequest("'on' must be a date in ISO 8601 form, like 2026-12-03.") from None


# --- the document --------------------------------------------------------------------------------


@api_route("/openapi.json", response=None, tag="about", public=True)
def openapi() -> ResponseReturnValue:
    """This API's OpenAPI 3.1 document.

    Describes every route, parameter, request body and response. Needs no token.
    """
    return jsonify(document())


# --- committees ----------------------------------------------------------------------------------


@api_route("/committees", response="CommitteeList", tag="committees")
def committees() -> ResponseReturnValue:
    """The committees you have a role in.

    Every committee you hold a role in today (an administrator sees all), with your roles.
    """
    today = clock.today()
    return {"committees": [out.committee_summary(c, r) for c, r in committees_for(api_user(), today)]}


@api_route("/committees/<slug>", response="Committee", tag="committees", needs=(Action.VIEW_COMMITTEE,))
def committee(committee: Committee) -> ResponseReturnValue:
    """A committee, its members and its standing orders in figures.

    The figures (quorum, signatures a requisition needs...) come from the standing-order rules, counted on today's
    membership.
    """
    return out.committee_detail(committee, api_access(committee).roles, clock.today())


@api_route(
    "/committees/<slug>/members",
    response="MemberList",
    tag="committees",
    query=(ON_PARAMETER,),
    needs=(Action.VIEW_COMMITTEE,),
)
def members(committee: Committee) -> ResponseReturnValue:
    """The members of a committee.

    The voting members (the Chair first) on a day, today unless `on` is given.
    """
    day = _day_from_query(clock.today())
    members = [out.member(m) for m in committee.members_on(day)]
    return {"committee": committee.slug, "on": day.isoformat(), "members": members}


# --- meetings ------------------------------------------------------------------------------------


@api_route(
    "/committees/<slug>/meetings",
    response="MeetingList",
    tag="meetings",
    needs=(Action.VIEW_COMMITTEE,),
    query=PAGE_PARAMETERS,
)
def meetings(committee: Committee) -> ResponseReturnValue:
    """A committee's meetings.

    The committee's meetings in date order, cancelled ones included, a page at a time (`page`, `limit`); `more` says
    whether another page follows.
    """
    page, limit = page_args()
    rows = db.session.scalars(
        select(Meeting)
        .where(Meeting.committee_id == committee.id)
        .order_by(Meeting.meeting_date, Meeting.starts_at, Meeting.id)
        .offset((page - 1) * limit)
        .limit(limit + 1)
    ).all()
    return {
        "committee": committee.slug,
        "page": page,
        "more": len(rows) > limit,
        "meetings": [out.meeting_summary(m) for m in rows[:limit]],
    }


@api_route("/meetings/<int:meeting_id>", response="Meeting", tag="meetings", needs=(Action.VIEW_COMMITTEE,))
def meeting(meeting: Meeting) -> ResponseReturnValue:
    """A meeting and its deadlines.

    The meeting, with every deadline the standing orders set for it (agenda requests, notice, papers, draft minutes,
    and a further meeting after an inquorate one) and how each stands today.
    """
    return out.meeting_detail(meeting, timeline_service.meeting_timeline(meeting, clock.today()))


# --- agenda --------------------------------------------------------------------------------------


@api_route("/meetings/<int:meeting_id>/agenda-items", response="AgendaItemList", tag="agenda", needs=READ_BUSINESS)
def agenda_items(meeting: Meeting) -> ResponseReturnValue:
    """A meeting's agenda.

    The items of business in order, standing items first. Confidential to the Chair, members and secretariat.
    """
    items = sorted(meeting.agenda_items, key=lambda i: i.position)
    return {"meeting_id": meeting.id, "items": [out.agenda_item(i) for i in items]}


@api_route(
    "/meetings/<int:meeting_id>/agenda-requests",
    response="AgendaRequestList",
    tag="agenda",
    needs=READ_BUSINESS,
)
def agenda_requests(meeting: Meeting) -> ResponseReturnValue:
    """Agenda requests for a meeting.

    The Chair and the secretariat see every request; a member sees their own.
    """
    found = meeting
    query = select(AgendaRequest).where(AgendaRequest.meeting_id == found.id)
    if not api_access(found.committee, found).can(Action.SEE_ALL_REQUESTS):
        query = query.where(AgendaRequest.requested_by_id == api_user().person_id)
    rows = db.session.scalars(query.order_by(AgendaRequest.received_at, AgendaRequest.id))
    deadline = rules.agenda_request_deadline(found.meeting_date, orders=found.committee.standing_orders)
    return {
        "meeting_id": found.id,
        "deadline": deadline.isoformat(),
        "requests": [out.agenda_request(r) for r in rows],
    }


@creating_route("/meetings/<int:meeting_id>/agenda-requests", "AgendaRequest", "agenda", Action.REQUEST_AGENDA_ITEM)
def request_agenda_item(meeting: Meeting) -> ResponseReturnValue:
    """Ask for a matter to be put on a meeting's agenda.

    A written request to the Chair, made now as you. On time (received by the deadline the standing orders set) it
    is included at once; late, it waits for the Chair's decision. Attachments are added on the agenda page.
    """
    found = meeting
    data = _text_body({"matter": True, "supporting_information": False, "proposed_motion": False})
    created = agenda_service.request_agenda_item(
        api_user(),
        found,
        matter=data["matter"] or "",
        supporting_information=data["supporting_information"],
        proposed_motion=data["proposed_motion"],
        store=current_store(),
        received_at=clock.now(),
    )
    return _created(out.agenda_request(created), url_for("api.agenda_requests", meeting_id=found.id))


# --- notices -------------------------------------------------------------------------------------


@api_route("/meetings/<int:meeting_id>/notices", response="NoticeList", tag="notices", needs=(Action.VIEW_COMMITTEE,))
def notices(meeting: Meeting) -> ResponseReturnValue:
    """Notices of a meeting.

    Newest version first: who signed it and in what capacity, when it was served, whether it was served after the
    deadline, and (for the Chair, secretariat and administrators) its service on each member. Members see the
    notices that were served. The business is empty for an administrator who holds no other role: it is confidential
    to the committee.
    """
    found = meeting
    viewer = api_access(found.committee, found)
    sees_service = viewer.can(Action.SEE_DELIVERY)
    rows = list(notices_service.notices_of(found))
    if not sees_service:
        rows = [n for n in rows if n.served_at is not None]
    deadline = rules.notice_deadline(found.meeting_date, orders=found.committee.standing_orders)
    return {
        "meeting_id": found.id,
        "deadline": deadline.isoformat(),
        "notices": [
            out.notice(
                n,
                notices_service.service_rows(n) if sees_service else None,
                shows_business=viewer.can(Action.READ_BUSINESS),
            )
            for n in rows
        ],
    }


# --- requisitions --------------------------------------------------------------------------------


@api_route(
    "/committees/<slug>/requisitions",
    response="RequisitionList",
    tag="requisitions",
    needs=(Action.VIEW_COMMITTEE,),
)
def requisitions(committee: Committee) -> ResponseReturnValue:
    """A committee's requisitions.

    Newest first, each with its signatures counted against the standing orders' threshold, its deadline once
    presented, and whether it is overdue.
    """
    today = clock.today()
    shows_business = api_access(committee).can(Action.READ_BUSINESS)
    rows = requisitions_service.requisitions_of(committee)
    return {
        "committee": committee.slug,
        "requisitions": [out.requisition(r, today, shows_business=shows_business) for r in rows],
    }


@creating_route("/committees/<slug>/requisitions", "Requisition", "requisitions", Action.SIGN_REQUISITION)
def start_requisition(committee: Committee) -> ResponseReturnValue:
    """Start a requisition for a meeting, and sign it.

    Members only (not the Chair, to whom it is presented).
    """
    today = clock.today()
    data = _text_body({"purpose": True, "business": True})
    created = requisitions_service.start_requisition(
        api_user(),
        committee,
        purpose=data["purpose"] or "",
        business=data["business"] or "",
        today=today,
        now=clock.now(),
    )
    return _created(out.requisition(created, today), url_for("api.requisition", requisition_id=created.id))


@api_route(
    "/requisitions/<int:requisition_id>",
    response="Requisition",
    tag="requisitions",
    needs=(Action.VIEW_COMMITTEE,),
)
def requisition(requisition: Requisition) -> ResponseReturnValue:
    """A requisition.

    Its signatures, whether it is valid, and once presented the deadline to call a meeting and the outcome.
    """
    shows_business = api_access(requisition.committee).can(Action.READ_BUSINESS)
    return out.requisition(requisition, clock.today(), shows_business=shows_business)


@api_route(
    "/requisitions/<int:requisition_id>/signatures",
    "POST",
    response="Requisition",
    tag="requisitions",
    status=201,
    needs=(Action.SIGN_REQUISITION,),
)
def sign_requisition(requisition: Requisition) -> ResponseReturnValue:
    """Sign a requisition.

    Adds your signature, once. Members only (not the Chair); not after it was presented. No request body.
    """
    found = requisition
    today = clock.today()
    requisitions_service.sign_requisition(api_user(), found, today=today, now=clock.now())
    return _created(out.requisition(found, today), url_for("api.requisition", requisition_id=found.id))


from govapp.api import cases as _cases  # noqa: E402,F401  (registers the case routes)
from govapp.api import motions as _motions  # noqa: E402,F401  (registers the meeting's routes)
from govapp.api import proceedings as _proceedings  # noqa: E402,F401
