"""The agenda pack: the agenda and papers despatched to every member (7 days before the meeting),
through the outbox, with its late reason where it is late."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select

from govapp import rules
from govapp.extensions import db
from govapp.formatting import long_date
from govapp.formatting import place
from govapp.formatting import time_span
from govapp.links import base_url
from govapp.links import meeting_url
from govapp.models import AuditEvent
from govapp.models import Meeting
from govapp.models import OutboxMessage
from govapp.models import Person
from govapp.models import User
from govapp.rules import london_date
from govapp.services import ServiceError
from govapp.services.audit import record_change
from govapp.services.audit import snapshot
from govapp.services.invites import invite_attendees
from govapp.services.notices import Late
from govapp.services.notices import agenda_changed_since
from govapp.services.notices import check_late
from govapp.services.notices import check_may_serve
from govapp.services.notices import check_meeting_open
from govapp.services.notices import latest_served_notice
from govapp.services.notices import purpose_text
from govapp.services.outbox import queue_email

CHAIR = "Chair"
ON_BEHALF = "on behalf of the Chair"
MARKING = "OFFICIAL-SENSITIVE"

# --- the agenda pack -----------------------------------------------------------------------------


def pack_subject(meeting: Meeting, *, again: bool) -> str:
    kind = "Updated agenda and papers" if again else "Agenda and papers"
    return f"{kind}: {meeting.committee.short_name}, {long_date(meeting.meeting_date)}"


def pack_text(meeting: Meeting, person: Person, *, again: bool) -> str:
    """The agenda pack for one member: numbered items, each item's papers by title with a link to govapp.

    Papers are never attached. A member who has registered an interest in an item is told its papers
    are withheld from them.
    """
    committee = meeting.committee
    lines = [
        f"{MARKING}: confidential to the {committee.name}",
        "",
        ("UPDATED AGENDA AND PAPERS" if again else "AGENDA AND PAPERS"),
        "",
        committee.name,
        f"Meeting on {long_date(meeting.meeting_date)}, {time_span(meeting.starts_at, meeting.ends_at)}",
        f"Place: {place(meeting.location, meeting.online_link)}",
    ]
    if meeting.online_link:
        lines.append(f"Online: {meeting.online_link}")
    lines += ["", "Agenda:", ""]
    for item in sorted(meeting.agenda_items, key=lambda i: i.position):
        line = f"{item.position}. {item.title} ({purpose_text(item.purpose.value)})"
        if item.presenter:
            line += f", presented by {item.presenter}"
        lines.append(line)
        conflicted = any(d.person_id == person.id for d in item.declarations)
        if conflicted and item.papers:
            lines.append("   Papers withheld: you have registered an interest in this item.")
            continue
        for paper in item.papers:
            lines.append(f"   Paper: {paper.title}: {base_url()}/papers/{paper.id}/download")
    lines += [
        "",
        f"The meeting in govapp: {meeting_url(meeting)}",
        "Papers are never attached to email. Sign in to govapp to read them.",
        "",
        f"{MARKING}: do not forward this email outside the {committee.short_name}.",
    ]
    return "\n".join(lines) + "\n"


def pack_despatched_late(meeting: Meeting) -> bool:
    if meeting.pack_despatched_at is None:
        return False
    deadline = rules.papers_deadline(meeting.meeting_date, orders=meeting.committee.standing_orders)
    return london_date(meeting.pack_despatched_at) > deadline


def pack_late_reason(meeting: Meeting) -> str | None:
    """The reason recorded when the pack was first despatched late (kept in the audit record)."""
    event = db.session.scalar(
        select(AuditEvent)
        .where(
            AuditEvent.action == "despatch_pack",
            AuditEvent.entity_type == "Meeting",
            AuditEvent.entity_id == meeting.id,
        )
        .order_by(AuditEvent.id)
        .limit(1)
    )
    if event is None or not event.after:
        return None
    reason = event.after.get("pack_late_reason")
    return str(reason) if reason else None


def send_pack(meeting: Meeting, people: Sequence[Person], *, again: bool, now: datetime) -> list[OutboxMessage]:
    """Queue the agenda and papers to each of ``people``: on despatch, every member and approved
    deputy; later, a deputy the Chair approves after the pack went out."""
    return [
        queue_email(
            person,
            kind="pack",
            subject=pack_subject(meeting, again=again),
            body_text=pack_text(meeting, person, again=again),
            meeting=meeting,
            now=now,
        )
        for person in people
    ]


def despatch_pack(actor: User, meeting: Meeting, *, now: datetime, late: Late | None = None) -> list[OutboxMessage]:
    """Despatch the agenda and papers to every member: one email each, listing items and papers with links.

    Goes with or after the notice (a served notice specifying the current agenda is needed). The first
    despatch sets ``pack_despatched_at``/``_by``; after the papers deadline it needs ``late`` (the
    confirmation, with a reason), and is shown as late. Despatching again (papers added) sends an updated pack.
    """
    committee = meeting.committee
    today = london_date(now)
    check_may_serve(actor, committee, today)
    check_meeting_open(meeting, today)
    served = latest_served_notice(meeting)
    if served is None:
        raise ServiceError("Serve the notice of meeting first: the agenda and papers go with or after it.")
    if agenda_changed_since(served):
        raise ServiceError(
            "The agenda has changed since the notice was served. Sign and serve an amended notice first."
        )
    again = meeting.pack_despatched_at is not None
    late_reason = None
    if not again:
        deadline = rules.papers_deadline(meeting.meeting_date, orders=committee.standing_orders)
        what = "despatch the agenda and papers"
        late_reason = check_late(deadline, today, what=what, noun="agenda pack", late=late)
    messages = send_pack(meeting, invite_attendees(meeting), again=again, now=now)
    before = snapshot(meeting)
    if not again:
        meeting.pack_despatched_at = now
        meeting.pack_despatched_by_id = actor.id
    after = {
        **snapshot(meeting),
        "pack_late": late_reason is not None,
        "pack_late_reason": late_reason,
        "recipients": len(messages),
    }
    record_change(actor, "despatch_pack", meeting, before=before, after=after, committee_id=committee.id)
    return messages
