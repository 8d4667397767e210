"""Notices of meeting: signing authorisations, signing and serving the notice, despatching the pack.

The notice specifies the business (the meeting's agenda, frozen into ``Notice.business`` when it is
signed) and is signed by the Chair, or by someone the Chair has authorised whose authorisation is
current on the day of signing. Serving it queues one email per member (the outbox delivers them)
and records service on each member; a failed delivery is shown and never blocks the meeting.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from datetime import datetime
from datetime import time
from typing import Any

from sqlalchemy import func
from sqlalchemy import select

from govapp import rules
from govapp.extensions import db
from govapp.formatting import long_date
from govapp.formatting import place
from govapp.formatting import time_span
from govapp.links import meeting_url
from govapp.models import Committee
from govapp.models import DeliveryStatus
from govapp.models import Meeting
from govapp.models import MeetingStatus
from govapp.models import Notice
from govapp.models import NoticeService
from govapp.models import OutboxMessage
from govapp.models import Person
from govapp.models import User
from govapp.permissions import Action
from govapp.permissions import can
from govapp.rules import london_date
from govapp.services import ConflictError
from govapp.services import ServiceError
from govapp.services.audit import record_change
from govapp.services.audit import snapshot
from govapp.services.invites import invite_attendees
from govapp.services.outbox import queue_email
from govapp.services.signing import cannot_sign_reason
from govapp.services.signing import signing_capacity

CHAIR = "Chair"
ON_BEHALF = "on behalf of the Chair"
MARKING = "OFFICIAL-SENSITIVE"

# --- the notice ----------------------------------------------------------------------------------


def business_of(meeting: Meeting) -> list[dict[str, Any]]:
    """The meeting's agenda as the business a notice specifies."""
    return [
        {
            "position": item.position,
            "title": item.title,
            "purpose": item.purpose.value,
            "presenter": item.presenter,
        }
        for item in sorted(meeting.agenda_items, key=lambda i: i.position)
    ]


def notices_of(meeting: Meeting) -> Sequence[Notice]:
    """The meeting's notices, newest version first."""
    return db.session.scalars(
        select(Notice).where(Notice.meeting_id == meeting.id).order_by(Notice.version.desc())
    ).all()


def latest_notice(meeting: Meeting) -> Notice | None:
    notices = notices_of(meeting)
    return notices[0] if notices else None


def latest_served_notice(meeting: Meeting) -> Notice | None:
    return next((n for n in notices_of(meeting) if n.served_at is not None), None)


def particulars_of(meeting: Meeting) -> dict[str, Any]:
    """The meeting's date, times and place, as a notice states them."""
    return {
        "meeting_date": meeting.meeting_date.isoformat(),
        "starts_at": meeting.starts_at.isoformat(),
        "ends_at": meeting.ends_at.isoformat() if meeting.ends_at else None,
        "location": meeting.location,
        "online_link": meeting.online_link,
    }


def agenda_changed_since(notice: Notice) -> bool:
    """Whether the notice no longer specifies the meeting: its business, or its date, times or place,
    have changed since it was signed (a rescheduled meeting needs an amended notice)."""
    moved = bool(notice.particulars) and notice.particulars != particulars_of(notice.meeting)
    return moved or notice.business != business_of(notice.meeting)


def states_meeting_date(notice: Notice) -> bool:
    """Whether the notice gives the meeting's current date (it does not after a reschedule)."""
    return notice.particulars.get("meeting_date") == notice.meeting.meeting_date.isoformat()


def check_meeting_open(meeting: Meeting, today: date) -> None:
    if meeting.status == MeetingStatus.CANCELLED:
        raise ServiceError("The meeting has been cancelled.")
    if meeting.meeting_date < today or meeting.status != MeetingStatus.SCHEDULED:
        raise ServiceError("The meeting has already taken place.")


