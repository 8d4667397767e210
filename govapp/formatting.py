"""How govapp writes dates and times, the GOV.UK way: pages, emails, invites and documents alike.

No Flask here, so the document and calendar builders can use it too.
"""

from __future__ import annotations

from datetime import date
from datetime import datetime
from datetime import time

from govapp.rules import LONDON


def long_date(value: date | datetime | None) -> str:
    """'Thursday 3 December 2026'. A date-time is shown as its Europe/London date."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.astimezone(LONDON).date()
    return f"{value:%A} {value.day} {value:%B %Y}"


def short_date(value: date | None) -> str:
    """'3 Dec 2026'."""
    if value is None:
        return ""
    return f"{value.day} {value:%b %Y}"


def clock_time(value: time | datetime | None) -> str:
    """'10am', '2:30pm', 'midday'. A date-time is shown in Europe/London time."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.astimezone(LONDON).time()
    if value.hour == 12 and value.minute == 0:
        return "midday"
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    return f"{hour}{suffix}" if value.minute == 0 else f"{hour}:{value.minute:02d}{suffix}"


def time_span(starts_at: time, ends_at: time | None) -> str:
    """'10am to 12:30pm', or just the start."""
    return clock_time(starts_at) if ends_at is None else f"{clock_time(starts_at)} to {clock_time(ends_at)}"


_ORDINALS = ("first", "second", "third", "fourth", "fifth")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def usual_day(weekday: int, week_of_month: int) -> str:
    """When a committee usually meets, from its standing orders: 'the first Thursday of each month'
    (``weekday``: Monday is 0; ``week_of_month``: 1 to 5)."""
    return f"the {_ORDINALS[week_of_month - 1]} {_WEEKDAYS[weekday]} of each month"


def place(location: str | None, online_link: str | None) -> str:
    """Where a meeting is, the same words in every page, email, invite and document: the place given;
    "Online only" when there is only a link to join; "To be confirmed" when there is neither."""
    if location and location.strip():
        return location.strip()
    return "Online only" if online_link else "To be confirmed"
