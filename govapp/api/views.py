"""The JSON API under ``/api/v1``: the same records and the same permissions as the pages.

Authentication is a personal API token only (``Authorization: Bearer <token>``); session cookies
are ignored, so the API is exempt from CSRF. Every route is declared with :func:`api_route`, which
records it in the OpenAPI document (``/api/v1/openapi.json``, public).
"""

from __future__ import annotations

from datetime import date

from flask import jsonify, request, url_for
from flask.typing import ResponseReturnValue
from sqlalchemy import select
from werkzeug.exceptions import BadRequest

from govapp import clock, rules
from govapp.api import serialisers as out
from govapp.api.auth import api_user
from govapp.api.openapi import document
from govapp.api.routing import api_route, json_body
from govapp.api.routing import bp as bp  # the app registers the API blueprint from here
from govapp.api.routing import created as _created
from govapp.extensions import db
from govapp.models import AgendaRequest, Committee, Meeting, Requisition
from govapp.papers_storage import current_store
from govapp.permissions import Access, Action, Role, access, committees_for
from govapp.services import agenda as agenda_service
from govapp.services import notices as notices_service
from govapp.services import requisitions as requisitions_service
from govapp.services import timeline as timeline_service
from govapp.web import http_error, load_committee, load_meeting

# --- helpers -------------------------------------------------------------------------------------


# The API's 404s name what was asked for and where to look, so its loaders carry their own words.


def _committee(slug: str) -> Committee:
    return load_committee(slug, f"There is no committee '{slug}'. GET /api/v1/committees lists the ones you can see.")


def _meeting(meeting_id: int) -> Meeting:
    return load_meeting(meeting_id, f"There is no meeting {meeting_id}.")


def _requisition(requisition_id: int) -> Requisition:
    return db.get_or_404(Requisition, requisition_id, description=f"There is no requisition {requisition_id}.")


def _access(committee: Committee, today: date) -> Access:
    """The token holder's access to ``committee``: the same table rows the pages ask."""
    return access(api_user(), committee, today)


def _viewer(committee: Committee, today: date) -> Access:
    return _access(committee, today).require(Action.VIEW_COMMITTEE)


def _agenda_reader(meeting: Meeting, today: date) -> Access:
    """As on the agenda page: the agenda is the business before the committee, confidential to it."""
    return _viewer(meeting.committee, today).require(Action.READ_BUSINESS)


def _agenda_roles(meeting: Meeting, today: date) -> frozenset[Role]:
    """:func:`_agenda_reader`'s roles (``govapp.api.proceedings`` asks this)."""
    return _agenda_reader(meeting, today).roles


def _json_body(allowed: dict[str, bool]) -> dict[str, str | None]:
    """A JSON object of text fields (name → required)."""
    return json_body({name: (str, required) for name, required in allowed.items()})


#: ``govapp.api.proceedings`` still maps refusals itself; the boundary (``govapp.web``) does it for the rest.
_refused = http_error


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


@api_route(
    "/openapi.json",
    summary="This API's OpenAPI 3.1 document",
    description="Describes every route, parameter, request body and response. Needs no token.",
    response=None,
    tag="about",
    public=True,
)
def openapi() -> ResponseReturnValue:
    return jsonify(document())


# --- committees ----------------------------------------------------------------------------------


@api_route(
    "/committees",
    summary="The committees you have a role in",
    description="Every committee you hold a role in today (an administrator sees all), with your roles.",
    response="CommitteeList",
    tag="committees",
    errors=(401,),
)
def committees() -> ResponseReturnValue:
    today = clock.today()
    return {"committees": [out.committee_summary(c, r) for c, r in committees_for(api_user(), today)]}


@api_route(
    "/committees/<slug>",
    summary="A committee, its members and its standing orders in figures",
    description="The figures (quorum, signatures a requisition needs...) come from the standing-order rules, "
    "counted on today's membership.",
    response="Committee",
    tag="committees",
)
def committee(slug: str) -> ResponseReturnValue:
    found = _committee(slug)
    today = clock.today()
    return out.committee_detail(found, _viewer(found, today).roles, today)


