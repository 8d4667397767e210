"""Writing the audit record: changes made through the services, and security events.

Every record is sealed into the hash chain (``govapp.audit_chain``) as it is written: it takes the
hash of the record before it, and its own content hash. On PostgreSQL a transaction-scoped advisory
lock makes writers take their turn, so two requests at once cannot both follow the same record; on
SQLite the database's single writer does the same.
"""

from __future__ import annotations

import enum
from datetime import date
from datetime import datetime
from datetime import time
from decimal import Decimal
from typing import Any

from sqlalchemy import inspect
from sqlalchemy import select
from sqlalchemy import text

from govapp.audit_chain import GENESIS
from govapp.audit_chain import HASHED_FIELDS
from govapp.audit_chain import BrokenLink
from govapp.audit_chain import content_hash
from govapp.audit_chain import first_broken_link
from govapp.extensions import db
from govapp.models import AuditEvent
from govapp.models import Base
from govapp.models import User

#: The advisory lock key that serialises writers of the audit record on PostgreSQL.
AUDIT_LOCK_KEY = 0x60_7A_0D_17

#: The entity type of security events (failed sign-ins, throttling, refused access).
SECURITY = "Security"

#: Columns never copied into the audit record.
SECRET_COLUMNS = frozenset({"password_hash", "token_hash", "totp_secret", "code_hash", "secret_hash"})


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
    return _seal(event)


def _seal(event: AuditEvent) -> AuditEvent:
    """Add ``event`` to the session and the hash chain."""
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": AUDIT_LOCK_KEY})
    db.session.add(event)
    db.session.flush()  # its id, and on SQLite the write lock, before the record before it is read
    previous = db.session.scalar(
        select(AuditEvent.content_hash).where(AuditEvent.id < event.id).order_by(AuditEvent.id.desc()).limit(1)
    )
    event.previous_hash = previous or GENESIS
    event.content_hash = content_hash({name: getattr(event, name) for name in HASHED_FIELDS})
    return event


def record_security_event(
    kind: str,
    *,
    user: User | None = None,
    label: str | None = None,
    committee_id: int | None = None,
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    """Record a security event (``kind``: e.g. ``sign_in_failed``, ``throttled``, ``access_refused``).

    ``detail`` says where and what (the address asked for, the client's address, the words of the
    refusal); it never holds a password, a token or a calendar feed's secret."""
    event = AuditEvent(
        actor_id=user.id if user else None,
        actor_label=label or (user.email if user else "someone not signed in"),
        committee_id=committee_id,
        action=kind,
        entity_type=SECURITY,
        entity_id=None,
        before=None,
        after=detail or {},
    )
    return _seal(event)


def verify_chain(batch: int = 1000) -> tuple[int, BrokenLink | None]:
    """Walk the whole audit record in id order: how many records were read, and the first broken link."""
    columns = [getattr(AuditEvent, name) for name in (*HASHED_FIELDS, "content_hash")]
    count = 0

    def records() -> Any:
        nonlocal count
        last_id = 0
        while True:
            rows = db.session.execute(
                select(*columns).where(AuditEvent.id > last_id).order_by(AuditEvent.id).limit(batch)
            ).mappings()
            page = list(rows)
            if not page:
                return
            for row in page:
                count += 1
                yield row
            last_id = page[-1]["id"]

    broken = first_broken_link(records())
    return count, broken
