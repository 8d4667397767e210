"""Signed-in sessions kept on the server.

Signing in starts a session record and puts a random secret in the (signed) cookie; every request
checks that record. A session ends, for good, when the person signs out, signs out everywhere,
changes their password or is deactivated; after ``SESSION_IDLE_MINUTES`` (30) without a request;
and ``SESSION_MAX_HOURS`` (12) after sign-in, however active. A copy of the cookie is then refused,
because the record it points to has ended.

The last-seen time is written at most once a minute, so a busy page does not write on every request.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy import update

from govapp.extensions import db
from govapp.models import SignInSession
from govapp.models import User
from govapp.services.audit import record_change
from govapp.services.audit import record_security_event

#: How often the last-seen time is written.
TOUCH_EVERY = timedelta(minutes=1)

SIGNED_OUT = "signed out"
SIGNED_OUT_EVERYWHERE = "signed out everywhere"
IDLE = "idle"
TOO_LONG = "time limit"
DEACTIVATED = "account deactivated"
PASSWORD_CHANGED = "password changed"  # noqa: S105 - a reason, not a password

#: What a person is told when a limit ended their session.
EXPLANATIONS = {
    IDLE: "You were signed out because you had not used govapp for {idle} minutes. Sign in again.",
    TOO_LONG: "You were signed out because you signed in more than {hours} hours ago. Sign in again.",
}


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def start_session(
    user: User, *, now: datetime, address: str | None, user_agent: str | None
) -> tuple[SignInSession, str]:
    """A new session for ``user``; returns the record and the secret for the cookie."""
    secret = secrets.token_urlsafe(32)
    record = SignInSession(
        user=user,
        secret_hash=_hash(secret),
        created_at=now,
        last_seen_at=now,
        address=(address or "")[:64] or None,
        user_agent=(user_agent or "")[:200] or None,
    )
    db.session.add(record)
    db.session.flush()
    return record, secret


def find_session(secret: object) -> SignInSession | None:
    if not isinstance(secret, str) or not secret:
        return None
    return db.session.scalar(select(SignInSession).where(SignInSession.secret_hash == _hash(secret)))


def expiry_reason(record: SignInSession, now: datetime, *, idle_minutes: int, max_hours: int) -> str | None:
    """Why ``record`` is over at ``now`` (ended, idle, too long, account deactivated), or ``None``."""
    if record.ended_at is not None:
        return record.ended_reason or SIGNED_OUT
    if not record.user.active:
        return DEACTIVATED
    if now - record.last_seen_at >= timedelta(minutes=idle_minutes):
        return IDLE
    if now - record.created_at >= timedelta(hours=max_hours):
        return TOO_LONG
    return None


def touch(record: SignInSession, now: datetime) -> None:
    if now - record.last_seen_at >= TOUCH_EVERY:
        record.last_seen_at = now


def end_session(record: SignInSession, reason: str, *, now: datetime) -> None:
    if record.ended_at is None:
        record.ended_at = now
        record.ended_reason = reason
        if reason in (IDLE, TOO_LONG, DEACTIVATED):
            record_security_event("session_ended", user=record.user, detail={"reason": reason})


def end_all_sessions(user: User, reason: str, *, now: datetime, actor: User | None = None) -> int:
    """End every live session of ``user`` (sign out everywhere, a new password, deactivation)."""
    result = db.session.execute(
        update(SignInSession)
        .where(SignInSession.user_id == user.id, SignInSession.ended_at.is_(None))
        .values(ended_at=now, ended_reason=reason)
        .execution_options(synchronize_session="fetch")
    )
    ended = int(getattr(result, "rowcount", 0) or 0)
    record_change(actor or user, "end_sessions", user, before=None, after={"reason": reason, "sessions": ended})
    return ended


def live_sessions(user: User, now: datetime, *, idle_minutes: int, max_hours: int) -> list[SignInSession]:
    """``user``'s sessions still in force, the most recently used first."""
    rows = db.session.scalars(
        select(SignInSession)
        .where(
            SignInSession.user_id == user.id,
            SignInSession.ended_at.is_(None),
            SignInSession.last_seen_at > now - timedelta(minutes=idle_minutes),
            SignInSession.created_at > now - timedelta(hours=max_hours),
        )
        .order_by(SignInSession.last_seen_at.desc())
    )
    return list(rows)
