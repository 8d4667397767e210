"""When and where a meeting is held: plain data, shared by the records, the calendar invites and the
Word documents (so each states the same five particulars, named the same way). No Flask, no
SQLAlchemy."""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import fields
from datetime import date
from datetime import time


@dataclass(frozen=True)
class WhenAndWhere:
    """A meeting's day, its start and finish times (Europe/London) and where it is: a room, a link to
    join online, or both."""

    meeting_date: date
    starts_at: time
    ends_at: time | None = None
    location: str | None = None
    online_link: str | None = None


#: The names of the particulars, in order.
WHEN_AND_WHERE = tuple(field.name for field in fields(WhenAndWhere))
