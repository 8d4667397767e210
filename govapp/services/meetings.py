"""Scheduling meetings and laying out their agendas."""

from __future__ import annotations

from datetime import date, time

from govapp.extensions import db
from govapp.models import AgendaItem, Committee, ItemPurpose, Meeting, User
from govapp.services import ServiceError
from govapp.services.audit import record_change


def schedule_meeting(
    actor: User | None,
    committee: Committee,
    *,
    meeting_date: date,
    starts_at: time,
    ends_at: time | None = None,
    location: str | None = None,
    online_link: str | None = None,
) -> Meeting:
    """Call a meeting on ``meeting_date``; the committee's standing items open its agenda."""
    if ends_at is not None and ends_at <= starts_at:
        raise ServiceError("The finish time must be after the start time.", field="ends_at")
    meeting = Meeting(
        committee=committee,
        meeting_date=meeting_date,
        starts_at=starts_at,
        ends_at=ends_at,
        location=location,
        online_link=online_link,
        created_by_id=actor.id if actor else None,
    )
    for position, title in enumerate(committee.standing_orders.standing_items, start=1):
        meeting.agenda_items.append(
            AgendaItem(position=position, title=title, purpose=ItemPurpose.INFORMATION, is_standing=True)
        )
    db.session.add(meeting)
    record_change(actor, "schedule_meeting", meeting, committee_id=committee.id)
    return meeting
