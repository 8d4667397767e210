"""Committees, members, meetings, agenda and notices through the API, with the pages' permissions."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from datetime import time
from datetime import timedelta

from flask import Flask
from sqlalchemy import select

from govapp import clock
from govapp import rules
from govapp.extensions import db
from govapp.models import Committee
from govapp.models import Meeting
from govapp.models import NoticeService
from govapp.models import WhenAndWhere
from govapp.services.accounts import add_person
from govapp.services.accounts import create_account
from govapp.services.committees import appoint_member
from govapp.services.committees import create_committee
from govapp.services.convening import schedule_meeting
from tests.api.conftest import ApiClient
from tests.conftest import World
from tests.requisitions.helpers import panel
from tests.requisitions.helpers import serve_notice
from tests.requisitions.helpers import user


def _next_meeting_id(app: Flask) -> int:
    with app.app_context():
        meeting = db.session.scalar(
            select(Meeting)
            .join(Meeting.committee)
            .where(Committee.slug == "cmr-panel", Meeting.meeting_date >= clock.today())
            .order_by(Meeting.meeting_date)
            .limit(1)
        )
        if meeting is None:
            meeting = schedule_meeting(None, panel(), WhenAndWhere(clock.today() + timedelta(days=30), time(10)))
            db.session.commit()
        return meeting.id


def test_a_member_sees_the_committee_its_members_and_figures_from_the_rules(
    api_as: Callable[[str], ApiClient],
) -> None:
    api = api_as("member")
    body = api.get("/committees/cmr-panel", schema="Committee")
    assert body["figures"]["membership"] == 12
    assert body["figures"]["quorum"] == rules.quorum_required(12) == 8
    assert body["figures"]["requisition_threshold"] == rules.requisition_threshold(12) == 9
    assert body["standing_orders"]["requisition_fraction"] == "3/4"
    assert body["members"][0]["role"] == "chair"
    members = api.get("/committees/cmr-panel/members", schema="MemberList")
    assert len(members["members"]) == 12
    long_ago = api.get("/committees/cmr-panel/members?on=2000-01-01", schema="MemberList")
    assert long_ago["members"] == []
    error = api.get("/committees/cmr-panel/members?on=yesterday", status=400)
    assert "ISO 8601" in error["error"]["message"]


def test_meetings_carry_their_deadlines_from_the_rules(app: Flask, api_as: Callable[[str], ApiClient]) -> None:
    api = api_as("secretariat")
    listing = api.get("/committees/cmr-panel/meetings", schema="MeetingList")
    assert listing["meetings"]
    meeting_id = _next_meeting_id(app)
    body = api.get(f"/meetings/{meeting_id}", schema="Meeting")
    day = date.fromisoformat(body["meeting_date"])
    deadlines = {d["key"]: d for d in body["deadlines"]}
    assert deadlines["notice"]["deadline"] == rules.notice_deadline(day).isoformat()
    assert deadlines["papers"]["deadline"] == rules.papers_deadline(day).isoformat()
    assert deadlines["agenda_requests"]["deadline"] == rules.agenda_request_deadline(day).isoformat()
    items = api.get(f"/meetings/{meeting_id}/agenda-items", schema="AgendaItemList")
    assert items["items"][0]["is_standing"] is True


def test_an_officer_cannot_see_the_committee_its_members_or_meetings(
    app: Flask, api_as: Callable[[str], ApiClient]
) -> None:
    api = api_as("officer")
    listed = api.get("/committees", schema="CommitteeList")
    assert listed["committees"][0]["your_roles"] == ["officer"]
    error = api.get("/committees/cmr-panel/members", status=403)
    assert "You cannot see the committee" in error["error"]["message"]
    api.get("/committees/cmr-panel", status=403)
    api.get(f"/meetings/{_next_meeting_id(app)}", status=403)
    api.get("/committees/cmr-panel/requisitions", status=403)


def test_an_admin_sees_committees_but_not_the_agenda_or_agenda_requests(
    app: Flask, api_as: Callable[[str], ApiClient]
) -> None:
    api = api_as("admin")
    assert api.get("/committees")["committees"][0]["your_roles"] == ["admin"]
    api.get("/committees/cmr-panel", schema="Committee")
    meeting_id = _next_meeting_id(app)
    api.get(f"/meetings/{meeting_id}", schema="Meeting")
    error = api.get(f"/meetings/{meeting_id}/agenda-requests", status=403)
    assert "confidential" in error["error"]["message"]
    api.get(f"/meetings/{meeting_id}/agenda-items", status=403)
    api.post(f"/meetings/{meeting_id}/agenda-requests", {"matter": "Anything"}, status=403)


def test_a_member_of_another_committee_sees_nothing_of_the_panel(
    app: Flask, world: World, token_for: Callable[[str], str]
) -> None:
    with app.app_context():
        board = create_committee(None, name="Safeguarding Board", short_name="Board")
        outsider = add_person(None, full_name="Rory Outsider", email="rory.outsider@example.org")
        create_account(None, outsider, world.password)
        appoint_member(None, board, outsider, agency="Elsewhere", starts_on=date(2020, 1, 1))
        db.session.commit()
        db.session.remove()
    api = ApiClient(app.test_client(), token_for("rory.outsider@example.org"))
    assert [c["slug"] for c in api.get("/committees")["committees"]] == ["board"]
    api.get("/committees/cmr-panel", status=403)
    api.get(f"/meetings/{_next_meeting_id(app)}/notices", status=403)


def test_unknown_ids_are_404s_with_words(api_as: Callable[[str], ApiClient]) -> None:
    api = api_as("member")
    assert "no committee 'nope'" in api.get("/committees/nope", status=404)["error"]["message"]
    assert "no meeting 999999" in api.get("/meetings/999999", status=404)["error"]["message"]
    assert "no requisition 999999" in api.get("/requisitions/999999", status=404)["error"]["message"]
    api.get("/no-such-thing", status=404)
    api.post("/requisitions/999999/signatures", status=404)


def test_notices_show_signer_service_and_late_flag_to_the_secretariat_and_served_ones_to_members(
    app: Flask, world: World, api_as: Callable[[str], ApiClient]
) -> None:
    meeting_id = _next_meeting_id(app)
    with app.app_context():
        meeting = db.session.get(Meeting, meeting_id)
        assert meeting is not None
        notice = serve_notice(meeting, clock.today())
        chair = user(world.email("chair"))
        notice.signed_by_id = chair.person_id
        notice.served_late = True
        notice.late_reason = "The venue changed."
        db.session.add(NoticeService(notice=notice, person_id=user(world.email("member")).person_id))
        db.session.commit()
        db.session.remove()
    staff = api_as("secretariat").get(f"/meetings/{meeting_id}/notices", schema="NoticeList")
    (served,) = staff["notices"]
    assert served["signed_by"]["name"] == "Morgan Adair"
    assert served["signed_capacity"] == "Chair"
    assert served["served_late"] is True
    assert served["services"][0]["status"] is None  # no email queued for it yet
    member = api_as("member").get(f"/meetings/{meeting_id}/notices", schema="NoticeList")
    assert member["notices"][0]["services"] is None
    assert member["deadline"] == staff["deadline"]
