"""The second factor: a time-based one-time code from an authenticator app (TOTP, RFC 6238, with
``pyotp``), and ten one-time recovery codes.

- Setting it up: govapp makes a secret, shows it as a QR code (``segno``) and as text, and keeps it
  only once the person has typed a code the app shows for it. Ten recovery codes are then shown,
  once; only their SHA-256 is kept (each holds 50 random bits, so a fast hash is enough).
- Signing in: after the password, a code from the app (the current 30-second step or the one either
  side of it, for clocks that drift) or an unused recovery code. A code from the app is never
  accepted twice, and a recovery code works once.
- ``REQUIRE_TWO_FACTOR`` (on in production) makes it compulsory; otherwise it is offered once at sign-in.
- An administrator can reset a person's second factor (a lost phone), audited; the person sets it up
  again at their next sign-in.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime

import pyotp
import segno
from sqlalchemy import delete
from sqlalchemy import select

from govapp.extensions import db
from govapp.models import RecoveryCode
from govapp.models import User
from govapp.services import ServiceError
from govapp.services.audit import record_change
from govapp.services.audit import record_security_event
from govapp.services.audit import snapshot

ISSUER = "govapp (SBNI)"
RECOVERY_CODES = 10
_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread


def new_secret() -> str:
    return pyotp.random_base32()


def provisioning_uri(user: User, secret: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name=ISSUER)


def qr_code_svg(uri: str) -> str:
    """The QR code of ``uri`` as inline SVG, with a title for screen readers."""
    return str(
        segno.make(uri, error="m").svg_inline(
            scale=4, title="QR code to add govapp to your authenticator app", dark="#0b0c0c", light="#ffffff"
        )
    )


def _step(secret: str, code: str, now: datetime) -> int | None:
    """The time step ``code`` belongs to (now, or one step either side), or ``None``."""
    totp = pyotp.TOTP(secret)
    for offset in (0, -1, 1):
        moment = now.timestamp() + offset * totp.interval
        if secrets.compare_digest(totp.at(moment), code):
            return int(moment // totp.interval)
    return None


def _clean(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def _hash(code: str) -> str:
    return hashlib.sha256(_clean(code).encode()).hexdigest()


def _make_recovery_codes(user: User, now: datetime) -> list[str]:
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    codes = []
    for _ in range(RECOVERY_CODES):
        code = "".join(secrets.choice(_ALPHABET) for _ in range(10))
        codes.append(f"{code[:5]}-{code[5:]}")
        db.session.add(RecoveryCode(user_id=user.id, code_hash=_hash(code), created_at=now))
    return codes


#: Setting up, the first code must match: most often it does not because the phone's clock is wrong.
_FIRST_CODE_WRONG = (
    "That code does not match. Check your phone's time is right and type the 6-digit code the app shows now."
)


def enable_second_factor(user: User, secret: str, code: str, *, now: datetime) -> list[str]:
    """Keep ``secret`` once ``code`` proves the app has it; returns the ten recovery codes (shown once)."""
    step = _step(secret, _clean(code), now)
    if step is None:
        raise ServiceError(_FIRST_CODE_WRONG, field="code")
    before = snapshot(user)
    user.totp_secret = secret
    user.totp_last_step = step
    user.two_factor_since = now
    codes = _make_recovery_codes(user, now)
    record_change(user, "enable_second_factor", user, before=before)
    return codes


def check_second_factor(user: User, code: str, *, now: datetime) -> bool:
    """Whether ``code`` (from the app, or an unused recovery code) completes ``user``'s sign-in."""
    cleaned = _clean(code)
    if user.totp_secret and len(cleaned) == 6 and cleaned.isdigit():
        step = _step(user.totp_secret, cleaned, now)
        if step is not None and (user.totp_last_step is None or step > user.totp_last_step):
            user.totp_last_step = step
            return True
    elif len(cleaned) == 10:
        recovery = db.session.scalar(
            select(RecoveryCode).where(
                RecoveryCode.user_id == user.id,
                RecoveryCode.code_hash == _hash(cleaned),
                RecoveryCode.used_at.is_(None),
            )
        )
        if recovery is not None:
            recovery.used_at = now
            record_change(user, "use_recovery_code", user, before=None, after={"recovery_code": recovery.id})
            return True
    kind = "recovery code" if len(cleaned) == 10 else "app code"
    record_security_event("second_factor_failed", user=user, detail={"kind": kind})
    return False


def recovery_codes_left(user: User) -> int:
    return len(
        db.session.scalars(
            select(RecoveryCode.id).where(RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None))
        ).all()
    )


def reset_second_factor(actor: User, user: User, *, now: datetime) -> None:
    """An administrator clears ``user``'s second factor; they set it up again at their next sign-in."""
    if not actor.is_admin:
        raise ServiceError("Only an administrator can reset someone's second factor.")
    before = snapshot(user)
    user.totp_secret = None
    user.totp_last_step = None
    user.two_factor_since = None
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    after = {**snapshot(user), "reset_at": now.isoformat()}
    record_change(actor, "reset_second_factor", user, before=before, after=after)
