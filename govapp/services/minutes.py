"""Minutes: draft from the record, circulate within 21 working days, approve and sign at the next
meeting, then lock.

Decisions this module makes:

- Draft minutes are written per agenda item. Each item's text is saved on its own with a version
  number (optimistic locking): a save based on an older version is refused with a conflict that
  carries both texts, so nobody's words are lost.
- Circulating a draft raises its version, keeps the exact document circulated, and writes one
  outbox message per member. The email links to the draft in govapp instead of attaching it:
  minutes are confidential and stay behind sign-in (members can download the .docx there).
- The minutes are approved at the *next ensuing meeting*: the committee's next meeting after this
  one that is not cancelled. The Chair signs them in the app on or after that meeting's day; the
  signature keeps the exact approved document and its SHA-256. Signed minutes are read-only; a
  later correction is a recorded amendment shown with them.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError

from govapp import rules
from govapp.extensions import db
from govapp.models import AgendaItem
from govapp.models import ItemMinute
from govapp.models import ItemOutcome
from govapp.models import Meeting
from govapp.models import MeetingStatus
from govapp.models import Minutes
from govapp.models import MinutesAmendment
from govapp.models import MinutesCirculation
from govapp.models import MinutesComment
from govapp.models import MinutesSignature
from govapp.models import MinutesStatus
from govapp.models import OutcomeKind
from govapp.models import User
from govapp.services import ConflictError
from govapp.services import ServiceError
from govapp.services.audit import record_change
from govapp.services.audit import snapshot
from govapp.services.calendars import working_calendar
from govapp.services.outbox import queue_email
from govapp.services.stored_documents import store_document


class EditConflict(ConflictError):
    """Someone else saved this text first. Both versions are carried so neither is lost."""

    def __init__(self, message: str, *, theirs: str, yours: str, current_version: int) -> None:
        super().__init__(message, field="summary")
        self.theirs = theirs
        self.yours = yours
        self.current_version = current_version


def minutes_due(meeting: Meeting) -> date:
    """The last day to circulate the draft minutes (21 working days, the organisation's closures too)."""
    return rules.minutes_deadline(
        meeting.meeting_date, orders=meeting.committee.standing_orders, calendar=working_calendar()
    )


def minutes_for(meeting: Meeting) -> Minutes | None:
    return db.session.scalar(select(Minutes).where(Minutes.meeting_id == meeting.id))


def start_minutes(actor: User | None, meeting: Meeting) -> Minutes:
    """Open the draft minutes of a meeting that has taken place, with a section for every item."""
    if meeting.status == MeetingStatus.CANCELLED:
        raise ServiceError("A cancelled meeting has no minutes.")
    existing = minutes_for(meeting)
    if existing is not None:
        return existing
    minutes = Minutes(meeting=meeting)
    for item in meeting.agenda_items:
        minutes.item_minutes.append(ItemMinute(agenda_item=item, summary=""))
    db.session.add(minutes)
    record_change(actor, "start_minutes", minutes, committee_id=meeting.committee_id)
    return minutes


def _require_unlocked(minutes: Minutes) -> None:
    if minutes.is_locked:
        raise ConflictError(
            "These minutes have been approved and signed, so they cannot be edited. Record an amendment instead."
        )


def item_minute(minutes: Minutes, item: AgendaItem) -> ItemMinute:
    for entry in minutes.item_minutes:
        if entry.agenda_item_id == item.id:
            return entry
    entry = ItemMinute(minutes=minutes, agenda_item=item, summary="")
    db.session.add(entry)
    db.session.flush()
    return entry


def save_item_summary(
    actor: User | None, minutes: Minutes, item: AgendaItem, text: str, *, based_on_version: int
) -> ItemMinute:
    """Save one item's summary, if nobody has saved it since ``based_on_version`` was read."""
    _require_unlocked(minutes)
    entry = item_minute(minutes, item)
    if entry.row_version != based_on_version:
        raise EditConflict(
            "Someone else saved this item's minutes while you were editing. Your text is kept below: compare "
            "it with theirs, then save again.",
            theirs=entry.summary,
            yours=text,
            current_version=entry.row_version,
        )
    before = snapshot(entry)
    entry.summary = text
    entry.updated_by_id = actor.id if actor else None
    try:
        db.session.flush()
    except StaleDataError:
        # The caller's boundary rolls the transaction back; this only says why, with words.
        raise ConflictError(
            "Someone else saved this item's minutes at the same moment. Reload and try again."
        ) from None
    record_change(actor, "save_item_minutes", entry, before=before, committee_id=minutes.meeting.committee_id)
    return entry


def circulate_minutes(
    actor: User | None, minutes: Minutes, document: bytes, *, now: datetime, link: str
) -> MinutesCirculation:
    """Circulate the current draft to every member: a new version, kept, and an email each."""
    _require_unlocked(minutes)
    meeting = minutes.meeting
    before = snapshot(minutes)
    minutes.version += 1
    minutes.status = MinutesStatus.CIRCULATED
    circulation = MinutesCirculation(
        minutes=minutes,
        version=minutes.version,
        circulated_at=now,
        circulated_by_id=actor.id if actor else None,
        stored=store_document(document),
    )
    db.session.add(circulation)
    record_change(actor, "circulate_minutes", minutes, before=before, committee_id=meeting.committee_id)
    due = minutes_due(meeting)
    late = now.date() > due
    for membership in meeting.committee.members_on(meeting.meeting_date):
        queue_email(
            membership.person,
            kind="minutes",
            subject=f"OFFICIAL-SENSITIVE: draft minutes of the {meeting.committee.short_name} meeting of "
            f"{meeting.meeting_date:%d %B %Y} (version {minutes.version})",
            body_text=(
                f"The draft minutes (version {minutes.version}) of the {meeting.committee.name} meeting on "
                f"{meeting.meeting_date:%A %d %B %Y} are ready for you to check.\n\n"
                f"Read them and comment on their accuracy in govapp: {link}\n\n"
                f"They will be submitted for agreement at the next meeting.\n\n"
                "OFFICIAL-SENSITIVE: confidential to the members of the committee.\n"
                + ("\n(Circulated after the 21-working-day deadline.)\n" if late else "")
            ),
            meeting=meeting,
        )
    return circulation


def comment_on_minutes(
    actor: User, minutes: Minutes, text: str, *, item: AgendaItem | None = None, now: datetime
) -> MinutesComment:
    if minutes.status != MinutesStatus.CIRCULATED:
        raise ServiceError("Comments are taken on circulated draft minutes.")
    if not text.strip():
        raise ServiceError("Enter your comment on the accuracy of the minutes.", field="text")
    comment = MinutesComment(
        minutes=minutes,
        agenda_item_id=item.id if item else None,
        author_id=actor.person_id,
        text=text.strip(),
        version=minutes.version,
        created_at=now,
    )
    db.session.add(comment)
    record_change(actor, "comment_on_minutes", comment, committee_id=minutes.meeting.committee_id)
    return comment


def next_ensuing_meeting(meeting: Meeting) -> Meeting | None:
    """The committee's next meeting after ``meeting`` that is not cancelled."""
    return db.session.scalar(
        select(Meeting)
        .where(
            Meeting.committee_id == meeting.committee_id,
            Meeting.meeting_date > meeting.meeting_date,
            Meeting.status != MeetingStatus.CANCELLED,
        )
        .order_by(Meeting.meeting_date, Meeting.starts_at)
        .limit(1)
    )


def latest_meeting_since(meeting: Meeting, today: date) -> Meeting | None:
    """The committee's latest meeting held after ``meeting`` and by ``today`` (not cancelled)."""
    return db.session.scalar(
        select(Meeting)
        .where(
            Meeting.committee_id == meeting.committee_id,
            Meeting.meeting_date > meeting.meeting_date,
            Meeting.meeting_date <= today,
            Meeting.status != MeetingStatus.CANCELLED,
        )
        .order_by(Meeting.meeting_date.desc(), Meeting.starts_at.desc())
        .limit(1)
    )


def previous_meeting(meeting: Meeting) -> Meeting | None:
    """The committee's last meeting before ``meeting`` that was not cancelled: its minutes are
    submitted for agreement at ``meeting``."""
    return db.session.scalar(
        select(Meeting)
        .where(
            Meeting.committee_id == meeting.committee_id,
            Meeting.meeting_date < meeting.meeting_date,
            Meeting.status != MeetingStatus.CANCELLED,
        )
        .order_by(Meeting.meeting_date.desc(), Meeting.starts_at.desc())
        .limit(1)
    )


def record_amendment(
    actor: User | None, minutes: Minutes, text: str, *, at_meeting: Meeting, now: datetime
) -> MinutesAmendment:
    """An amendment agreed at the approving meeting (before signing), or a correction after signing."""
    if not text.strip():
        raise ServiceError("Enter the amendment as agreed.", field="text")
    if (
        at_meeting.committee_id != minutes.meeting.committee_id
        or at_meeting.meeting_date <= minutes.meeting.meeting_date
    ):
        raise ServiceError("Amendments are agreed at a later meeting of the same committee.")
    amendment = MinutesAmendment(
        minutes=minutes,
        text=text.strip(),
        agreed_at_meeting=at_meeting,
        after_signing=minutes.is_locked,
        recorded_at=now,
        recorded_by_id=actor.id if actor else None,
    )
    db.session.add(amendment)
    record_change(actor, "record_minutes_amendment", amendment, committee_id=minutes.meeting.committee_id)
    return amendment


@dataclass(frozen=True)
class Approval:
    """How the meeting that approves a meeting's minutes (the next ensuing one) dealt with them."""

    meeting: Meeting | None  # the approving meeting
    item: AgendaItem | None  # its standing item "Minutes of the previous meeting"
    quorate: bool
    outcome: ItemOutcome | None  # the approval recorded as that item's outcome
    refusal: str | None  # why the Chair may not sign yet, or None


def approval_of(minutes: Minutes, today: date) -> Approval:
    """Whether the minutes were approved: the approving meeting has taken place, its minutes item was
    quorate, and its outcome records the approval (a decision; the agreed amendments are recorded
    beside the minutes). ``rules.minutes_signing_refusal`` says why not."""
    from govapp.services.outcomes import current_outcome
    from govapp.services.proceedings import item_quorum

    approving = next_ensuing_meeting(minutes.meeting)
    if approving is None or approving.meeting_date > today:
        refusal = "The minutes are approved and signed at the next meeting, which has not taken place yet."
        return Approval(approving, None, False, None, refusal)
    item = next((i for i in approving.agenda_items if i.approves_previous_minutes), None)
    if item is None:
        refusal = (
            f"The meeting on {approving.meeting_date.day} {approving.meeting_date:%B %Y} has no item "
            "“Minutes of the previous meeting”, so no approval of these minutes is recorded."
        )
        return Approval(approving, None, False, None, refusal)
    quorate = item_quorum(item).quorate
    outcome = current_outcome(item)
    approved = outcome is not None and outcome.kind == OutcomeKind.DECISION
    return Approval(approving, item, quorate, outcome, rules.minutes_signing_refusal(quorate, approved))


def sign_minutes(
    actor: User,
    minutes: Minutes,
    document: bytes,
    *,
    now: datetime,
    today: date,
    confirmed_sha256: str | None = None,
) -> MinutesSignature:
    """The Chair signs the approved minutes at the next ensuing meeting; they are then locked.

    Only minutes the approving meeting approved (:func:`approval_of`) are signed. ``confirmed_sha256``
    is the hash the Chair was shown on the confirmation page: if the document has changed since, the
    signature is refused, so the Chair signs exactly what they saw."""
    meeting = minutes.meeting
    chair = meeting.committee.chair_on(today)
    if chair is None or chair.person_id != actor.person_id:
        raise ServiceError("Only the Chair signs the approved minutes.")
    _require_unlocked(minutes)
    if minutes.status != MinutesStatus.CIRCULATED:
        raise ServiceError("Draft minutes are circulated to members before they are approved.")
    approval = approval_of(minutes, today)
    if approval.refusal:
        raise ServiceError(approval.refusal)
    approving = approval.meeting
    sha256 = hashlib.sha256(document).hexdigest()
    if confirmed_sha256 is not None and confirmed_sha256 != sha256:
        raise ConflictError(
            "The minutes have changed since you opened the page to sign them. Check them again, then sign."
        )
    before = snapshot(minutes)
    minutes.status = MinutesStatus.SIGNED
    signature = MinutesSignature(
        minutes=minutes,
        signed_by_id=actor.person_id,
        signed_at=now,
        signed_at_meeting=approving,
        stored=store_document(document),
    )
    db.session.add(signature)
    record_change(actor, "sign_minutes", minutes, before=before, committee_id=meeting.committee_id)
    record_change(actor, "sign_minutes", signature, committee_id=meeting.committee_id)
    return signature
