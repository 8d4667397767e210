"""A nine-member panel (the Chair and eight members) with one meeting, for the meeting's rules."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

import pytest
from flask import Flask

from govapp.extensions import db
from govapp.models import AgendaItem, Attendance, Committee, Meeting, Person, User
from govapp.services.proceedings import record_attendance
from tests.factories import make_committee, make_item, make_meeting

MEETING_DAY = date(2026, 12, 3)
NOW = datetime(2026, 12, 3, 10, 30, tzinfo=UTC)
BEFORE = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


@dataclass
class Panel:
    committee: Committee
    chair: Person
    members: list[Person]  # the eight members other than the Chair
    secretary: User
    chair_user: User
    meeting: Meeting
    item: AgendaItem

    @property
    def everyone(self) -> list[Person]:
        return [self.chair, *self.members]

    def present(self, *people: Person) -> None:
        for person in people:
            record_attendance(self.secretary, self.meeting, person, Attendance.PRESENT, arrived_at=time(10))


@pytest.fixture
def panel(app_ctx: Flask) -> Iterator[Panel]:
    setup = make_committee(members=8)
    assert setup.secretariat is not None
    meeting = make_meeting(setup.committee, on=MEETING_DAY)
    item = make_item(meeting, "Notification: Child A")
    db.session.commit()
    yield Panel(
        setup.committee,
        setup.chair.person,
        [m.person for m in setup.members],
        setup.secretariat.user,
        setup.chair.user,
        meeting,
        item,
    )
