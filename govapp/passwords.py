"""Passwords: argon2id hashes, and the NCSC's advice on choosing them.

NCSC guidance: a minimum length (12 here), no composition rules, no forced expiry, and a deny
list of the most common passwords. A password is refused, with the reason in words, when:

- it, or it without trailing digits and punctuation, is one of the 30,000 most common passwords
  (the frequency list the `zxcvbn` library ships), or uses only one or two different characters;
- it is a short piece repeated (``passwordpassword``, ``abcabcabcabc``);
- it is mostly a sequence (``123456789012``, ``abcdefghijkl``, a keyboard row such as ``qwertyuiop``);
- it contains the person's name or the name part of their email address;
- the `zxcvbn` strength estimator scores it below ``MIN_SCORE`` (3 of 4: "safely unguessable",
  about 10^8 guesses). Three or four random words pass; a word with a year does not.
"""

from __future__ import annotations

import itertools
import re
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError
from argon2.exceptions import VerificationError
from argon2.exceptions import VerifyMismatchError

MIN_LENGTH = 12
MAX_LENGTH = 256
#: The lowest zxcvbn score (0-4) accepted.
MIN_SCORE = 3
#: Runs that count as sequences, forwards or backwards.
SEQUENCES = ("0123456789", "abcdefghijklmnopqrstuvwxyz", "qwertyuiop", "asdfghjkl", "zxcvbnm", "1234567890")
#: A password whose longest sequential run is at least this share of its length is refused.
SEQUENCE_SHARE = 0.5

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
    if _is_repeated(lowered):
        return "That password repeats the same few characters. Try three random words together."
    if _longest_sequence(lowered) >= SEQUENCE_SHARE * len(lowered):
        return "That password is mostly a sequence (like 12345 or qwerty). Try three random words together."
    for part in filter(None, [email.split("@")[0].lower() if email else None, (name or "").lower().replace(" ", "")]):
        if len(part) >= 4 and part in lowered.replace(" ", ""):
            return "Your password must not contain your name or email address."
    if _strength(password, [p for p in (email, name) if p]) < MIN_SCORE:
        return "That password would be easy to guess. Try three random words together."
    return None


def _is_repeated(text: str) -> bool:
    """Whether ``text`` is a shorter piece written two or more times over."""
    return any(
        len(text) % size == 0 and text == text[:size] * (len(text) // size) for size in range(1, len(text) // 2 + 1)
    )


def _longest_sequence(text: str) -> int:
    """The length of the longest run of ``text`` that follows one of ``SEQUENCES``, either way."""
    longest = 1
    for sequence in SEQUENCES:
        for series in (sequence, sequence[::-1]):
            run = 1
            for first, second in itertools.pairwise(text):
                index = series.find(first)
                run = run + 1 if index >= 0 and series[index + 1 : index + 2] == second else 1
                longest = max(longest, run)
    return longest


def _strength(password: str, user_inputs: list[str]) -> int:
    from zxcvbn import zxcvbn

    # zxcvbn's work grows with the length; the first 100 characters decide it.
    return int(zxcvbn(password[:100], user_inputs=user_inputs)["score"])


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
