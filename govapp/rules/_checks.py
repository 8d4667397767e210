"""Input checks shared by the rules, so every bad input becomes a ``ValueError`` a person can read.

The rules are called from forms, the JSON API and scheduled jobs, so they cannot trust their
callers' types. A wrong type (a string for a count, ``True`` for a number, a date and time where a
date is meant) is reported the same way as a wrong value: ``ValueError`` with a plain message,
never ``TypeError`` and never a wrong answer.
"""

from __future__ import annotations

from datetime import date
from datetime import datetime
from datetime import timedelta


def check_count(value: object, what: str) -> int:
    """Return ``value`` if it is a whole number of 0 or more; otherwise raise ``ValueError``.

    ``what`` names the quantity in the message, e.g. ``"the membership"``. Booleans are refused:
    ``True`` is not a number of members.
    """
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{_capitalise(what)} must be a whole number, not {value!r}.")
    if value < 0:
        raise ValueError(f"{_capitalise(what)} cannot be negative (got {value}).")
    return value


def check_date(value: object, what: str) -> date:
    """Return ``value`` if it is a calendar date (not a date and time); otherwise raise ``ValueError``."""
    if isinstance(value, datetime) or not isinstance(value, date):
        raise ValueError(f"{_capitalise(what)} must be a date (without a time), not {value!r}.")
    return value


def check_flag(value: object, what: str) -> bool:
    """Return ``value`` if it is ``True`` or ``False``; otherwise raise ``ValueError``."""
    if not isinstance(value, bool):
        raise ValueError(f"{_capitalise(what)} must be true or false, not {value!r}.")
    return value


def shift(day: date, days: int) -> date:
    """Return ``day`` moved by ``days`` calendar days, refusing dates outside the calendar with ``ValueError``."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        raise ValueError(f"{day.isoformat()} moved by {days} days falls outside the calendar.") from None


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]
