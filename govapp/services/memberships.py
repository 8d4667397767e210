"""Memberships that change over time, and what each change sends to the meetings it touches.

A membership runs from a date, and to a date once it ends. Counts (quorum, requisitions, who is
served) already read the membership on each meeting's date, so a change needs no recount. What it
must do is keep people's calendars and papers true, through the outbox and the audit record:

- someone **joining** is sent the invite of every meeting already called from their first day (the
  same event, UID and SEQUENCE as everyone's), the notice if it was served (recorded as served late
  on them), and the agenda and papers if they went out;
- someone **leaving** is sent a calendar cancellation (``METHOD:CANCEL``, the same UID) for every
  meeting called after their last day;
- a new **Chair** takes the chair from a date: the outgoing Chair's membership ends the day before
  (they can be added back as a member), and an incoming Chair who was a member moves from that
  membership to the chair without a gap, so their calendar is untouched.

Only meetings still to come (from today) are touched: what was sent for past meetings stays as sent.
"""

from __future__ import annotations

from datetime import date
from datetime import datetime
from datetime import timedelta

from sqlalchemy import select

from govapp.extensions import db
from govapp.formatting import long_date
from govapp.models import Agency
from govapp.models import Committee
from govapp.models import Meeting
from govapp.models import MeetingStatus
from govapp.models import MemberRole
from govapp.models import Membership
from govapp.models import OutboxMessage
from govapp.models import Person
from govapp.models import User
from govapp.rules import london_date
from govapp.services import ConflictError
from govapp.services import ServiceError
from govapp.services.audit import record_change
from govapp.services.audit import snapshot
from govapp.services.committees import appoint_member


def _meetings_to_come(committee: Committee, *, start: date, end: date | None) -> list[Meeting]:
    query = select(Meeting).where(
        Meeting.committee_id == committee.id,
        Meeting.status == MeetingStatus.SCHEDULED,
        Meeting.meeting_date >= start,
    )
    if end is not None:
        query = query.where(Meeting.meeting_date <= end)
    return list(db.session.scalars(query.order_by(Meeting.meeting_date)))


def invites_sent(meeting: Meeting) -> bool:
    """Whether the meeting's invites went out (a meeting loaded without them sends none later)."""
    sent = select(OutboxMessage.id).where(OutboxMessage.meeting_id == meeting.id, OutboxMessage.kind == "invite")
    return db.session.scalar(sent.limit(1)) is not None


def _send_joining(person: Person, meetings: list[Meeting], *, now: datetime) -> None:
    from govapp.services.invites import send_meeting_invites
    from govapp.services.notices import latest_served_notice
    from govapp.services.notices import send_notice
    from govapp.services.packs import send_pack

    for meeting in meetings:
        if invites_sent(meeting):
            send_meeting_invites(meeting, now=now, to=[person])
        served = latest_served_notice(meeting)
        if served is not None:
            send_notice(served, [person], now=now)
        if meeting.pack_despatched_at is not None:
            send_pack(meeting, [person], again=False, now=now)


def _send_leaving(person: Person, meetings: list[Meeting], *, now: datetime) -> None:
    from govapp.services.invites import send_cancellation_to

    for meeting in meetings:
        if invites_sent(meeting):
            send_cancellation_to(meeting, person, now=now)


def add_member(
    actor: User | None,
    committee: Committee,
    person: Person,
    *,
    agency: Agency | None,
    starts_on: date,
    role: MemberRole = MemberRole.MEMBER,
    ends_on: date | None = None,
    now: datetime,
) -> Membership:
    """Add ``person`` to the committee from ``starts_on``, representing ``agency``; they are sent
    what the members already have for the meetings to come."""
    membership = appoint_member(
        actor,
        committee,
        person,
        role=role,
        agency=agency.name if agency else None,
        starts_on=starts_on,
        ends_on=ends_on,
    )
    membership.represents = agency
    db.session.flush()
    start = max(starts_on, london_date(now))
    _send_joining(person, _meetings_to_come(committee, start=start, end=ends_on), now=now)
    return membership


def end_membership(actor: User | None, membership: Membership, *, ends_on: date, now: datetime) -> None:
    """End ``membership`` on ``ends_on`` (their last day); they are sent a cancellation for each meeting
    called after it."""
    if ends_on < membership.starts_on:
        raise ServiceError(
            f"The last day must be on or after the membership began ({long_date(membership.starts_on)}).",
            field="ends_on",
        )
    if membership.ends_on is not None and membership.ends_on < london_date(now) and ends_on != membership.ends_on:
        raise ConflictError(f"This membership already ended on {long_date(membership.ends_on)}.")
    before = snapshot(membership)
    membership.ends_on = ends_on
    record_change(actor, "end_membership", membership, before=before, committee_id=membership.committee_id)
    db.session.flush()
    start = max(ends_on + timedelta(days=1), london_date(now))
    _send_leaving(membership.person, _meetings_to_come(membership.committee, start=start, end=None), now=now)


def appoint_chair(
    actor: User | None,
    committee: Committee,
    person: Person,
    *,
    agency: Agency | None,
    starts_on: date,
    now: datetime,
) -> Membership:
    """``person`` chairs the committee from ``starts_on``. The outgoing Chair's membership ends the day
    before; if ``person`` was a member, that membership ends the day before too and the chair follows
    it without a gap."""
    day_before = starts_on - timedelta(days=1)
    outgoing = committee.chair_on(starts_on)
    if outgoing is not None and outgoing.person_id == person.id:
        raise ConflictError(f"{person.full_name} is already the Chair on {long_date(starts_on)}.")
    current = next((m for m in committee.members_on(starts_on) if m.person_id == person.id), None)
    for ending in (outgoing, current):
        if ending is None:
            continue
        if ending.starts_on > day_before:
            raise ServiceError(
                f"{ending.person.full_name}'s membership began on {long_date(ending.starts_on)}; choose a later "
                "date for the new Chair.",
                field="starts_on",
            )
    if outgoing is not None:
        end_membership(actor, outgoing, ends_on=day_before, now=now)
    if current is not None:
        before = snapshot(current)
        current.ends_on = day_before  # the chair follows at once: nothing to send
        record_change(actor, "end_membership", current, before=before, committee_id=committee.id)
        db.session.flush()
        chair = appoint_member(
            actor,
            committee,
            person,
            role=MemberRole.CHAIR,
            agency=agency.name if agency else current.agency,
            starts_on=starts_on,
        )
        chair.represents = agency or current.represents
        return chair
    return add_member(actor, committee, person, agency=agency, starts_on=starts_on, role=MemberRole.CHAIR, now=now)


__all__ = ["add_member", "appoint_chair", "end_membership"]
