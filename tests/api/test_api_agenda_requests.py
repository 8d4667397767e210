"""Asking for an agenda item through the API: on time or late by the rules."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta

from flask import Flask
from sqlalchemy import select

from govapp import clock
from govapp import rules
from govapp.extensions import db
from govapp.models import Meeting
from govapp.models import WhenAndWhere
from govapp.services.convening import schedule_meeting
from tests.api.conftest import ApiClient
from tests.conftest import World
from tests.requisitions.helpers import panel


def _meeting_in(app: Flask, days: int) -> tuple[int, date]:
    """A scheduled Panel meeting about ``days`` days from today (a free day near it)."""
    with app.app_context():
        day = clock.today() + timedelta(days=days)
        taken = set(db.session.scalars(select(Meeting.meeting_date)))
        while day in taken or day.weekday() >= 5:
            day += timedelta(days=1)
        meeting = schedule_meeting(None, panel(), WhenAndWhere(day, time(14)))
        db.session.commit()
        return meeting.id, day


def test_an_agenda_request_in_good_time_is_on_time_and_included(app: Flask, api_as: Callable[[str], ApiClient]) -> None:
    meeting_id, day = _meeting_in(app, 40)
    before = datetime.now().astimezone()
    body = api_as("member").post(
        f"/meetings/{meeting_id}/agenda-requests",
        {"matter": "Learning from the Western Trust review", "proposed_motion": "That the Panel note it"},
        schema="AgendaRequest",
    )
    assert body["on_time"] is rules.agenda_request_on_time(day, before) is True
    assert body["status"] == "included"
    assert body["agenda_item_id"] is not None
    assert body["deadline"] == rules.agenda_request_deadline(day).isoformat()


def test_a_late_agenda_request_waits_for_the_chair(app: Flask, api_as: Callable[[str], ApiClient]) -> None:
    meeting_id, day = _meeting_in(app, 5)
    body = api_as("member").post(
        f"/meetings/{meeting_id}/agenda-requests", {"matter": "An urgent notification"}, schema="AgendaRequest"
    )
    assert body["on_time"] is rules.agenda_request_on_time(day, datetime.now().astimezone()) is False
    assert body["status"] == "pending"


def test_members_see_their_own_requests_and_the_chair_sees_all(
    app: Flask, world: World, api_as: Callable[[str], ApiClient]
) -> None:
    meeting_id, _day = _meeting_in(app, 40)
    url = f"/meetings/{meeting_id}/agenda-requests"
    first, second = (api_as(email) for email in world.accounts["member"][:2])
    first.post(url, {"matter": "First member's matter"})
    second.post(url, {"matter": "Second member's matter"})
    assert [r["matter"] for r in first.get(url, schema="AgendaRequestList")["requests"]] == ["First member's matter"]
    everything = api_as("chair").get(url, schema="AgendaRequestList")["requests"]
    assert sorted(r["matter"] for r in everything) == ["First member's matter", "Second member's matter"]


def test_bad_json_is_a_400_with_words(app: Flask, api_as: Callable[[str], ApiClient]) -> None:
    meeting_id, _day = _meeting_in(app, 40)
    api = api_as("member")
    url = f"/meetings/{meeting_id}/agenda-requests"
    error = api.post(url, status=400, data="{not json", content_type="application/json")
    assert "Send a JSON object" in error["error"]["message"]
    error = api.post(url, ["a list"], status=400)
    assert "Send a JSON object" in error["error"]["message"]
    assert "Give 'matter'" in api.post(url, {"matter": "  "}, status=400)["error"]["message"]
    assert "Unknown field 'title'" in api.post(url, {"matter": "x", "title": "y"}, status=400)["error"]["message"]
    assert "must be a string" in api.post(url, {"matter": 42}, status=400)["error"]["message"]
    assert api.get(url)["requests"] == []


def test_the_secretariat_cannot_ask_for_an_agenda_item(app: Flask, api_as: Callable[[str], ApiClient]) -> None:
    meeting_id, _day = _meeting_in(app, 40)
    error = api_as("secretariat").post(f"/meetings/{meeting_id}/agenda-requests", {"matter": "x"}, status=403)
    assert "You cannot ask for an agenda item" in error["error"]["message"]
