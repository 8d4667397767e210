"""Building a meeting's agenda, members' agenda requests, and interests registered in advance.

Every function takes the acting user and the moment (``now``, timezone-aware) explicitly. Callers
check the role first with ``permissions.require(user, Action.X, committee, today)``:

============================  ==============================
function                      action
============================  ==============================
add/edit/move/remove item     ``Action.BUILD_AGENDA`` (Chair, secretariat)
``request_agenda_item``       ``Action.REQUEST_AGENDA_ITEM`` (Chair, members)
``decide_late_request``       ``Action.DECIDE_LATE_REQUEST`` (the Chair only)
``register_interest``,        ``Action.REGISTER_INTEREST`` (Chair, members: their own)
``withdraw_interest``
============================  ==============================

How the standing orders are applied:

- The committee's standing items (``StandingOrders.standing_items``, put on the agenda by
  ``schedule_meeting``) come first, before any other business: they cannot be removed, renamed or
  moved below other business, and no other item can be moved above them.
- A member's agenda request is on time or late by ``rules.agenda_request_on_time`` at the moment it
  is received (stored in ``on_time``). On time: it is included at once, as a new item after the
  existing ones, presented by the member, with its attachments as the item's papers. Late: it waits
  (``pending``) for the Chair, who includes or declines it with a reason.
- Nothing about a cancelled meeting, or one that has taken place, can be changed.
- Changing the agenda after a notice was served does not re-serve it: :func:`notice_out_of_date`
  tells the pages to warn that the notice no longer specifies the business.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from datetime import datetime
from typing import Any
from typing import Literal
from typing import NamedTuple

from sqlalchemy import select

from govapp.extensions import db
from govapp.extensions import rows
from govapp.formatting import long_date
from govapp.links import absolute
from govapp.models import AgendaItem
from govapp.models import AgendaRequest
from govapp.models import Declaration
from govapp.models import DeclarationKind
from govapp.models import ItemPurpose
from govapp.models import Meeting
from govapp.models import MeetingStatus
from govapp.models import Notice
from govapp.models import RequestStatus
from govapp.models import User
from govapp.papers_storage import PaperStore
from govapp.rules import LONDON
from govapp.rules import agenda_request_on_time
from govapp.rules import london_date
from govapp.services import ConflictError
from govapp.services import RefusedError
from govapp.services import ServiceError
from govapp.services.audit import record_change
from govapp.services.audit import snapshot
from govapp.services.notices import agenda_changed_since
from govapp.services.notices import latest_served_notice
from govapp.services.outbox import queue_email
from govapp.services.papers import DEFAULT_MAX_BYTES
from govapp.services.papers import Upload
from govapp.services.papers import agenda_locked_reason
from govapp.services.papers import check_upload
from govapp.services.papers import store_paper

# --- the agenda --------------------------------------------------------------------------------


def notice_out_of_date(meeting: Meeting) -> Notice | None:
    """The latest served notice, if the agenda has changed since it was frozen into it; else ``None``.

    "Changed" is the notices service's own test (``services.notices.agenda_changed_since``), so the
    agenda page and the notice pages agree.
    """
    notice = latest_served_notice(meeting)
    if notice is None or not agenda_changed_since(notice):
        return None
    return notice


class ItemDetails(NamedTuple):
    """What the secretariat says of an item of business."""

    title: str
    purpose: ItemPurpose
    presenter: str | None = None
    description: str | None = None

    def checked(self) -> dict[str, Any]:
        """The details as the item keeps them: trimmed, a blank as none, each within its length."""
        return {
            "title": _required(self.title, "Enter the item's title", "title", 300),
            "purpose": ItemPurpose(self.purpose),
            "presenter": _optional(self.presenter, 200),
            "description": _optional(self.description),
        }


def add_agenda_item(actor: User, meeting: Meeting, details: ItemDetails, *, now: datetime) -> AgendaItem:
    """Add an item of business after the existing items."""
    _ensure_open(meeting, now)
    _lock_agenda(meeting)
    item = AgendaItem(position=_next_position(meeting), is_standing=False, **details.checked())
    meeting.agenda_items.append(item)
    record_change(actor, "add_agenda_item", item, committee_id=meeting.committee_id)
    return item


def edit_agenda_item(actor: User, item: AgendaItem, details: ItemDetails, *, now: datetime) -> AgendaItem:
    """Change an item's title, purpose, presenter and description. A standing item keeps its title."""
    _ensure_open(item.meeting, now)
    checked = details.checked()
    if item.is_standing and checked["title"] != item.title:
        raise ServiceError(
            f"“{item.title}” is a standing item: its title comes from the standing orders and cannot change.",
            field="title",
        )
    before = snapshot(item)
    for name, value in checked.items():
        setattr(item, name, value)
    record_change(actor, "edit_agenda_item", item, before=before, committee_id=item.meeting.committee_id)
    return item


