"""Outcomes of agenda items and the actions arising from them.

Open actions carry forward: the next meeting's "Matters arising" lists every open action of the
committee from earlier meetings.
"""

from __future__ import annotations

from datetime import date
from datetime import datetime

from sqlalchemy import select

from govapp.extensions import db
from govapp.extensions import rows
from govapp.models import ActionPoint
from govapp.models import ActionStatus
from govapp.models import AgendaItem
from govapp.models import ItemOutcome
from govapp.models import Meeting
from govapp.models import OutcomeKind
from govapp.models import Person
from govapp.models import User
from govapp.services import ServiceError
from govapp.services.audit import record_change
from govapp.services.audit import snapshot
from govapp.services.proceedings import item_quorum
from govapp.services.proceedings import require_meeting_day
from govapp.services.proceedings import require_record_open


def record_outcome(actor: User | None, item: AgendaItem, kind: OutcomeKind, text: str, *, now: datetime) -> ItemOutcome:
    """Record what an item came to. Deciding (a decision or a recommendation) needs the item quorate;
    noting or deferring does not. A later outcome supersedes an earlier one; both stay on the record."""
    require_record_open(item.meeting)
    require_meeting_day(item.meeting, now)
    kind = OutcomeKind(kind)
    if not text.strip():
        raise ServiceError("Describe the outcome.", field="text")
    if kind in (OutcomeKind.DECISION, OutcomeKind.RECOMMENDATION):
        quorum = item_quorum(item)
        if not quorum.quorate:
            raise ServiceError(f"This item cannot be decided: {quorum.explain()} You can defer the item instead.")
    outcome = ItemOutcome(agenda_item=item, kind=kind, text=text.strip(), recorded_at=now)
    outcome.recorded_by_id = actor.id if actor else None
    db.session.add(outcome)
    record_change(actor, "record_outcome", outcome, committee_id=item.meeting.committee_id)
    return outcome


def current_outcome(item: AgendaItem) -> ItemOutcome | None:
    return db.session.scalars(
        select(ItemOutcome).where(ItemOutcome.agenda_item_id == item.id).order_by(ItemOutcome.id.desc()).limit(1)
    ).first()


def add_action(
    actor: User | None, item: AgendaItem, description: str, owner: Person, due_on: date | None
) -> ActionPoint:
    require_record_open(item.meeting)
    require_meeting_day(item.meeting)
    if not description.strip():
        raise ServiceError("Describe the action.", field="description")
    if due_on is not None and due_on < item.meeting.meeting_date:
        raise ServiceError("The due date must be on or after the day of the meeting.", field="due_on")
    action = ActionPoint(
        committee_id=item.meeting.committee_id,
        agenda_item=item,
        description=description.strip(),
        owner=owner,
        due_on=due_on,
    )
    action.recorded_by_id = actor.id if actor else None
    db.session.add(action)
    record_change(actor, "add_action", action, committee_id=item.meeting.committee_id)
    return action


def complete_action(actor: User | None, action: ActionPoint, *, on: date) -> None:
    before = snapshot(action)
    action.status = ActionStatus.DONE
    action.completed_on = on
    record_change(actor, "complete_action", action, before=before, committee_id=action.committee_id)


def matters_arising(meeting: Meeting) -> list[ActionPoint]:
    """Open actions from the committee's earlier meetings, carried forward to this one."""
    return rows(
        select(ActionPoint)
        .join(AgendaItem, ActionPoint.agenda_item_id == AgendaItem.id)
        .join(Meeting, AgendaItem.meeting_id == Meeting.id)
        .where(
            ActionPoint.committee_id == meeting.committee_id,
            ActionPoint.status == ActionStatus.OPEN,
            Meeting.meeting_date < meeting.meeting_date,
        )
        .order_by(Meeting.meeting_date, ActionPoint.id)
    )
