"""Seams for new business: the deadlines and reminders each area registers.

A hub (the home page's "coming deadlines", the committee page, the daily reminders) never lists the
areas it draws on: each area registers a source here when it is imported, and the hub walks them.
The meetings area is the first source of both; the CMR case pipeline adds its own case clocks the
same way, without editing a hub. (The home page's to-dos have their own registry, in
``govapp.home.todo``, since they are presentation.)

Every source looks only at a bounded window, what is coming or still open, so a hub costs the same
whatever the history behind it.
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field
from datetime import date
from datetime import timedelta
from typing import Any


@dataclass(frozen=True)
class Deadline:
    """One deadline: when, what is due, how it stands (``rules.deadline_state``), who acts, and the page
    (a Flask endpoint and its values) where it is done or seen."""

    day: date
    what: str
    state: str
    who_acts: str
    endpoint: str
    values: dict[str, Any] = field(default_factory=dict)


#: A source of deadlines: (committee ids, today, last day) → the open deadlines of those committees
#: falling from today to the last day.
DeadlineSource = Callable[[Sequence[int], date, date], Iterable[Deadline]]


@dataclass
class ReminderReport:
    """What the daily reminders wrote to the outbox, by kind."""

    queued: dict[str, int] = field(default_factory=dict)

    def add(self, kind: str) -> None:
        self.queued[kind] = self.queued.get(kind, 0) + 1

    @property
    def total(self) -> int:
        return sum(self.queued.values())


#: A source of reminders: (today, report) → writes its reminders to the outbox, each once, and counts them.
ReminderSource = Callable[[date, ReminderReport], None]

_DEADLINE_SOURCES: list[DeadlineSource] = []
_REMINDER_SOURCES: list[ReminderSource] = []


def deadline_source(source: DeadlineSource) -> DeadlineSource:
    """Register ``source`` (as a decorator); registering twice keeps one."""
    if source not in _DEADLINE_SOURCES:
        _DEADLINE_SOURCES.append(source)
    return source


def reminder_source(source: ReminderSource) -> ReminderSource:
    """Register ``source`` (as a decorator); registering twice keeps one."""
    if source not in _REMINDER_SOURCES:
        _REMINDER_SOURCES.append(source)
    return source


def coming_deadlines(committee_ids: Sequence[int], today: date, *, weeks: int = 4) -> list[Deadline]:
    """Every registered source's open deadlines for these committees in the next ``weeks`` weeks, soonest first."""
    if not committee_ids:
        return []
    until = today + timedelta(weeks=weeks)
    found = [deadline for source in _DEADLINE_SOURCES for deadline in source(committee_ids, today, until)]
    return sorted(found, key=lambda d: d.day)


def queue_reminders(today: date) -> ReminderReport:
    """Write today's reminders from every registered source to the outbox (flushed, not committed)."""
    report = ReminderReport()
    for source in _REMINDER_SOURCES:
        source(today, report)
    return report