def remove_agenda_item(actor: User, item: AgendaItem, *, now: datetime) -> None:
    """Take an item off the agenda. Standing items cannot be removed; papers must be removed first."""
    meeting = item.meeting
    _ensure_open(meeting, now)
    _lock_agenda(meeting)
    if item.is_standing:
        raise ServiceError(f"“{item.title}” is a standing item: it is on every agenda and cannot be removed.")
    if item.papers:
        raise ServiceError(f"Remove the papers of “{item.title}” first, then remove the item.")
    before = snapshot(item)
    for declaration in list(item.declarations):
        db.session.delete(declaration)
    meeting.agenda_items.remove(item)
    db.session.delete(item)
    record_change(actor, "remove_agenda_item", item, before=before, after={}, committee_id=meeting.committee_id)
    _renumber(meeting)


def move_agenda_item(actor: User, item: AgendaItem, direction: Literal["up", "down"], *, now: datetime) -> None:
    """Swap an item with the one above or below it; standing items stay before any other business. The
    agenda is then numbered 1, 2, 3 ... again, so no position is ever used twice or skipped."""
    meeting = item.meeting
    _ensure_open(meeting, now)
    _lock_agenda(meeting)
    items = _ordered(meeting)
    index = items.index(item)
    other_index = index - 1 if direction == "up" else index + 1
    if not 0 <= other_index < len(items):
        raise ServiceError(f"“{item.title}” is already the {'first' if direction == 'up' else 'last'} item.")
    other = items[other_index]
    if item.is_standing != other.is_standing:
        if item.is_standing:
            raise ServiceError(
                f"“{item.title}” is a standing item: standing items come before any other business, "
                "so it cannot move below other business."
            )
        raise ServiceError(
            f"Standing items come before any other business, so “{item.title}” cannot move above “{other.title}”."
        )
    before = {"position": item.position}
    items[index], items[other_index] = other, item
    for position, each in enumerate(items, start=1):
        each.position = position
    record_change(
        actor,
        f"move_agenda_item_{direction}",
        item,
        before=before,
        after={"position": item.position},
        committee_id=meeting.committee_id,
    )


# --- agenda requests ---------------------------------------------------------------------------


def request_agenda_item(
    actor: User,
    meeting: Meeting,
    *,
    matter: str,
    supporting_information: str | None = None,
    proposed_motion: str | None = None,
    attachments: Sequence[Upload] = (),
    store: PaperStore,
    max_bytes: int = DEFAULT_MAX_BYTES,
    received_at: datetime,
) -> AgendaRequest:
    """Record a member's written request to put a matter on the meeting's agenda.

    On time (``rules.agenda_request_on_time`` at ``received_at``): included at once, as a new item
    after the existing ones, presented by the member, the attachments becoming its papers. Late:
    ``pending`` until the Chair decides. Attachments are checked like any paper; one bad file
    refuses the whole request and nothing is stored.
    """
    if meeting.status == MeetingStatus.CANCELLED:
        raise ServiceError("This meeting was cancelled, so it cannot take agenda requests.", field="matter")
    received_on = london_date(_aware(received_at))
    if meeting.status != MeetingStatus.SCHEDULED or meeting.meeting_date < received_on:
        raise ServiceError(
            "This meeting has already taken place, so it cannot take agenda requests. "
            "Ask for the matter at a later meeting.",
            field="matter",
        )
    matter = _required(matter, "Enter the matter you want on the agenda", "matter", 300)
    for upload in attachments:
        try:
            check_upload(upload, max_bytes=max_bytes)
        except ServiceError as error:
            raise ServiceError(error.message, field="attachments") from None
    on_time = agenda_request_on_time(meeting.meeting_date, received_at, orders=meeting.committee.standing_orders)
    request = AgendaRequest(
        meeting=meeting,
        requested_by=actor.person,
        matter=matter,
        supporting_information=_optional(supporting_information),
        proposed_motion=_optional(proposed_motion),
        received_at=received_at,
        on_time=on_time,
        status=RequestStatus.INCLUDED if on_time else RequestStatus.PENDING,
    )
    db.session.add(request)
    item = _item_for_request(meeting, request) if on_time else None
    request.agenda_item = item
    for upload in attachments:
        store_paper(
            actor, meeting, upload, store=store, item=item, request=request, max_bytes=max_bytes, now=received_at
        )
    record_change(actor, "request_agenda_item", request, committee_id=meeting.committee_id)
    return request


