"""Who reaches a meeting's pages: approved deputies and officers in attendance hold their roles for their
own meeting only (the permission table's rows), and the vote page asks the same row as the API."""

from __future__ import annotations

from datetime import UTC
from datetime import datetime
from datetime import time
from datetime import timedelta

import pytest
from flask import Flask
from sqlalchemy import select

from govapp import clock
from govapp.extensions import db
from govapp.models import AgendaItem
from govapp.models import Attendance
from govapp.models import Meeting
from govapp.models import Membership
from govapp.models import Motion
from govapp.models import Vote
from govapp.services.accounts import add_person
from govapp.services.accounts import create_account
from govapp.services.proceedings import decide_deputy_request
from govapp.services.proceedings import decide_officer_request
from govapp.services.proceedings import record_attendance
from govapp.services.proceedings import request_deputy
from govapp.services.proceedings import request_officer_attendance
from govapp.services.voting import open_vote
from govapp.services.voting import propose_motion
from tests.conftest import DEMO_TODAY
from tests.conftest import World
from tests.conftest import get_page
from tests.proceedings.pages import Setting
from tests.proceedings.pages import client_for
from tests.proceedings.pages import everyone_present
from tests.proceedings.pages import next_meeting_with_item
from tests.proceedings.pages import person
from tests.proceedings.pages import token
from tests.proceedings.pages import user

#: These pages record the meeting, which opens on its day.
pytestmark = pytest.mark.usefixtures("on_the_meeting_day")

BEFORE = datetime.combine(DEMO_TODAY, time(9), tzinfo=UTC)
DEPUTY_EMAIL = "rowan.deputy@example.org"


def end_membership(app: Flask, email: str) -> None:
    """``email``'s membership of the Panel ended yesterday: a former member, still on the meeting's roll."""
    with app.app_context():
        membership = db.session.scalar(select(Membership).where(Membership.person_id == person(email).id))
        assert membership is not None
        membership.ends_on = DEMO_TODAY - timedelta(days=1)
        db.session.commit()
        db.session.remove()


def open_motion(app: Flask, world: World, setting: Setting) -> int:
    with app.app_context():
        item = db.session.get(AgendaItem, setting.item_id)
        assert item is not None
        secretary = user(world.email("secretariat"))
        motion = propose_motion(secretary, item, "That the Panel recommends a CMR", person(world.email("chair")))
        open_vote(secretary, motion, now=clock.now())
        db.session.commit()
        motion_id = motion.id
        db.session.remove()
    return motion_id


def approved_deputy(app: Flask, world: World, setting: Setting, member_email: str, *, attending: bool) -> None:
    with app.app_context():
        meeting = db.session.get(Meeting, setting.meeting_id)
        assert meeting is not None
        deputy = add_person(None, full_name="Rowan Deputy", email=DEPUTY_EMAIL, organisation="Belfast Trust")
        create_account(None, deputy, world.password)
        member = person(member_email)
        request = request_deputy(
            user(world.email("secretariat")), meeting, member, deputy, "Long-term sick leave", now=BEFORE
        )
        decide_deputy_request(user(world.email("chair")), request, True, None, now=BEFORE)
        if attending:
            record_attendance(
                user(world.email("secretariat")),
                meeting,
                deputy,
                Attendance.DEPUTY,
                deputy_for=member,
                arrived_at=time(10),
            )
        db.session.commit()
        db.session.remove()


def test_an_approved_deputy_reaches_the_meeting_page_and_votes_in_the_members_place(app: Flask, world: World) -> None:
    setting = next_meeting_with_item(app, world)
    replaced = world.accounts["member"][2]
    everyone_present(app, world, setting, except_=(replaced,))
    approved_deputy(app, world, setting, replaced, attending=True)
    motion_id = open_motion(app, world, setting)

    deputy = client_for(app, world, DEPUTY_EMAIL)
    get_page(deputy, f"/meetings/{setting.meeting_id}")
    page = get_page(deputy, f"/motions/{motion_id}/vote")
    assert "That the Panel recommends a CMR" in page.html
    response = deputy.post(f"/motions/{motion_id}/vote", data={"csrf_token": token(page.html), "choice": "for"})
    assert response.status_code == 302
    with app.app_context():
        vote = db.session.query(Vote).filter(Vote.motion_id == motion_id).one()
        assert vote.member_id == setting.ids[replaced]
        assert vote.cast_by_id == person(DEPUTY_EMAIL).id
        db.session.remove()


def test_an_approved_deputy_is_refused_the_console(app: Flask, world: World) -> None:
    setting = next_meeting_with_item(app, world)
    approved_deputy(app, world, setting, world.accounts["member"][2], attending=False)
    deputy = client_for(app, world, DEPUTY_EMAIL)
    get_page(deputy, f"/meetings/{setting.meeting_id}/console", status=403)


def test_an_officer_in_attendance_sees_the_meetings_time_and_place_and_is_refused_the_console(
    app: Flask, world: World
) -> None:
    setting = next_meeting_with_item(app, world)
    officer_client = client_for(app, world, world.email("officer"))
    # Not yet approved to attend: the meeting is none of their business.
    get_page(officer_client, f"/meetings/{setting.meeting_id}", status=403)
    with app.app_context():
        item = db.session.get(AgendaItem, setting.item_id)
        assert item is not None
        request = request_officer_attendance(
            user(world.email("secretariat")), item, person(world.email("officer")), "Belfast Trust", None, now=BEFORE
        )
        decide_officer_request(user(world.email("chair")), request, True, None, now=BEFORE)
        meeting_date = item.meeting.meeting_date
        db.session.commit()
        db.session.remove()
    page = get_page(officer_client, f"/meetings/{setting.meeting_id}")
    assert f"{meeting_date:%-d %B %Y}" in page.text()
    console = get_page(officer_client, f"/meetings/{setting.meeting_id}/console", status=403)
    assert "is for the secretariat" in console.text()


def test_a_former_member_is_refused_the_vote_page(app: Flask, world: World) -> None:
    setting = next_meeting_with_item(app, world)
    everyone_present(app, world, setting)
    motion_id = open_motion(app, world, setting)
    former = world.accounts["member"][4]
    end_membership(app, former)
    page = get_page(client_for(app, world, former), f"/motions/{motion_id}/vote", status=403)
    assert "You cannot cast a vote for Case Management Review Panel" in page.text()
    assert "That the Panel recommends a CMR" not in page.html
    with app.app_context():
        assert db.session.query(Motion).filter(Motion.id == motion_id).one().votes == []
        db.session.remove()
