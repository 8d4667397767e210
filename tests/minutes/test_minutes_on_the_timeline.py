"""The meeting's timeline shows the minutes deadline as met once a draft is circulated, and by whom."""

from __future__ import annotations

from datetime import UTC
from datetime import date
from datetime import datetime

from flask import Flask

from govapp import rules
from govapp.services.minutes import circulate_minutes
from govapp.services.minutes import start_minutes
from govapp.services.timeline import meeting_timeline
from tests.factories import make_committee
from tests.factories import make_meeting


def test_circulating_the_draft_meets_the_minutes_deadline(app_ctx: Flask) -> None:
    setup = make_committee()
    meeting = make_meeting(setup.committee, on=date(2026, 10, 1), today=date(2026, 9, 1))
    assert setup.secretariat is not None
    secretary = setup.secretariat.user

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
