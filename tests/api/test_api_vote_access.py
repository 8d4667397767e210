"""The API's vote route checks access exactly as the vote page does: the same permission row, for the
same meeting, with the same words, before the motion or anyone's votes are shown."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask import Flask

from govapp.extensions import db
from govapp.models import Motion
from tests.api.conftest import ApiClient
from tests.conftest import World
from tests.conftest import get_page
from tests.proceedings.pages import client_for
from tests.proceedings.pages import everyone_present
from tests.proceedings.pages import next_meeting_with_item
from tests.proceedings.test_access import DEPUTY_EMAIL
from tests.proceedings.test_access import approved_deputy
from tests.proceedings.test_access import end_membership
from tests.proceedings.test_access import open_motion

#: These record the meeting, which opens on its day.
pytestmark = pytest.mark.usefixtures("on_the_meeting_day")


def test_a_former_member_is_refused_the_api_vote_with_the_pages_words(
    app: Flask, world: World, api_as: Callable[[str], ApiClient]
) -> None:
    setting = next_meeting_with_item(app, world)
    everyone_present(app, world, setting)  # the former member is on the meeting's roll
    motion_id = open_motion(app, world, setting)
    former = world.accounts["member"][4]
    end_membership(app, former)

    refused = api_as(former).post(f"/motions/{motion_id}/votes", {"choice": "for"}, status=403)
    message = refused["error"]["message"]
    assert message.startswith("You cannot cast a vote for Case Management Review Panel")
    assert "votes" not in refused and "That the Panel recommends a CMR" not in str(refused)
    page = get_page(client_for(app, world, former), f"/motions/{motion_id}/vote", status=403)
    assert message in page.text()
    with app.app_context():
        assert db.session.get(Motion, motion_id).votes == []  # type: ignore[union-attr]
        db.session.remove()


def test_an_officer_in_attendance_is_refused_the_api_vote_as_on_the_page(
    app: Flask, world: World, api_as: Callable[[str], ApiClient]
) -> None:
    setting = next_meeting_with_item(app, world)
    everyone_present(app, world, setting)
    motion_id = open_motion(app, world, setting)
    refused = api_as("officer").post(f"/motions/{motion_id}/votes", {"choice": "for"}, status=403)
    assert "Officers in attendance have no vote" in refused["error"]["message"]
    page = get_page(client_for(app, world, world.email("officer")), f"/motions/{motion_id}/vote", status=403)
    assert refused["error"]["message"] in page.text()


def test_an_approved_deputy_votes_through_the_api_in_the_members_place(
    app: Flask, world: World, api_as: Callable[[str], ApiClient]
) -> None:
    setting = next_meeting_with_item(app, world)
    replaced = world.accounts["member"][2]
    everyone_present(app, world, setting, except_=(replaced,))
    approved_deputy(app, world, setting, replaced, attending=True)
    motion_id = open_motion(app, world, setting)
    body = api_as(DEPUTY_EMAIL).post(f"/motions/{motion_id}/votes", {"choice": "for"}, schema="Motion")
    [vote] = body["votes"]
    assert vote["member"]["id"] == setting.ids[replaced]
    assert vote["cast_by"]["name"] == "Rowan Deputy"