@api_route(
    "/committees/<slug>/members",
    summary="The members of a committee",
    description="The voting members (the Chair first) on a day, today unless `on` is given.",
    response="MemberList",
    tag="committees",
    query=(ON_PARAMETER,),
    errors=(400, 401, 403, 404),
)
def members(slug: str) -> ResponseReturnValue:
    found = _committee(slug)
    today = clock.today()
    _viewer(found, today)
    day = _day_from_query(today)
    return {"committee": found.slug, "on": day.isoformat(), "members": [out.member(m) for m in found.members_on(day)]}


# --- meetings ------------------------------------------------------------------------------------


@api_route(
    "/committees/<slug>/meetings",
    summary="A committee's meetings",
    description="Every meeting of the committee, in date order, cancelled ones included.",
    response="MeetingList",
    tag="meetings",
)
def meetings(slug: str) -> ResponseReturnValue:
    found = _committee(slug)
    _viewer(found, clock.today())
    rows = db.session.scalars(
        select(Meeting).where(Meeting.committee_id == found.id).order_by(Meeting.meeting_date, Meeting.starts_at)
    )
    return {"committee": found.slug, "meetings": [out.meeting_summary(m) for m in rows]}


@api_route(
    "/meetings/<int:meeting_id>",
    summary="A meeting and its deadlines",
    description="The meeting, with every deadline the standing orders set for it (agenda requests, notice, "
    "papers, draft minutes, and a further meeting after an inquorate one) and how each stands today.",
    response="Meeting",
    tag="meetings",
)
def meeting(meeting_id: int) -> ResponseReturnValue:
    found = _meeting(meeting_id)
    today = clock.today()
    _viewer(found.committee, today)
    return out.meeting_detail(found, timeline_service.meeting_timeline(found, today))


# --- agenda --------------------------------------------------------------------------------------


@api_route(
    "/meetings/<int:meeting_id>/agenda-items",
    summary="A meeting's agenda",
    description="The items of business in order, standing items first. Confidential to the Chair, members and "
    "secretariat.",
    response="AgendaItemList",
    tag="agenda",
)
def agenda_items(meeting_id: int) -> ResponseReturnValue:
    found = _meeting(meeting_id)
    _agenda_reader(found, clock.today())
    items = sorted(found.agenda_items, key=lambda i: i.position)
    return {"meeting_id": found.id, "items": [out.agenda_item(i) for i in items]}


@api_route(
    "/meetings/<int:meeting_id>/agenda-requests",
    summary="Agenda requests for a meeting",
    description="The Chair and the secretariat see every request; a member sees their own.",
    response="AgendaRequestList",
    tag="agenda",
)
def agenda_requests(meeting_id: int) -> ResponseReturnValue:
    found = _meeting(meeting_id)
    reader = _agenda_reader(found, clock.today())
    query = select(AgendaRequest).where(AgendaRequest.meeting_id == found.id)
    if not reader.can(Action.SEE_ALL_REQUESTS):
        query = query.where(AgendaRequest.requested_by_id == api_user().person_id)
    rows = db.session.scalars(query.order_by(AgendaRequest.received_at, AgendaRequest.id))
    deadline = rules.agenda_request_deadline(found.meeting_date, orders=found.committee.standing_orders)
    return {
        "meeting_id": found.id,
        "deadline": deadline.isoformat(),
        "requests": [out.agenda_request(r) for r in rows],
    }


