"""What pages work out from the record, kept until the record changes.

The record's version (the one row of ``record_version``) advances in the same commit as every change
to the record, whichever process makes it: a page, the API, a command, the outbox worker, the daily
reminders. ``remember(key, compute)`` keeps ``compute()``'s answer in this worker under ``key`` and the
version the request read before its first use, and gives it back until anything changes, never after:
a change commits a new version, and every worker on every host reads the version from the database.
A value computed while a change commits is kept under the older version, so it is newer than its key,
never older. A request that has changed the record itself computes afresh for the rest of it.

Three kinds of write do not advance the version, because they happen on almost every request: the
sign-in sessions' last-seen times, one-time form tokens and the audit trail. Nothing remembered may
depend on them.

Values stay in the worker's memory (nothing confidential leaves the process), at most
``CACHE_ENTRIES`` of them, least recently used first out (0 turns remembering off). They must be plain
data (strings, numbers, dates, tuples, frozen dataclasses), never database objects, and the key must
name everything the value depends on besides the record: the person, the day.
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Callable
from collections.abc import Hashable
from itertools import chain
from typing import Any
from typing import TypeVar

from cachetools import LRUCache
from flask import Flask
from flask import current_app
from flask import has_request_context
from flask import request
from sqlalchemy import event
from sqlalchemy import select
from sqlalchemy import update
from sqlalchemy.orm import ORMExecuteState
from sqlalchemy.orm import Session

from govapp.extensions import db
from govapp.models import RecordVersion

T = TypeVar("T")

#: Tables whose writes do not advance the record's version (see the module's docstring).
UNVERSIONED = frozenset({"sign_in_sessions", "form_submissions", "audit_events", "record_version"})

_CHANGED = "govapp.record_changed"  # this transaction changed the record (session.info)
_ADVANCED = "govapp.record_advanced"  # this session has committed a change (session.info)
_VERSION = "govapp.record_version"  # the version this request read (request.environ)
_EXTENSION = "govapp.cache"


class _Store:
    def __init__(self, entries: int) -> None:
        self.entries: LRUCache[Hashable, Any] = LRUCache(maxsize=max(1, entries))
        self.enabled = entries > 0
        self.lock = threading.Lock()


def init_app(app: Flask) -> None:
    app.extensions[_EXTENSION] = _Store(int(app.config.get("CACHE_ENTRIES", 2048)))


def remember(key: tuple[Hashable, ...], compute: Callable[[], T]) -> T:
    """``compute()``, or what it gave under ``key`` since the record last changed."""
    version = _version()
    if version is None:
        return compute()
    store: _Store = current_app.extensions[_EXTENSION]
    full = (*version, *key)
    with store.lock:
        found = store.entries.get(full, _MISSING)
    if found is not _MISSING:
        return found  # type: ignore[no-any-return]
    value = compute()
    with store.lock:
        store.entries[full] = value
    return value


def renew_epoch() -> None:
    """Start the version afresh, for a database emptied or restored outside the app's sessions."""
    db.session.execute(update(RecordVersion).values(epoch=secrets.token_hex(16)))


_MISSING = object()


def _version() -> tuple[str, int] | None:
    """The version this request read first, or None where nothing may be remembered: outside a
    request, with remembering off, or once this request has changed the record."""
    if not has_request_context() or not current_app.extensions[_EXTENSION].enabled:
        return None
    session = db.session()
    if session.info.get(_CHANGED) or session.info.get(_ADVANCED) or session.new or session.dirty or session.deleted:
        return None
    if _VERSION not in request.environ:
        row = session.execute(select(RecordVersion.epoch, RecordVersion.counter).where(RecordVersion.id == 1)).first()
        request.environ[_VERSION] = (row.epoch, row.counter) if row is not None else None
    version: tuple[str, int] | None = request.environ[_VERSION]
    return version


def _changes_record(instances: Any) -> bool:
    return any(getattr(instance, "__tablename__", None) not in UNVERSIONED for instance in instances)


@event.listens_for(Session, "after_flush")
def _after_flush(session: Session, _context: Any) -> None:
    if _changes_record(chain(session.new, session.dirty, session.deleted)):
        session.info[_CHANGED] = True


@event.listens_for(Session, "do_orm_execute")
def _after_statement(state: ORMExecuteState) -> None:
    """An ``insert``, ``update`` or ``delete`` statement changes the record. (Raw SQL text does not
    count: govapp writes only through its models; it reads with text, such as the audit trail's lock.)"""
    if not (state.is_insert or state.is_update or state.is_delete):
        return
    table = getattr(getattr(state.statement, "table", None), "name", None)
    if table not in UNVERSIONED:
        state.session.info[_CHANGED] = True


@event.listens_for(Session, "before_commit")
def _advance(session: Session) -> None:
    session.flush()  # so the pending changes are seen here
    if session.info.pop(_CHANGED, False):
        session.execute(update(RecordVersion).values(counter=RecordVersion.counter + 1))
        session.info[_ADVANCED] = True


@event.listens_for(Session, "after_rollback")
def _forget(session: Session) -> None:
    session.info.pop(_CHANGED, None)
