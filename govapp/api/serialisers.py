"""Records as JSON-ready dictionaries, in the shapes ``govapp.api.openapi.SCHEMAS`` describes."""

from __future__ import annotations

from datetime import date
from datetime import datetime
from datetime import time
from typing import Any

from flask import url_for

from govapp import rules
from govapp.models import AgendaItem
from govapp.models import AgendaRequest
from govapp.models import Committee
from govapp.models import Meeting
from govapp.models import Membership
from govapp.models import Notice
from govapp.models import Person
from govapp.models import Requisition
from govapp.permissions import Role
from govapp.services import requisitions as requisitions_service
from govapp.services.notices import ServiceRow
from govapp.services.timeline import TimelineEntry


def iso(value: date | datetime | time | None) -> str | None:
    return value.isoformat() if value is not None else None


def person(p: Person) -> dict[str, Any]:
    return {"id": p.id, "name": p.full_name}


def roles(values: frozenset[Role]) -> list[str]:
    return sorted(r.value for r in values)


def committee_summary(committee: Committee, your_roles: frozenset[Role]) -> dict[str, Any]:
    return {
        "slug": committee.slug,
        "name": committee.name,
        "short_name": committee.short_name,
        "your_roles": roles(your_roles),
        "url": url_for("api.committee", slug=committee.slug),
    }


def member(m: Membership) -> dict[str, Any]:
    return {
        "person": person(m.person),
        "role": m.role.value,
        "agency": m.agency,
        "starts_on": iso(m.starts_on),
        "ends_on": iso(m.ends_on),
    }


def figures(committee: Committee, on: date) -> dict[str, Any]:
    orders = committee.standing_orders
    size = len(committee.members_on(on))
    return {
        "on": iso(on),
        "membership": size,
        "quorum": rules.quorum_required(size, orders=orders),
        "requisition_threshold": rules.requisition_threshold(size, orders=orders),
        "requisition_call_days": orders.requisition_call_days,
        "notice_clear_days": orders.notice_clear_days,
        "agenda_request_clear_days": orders.agenda_request_clear_days,
        "papers_days": orders.papers_days,
        "minutes_working_days": orders.minutes_working_days,
        "meetings_per_year": orders.meetings_per_year,
    }


def committee_detail(committee: Committee, your_roles: frozenset[Role], on: date) -> dict[str, Any]:
    return {
        "slug": committee.slug,
        "name": committee.name,
        "short_name": committee.short_name,
        "description": committee.description,
        "your_roles": roles(your_roles),
        "figures": figures(committee, on),
        "standing_orders": committee.standing_orders.to_dict(),
        "members": [member(m) for m in committee.members_on(on)],
    }


def _meeting_when(meeting: Meeting) -> dict[str, Any]:
    """A meeting's identity and when and where it is held, as every meeting's JSON begins."""
    when = {"meeting_date": iso(meeting.meeting_date), "starts_at": iso(meeting.starts_at)}
    where = {"ends_at": iso(meeting.ends_at), "location": meeting.location}
    return {"id": meeting.id, "committee": meeting.committee.slug, **when, **where}


def meeting_summary(meeting: Meeting) -> dict[str, Any]:
    return {
        **_meeting_when(meeting),
        "status": meeting.status.value,
        "url": url_for("api.meeting", meeting_id=meeting.id),
    }


def deadline(entry: TimelineEntry) -> dict[str, Any]:
    return {
        "key": entry.key,
        "label": entry.label,
        "deadline": iso(entry.deadline),
        "state": entry.state,
        "done_on": iso(entry.done_on),
    }


def meeting_detail(meeting: Meeting, timeline: list[TimelineEntry]) -> dict[str, Any]:
    return {
        **_meeting_when(meeting),
        "online_link": meeting.online_link,
        "status": meeting.status.value,
        "cancelled_reason": meeting.cancelled_reason,
        "pack_despatched_at": iso(meeting.pack_despatched_at),
        "deadlines": [deadline(e) for e in timeline],
    }


def agenda_item(item: AgendaItem) -> dict[str, Any]:
    return {
        "id": item.id,
        "position": item.position,
        "title": item.title,
        "purpose": item.purpose.value,
        "presenter": item.presenter,
        "description": item.description,
        "is_standing": item.is_standing,
    }


def agenda_request(request: AgendaRequest) -> dict[str, Any]:
    meeting = request.meeting
    return {
        "id": request.id,
        "meeting_id": request.meeting_id,
        "requested_by": person(request.requested_by),
        "matter": request.matter,
        "supporting_information": request.supporting_information,
        "proposed_motion": request.proposed_motion,
        "received_at": iso(request.received_at),
        "on_time": request.on_time,
        "deadline": iso(rules.agenda_request_deadline(meeting.meeting_date, orders=meeting.committee.standing_orders)),
        "status": request.status.value,
        "decision_reason": request.decision_reason,
        "decided_at": iso(request.decided_at),
        "agenda_item_id": request.agenda_item_id,
    }


def notice_service(row: ServiceRow) -> dict[str, Any]:
    return {
        "person": person(row.person),
        "status": row.status.value if row.status is not None else None,
        "attempts": row.attempts,
        "sent_at": iso(row.sent_at),
        "last_error": row.last_error,
    }


def notice(n: Notice, services: list[ServiceRow] | None, *, shows_business: bool = True) -> dict[str, Any]:
    """A notice; its business only for the Chair, members and secretariat (never an administrator alone)."""
    return {
        "id": n.id,
        "version": n.version,
        "business": n.business if shows_business else [],
        "signed_by": person(n.signed_by) if n.signed_by is not None else None,
        "signed_capacity": n.signed_capacity,
        "signed_at": iso(n.signed_at),
        "served_at": iso(n.served_at),
        "served_late": n.served_late,
        "late_reason": n.late_reason,
        "services": [notice_service(r) for r in services] if services is not None else None,
    }


def requisition(r: Requisition, today: date, *, shows_business: bool = True) -> dict[str, Any]:
    """A requisition; its purpose and business only for the Chair, members and secretariat."""
    state = requisitions_service.requisition_state(r, today)
    counted = {s.id for s in requisitions_service.counted_signatures(r, state.counted_on)}
    return {
        "id": r.id,
        "committee": r.committee.slug,
        "purpose": r.purpose if shows_business else "",
        "business": r.business if shows_business else "",
        "started_by": person(r.created_by),
        "created_at": iso(r.created_at),
        "signature_count": state.signatures,
        "signatures_needed": state.needed,
        "membership": state.membership,
        "valid": state.is_valid,
        "signatures": [
            {"person": person(s.person), "signed_at": iso(s.signed_at), "counted": s.id in counted}
            for s in r.signatures
        ],
        "presented_on": iso(state.presented_on),
        "call_deadline": iso(state.deadline),
        "deadline_state": state.deadline_state,
        "stage": state.stage.value,
        "overdue": state.is_overdue,
        "called_meeting_id": r.called_meeting_id,
        "called_on": iso(state.called_on),
        "board_approved_on": iso(r.board_approved_on),
        "board_approved_reason": r.board_approved_reason,
        "url": url_for("api.requisition", requisition_id=r.id),
    }