def decide_late_request(
    actor: User, request: AgendaRequest, *, include: bool, reason: str, now: datetime
) -> AgendaRequest:
    """The Chair includes or declines a late agenda request, with a reason (recorded with who and when)."""
    if request.status != RequestStatus.PENDING:
        raise ConflictError(f"This agenda request has already been decided: it is {request.status.value}.")
    reason = _required(reason, "Enter the reason for your decision", "reason")
    meeting = request.meeting
    locked = agenda_locked_reason(meeting, london_date(_aware(now)))
    if locked:
        raise ServiceError(locked, field="decision")
    before = snapshot(request)
    if include:
        item = _item_for_request(meeting, request)
        request.agenda_item = item
        for paper in request.papers:
            paper.agenda_item = item
        request.status = RequestStatus.INCLUDED
    else:
        request.status = RequestStatus.DECLINED
    request.decided_by_id = actor.id
    request.decided_at = now
    request.decision_reason = reason
    record_change(actor, "decide_late_request", request, before=before, committee_id=meeting.committee_id)
    return request


def late_requests_awaiting(committee_ids: Sequence[int], *, today: date) -> list[AgendaRequest]:
    """Late agenda requests still waiting for the Chair, for meetings to come that are not cancelled."""
    return rows(
        select(AgendaRequest)
        .join(AgendaRequest.meeting)
        .where(
            Meeting.committee_id.in_(committee_ids),
            Meeting.meeting_date >= today,
            Meeting.status == MeetingStatus.SCHEDULED,
            AgendaRequest.status == RequestStatus.PENDING,
        )
        .order_by(Meeting.meeting_date, AgendaRequest.received_at),
        within=committee_ids,
    )


# --- interests registered in advance -----------------------------------------------------------


def register_interest(actor: User, item: AgendaItem, *, nature: str, now: datetime) -> Declaration:
    """A member (the Chair included) registers an interest in an item before the meeting.

    Registration withholds the item's papers from them (see ``services.papers.paper_refusal``); it is
    confirmed at the meeting.
    """
    _ensure_before_meeting(item.meeting, now, "register an interest")
    nature = _required(nature, "Enter the nature of your interest", "nature")
    existing = db.session.scalar(
        select(Declaration).where(Declaration.agenda_item_id == item.id, Declaration.person_id == actor.person_id)
    )
    if existing is not None:
        raise ServiceError("You have already registered an interest in this item.", field="nature")
    declaration = Declaration(
        agenda_item=item,
        person_id=actor.person_id,
        nature=nature,
        kind=DeclarationKind.REGISTERED,
        recorded_by_id=actor.id,
        created_at=now,
    )
    db.session.add(declaration)
    db.session.flush()
    from govapp.services.interest_record import served_before

    earlier = served_before(declaration)
    record_change(
        actor,
        "register_interest",
        declaration,
        after={**snapshot(declaration), "served_before": earlier.as_record()},
        committee_id=item.meeting.committee_id,
    )
    return declaration


def withdraw_interest(actor: User, declaration: Declaration, *, now: datetime) -> None:
    """A member asks to withdraw their own interest registered in advance, before the meeting begins.

    The interest stands (the item's papers stay withheld) until the Chair agrees, as with a deputy; the
    Chair and the secretariat are told through the outbox."""
    if declaration.person_id != actor.person_id:
        raise ServiceError("You can only withdraw an interest you registered yourself.")
    if declaration.kind != DeclarationKind.REGISTERED:
        raise ServiceError("A declaration made at the meeting cannot be withdrawn here.")
    meeting = declaration.agenda_item.meeting
    _ensure_before_meeting(meeting, now, "withdraw a registered interest")
    if declaration.withdrawal_requested_at is not None:
        raise ConflictError("You have already asked to withdraw this interest. The Chair will decide.")
    before = snapshot(declaration)
    declaration.withdrawal_requested_at = now
    record_change(actor, "ask_to_withdraw_interest", declaration, before=before, committee_id=meeting.committee_id)
    item = declaration.agenda_item
    committee = meeting.committee
    chair = committee.chair_on(meeting.meeting_date)
    told = [chair.person] if chair is not None else []
    told += [post.person for post in committee.secretariat_posts if post.is_current(london_date(now))]
    for person in told:
        queue_email(
            person,
            kind="interest-withdrawal",
            subject=f"Interest withdrawal to decide: item {item.position}, {committee.short_name}",
            body_text=(
                f"{declaration.person.full_name} asks to withdraw the interest they registered in item "
                f"{item.position}, “{item.title}”, of the meeting on {long_date(meeting.meeting_date)}. "
                "Until the Chair agrees, the interest stands and the item's papers stay withheld from them."
                f"\n\n{absolute(f'/committees/{committee.slug}/requests')}\n\nOFFICIAL-SENSITIVE\n"
            ),
            meeting=meeting,
            now=now,
        )


