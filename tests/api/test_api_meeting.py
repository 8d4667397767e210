"""The meeting through the API: roll call, quorum, declarations, motions, votes and the casting vote,
with the same refusals as the console."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from flask import Flask
from sqlalchemy import select

from govapp.extensions import db
from govapp.models import AgendaItem
from govapp.models import Meeting
from govapp.models import Person
from tests.api.conftest import ApiClient
from tests.conftest import World

#: These record the meeting, which opens on its day.
pytestmark = pytest.mark.usefixtures("on_the_meeting_day")


def _meeting_with_item(app: Flask) -> tuple[int, int, list[int]]:
    with app.app_context():
        meeting = db.session.scalar(select(Meeting).where(Meeting.meeting_date == date(2026, 12, 3)))
        item = AgendaItem(meeting=meeting, position=5, title="Notification: Child R (pseudonym)")
        db.session.add(item)
        db.session.commit()
        people = [m.person_id for m in meeting.committee.members_on(meeting.meeting_date)]
        return meeting.id, item.id, people


def test_the_secretariat_runs_a_vote_and_the_chair_gives_the_casting_vote(
    app: Flask, world: World, api_as: Callable[[str], ApiClient]
) -> None:
    meeting_id, item_id, people = _meeting_with_item(app)
    secretariat = api_as("secretariat")
    for person_id in people[:10]:
        body = secretariat.post(
            f"/meetings/{meeting_id}/attendance",
            {"person_id": person_id, "status": "present", "arrived_at": "10:00"},
            schema="Attendance",
        )
    assert body["quorum"]["present"] == 10
    assert body["quorum"]["required"] == 8
    assert body["quorum"]["quorate"] is True

    declared = people[4]
    secretariat.post(
        f"/agenda-items/{item_id}/declarations",
        {"nature": "Knows the family", "person_id": declared},
        schema="Declaration",
    )
    quorum = secretariat.get(f"/agenda-items/{item_id}/quorum", schema="ItemQuorum")["quorum"]
    assert (quorum["present"], quorum["declared"], quorum["exception_applies"]) == (9, 1, False)

    motion = secretariat.post(
        f"/agenda-items/{item_id}/motions",
        {"text": "That a CMR is recommended.", "proposer_id": people[1]},
        schema="Motion",
    )
    secretariat.post(f"/motions/{motion['id']}/open", status=200, schema="Motion")

    # A member votes as themselves with their own token; a second vote counts once.
    member = api_as(world.email("member"))
    member.post(f"/motions/{motion['id']}/votes", {"choice": "for"}, schema="Motion")
    again = member.post(f"/motions/{motion['id']}/votes", {"choice": "against"}, status=409)
    assert "counts once" in again["error"]["message"]

    # The conflicted member's vote is refused with the reason.
    with app.app_context():
        conflicted_email = db.session.get(Person, declared).email
    refused = api_as(conflicted_email).post(f"/motions/{motion['id']}/votes", {"choice": "for"}, status=400)
    assert "declared an interest in this item" in refused["error"]["message"]

    # A show of hands recorded by the secretariat: 4 for in all, 4 against.
    for person_id in (people[2], people[3], people[6]):
        secretariat.post(f"/motions/{motion['id']}/votes", {"choice": "for", "voter_id": person_id})
    for person_id in (people[7], people[8], people[9], people[0]):
        secretariat.post(f"/motions/{motion['id']}/votes", {"choice": "against", "voter_id": person_id})
    closed = secretariat.post(f"/motions/{motion['id']}/close", status=200, schema="Motion")
    assert closed["awaiting_casting_vote"] is True
    assert closed["results"] == []

    assert api_as("member").post(f"/motions/{motion['id']}/casting-vote", {"choice": "for"}, status=403)
    decided = api_as("chair").post(f"/motions/{motion['id']}/casting-vote", {"choice": "for"}, schema="Motion")
    result = decided["results"][-1]
    assert (result["votes_for"], result["votes_against"], result["casting_vote"], result["outcome"]) == (
        4,
        4,
        "for",
        "carried",
    )


def test_members_cannot_record_attendance_and_bad_bodies_get_words(
    app: Flask, world: World, api_as: Callable[[str], ApiClient]
) -> None:
    meeting_id, item_id, people = _meeting_with_item(app)
    member = api_as("member")
    member.post(f"/meetings/{meeting_id}/attendance", {"person_id": people[0], "status": "present"}, status=403)
    secretariat = api_as("secretariat")
    bad = secretariat.post(f"/meetings/{meeting_id}/attendance", {"person_id": people[0], "status": "here"}, status=400)
    assert "'status' must be one of" in bad["error"]["message"]
    bad = secretariat.post(f"/meetings/{meeting_id}/attendance", {"person_id": "one", "status": "present"}, status=400)
    assert "whole number" in bad["error"]["message"]
    assert secretariat.get("/agenda-items/999999/motions", status=404)
    assert api_as("officer").get(f"/meetings/{meeting_id}/attendance", status=403)
    # An inquorate item cannot be put to the vote.
    motion = secretariat.post(f"/agenda-items/{item_id}/motions", {"text": "That…", "proposer_id": people[1]})
    refused = secretariat.post(f"/motions/{motion['id']}/open", status=400)
    assert "cannot be decided" in refused["error"]["message"]


def test_the_api_refuses_huge_ids_zoned_times_and_strangers_votes_with_words(
    app: Flask, world: World, api_as: Callable[[str], ApiClient]
) -> None:
    meeting_id, item_id, people = _meeting_with_item(app)
    secretariat = api_as("secretariat")
    huge = secretariat.post(
        f"/meetings/{meeting_id}/attendance", {"person_id": 10**20, "status": "present"}, status=400
    )
    assert "There is no person" in huge["error"]["message"]
    zoned = secretariat.post(
        f"/meetings/{meeting_id}/attendance",
        {"person_id": people[0], "status": "present", "arrived_at": "10:00+05:00", "departed_at": "11:00"},
        status=400,
    )
    assert "with no time zone" in zoned["error"]["message"]
    for person_id in people[:10]:
        secretariat.post(f"/meetings/{meeting_id}/attendance", {"person_id": person_id, "status": "present"})
    motion = secretariat.post(f"/agenda-items/{item_id}/motions", {"text": "That…", "proposer_id": people[1]})
    secretariat.post(f"/motions/{motion['id']}/open", status=200)
    # An administrator with no vote on the Panel, and not at the meeting, is refused before the motion is read.
    refused = api_as("admin").post(f"/motions/{motion['id']}/votes", {"choice": "for"}, status=403)
    assert "You cannot cast a vote" in refused["error"]["message"]


def test_a_casting_vote_must_say_for_against_or_null(
    app: Flask, world: World, api_as: Callable[[str], ApiClient]
) -> None:
    _meeting_id, item_id, people = _meeting_with_item(app)
    motion = api_as("secretariat").post(f"/agenda-items/{item_id}/motions", {"text": "That…", "proposer_id": people[1]})
    refused = api_as("chair").post(f"/motions/{motion['id']}/casting-vote", {}, status=400)
    assert "'for', 'against', or null" in refused["error"]["message"]


def test_a_committees_meetings_come_a_page_at_a_time(api_as) -> None:  # type: ignore[no-untyped-def]
    client = api_as("member")
    first = client.get("/committees/cmr-panel/meetings?limit=5", schema="MeetingList")
    assert first["page"] == 1 and first["more"] is True and len(first["meetings"]) == 5
    rest = client.get("/committees/cmr-panel/meetings?limit=5&page=3", schema="MeetingList")
    assert rest["more"] is False and len(rest["meetings"]) == 2, "12 meetings: 5, 5 and 2"
    assert first["meetings"][0]["meeting_date"] < rest["meetings"][-1]["meeting_date"]
    refused = client.get("/committees/cmr-panel/meetings?limit=5000", status=400)
    assert "'limit' must be a whole number from 1 to 500." in refused["error"]["message"]
