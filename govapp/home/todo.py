"""Each person's to-do list for the home page: a registry of to-do sources, and the presenter types.

Each area registers the sections it can add to a person's list (:func:`todo_source`, with a rank
that orders the page: the Chair's decisions first, then what members do, then the secretariat's
deadlines), in its own ``todos`` module. :func:`todo_list` asks every registered source, once, with
the person's committees and the actions the permission table gives them there (:class:`Viewer`), and
leaves out empty sections. A new area adds a source; it does not edit this module. Each entry names
the page where the thing is done (a Flask endpoint and its values, so no request is needed), and a
fallback page for areas that may not provide one.
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field
from datetime import date
from datetime import timedelta
from typing import Any

from sqlalchemy import select

from govapp.cache import remember
from govapp.extensions import db
from govapp.extensions import rows
from govapp.formatting import long_date
from govapp.models import Apology
from govapp.models import AttendanceRecord
from govapp.models import Committee
from govapp.models import Meeting
from govapp.models import MeetingStatus
from govapp.models import User
from govapp.permissions import Action
from govapp.permissions import Role
from govapp.permissions import allows
from govapp.permissions import committees_for

#: Apologies are asked for meetings in the next four weeks (as far ahead as "coming deadlines" look).
APOLOGIES_HORIZON = timedelta(weeks=4)
#: A notice to sign is listed once its last day of service is three weeks away or nearer.
NOTICE_HORIZON = timedelta(weeks=3)
#: Draft minutes due within this many working days are a reminder; after the due date, overdue.
MINUTES_REMINDER_WORKING_DAYS = 5

RED, YELLOW, BLUE, GREY, ORANGE = "red", "yellow", "blue", "grey", "orange"


@dataclass(frozen=True)
class Link:
    """A page of govapp: a Flask endpoint, its values and an optional anchor."""

    endpoint: str
    values: dict[str, Any] = field(default_factory=dict)
    anchor: str | None = None


@dataclass(frozen=True)
class Tag:
    text: str
    colour: str


@dataclass(frozen=True)
class ToDo:
    """One thing to do: ``title`` links to where it is done (``link``, or ``fallback`` until that page exists)."""

    title: str
    link: Link
    fallback: Link | None = None
    hint: str | None = None
    lead: str | None = None  # shown in bold before the title (a deadline's date)
    tag: Tag | None = None
    deadline_state: str | None = None  # a timeline deadline's state, shown with the meeting page's tags


@dataclass(frozen=True)
class Section:
    key: str  # the section's id on the page
    title: str
    entries: list[ToDo]
    warning: str | None = None


@dataclass(frozen=True)
class ToDoList:
    sections: list[Section]
    next_meetings: list[Meeting]

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)


@dataclass(frozen=True)
class Viewer:
    """Whose list it is, on which day, and their committees with the roles they hold there (derived once)."""

    user: User
    today: date
    committees: list[tuple[Committee, frozenset[Role]]]

    def where(self, action: Action) -> list[Committee]:
        """The committees where the permission table lets this person take ``action``."""
        return [committee for committee, roles in self.committees if allows(roles, action)]


#: A source of one section of the list: given the viewer and the committees where the permission table
#: lets them take the source's action (all their committees for a source with no action), its to-dos.
ToDoSource = Callable[[Viewer, list[Committee]], list[ToDo]]


@dataclass(frozen=True)
class _Registered:
    source: ToDoSource
    action: Action | None
    key: str
    title: str
    warning: str | None

    def section(self, viewer: Viewer) -> Section:
        committees = viewer.where(self.action) if self.action else [c for c, _ in viewer.committees]
        entries = self.source(viewer, committees)
        return Section(self.key, self.title, entries, warning=self.warning if entries else None)


_SOURCES: dict[int, _Registered] = {}


def todo_source(
    rank: int, key: str, title: str, action: Action | None = None, *, warning: str | None = None
) -> Callable[[ToDoSource], ToDoSource]:
    """Register the source of the section ``key`` (its id on the page), headed ``title``, at ``rank``
    (lower comes first on the page), for the committees where the viewer may take ``action``. When it
    has entries, ``warning`` is shown above them."""

    def register(source: ToDoSource) -> ToDoSource:
        existing = _SOURCES.get(rank)
        if existing is not None and existing.source.__qualname__ != source.__qualname__:
            raise ValueError(
                f"Two to-do sources share rank {rank}: {existing.source.__qualname__} and {source.__qualname__}"
            )
        _SOURCES[rank] = _Registered(source, action, key, title, warning)
        return source

    return register


def todo_list(user: User, today: date) -> ToDoList:
    """Everything waiting for ``user`` on ``today``, most urgent first; empty sections are left out.
    The sections are plain data, remembered until the record changes (``govapp.cache``)."""
    viewer = Viewer(user, today, committees_for(user, today))

    def sections() -> list[Section]:
        found = [_SOURCES[rank].section(viewer) for rank in sorted(_SOURCES)]
        return [s for s in found if s.entries]

    return ToDoList(
        remember(("to-do", user.id, today), sections), next_meetings(ids(viewer.where(Action.VIEW_MEETING)), today)
    )


# --- shared by the areas' sources ---------------------------------------------------------------


def meeting_todo(
    meeting: Meeting, endpoint: str, title: str, *, hint: str | None = None, tag: Tag | None = None
) -> ToDo:
    """A to-do about ``meeting``, done on its page at ``endpoint`` (or on the meeting's page while that
    page does not exist)."""
    link = Link(endpoint, {"meeting_id": meeting.id})
    return ToDo(title=title, link=link, fallback=meeting_link(meeting), hint=hint, tag=tag)


def ids(committees: Sequence[Committee]) -> list[int]:
    return [c.id for c in committees]


def meeting_name(meeting: Meeting) -> str:
    return f"{meeting.committee.short_name} meeting on {long_date(meeting.meeting_date)}"


def meeting_link(meeting: Meeting) -> Link:
    return Link("meetings.show", {"meeting_id": meeting.id})


def upcoming(committees: Sequence[Committee], today: date, until: date | None = None) -> list[Meeting]:
    """The committees' scheduled meetings from ``today`` (to ``until``), soonest first."""
    if not committees:
        return []
    query = select(Meeting).where(
        Meeting.committee_id.in_(ids(committees)),
        Meeting.meeting_date >= today,
        Meeting.status == MeetingStatus.SCHEDULED,
    )
    if until is not None:
        query = query.where(Meeting.meeting_date <= until)
    return list(db.session.scalars(query.order_by(Meeting.meeting_date, Meeting.starts_at)))


def next_meetings(committee_ids: list[int], today: date) -> list[Meeting]:
    return rows(
        select(Meeting)
        .where(
            Meeting.committee_id.in_(committee_ids),
            Meeting.meeting_date >= today,
            Meeting.status != MeetingStatus.CANCELLED,
        )
        .order_by(Meeting.meeting_date, Meeting.starts_at)
        .limit(12),
        within=committee_ids,
    )


def due_tag(due: date, today: date, pending: str = "To do", colour: str = BLUE) -> Tag:
    """A to-do's tag: "Late" in red once ``due`` has passed, and ``pending`` until then."""
    return Tag("Late", RED) if due < today else Tag(pending, colour)


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def has_apologised(user: User, meeting: Meeting) -> bool:
    found = db.session.scalar(
        select(Apology.id).where(Apology.meeting_id == meeting.id, Apology.person_id == user.person_id).limit(1)
    )
    return found is not None


def attendance_recorded(user: User, meeting: Meeting) -> bool:
    found = db.session.scalar(
        select(AttendanceRecord.id)
        .where(AttendanceRecord.meeting_id == meeting.id, AttendanceRecord.person_id == user.person_id)
        .limit(1)
    )
    return found is not None
