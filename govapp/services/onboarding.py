"""Accounts an administrator looks after: inviting a person, deactivating and reactivating an account,
and a forgotten password reset by an emailed link.

An invitation and a reset are one-time links: a 256-bit secret in the address, of which only the
SHA-256 is stored (as ``PersonalToken`` of kind ``invitation`` or ``password_reset``). An invitation
lasts ``INVITATION_DAYS`` (7); a reset ``RESET_HOURS`` (2). Using one revokes it, so a second use is
refused with words; a newer link of the same kind revokes the older ones. Asking for a reset answers
the same whether or not the address has an account (nothing is sent when it has none).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime
from datetime import timedelta

from flask import url_for
from sqlalchemy import select
from sqlalchemy import update

from govapp.extensions import db
from govapp.links import absolute
from govapp.models import PersonalToken
from govapp.models import TokenKind
from govapp.models import User
from govapp.passwords import hash_password
from govapp.services import ConflictError
from govapp.services import ServiceError
from govapp.services.accounts import PersonDetails
from govapp.services.accounts import add_person
from govapp.services.accounts import find_person
from govapp.services.accounts import normalise_email
from govapp.services.accounts import set_password
from govapp.services.audit import record_change
from govapp.services.audit import record_security_event
from govapp.services.audit import snapshot
from govapp.services.outbox import queue_email
from govapp.services.tokens import hash_token

INVITATION_DAYS = 7
RESET_HOURS = 2
_PREFIX = {TokenKind.INVITATION: "gvi_", TokenKind.PASSWORD_RESET: "gvr_"}


@dataclass(frozen=True)
class _Link:
    """A kind of one-time link: how long it lasts, the page it opens, and the email that carries it (its
    body is filled in with ``name``, ``link`` and whatever else the sender gives)."""

    lifetime: timedelta
    page: str
    email_kind: str
    subject: str
    body: str


_LINKS = {
    TokenKind.INVITATION: _Link(
        timedelta(days=INVITATION_DAYS),
        "auth.accept_invitation",
        "invitation",
        "You are invited to govapp, the Safeguarding Board's committee system",
        "Dear {name},\n\n{inviter} has made you an account on govapp, where the Safeguarding Board for Northern "
        "Ireland and its committees run their meetings.\n\nSet your password here:\n{link}\n\n"
        f"The link works once, for {INVITATION_DAYS} days. If it has expired, ask your administrator to send a "
        "new one.\n\nIf you did not expect this email, you can ignore it.\n",
    ),
    TokenKind.PASSWORD_RESET: _Link(
        timedelta(hours=RESET_HOURS),
        "auth.reset_password",
        "password-reset",
        "Reset your govapp password",
        "Dear {name},\n\nSomeone (we hope you) asked to reset the password of your govapp account.\n\n"
        f"Choose a new password here:\n{{link}}\n\nThe link works once, for {RESET_HOURS} hours. "
        "If you did not ask, ignore this email: your password stays as it is.\n",
    ),
}


class LinkRefused(ServiceError):
    """A one-time link that cannot be used: unknown, used, replaced, expired, or its account disabled."""


def _email_link(user: User, kind: TokenKind, *, now: datetime, **facts: str) -> None:
    """Email ``user`` a new one-time link of ``kind``; older unused links of the same kind stop working."""
    sent = _LINKS[kind]
    link = absolute(url_for(sent.page, secret=_new_link(user, kind, sent.lifetime, now=now)))
    body = sent.body.format(name=user.name, link=link, **facts)
    queue_email(user.person, kind=sent.email_kind, subject=sent.subject, body_text=body, now=now)


def _new_link(user: User, kind: TokenKind, lifetime: timedelta, *, now: datetime) -> str:
    """A new one-time link's secret for ``user``; older unused links of the same kind are revoked."""
    db.session.execute(
        update(PersonalToken)
        .where(PersonalToken.user_id == user.id, PersonalToken.kind == kind, PersonalToken.revoked_at.is_(None))
        .values(revoked_at=now)
        .execution_options(synchronize_session="fetch")
    )
    secret = _PREFIX[kind] + secrets.token_urlsafe(32)
    token = PersonalToken(user=user, kind=kind, name=kind.value, token_hash=hash_token(secret))
    token.expires_at = now + lifetime
    token.created_at = now
    db.session.add(token)
    db.session.flush()
    return secret


def _unusable_password() -> str:
    """The hash of a random secret nobody knows: an invited account cannot sign in until its person
    sets a password through the link."""
    return hash_password(secrets.token_urlsafe(32))


# --- invitations ---------------------------------------------------------------------------------


def invite(actor: User, details: PersonDetails, *, is_admin: bool = False, now: datetime) -> User:
    """An administrator invites a person: their account is made (with no usable password) and the
    outbox sends them a link, valid for ``INVITATION_DAYS`` days, where they set their own password."""
    email = normalise_email(details.email)
    person = find_person(email)
    if person is not None and person.account is not None:
        raise ConflictError(f"{person.full_name} already has an account ({email}).", field="email")
    if person is None:
        person = add_person(actor, **details._replace(email=email)._asdict())
    user = User(person=person, password_hash=_unusable_password(), is_admin=is_admin)
    db.session.add(user)
    record_change(actor, "invite_person", user, after={**snapshot(user), "email": email})
    send_invitation(actor, user, now=now)
    return user


