"""After an inquorate meeting, the further meeting's deadline is met when it takes place, not when called."""

from __future__ import annotations

from datetime import UTC
from datetime import date
from datetime import datetime
from datetime import time

from flask import Flask

from govapp import rules
from govapp.models import WhenAndWhere
from govapp.services.convening import record_inquorate
from govapp.services.convening import schedule_meeting
from govapp.services.timeline import meeting_timeline
from tests.factories import make_committee
from tests.factories import make_meeting


def test_the_further_meeting_counts_once_held(app_ctx: Flask) -> None:
    setup = make_committee()
    chair = setup.chair.user
    inquorate = make_meeting(setup.committee, on=date(2026, 11, 5), today=date(2026, 10, 1))
    record_inquorate(chair, inquorate, today=date(2026, 11, 5), now=datetime(2026, 11, 5, 12, tzinfo=UTC))
    further = schedule_meeting(
        chair, inquorate.committee, WhenAndWhere(date(2026, 11, 26), time(10)), reconvenes=inquorate
    )

    def entry(today: date):  # type: ignore[no-untyped-def]
        return next(e for e in meeting_timeline(inquorate, today) if e.key == "further_meeting")

    # 5 November → the further meeting by 4 December 2026.
    assert entry(date(2026, 11, 20)).deadline == date(2026, 12, 4)
    assert entry(date(2026, 11, 20)).state == rules.TO_COME
    assert entry(date(2026, 11, 20)).detail == "Further meeting called for Thursday 26 November 2026"
    held = entry(date(2026, 11, 27))
    assert (held.state, held.done_on) == (rules.MET, further.meeting_date)
