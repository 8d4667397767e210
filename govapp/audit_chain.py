"""The audit record as a hash chain: each record carries the SHA-256 of its own content and of the
record before it, so an edit, a deletion or an insertion anywhere is found by walking the chain.

Pure functions over plain values (no Flask, no database), so the migration that seals records
written before the chain existed, the service that writes new ones and ``flask audit verify`` all
hash the same way.

A record's content is its id, time, actor, committee, action, entity, before and after, and the
hash of the record before it, written as canonical JSON (keys sorted, no spaces, times in UTC ISO
8601 with microseconds). The first record's "record before" is ``GENESIS``, 64 zeros.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC
from datetime import datetime
from typing import Any

GENESIS = "0" * 64

#: The columns of an audit record that its hash covers, in the order they are written.
HASHED_FIELDS = (
    "id",
    "occurred_at",
    "actor_id",
    "actor_label",
    "committee_id",
    "action",
    "entity_type",
    "entity_id",
    "before",
    "after",
    "previous_hash",
)


def _canonical_time(value: Any) -> Any:
    if isinstance(value, datetime):
        aware = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
        return aware.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    return value


def content_hash(record: Mapping[str, Any]) -> str:
    """The SHA-256 (hex) of a record's content, ``record`` holding every name in ``HASHED_FIELDS``."""
    content = {name: _canonical_time(record[name]) for name in HASHED_FIELDS}
    text = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class BrokenLink:
    """Where the chain first fails, and why, in words."""

    record_id: int
    reason: str


def first_broken_link(records: Iterable[Mapping[str, Any]]) -> BrokenLink | None:
    """Walk ``records`` (every field of ``HASHED_FIELDS`` plus ``content_hash``, in id order) and
    return the first one whose link or content does not hold, or ``None`` if the chain is whole."""
    previous = GENESIS
    for record in records:
        if record["previous_hash"] != previous:
            return BrokenLink(
                record["id"],
                "it does not follow the record before it: a record was removed, inserted or changed just before it",
            )
        if record["content_hash"] != content_hash(record):
            return BrokenLink(record["id"], "its content does not match its hash: it was changed after it was written")
        previous = record["content_hash"]
    return None
