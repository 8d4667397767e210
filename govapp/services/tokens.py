"""Personal tokens: API tokens and private calendar-feed links.

The secret is shown once when it is made; only its SHA-256 is stored (tokens are 256-bit random
strings, so a fast hash is enough). Revoking a token refuses it from then on. API tokens expire
``TOKEN_LIFETIME_DAYS`` (90) after they are made; calendar links last until revoked, since a
calendar application cannot be asked to renew one.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from flask import current_app
from flask import has_app_context
from sqlalchemy import select

from govapp import clock
from govapp.extensions import db
from govapp.models import PersonalToken
from govapp.models import TokenKind
from govapp.models import User
from govapp.services import ServiceError
from govapp.services.audit import record_change
from govapp.services.audit import snapshot

PREFIX = {TokenKind.API: "gva_", TokenKind.CALENDAR: "gvc_"}


def token_lifetime_days() -> int:
    """How long an API token lasts (``TOKEN_LIFETIME_DAYS``, default 90)."""
    return int(current_app.config.get("TOKEN_LIFETIME_DAYS", 90)) if has_app_context() else 90


def hash_token(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def create_token(actor: User, kind: TokenKind, name: str) -> tuple[PersonalToken, str]:
    """Make a token for ``actor`` (people only make their own). Returns the record and the secret."""
    name = name.strip()
    if not name:
        raise ServiceError("Enter a name for the token, so you can tell it apart later.", field="name")
    secret = PREFIX[kind] + secrets.token_urlsafe(32)
    token = PersonalToken(user=actor, kind=kind, name=name[:100], token_hash=hash_token(secret))
    if kind == TokenKind.API:
        token.expires_at = clock.now() + timedelta(days=token_lifetime_days())
    db.session.add(token)
    record_change(actor, f"create_{kind.value}_token", token)
    return token, secret


def revoke_token(actor: User, token: PersonalToken) -> None:
    if token.user_id != actor.id:
        raise ServiceError("You can only revoke your own tokens.")
    if token.revoked_at is not None:
        return
    before = snapshot(token)
    token.revoked_at = clock.now()
    record_change(actor, f"revoke_{token.kind.value}_token", token, before=before)


def find_active_token(secret: str, kind: TokenKind) -> PersonalToken | None:
    """The live token for this secret, or ``None`` (unknown, revoked, wrong kind, or account disabled)."""
    if not secret or not secret.startswith(PREFIX[kind]):
        return None
    token = db.session.scalar(select(PersonalToken).where(PersonalToken.token_hash == hash_token(secret)))
    now = clock.now()
    if token is None or token.kind != kind or token.revoked_at is not None or not token.user.active:
        return None
    if token.has_expired(now):
        return None
    token.last_used_at = now
    return token
