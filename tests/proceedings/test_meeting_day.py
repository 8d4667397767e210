"""The record of a meeting opens on its day: a roll call, a motion or a vote before it is refused with words."""

from __future__ import annotations

from datetime import time

import pytest

from govapp import clock
from govapp.models import Attendance
from govapp.models import VoteChoice
from govapp.services import ServiceError
from govapp.services.proceedings import record_attendance
from govapp.services.voting import open_vote
from govapp.services.voting import propose_motion
from govapp.services.voting import record_vote
from tests.proceedings.conftest import BEFORE
from tests.proceedings.conftest import NOW
from tests.proceedings.conftest import Panel


def test_a_roll_call_before_the_meeting_day_is_refused_with_words(
    panel: Panel, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(clock, "now", lambda: BEFORE)  # 20 November, for the meeting on 3 December
    with pytest.raises(ServiceError) as refused:
        record_attendance(panel.secretary, panel.meeting, panel.chair, Attendance.PRESENT, arrived_at=time(10))
    assert refused.value.message == (
        "The meeting is on Thursday 3 December 2026. Its record (attendance, declarations, motions, votes and "
        "outcomes) opens on the day of the meeting."
    )
    with pytest.raises(ServiceError, match="opens on the day of the meeting"):
        propose_motion(panel.secretary, panel.item, "That the Panel recommends a CMR", panel.members[0])


def test_on_the_day_the_record_opens(panel: Panel, monkeypatch: pytest.MonkeyPatch) -> None:
    panel.present(*panel.everyone)
    motion = propose_motion(panel.secretary, panel.item, "That the Panel recommends a CMR", panel.members[0])
    open_vote(panel.secretary, motion, now=NOW)
    with pytest.raises(ServiceError, match="opens on the day of the meeting"):
        record_vote(None, motion, panel.members[1], VoteChoice.FOR, now=BEFORE)
    assert record_vote(None, motion, panel.members[1], VoteChoice.FOR, now=NOW).choice == VoteChoice.FOR