def decide_interest_withdrawal(actor: User, declaration: Declaration, *, agree: bool, now: datetime) -> None:
    """The Chair agrees (the interest is withdrawn) or not (it stands); the member is told."""
    meeting = declaration.agenda_item.meeting
    if not meeting.committee.is_chair(actor.person_id, london_date(now)):
        raise RefusedError("Only the Chair agrees to the withdrawal of a registered interest.")
    if declaration.withdrawal_requested_at is None:
        raise ConflictError("Nobody has asked to withdraw this interest, or it has already been decided.")
    before = snapshot(declaration)
    item = declaration.agenda_item
    if agree:
        db.session.delete(declaration)
        record_change(
            actor, "withdraw_interest", declaration, before=before, after={}, committee_id=meeting.committee_id
        )
    else:
        declaration.withdrawal_requested_at = None
        record_change(actor, "keep_interest", declaration, before=before, committee_id=meeting.committee_id)
    outcome = "agreed: the interest is withdrawn" if agree else "not agreed: the interest stands"
    queue_email(
        declaration.person,
        kind="interest-withdrawal",
        subject=f"Your interest in item {item.position}: {outcome.split(':')[0]}",
        body_text=f"The Chair has {outcome} (item {item.position}, “{item.title}”).\n\nOFFICIAL-SENSITIVE\n",
        meeting=meeting,
        now=now,
    )


def interest_withdrawals_awaiting(committee_ids: Sequence[int]) -> list[Declaration]:
    """Registered interests whose withdrawal awaits the Chair, for meetings still to come."""
    return rows(
        select(Declaration)
        .join(AgendaItem, AgendaItem.id == Declaration.agenda_item_id)
        .join(Meeting, Meeting.id == AgendaItem.meeting_id)
        .where(Meeting.committee_id.in_(committee_ids), Declaration.withdrawal_requested_at.is_not(None))
        .order_by(Declaration.withdrawal_requested_at),
        within=committee_ids,
    )


# --- helpers -----------------------------------------------------------------------------------


def _lock_agenda(meeting: Meeting) -> None:
    """Take the meeting's agenda for this transaction, and read it afresh.

    On PostgreSQL the meeting's row is locked (``SELECT ... FOR UPDATE``) until commit, so two people
    moving or adding items at once take turns and neither numbers from a stale agenda; on SQLite every
    writing request already holds the database's write lock from its start (``govapp.app``).
    """
    db.session.execute(select(Meeting.id).where(Meeting.id == meeting.id).with_for_update())
    db.session.scalars(
        select(AgendaItem).where(AgendaItem.meeting_id == meeting.id).execution_options(populate_existing=True)
    ).all()
    db.session.expire(meeting, ["agenda_items"])


def _ordered(meeting: Meeting) -> list[AgendaItem]:
    return sorted(meeting.agenda_items, key=lambda i: (not i.is_standing, i.position, i.id or 0))


def _renumber(meeting: Meeting) -> None:
    for position, item in enumerate(_ordered(meeting), start=1):
        item.position = position


def _next_position(meeting: Meeting) -> int:
    return max((i.position for i in meeting.agenda_items), default=0) + 1


def _item_for_request(meeting: Meeting, request: AgendaRequest) -> AgendaItem:
    _lock_agenda(meeting)
    description = request.supporting_information or ""
    if request.proposed_motion:
        description = (description + "\n\n" if description else "") + f"Proposed motion: {request.proposed_motion}"
    item = AgendaItem(
        position=_next_position(meeting),
        title=request.matter[:300],
        purpose=ItemPurpose.DECISION if request.proposed_motion else ItemPurpose.DISCUSSION,
        presenter=request.requested_by.full_name[:200],
        description=description or None,
        is_standing=False,
    )
    meeting.agenda_items.append(item)
    db.session.flush()
    return item


def _ensure_open(meeting: Meeting, now: datetime) -> None:
    reason = agenda_locked_reason(meeting, london_date(_aware(now)))
    if reason:
        raise ServiceError(reason)


def _ensure_before_meeting(meeting: Meeting, now: datetime, doing: str) -> None:
    _ensure_open(meeting, now)
    starts = datetime.combine(meeting.meeting_date, meeting.starts_at, tzinfo=LONDON)
    if _aware(now) >= starts:
        raise ServiceError(f"The meeting has begun, so you can no longer {doing} in advance. Do it at the meeting.")


def _aware(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("times must be timezone-aware")
    return moment


def _required(value: str | None, message: str, field: str, limit: int | None = None) -> str:
    text = (value or "").strip()
    if not text:
        raise ServiceError(message, field=field)
    if limit is not None and len(text) > limit:
        raise ServiceError(f"{message} in {limit} characters or fewer", field=field)
    return text


def _optional(value: str | None, limit: int | None = None) -> str | None:
    text = (value or "").strip()
    if limit is not None:
        text = text[:limit]
    return text or None
