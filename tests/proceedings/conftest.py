"""A nine-member panel (the Chair and eight members) with one meeting, for the meeting's rules."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC
from datetime import date
from datetime import datetime
from datetime import time

import pytest
from flask import Flask

from govapp.extensions import db
from govapp.models import AgendaItem
from govapp.models import Attendance
from govapp.models import Committee
from govapp.models import Meeting
from govapp.models import Person
from govapp.models import User
from govapp.services.proceedings import record_attendance
from tests.factories import make_committee
from tests.factories import make_item
from tests.factories import make_meeting

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

    def approve_previous_minutes_at(self, meeting: Meeting, *, present: int = 9, outcome: str | None = None) -> None:
        """At ``meeting``, on its day: a roll call of the first ``present`` people, and the approval of the
        previous meeting's minutes recorded as the outcome of its standing item (unless ``outcome`` is None
        after an explicit ``outcome=""``, which records nothing)."""
        from unittest import mock

        from govapp import clock
        from govapp.models import OutcomeKind
        from govapp.services.outcomes import record_outcome

        on_the_day = datetime.combine(meeting.meeting_date, time(10, 30), tzinfo=UTC)
        with mock.patch.object(clock, "now", lambda: on_the_day):
            for person in self.everyone[:present]:
                record_attendance(self.secretary, meeting, person, Attendance.PRESENT, arrived_at=time(10))
            if outcome != "":
                item = next(i for i in meeting.agenda_items if i.approves_previous_minutes)
                text = outcome or "The minutes of the previous meeting were agreed as a correct record."
                record_outcome(self.secretary, item, OutcomeKind.DECISION, text, now=on_the_day)


@pytest.fixture
def panel(app_ctx: Flask, monkeypatch: pytest.MonkeyPatch) -> Iterator[Panel]:
    """A nine-member panel and its meeting on MEETING_DAY; the clock stands at NOW, during the meeting,
    since its record opens only on the day (steps before the meeting pass ``now=BEFORE``)."""
    from govapp import clock

    monkeypatch.setattr(clock, "now", lambda: NOW)
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
