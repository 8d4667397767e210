"""The outbox: email is written here in the same transaction as the change that causes it.

Nothing is sent from a request. ``flask --app wsgi outbox deliver`` sends what is due, through
``deliver_due``: a small batch at a time, retrying with exponential back-off, so that nothing is lost
while the SMTP server is down.

Claiming: on PostgreSQL the batch is selected ``FOR UPDATE SKIP LOCKED`` and its rows stay locked
until the caller commits, so two workers never take the same message. SQLite has no row locks: run
one worker there. Delivery is at least once: a worker killed between the SMTP server accepting a
message and the commit that marks it sent will send it again on the next run.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from datetime import timedelta
from typing import Protocol

from sqlalchemy import func
from sqlalchemy import select
from sqlalchemy import update
from sqlalchemy.orm import Session

from govapp import clock
from govapp.extensions import db
from govapp.models import Committee
from govapp.models import DeliveryStatus
from govapp.models import Meeting
from govapp.models import OutboxMessage
from govapp.models import Person
from govapp.models import User
from govapp.services import ServiceError
from govapp.services.audit import record_change
from govapp.services.audit import snapshot

#: Back-off after the n-th failed attempt: 1, 2, 4, 8... minutes, never more than this.
MAX_BACKOFF = timedelta(hours=1)
DEFAULT_MAX_ATTEMPTS = 8
BATCH_SIZE = 20
#: How much of an error message is kept.
ERROR_LENGTH = 1000


@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str  # e.g. "text/calendar; method=REQUEST"
    data: bytes

    def as_json(self) -> dict[str, str]:
        return {
            "filename": self.filename,
            "content_type": self.content_type,
            "data": base64.b64encode(self.data).decode("ascii"),
        }


def queue_email(
    person: Person,
    *,
    kind: str,
    subject: str,
    body_text: str,
    attachments: list[Attachment] | None = None,
    meeting: Meeting | None = None,
    now: datetime | None = None,
) -> OutboxMessage:
    """Add one message for ``person`` to the outbox (flushed, not committed).

    ``now`` (default: the clock) is when it was queued and when it is first due.
    """
    message = OutboxMessage(
        kind=kind,
        meeting_id=meeting.id if meeting is not None else None,
        person=person,
        to_address=person.email,
        subject=" ".join(subject.split()),
        body_text=body_text,
        attachments=[a.as_json() for a in attachments or []],
    )
    # The application's clock, the one the worker reads, decides when a message is due.
    message.created_at = message.next_attempt_at = now or clock.now()
    db.session.add(message)
    db.session.flush()
    return message


def attachments_of(message: OutboxMessage) -> list[Attachment]:
    return [
        Attachment(a["filename"], a["content_type"], base64.b64decode(a["data"])) for a in message.attachments or []
    ]


# --- delivery ------------------------------------------------------------------------------------


class DeliveryError(Exception):
    """A message could not be handed to the SMTP server.

    ``permanent``: the server refused it for good (a 5xx reply): no point retrying.
    ``connection``: the server could not be reached: the rest of the batch is not tried now.
    """

    def __init__(self, message: str, *, permanent: bool = False, connection: bool = False) -> None:
        super().__init__(message)
        self.permanent = permanent
        self.connection = connection


class Sender(Protocol):
    def send(self, message: OutboxMessage) -> None:
        """Hand ``message`` to the mail server, or raise (``DeliveryError`` preferably)."""


@dataclass
class DeliveryReport:
    sent: int = 0
    retrying: int = 0
    failed: int = 0

    @property
    def tried(self) -> int:
        return self.sent + self.retrying + self.failed

    def add(self, other: DeliveryReport) -> None:
        self.sent += other.sent
        self.retrying += other.retrying
        self.failed += other.failed


def backoff(attempts: int) -> timedelta:
    """How long to wait after the ``attempts``-th failed attempt: 1, 2, 4, 8... minutes, capped."""
    if attempts < 1:
        return timedelta(0)
    return min(timedelta(minutes=2 ** min(attempts - 1, 20)), MAX_BACKOFF)


def claim_due(now: datetime, limit: int, *, session: Session | None = None) -> Sequence[OutboxMessage]:
    """Pending messages due by ``now``, oldest first, locked for this transaction where the database can.

    ``session`` defaults to the app's; another session is another worker.
    """
    if session is None:
        session = db.session()
    query = (
        select(OutboxMessage)
        .where(OutboxMessage.status == DeliveryStatus.PENDING, OutboxMessage.next_attempt_at <= now)
        .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
        .limit(limit)
    )
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    return session.scalars(query).all()


def _record_failure(message: OutboxMessage, error: str, *, now: datetime, max_attempts: int, permanent: bool) -> bool:
    """Count a failed attempt; return True when the message has now failed for good."""
    message.attempts += 1
    message.last_error = error[:ERROR_LENGTH]
    if permanent or message.attempts >= max_attempts:
        message.status = DeliveryStatus.FAILED
        return True
    message.next_attempt_at = now + backoff(message.attempts)
    return False


def deliver_due(
    now: datetime,
    sender: Sender,
    *,
    limit: int = BATCH_SIZE,
    max_attempts: int = DEFAULT_MAX_ATTEMPTS,
) -> DeliveryReport:
    """Send one batch of at most ``limit`` due messages through ``sender`` and record the outcome.

    Flushes; the caller commits after each batch (which releases the claim) and calls again until
    nothing is tried. A message whose attempt fails stays pending with ``attempts`` + 1 and a later
    ``next_attempt_at``; after ``max_attempts`` it is failed and shown to the secretariat.
    """
    if limit < 1:
        raise ValueError("limit must be at least 1")
    report = DeliveryReport()
    unreachable: str | None = None
    for message in claim_due(now, limit):
        if unreachable is None:
            try:
                sender.send(message)
            except DeliveryError as error:
                if error.connection:
                    unreachable = str(error)
                gave_up = _record_failure(
                    message, str(error), now=now, max_attempts=max_attempts, permanent=error.permanent
                )
            except Exception as error:  # any other failure is retried, never lost
                gave_up = _record_failure(
                    message, f"{type(error).__name__}: {error}", now=now, max_attempts=max_attempts, permanent=False
                )
            else:
                message.status = DeliveryStatus.SENT
                message.sent_at = now
                message.attempts += 1
                message.last_error = None
                report.sent += 1
                continue
        else:
            # The server could not be reached for an earlier message in this batch: do not try again now.
            gave_up = _record_failure(message, unreachable, now=now, max_attempts=max_attempts, permanent=False)
        if gave_up:
            report.failed += 1
        else:
            report.retrying += 1
    db.session.flush()
    return report


def count_pending() -> int:
    return (
        db.session.scalar(
            select(func.count()).select_from(OutboxMessage).where(OutboxMessage.status == DeliveryStatus.PENDING)
        )
        or 0
    )


# --- what the app shows --------------------------------------------------------------------------


#: Messages on one page of a committee's outbox.
OUTBOX_PAGE = 200


def committee_messages(
    committee: Committee, *, status: DeliveryStatus | None = None, before: int | None = None, limit: int = OUTBOX_PAGE
) -> Sequence[OutboxMessage]:
    """A page of the committee's messages (those about its meetings), newest first, older than the
    message ``before`` when given. Never another committee's."""
    query = (
        select(OutboxMessage)
        .join(Meeting, Meeting.id == OutboxMessage.meeting_id)
        .where(Meeting.committee_id == committee.id)
        .order_by(OutboxMessage.id.desc())
        .limit(limit)
    )
    if status is not None:
        query = query.where(OutboxMessage.status == status)
    if before is not None:
        query = query.where(OutboxMessage.id < before)
    return db.session.scalars(query).all()