def send_invitation(actor: User, user: User, *, now: datetime) -> None:
    """Send (or send again) the invitation: a new link, and the old ones stop working."""
    if user.last_signed_in_at is not None:
        raise ConflictError(f"{user.name} has already signed in. They can reset a forgotten password themselves.")
    _email_link(user, TokenKind.INVITATION, now=now, inviter=actor.name)
    record_change(actor, "send_invitation", user, after={"expires_in_days": INVITATION_DAYS})


def _live_link(secret: str, kind: TokenKind, *, now: datetime) -> PersonalToken:
    what = "invitation" if kind == TokenKind.INVITATION else "password reset"
    token = None
    if secret.startswith(_PREFIX[kind]) and len(secret) < 100:
        token = db.session.scalar(select(PersonalToken).where(PersonalToken.token_hash == hash_token(secret)))
    if token is None or token.kind != kind:
        raise LinkRefused(f"This {what} link is not valid. Check you copied the whole link from the email.")
    if token.revoked_at is not None:
        raise LinkRefused(
            f"This {what} link has already been used, or a newer one was sent. Use the newest email, or "
            + ("ask your administrator to send a new invitation." if kind == TokenKind.INVITATION else "ask again.")
        )
    if token.has_expired(now):
        raise LinkRefused(
            f"This {what} link has expired. "
            + ("Ask your administrator to send a new invitation." if kind == TokenKind.INVITATION else "Ask again.")
        )
    if not token.user.active:
        raise LinkRefused("This account is deactivated. Ask your administrator.")
    return token


# --- forgotten passwords -------------------------------------------------------------------------


def request_password_reset(email: str, *, now: datetime) -> None:
    """Email a reset link to ``email`` if it is an active account's. The caller answers the same either
    way, so the page never reveals whether an account exists."""
    person = find_person(normalise_email(email)) if email.strip() else None
    user = person.account if person is not None else None
    if user is None or not user.active:
        record_security_event("password_reset_unknown", detail={"email": normalise_email(email)[:320]})
        return
    _email_link(user, TokenKind.PASSWORD_RESET, now=now)
    record_change(user, "request_password_reset", user, after={"expires_in_hours": RESET_HOURS})


def link_user(secret: str, kind: TokenKind, *, now: datetime) -> User:
    """The account an invitation or reset link is for, or :class:`LinkRefused` with words."""
    return _live_link(secret, kind, now=now).user


def set_password_by_link(secret: str, kind: TokenKind, password: str, *, now: datetime) -> User:
    """The person sets their password through an invitation or reset link; the link is used up and every
    session of the account ends."""
    token = _live_link(secret, kind, now=now)
    action = "accept_invitation" if kind == TokenKind.INVITATION else "reset_password"
    set_password(token.user, password, action, now=now)
    token.revoked_at = token.last_used_at = now
    return token.user


# --- deactivation --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Deactivation:
    sessions: int
    tokens: int


def deactivate(actor: User, user: User, *, now: datetime) -> Deactivation:
    """An administrator deactivates an account: it cannot sign in, its sessions end at once and its API
    tokens, calendar links and unused invitation or reset links are revoked."""
    from govapp.services.sessions import DEACTIVATED
    from govapp.services.sessions import end_all_sessions

    if user.id == actor.id:
        raise ServiceError("You cannot deactivate your own account. Ask another administrator.")
    if not user.active:
        raise ConflictError(f"{user.name}'s account is already deactivated.")
    before = snapshot(user)
    user.active = False
    revoked = db.session.execute(
        update(PersonalToken)
        .where(PersonalToken.user_id == user.id, PersonalToken.revoked_at.is_(None))
        .values(revoked_at=now)
        .execution_options(synchronize_session="fetch")
    )
    tokens = int(getattr(revoked, "rowcount", 0) or 0)
    sessions = end_all_sessions(user, DEACTIVATED, now=now, actor=actor)
    record_change(actor, "deactivate_account", user, before=before, after={**snapshot(user), "tokens_revoked": tokens})
    return Deactivation(sessions, tokens)


def reactivate(actor: User, user: User, *, now: datetime) -> None:
    """An administrator reactivates an account. Its revoked tokens stay revoked: the person makes new ones."""
    if user.active:
        raise ConflictError(f"{user.name}'s account is already active.")
    before = snapshot(user)
    user.active = True
    record_change(actor, "reactivate_account", user, before=before)


__all__ = [
    "INVITATION_DAYS",
    "RESET_HOURS",
    "Deactivation",
    "LinkRefused",
    "deactivate",
    "invite",
    "link_user",
    "reactivate",
    "request_password_reset",
    "send_invitation",
    "set_password_by_link",
]
