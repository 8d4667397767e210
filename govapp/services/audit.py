"""Writing the audit record."""

from __future__ import annotations

import enum
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from sqlalchemy import inspect

from govapp.extensions import db
from govapp.models import AuditEvent, Base, User

#: Columns never copied into the audit record.
SECRET_COLUMNS = frozenset({"password_hash", "token_hash"})


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes):
        return f"<{len(value)} bytes>"  # documents: their hash is recorded beside them
    return value


def snapshot(obj: Base) -> dict[str, Any]:
    """The object's column values as JSON-safe data, secrets left out."""
    mapper = inspect(obj).mapper
    return {
        attr.key: _jsonable(getattr(obj, attr.key)) for attr in mapper.column_attrs if attr.key not in SECRET_COLUMNS
    }


def record_change(
    actor: User | None,
    action: str,
    entity: Base,
    *,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    committee_id: int | None = None,
) -> AuditEvent:
    """Add an audit event for ``entity`` (flushed first so it has an id)."""
    db.session.flush()
    event = AuditEvent(
        actor_id=actor.id if actor else None,
        actor_label=actor.email if actor else "system (command line)",
        committee_id=committee_id,
        action=action,
        entity_type=type(entity).__name__,
        entity_id=getattr(entity, "id", None),
        before=before,
        after=after if after is not None else snapshot(entity),
    )
    db.session.add(event)
    return event