def sign_notice(actor: User, meeting: Meeting, *, now: datetime, allow_unchanged: bool = False) -> Notice:
    """Sign the notice of ``meeting``: the business is frozen from its agenda as it is now.

    An unserved notice is signed again in place (the agenda may have changed). After a notice has been
    served, a new version (an amended notice) is made only if the agenda has changed since, unless
    ``allow_unchanged`` (say, the meeting was rescheduled).
    """
    today = london_date(now)
    committee = meeting.committee
    capacity = signing_capacity(committee, actor.person, today)
    if capacity is None:
        raise ServiceError(cannot_sign_reason(committee))
    check_meeting_open(meeting, today)
    business = business_of(meeting)
    if not business:
        raise ServiceError("The agenda has no items yet. A notice must specify the business to be transacted.")
    latest = latest_notice(meeting)
    if latest is not None and latest.served_at is None:
        notice = latest
        before: dict[str, Any] | None = snapshot(notice)
    else:
        if latest is not None and not agenda_changed_since(latest) and not allow_unchanged:
            raise ConflictError(
                f"The notice served on {long_date(latest.served_at)} already specifies the meeting and its "
                "agenda as they are. Change the agenda, or the meeting's date, time or place, before signing an "
                "amended notice."
            )
        notice = Notice(meeting=meeting, version=(latest.version + 1) if latest else 1)
        db.session.add(notice)
        before = None
    notice.business = business
    notice.particulars = particulars_of(meeting)
    notice.signed_by = actor.person
    notice.signed_capacity, notice.authorisation = capacity
    notice.signed_at = now
    record_change(actor, "sign_notice", notice, before=before, committee_id=committee.id)
    return notice


def purpose_text(value: str) -> str:
    return f"for {value}"


@dataclass(frozen=True)
class Particulars:
    """What a notice says about when and where: as frozen when it was signed."""

    meeting_date: date
    starts_at: time
    ends_at: time | None
    location: str | None
    online_link: str | None

    @classmethod
    def of(cls, notice: Notice) -> Particulars:
        given = notice.particulars or particulars_of(notice.meeting)
        return cls(
            meeting_date=date.fromisoformat(given["meeting_date"]),
            starts_at=time.fromisoformat(given["starts_at"]),
            ends_at=time.fromisoformat(given["ends_at"]) if given.get("ends_at") else None,
            location=given.get("location"),
            online_link=given.get("online_link"),
        )


def notice_subject(notice: Notice) -> str:
    meeting = notice.meeting
    kind = "Amended notice of meeting" if notice.version > 1 else "Notice of meeting"
    return f"{kind}: {meeting.committee.short_name}, {long_date(Particulars.of(notice).meeting_date)}"


def notice_text(notice: Notice) -> str:
    """The notice as it is emailed to each member: particulars, business, signature, a link; no papers."""
    meeting = notice.meeting
    committee = meeting.committee
    given = Particulars.of(notice)
    signer = notice.signed_by
    lines = [f"{MARKING}: confidential to the {committee.name}", ""]
    if notice.version > 1:
        lines += [
            f"AMENDED NOTICE OF MEETING (version {notice.version})",
            "This notice replaces any earlier notice of this meeting.",
        ]
    else:
        lines.append("NOTICE OF MEETING")
    lines += [
        "",
        committee.name,
        "",
        f"A meeting of the {committee.name} will be held on:",
        "",
        f"Date: {long_date(given.meeting_date)}",
        f"Time: {time_span(given.starts_at, given.ends_at)}",
        f"Place: {place(given.location, given.online_link)}",
    ]
    if given.online_link:
        lines.append(f"Online: {given.online_link}")
    lines += ["", "Business to be transacted:", ""]
    for item in notice.business:
        line = f"{item['position']}. {item['title']} ({purpose_text(item['purpose'])})"
        if item.get("presenter"):
            line += f", presented by {item['presenter']}"
        lines.append(line)
    capacity = notice.signed_capacity or ""
    chair = committee.chair_on(meeting.meeting_date)
    signature = f"Signed: {signer.full_name if signer else ''}, {capacity}"
    if capacity == ON_BEHALF and chair is not None:
        signature += f" ({chair.person.full_name})"
    lines += [
        "",
        signature,
        f"Date signed: {long_date(notice.signed_at)}",
        "",
        f"The meeting in govapp: {meeting_url(meeting)}",
        "Papers are never sent by email. The agenda and papers are despatched separately; read them in govapp.",
        "",
        f"{MARKING}: do not forward this email outside the {committee.short_name}.",
    ]
    return "\n".join(lines) + "\n"


def check_may_serve(actor: User, committee: Committee, today: date) -> None:
    if not can(actor, Action.SERVE_NOTICE, committee, today):
        raise ServiceError(
            f"Only the Chair or the secretariat of the {committee.name} can serve a notice or despatch the pack."
        )


@dataclass(frozen=True)
class Late:
    """The person's confirmation that they understand a step is late, with the reason it is."""

    reason: str | None


