"""What of an item reached a member before they registered an interest in it: the record kept when
the interest is registered (``govapp.services.agenda.register_interest``) and shown on the console."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func
from sqlalchemy import select

from govapp.extensions import db
from govapp.models import AuditEvent
from govapp.models import Declaration
from govapp.models import Paper
from govapp.models import User


@dataclass(frozen=True)
class ServedBefore:
    """What of an item reached a member before they registered an interest in it: the papers they
    opened (from the audit record of downloads) and the agenda pack, if it was despatched earlier."""

    papers: list[tuple[Paper, datetime]]
    pack_despatched_at: datetime | None

    def __bool__(self) -> bool:
        return bool(self.papers) or self.pack_despatched_at is not None

    def as_record(self) -> dict[str, object]:
        return {
            "papers_opened": [
                {"paper_id": p.id, "title": p.title, "opened_at": at.isoformat()} for p, at in self.papers
            ],
            "pack_despatched_at": self.pack_despatched_at.isoformat() if self.pack_despatched_at else None,
        }


def served_before(declaration: Declaration) -> ServedBefore:
    """What of the item the member had received or opened before registering ``declaration``.
    Registration withholds the papers from then on; this is the record of what came before it."""
    item = declaration.agenda_item
    meeting = item.meeting
    registered_at = declaration.created_at
    user_id = db.session.scalar(select(User.id).where(User.person_id == declaration.person_id))
    papers: list[tuple[Paper, datetime]] = []
    paper_ids = {p.id: p for p in item.papers}
    if user_id is not None and paper_ids:
        # The audit record is in order: downloads before the registration's own record came before it.
        registration = db.session.scalar(
            select(func.min(AuditEvent.id)).where(
                AuditEvent.action == "register_interest",
                AuditEvent.entity_type == "Declaration",
                AuditEvent.entity_id == declaration.id,
            )
        )
        before_registration = [AuditEvent.id < registration] if registration is not None else []
        opened = db.session.execute(
            select(AuditEvent.entity_id, func.min(AuditEvent.occurred_at))
            .where(
                AuditEvent.action == "download_paper",
                AuditEvent.actor_id == user_id,
                AuditEvent.entity_type == "Paper",
                AuditEvent.entity_id.in_(paper_ids),
                *before_registration,
            )
            .group_by(AuditEvent.entity_id)
        )
        papers = sorted(((paper_ids[pid], at) for pid, at in opened if pid is not None), key=lambda pair: pair[1])
    despatched = meeting.pack_despatched_at
    pack = despatched if despatched is not None and despatched <= registered_at and item.papers else None
    return ServedBefore(papers, pack)
