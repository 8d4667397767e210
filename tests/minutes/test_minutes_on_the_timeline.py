"""The meeting's timeline shows the minutes deadline as met once a draft is circulated, and by whom."""

from __future__ import annotations

from datetime import UTC, date, datetime

from flask import Flask
from sqlalchemy import select

from govapp import rules
from govapp.extensions import db
from govapp.models import Meeting, Person, User
from govapp.services.minutes import circulate_minutes, start_minutes
from govapp.services.timeline import meeting_timeline
from tests.conftest import Demo


def test_circulating_the_draft_meets_the_minutes_deadline(app: Flask, demo: Demo) -> None:
    with app.app_context():
        meeting = db.session.scalar(select(Meeting).where(Meeting.meeting_date == date(2026, 10, 1)))
        secretary = db.session.scalar(select(User).join(Person).where(Person.email == demo.email("secretariat")))

        def minutes_entry(today: date):  # type: ignore[no-untyped-def]
            return next(e for e in meeting_timeline(meeting, today) if e.key == "minutes")

        # 1 October 2026 + 21 working days = 30 October 2026.
        assert minutes_entry(date(2026, 10, 20)).deadline == date(2026, 10, 30)
        assert minutes_entry(date(2026, 10, 20)).state == rules.TO_COME
        assert minutes_entry(date(2026, 11, 2)).state == rules.MISSED
        minutes = start_minutes(secretary, meeting)
        circulate_minutes(secretary, minutes, b"draft", now=datetime(2026, 10, 29, 15, tzinfo=UTC), link="x")
        entry = minutes_entry(date(2026, 11, 2))
        assert (entry.state, entry.done_on, entry.done_by) == (rules.MET, date(2026, 10, 29), secretary.name)
