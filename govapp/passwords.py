"""Passwords: argon2id hashes, and the NCSC's advice on choosing them.

NCSC guidance: a minimum length (12 here), no composition rules, no forced expiry, and a deny
list of the most common passwords. The deny list is the 30,000 most common passwords that the
`zxcvbn` library ships; a password is refused when it, or it without trailing digits and
punctuation, is on that list, or when it is one character repeated.
"""

from __future__ import annotations

import re
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

MIN_LENGTH = 12
MAX_LENGTH = 256

# argon2-cffi's defaults are the RFC 9106 low-memory profile of argon2id.
_hasher = PasswordHasher()
# A real hash to verify against when an account does not exist, so timing reveals nothing.
_DUMMY_HASH = _hasher.hash("not a real password, only for timing")


@cache
def _common_passwords() -> frozenset[str]:
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    return frozenset(FREQUENCY_LISTS["passwords"])


def password_problem(password: str, *, email: str | None = None, name: str | None = None) -> str | None:
    """Why this password cannot be used, in words, or ``None`` when it is acceptable."""
    if len(password) < MIN_LENGTH:
        return f"Your password must be at least {MIN_LENGTH} characters long."
    if len(password) > MAX_LENGTH:
        return f"Your password must be {MAX_LENGTH} characters or fewer."
    lowered = password.lower()
    stripped = re.sub(r"[\d\W_]+$", "", lowered)
    common = _common_passwords()
    if lowered in common or stripped in common or len(set(lowered)) <= 2:
        return "That password is too common and easy to guess. Try three random words together."
    for part in filter(None, [email.split("@")[0].lower() if email else None, (name or "").lower().replace(" ", "")]):
        if len(part) >= 4 and part in lowered.replace(" ", ""):
            return "Your password must not contain your name or email address."
    return None


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """Check a password; takes the same time whether or not there is an account."""
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)