def check_late(deadline: date, today: date, *, what: str, noun: str, late: Late | None) -> str | None:
    """Why it is late (the reason given, to record), or ``None`` when it is on time; a late one is
    refused without the explicit confirmation and a reason."""
    if today <= deadline:
        return None
    if late is None:
        raise ServiceError(
            f"The last day to {what} was {long_date(deadline)}. Confirm that you understand it is late.",
            field="confirm_late",
        )
    reason = (late.reason or "").strip()
    if not reason:
        raise ServiceError(f"Enter why the {noun} is late.", field="late_reason")
    return reason


def serve_notice(actor: User, notice: Notice, *, now: datetime, late: Late | None = None) -> Notice:
    """Serve the signed notice on every member of the committee on the meeting date.

    One outbox message per member, with a ``NoticeService`` record each, in the caller's transaction.
    After the notice deadline it needs ``late`` (the confirmation, with a reason), and is flagged
    ``served_late``.
    """
    meeting = notice.meeting
    committee = meeting.committee
    today = london_date(now)
    check_may_serve(actor, committee, today)
    if notice.signed_at is None:
        raise ServiceError("Sign the notice before serving it.")
    if notice.served_at is not None:
        raise ConflictError(f"This notice was already served on {long_date(notice.served_at)}.")
    latest = latest_notice(meeting)
    if latest is not None and latest.id != notice.id:
        raise ConflictError("A later version of this notice exists. Serve that one.")
    check_meeting_open(meeting, today)
    if agenda_changed_since(notice):
        raise ServiceError(
            "The agenda has changed since the notice was signed. Sign it again so it specifies the business."
        )
    deadline = rules.notice_deadline(meeting.meeting_date, orders=committee.standing_orders)
    late_reason = check_late(deadline, today, what="serve notice", noun="notice", late=late)
    if not committee.members_on(meeting.meeting_date):
        raise ServiceError("The committee has no members on the meeting date to serve notice on.")
    send_notice(notice, invite_attendees(meeting), now=now)
    notice.served_at = now
    notice.served_by = actor
    notice.served_late = late_reason is not None
    notice.late_reason = late_reason
    record_change(actor, "serve_notice", notice, committee_id=committee.id)
    return notice


def send_notice(notice: Notice, people: Sequence[Person], *, now: datetime) -> None:
    """Queue the notice to each of ``people``, with a ``NoticeService`` record each: on serving, every
    member and approved deputy; later (recorded as served late on them), a deputy the Chair approves
    or a member who joins after it was served. Anyone already served is left out."""
    subject = notice_subject(notice)
    body = notice_text(notice)
    late = notice.served_at is not None
    already = {s.person_id for s in notice.services}
    for person in people:
        if person.id in already:
            continue
        message = queue_email(person, kind="notice", subject=subject, body_text=body, meeting=notice.meeting, now=now)
        notice.services.append(NoticeService(person=person, outbox_message=message, served_late=late))


@dataclass(frozen=True)
class ServiceRow:
    """Service of a notice on one member, with the delivery status of its email."""

    person: Person
    status: DeliveryStatus | None
    attempts: int
    last_error: str | None
    sent_at: datetime | None
    next_attempt_at: datetime | None
    served_late: bool = False


def service_rows(notice: Notice) -> list[ServiceRow]:
    rows = []
    for service in sorted(notice.services, key=lambda s: s.person.full_name):
        message = service.outbox_message
        rows.append(
            ServiceRow(
                person=service.person,
                status=message.status if message else None,
                attempts=message.attempts if message else 0,
                last_error=message.last_error if message else None,
                sent_at=message.sent_at if message else None,
                next_attempt_at=message.next_attempt_at if message else None,
                served_late=service.served_late,
            )
        )
    return rows


# --- the home page -------------------------------------------------------------------------------


def outbox_failures(committees: Sequence[Committee]) -> list[tuple[Committee, int]]:
    """For each of ``committees``, how many of its emails have failed (one query for them all)."""
    if not committees:
        return []
    rows = db.session.execute(
        select(Meeting.committee_id, func.count())
        .select_from(OutboxMessage)
        .join(Meeting, Meeting.id == OutboxMessage.meeting_id)
        .where(Meeting.committee_id.in_([c.id for c in committees]), OutboxMessage.status == DeliveryStatus.FAILED)
        .group_by(Meeting.committee_id)
    ).tuples()
    counts = {committee_id: count for committee_id, count in rows}  # noqa: C416 - a Result has keys(): dict() misreads it
    return [(c, int(counts[c.id])) for c in committees if counts.get(c.id)]