@api_route(
    "/meetings/<int:meeting_id>/agenda-requests",
    "POST",
    summary="Ask for a matter to be put on a meeting's agenda",
    description="A written request to the Chair, made now as you. On time (received by the deadline the "
    "standing orders set) it is included at once; late, it waits for the Chair's decision. Attachments are "
    "added on the agenda page.",
    response="AgendaRequest",
    tag="agenda",
    status=201,
    body="NewAgendaRequest",
    errors=(400, 401, 403, 404),
)
def request_agenda_item(meeting_id: int) -> ResponseReturnValue:
    found = _meeting(meeting_id)
    _access(found.committee, clock.today()).require(Action.REQUEST_AGENDA_ITEM)
    data = _json_body({"matter": True, "supporting_information": False, "proposed_motion": False})
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


@api_route(
    "/meetings/<int:meeting_id>/notices",
    summary="Notices of a meeting",
    description="Newest version first: who signed it and in what capacity, when it was served, whether it was "
    "served after the deadline, and (for the Chair, secretariat and administrators) its service on each "
    "member. Members see the notices that were served. The business is empty for an administrator who holds "
    "no other role: it is confidential to the committee.",
    response="NoticeList",
    tag="notices",
)
def notices(meeting_id: int) -> ResponseReturnValue:
    found = _meeting(meeting_id)
    today = clock.today()
    viewer = _viewer(found.committee, today)
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
    summary="A committee's requisitions",
    description="Newest first, each with its signatures counted against the standing orders' threshold, "
    "its deadline once presented, and whether it is overdue.",
    response="RequisitionList",
    tag="requisitions",
)
def requisitions(slug: str) -> ResponseReturnValue:
    found = _committee(slug)
    today = clock.today()
    viewer = _viewer(found, today)
    return {
        "committee": found.slug,
        "requisitions": [
            out.requisition(r, today, shows_business=viewer.can(Action.READ_BUSINESS))
            for r in requisitions_service.requisitions_of(found)
        ],
    }


@api_route(
    "/committees/<slug>/requisitions",
    "POST",
    summary="Start a requisition for a meeting, and sign it",
    description="Members only (not the Chair, to whom it is presented).",
    response="Requisition",
    tag="requisitions",
    status=201,
    body="NewRequisition",
    errors=(400, 401, 403, 404),
)
def start_requisition(slug: str) -> ResponseReturnValue:
    found = _committee(slug)
    today = clock.today()
    _access(found, today).require(Action.SIGN_REQUISITION)
    data = _json_body({"purpose": True, "business": True})
    created = requisitions_service.start_requisition(
        api_user(), found, purpose=data["purpose"] or "", business=data["business"] or "", today=today, now=clock.now()
    )
    return _created(out.requisition(created, today), url_for("api.requisition", requisition_id=created.id))


@api_route(
    "/requisitions/<int:requisition_id>",
    summary="A requisition",
    description="Its signatures, whether it is valid, and once presented the deadline to call a meeting and "
    "the outcome.",
    response="Requisition",
    tag="requisitions",
)
def requisition(requisition_id: int) -> ResponseReturnValue:
    found = _requisition(requisition_id)
    today = clock.today()
    viewer = _viewer(found.committee, today)
    return out.requisition(found, today, shows_business=viewer.can(Action.READ_BUSINESS))


@api_route(
    "/requisitions/<int:requisition_id>/signatures",
    "POST",
    summary="Sign a requisition",
    description="Adds your signature, once. Members only (not the Chair); not after it was presented. No request body.",
    response="Requisition",
    tag="requisitions",
    status=201,
    errors=(401, 403, 404, 409),
)
def sign_requisition(requisition_id: int) -> ResponseReturnValue:
    found = _requisition(requisition_id)
    today = clock.today()
    _access(found.committee, today).require(Action.SIGN_REQUISITION)
    requisitions_service.sign_requisition(api_user(), found, today=today, now=clock.now())
    return _created(out.requisition(found, today), url_for("api.requisition", requisition_id=found.id))


from govapp.api import motions as _motions  # noqa: E402,F401  (registers the meeting's routes)
from govapp.api import proceedings as _proceedings  # noqa: E402,F401
