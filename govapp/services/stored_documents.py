"""Keeping a document as the record, once: by the SHA-256 of its bytes."""

from __future__ import annotations

import hashlib

from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from govapp import clock
from govapp.extensions import db
from govapp.models import StoredDocument


def store_document(data: bytes) -> StoredDocument:
    """The stored copy of ``data``: the one already kept, or a new one. Two requests keeping the same
    bytes at once both succeed (the second insert does nothing) and share the copy."""
    digest = hashlib.sha256(data).hexdigest()
    found = db.session.get(StoredDocument, digest)
    if found is not None:
        return found
    insert = postgresql_insert if db.session.get_bind().dialect.name == "postgresql" else sqlite_insert
    db.session.execute(
        insert(StoredDocument)
        .values(sha256=digest, content=data, size_bytes=len(data), stored_at=clock.now())
        .on_conflict_do_nothing(index_elements=["sha256"])
    )
    stored = db.session.get(StoredDocument, digest)
    assert stored is not None
    return stored
