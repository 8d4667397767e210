"""The outbox: email is written here in the same transaction as the change that causes it.

Nothing is sent from a request. ``flask --app wsgi outbox deliver`` sends what is due.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass

from govapp.extensions import db
from govapp.models import Meeting, OutboxMessage, Person


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
) -> OutboxMessage:
    """Add one message for ``person`` to the outbox (flushed, not committed)."""
    message = OutboxMessage(
        kind=kind,
        meeting_id=meeting.id if meeting is not None else None,
        person=person,
        to_address=person.email,
        subject=subject,
        body_text=body_text,
        attachments=[a.as_json() for a in attachments or []],
    )
    db.session.add(message)
    db.session.flush()
    return message


def attachments_of(message: OutboxMessage) -> list[Attachment]:
    return [
        Attachment(a["filename"], a["content_type"], base64.b64decode(a["data"])) for a in message.attachments or []
    ]