def committee_message(committee: Committee, message_id: int) -> OutboxMessage | None:
    """One of the committee's messages, or ``None`` (also when it belongs to another committee)."""
    return db.session.scalar(
        select(OutboxMessage)
        .join(Meeting, Meeting.id == OutboxMessage.meeting_id)
        .where(OutboxMessage.id == message_id, Meeting.committee_id == committee.id)
    )


def status_counts(committee: Committee) -> dict[DeliveryStatus, int]:
    rows = db.session.execute(
        select(OutboxMessage.status, func.count())
        .join(Meeting, Meeting.id == OutboxMessage.meeting_id)
        .where(Meeting.committee_id == committee.id)
        .group_by(OutboxMessage.status)
    ).all()
    counts = dict.fromkeys(DeliveryStatus, 0)
    for status, count in rows:
        counts[DeliveryStatus(status)] = count
    return counts


def retry_message(actor: User, committee: Committee, message: OutboxMessage, *, now: datetime) -> OutboxMessage:
    """Put a failed message back in the queue, due now, with a fresh count of attempts."""
    if committee_message(committee, message.id) is None:
        raise ServiceError("That message is not one of this committee's.")
    if message.status != DeliveryStatus.FAILED:
        raise ServiceError("Only a failed message can be tried again.")
    before = snapshot(message)
    message.status = DeliveryStatus.PENDING
    message.attempts = 0
    message.next_attempt_at = now
    record_change(actor, "retry_outbox_message", message, before=before, committee_id=committee.id)
    return message


#: The text a pruned message keeps in place of its body.
PRUNED = "(The text of this message was removed after it had been sent; the record of its sending stays.)"


def prune_sent(now: datetime, *, days: int) -> int:
    """Empty the body and attachments of messages sent more than ``days`` ago (flushed, not committed),
    so the outbox's size follows what is waiting, not everything ever sent. Returns how many."""
    cutoff = now - timedelta(days=days)
    result = db.session.execute(
        update(OutboxMessage)
        .where(
            OutboxMessage.status == DeliveryStatus.SENT,
            OutboxMessage.sent_at < cutoff,
            OutboxMessage.body_text != PRUNED,
        )
        .values(body_text=PRUNED, attachments=[])
        .execution_options(synchronize_session=False)
    )
    return int(getattr(result, "rowcount", 0) or 0)
