"""Members' agenda requests: on time or late by the rules, and the Chair's decision on late ones."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from govapp import rules
from govapp.extensions import db
from govapp.models import AgendaRequest
from govapp.models import Meeting
from govapp.models import MeetingStatus
from govapp.models import Paper
from govapp.models import RequestStatus
from govapp.papers_storage import current_store
from govapp.services import ServiceError
from govapp.services.agenda import decide_late_request
from govapp.services.agenda import request_agenda_item
from govapp.services.papers import Upload
from tests.agenda.conftest import item_titles
from tests.agenda.conftest import london
from tests.agenda.conftest import meeting_in
from tests.agenda.conftest import meeting_on
from tests.agenda.conftest import pdf_bytes
from tests.agenda.conftest import post_form
from tests.agenda.conftest import user
from tests.conftest import World
from tests.conftest import get_page
from tests.conftest import sign_in

MEETING = date(2026, 12, 3)


def test_an_agenda_request_on_the_last_on_time_day_goes_on_the_agenda(
    app_ctx: Flask, world: World, papers_dir: Path
) -> None:
    assert rules.agenda_request_deadline(MEETING) == date(2026, 11, 18)
    member = user(world.email("member"))
    meeting = meeting_on(MEETING)
    before = item_titles(meeting)
    request = request_agenda_item(
        member,
        meeting,
        matter="Notification from the Western Trust",
        supporting_information="The Trust notified the Board on 2 November.",
        proposed_motion="That the Panel recommends a Case Management Review.",
        attachments=[Upload("chronology.pdf", pdf_bytes())],
        store=current_store(),
        received_at=london(date(2026, 11, 18), 23, 30),
    )
    db.session.commit()
    assert request.on_time is True
    assert request.status == RequestStatus.INCLUDED
    item = request.agenda_item
    assert item is not None
    assert item_titles(meeting) == [*before, "Notification from the Western Trust"]
    assert item.position == len(before) + 1
    assert item.presenter == member.name
    assert "Proposed motion: That the Panel recommends" in (item.description or "")
    assert [p.title for p in item.papers] == ["chronology"]
    assert item.papers[0].agenda_request_id == request.id


def test_an_agenda_request_the_day_after_is_late_and_waits_for_the_chair(
    app_ctx: Flask, world: World, papers_dir: Path
) -> None:
    member = user(world.email("member"))
    meeting = meeting_on(MEETING)
    before = item_titles(meeting)
    request = request_agenda_item(
        member,
        meeting,
        matter="A late matter",
        attachments=[Upload("note.pdf", pdf_bytes())],
        store=current_store(),
        received_at=london(date(2026, 11, 19), 0, 5),
    )
    db.session.commit()
    assert request.on_time is False
    assert request.status == RequestStatus.PENDING
    assert request.agenda_item is None
    assert item_titles(meeting) == before
    # Its paper waits with the request, on no item.
    assert [(p.agenda_item_id, p.agenda_request_id) for p in request.papers] == [(None, request.id)]


def test_the_chair_includes_a_late_request_and_its_papers_join_the_new_item(
    app_ctx: Flask, world: World, papers_dir: Path
) -> None:
    member, chair = user(world.email("member")), user(world.email("chair"))
    meeting = meeting_on(MEETING)
    request = request_agenda_item(
        member,
        meeting,
        matter="A late matter",
        attachments=[Upload("note.pdf", pdf_bytes())],
        store=current_store(),
        received_at=london(date(2026, 11, 20), 9),
    )
    with pytest.raises(ServiceError, match="Enter the reason"):
        decide_late_request(chair, request, include=True, reason="  ", now=london(date(2026, 11, 23), 10))
    decide_late_request(
        chair, request, include=True, reason="Urgent, and the papers are short.", now=london(date(2026, 11, 23), 10)
    )
    db.session.commit()
    assert request.status == RequestStatus.INCLUDED
    assert request.decided_by_id == chair.id
    assert request.decided_at is not None
    assert request.agenda_item is not None and request.agenda_item.title == "A late matter"
    assert [p.agenda_item_id for p in request.papers] == [request.agenda_item.id]


def test_requests_for_a_cancelled_or_past_meeting_are_refused_with_words(
    app_ctx: Flask, world: World, papers_dir: Path
) -> None:
    member = user(world.email("member"))
    meeting = meeting_on(MEETING)
    with pytest.raises(ServiceError, match="already taken place"):
        request_agenda_item(
            member, meeting, matter="Too late", store=current_store(), received_at=london(date(2026, 12, 4), 9)
        )
    meeting.status = MeetingStatus.CANCELLED
    with pytest.raises(ServiceError, match="cancelled"):
        request_agenda_item(
            member, meeting, matter="Cancelled", store=current_store(), received_at=london(date(2026, 11, 1), 9)
        )
    assert db.session.scalars(select(AgendaRequest)).all() == []


def test_one_bad_attachment_refuses_the_whole_request_and_stores_nothing(
    app_ctx: Flask, world: World, papers_dir: Path
) -> None:
    member = user(world.email("member"))
    with pytest.raises(ServiceError, match="The file must be a PDF") as raised:
        request_agenda_item(
            member,
            meeting_on(MEETING),
            matter="With a bad file",
            attachments=[Upload("good.pdf", pdf_bytes()), Upload("report.pdf", b"<html>not a pdf</html>")],
            store=current_store(),
            received_at=london(date(2026, 11, 1), 9),
        )
    assert raised.value.field == "attachments"
    assert db.session.scalars(select(Paper)).all() == []
    assert not papers_dir.exists() or list(papers_dir.iterdir()) == []


# --- through the pages -------------------------------------------------------------------------


def _send_request(client: FlaskClient, meeting_id: int, matter: str) -> object:
    url = f"/meetings/{meeting_id}/agenda-requests/new"
    return post_form(
        client,
        url,
        {
            "matter": matter,
            "supporting_information": "Background from the Trust.",
            "proposed_motion": "",
            "attachments": [(io.BytesIO(pdf_bytes()), "background.pdf")],
        },
    )


def test_the_request_form_shows_the_deadline_before_submitting(app: Flask, client: FlaskClient, world: World) -> None:
    meeting_id = meeting_in(app, 40)
    sign_in(client, world.email("member"), world.password)
    page = get_page(client, f"/meetings/{meeting_id}/agenda-requests/new", title="Ask for an agenda item")
    with app.app_context():
        meeting = db.session.get(Meeting, meeting_id)
        assert meeting is not None
        deadline = rules.agenda_request_deadline(meeting.meeting_date)
    summary = page.soup.find(id="request-deadline").get_text(" ", strip=True)
    assert f"{deadline:%A} {deadline.day} {deadline:%B %Y}" in summary
    assert "it is on time and goes on the agenda" in summary


def test_an_on_time_request_through_the_form_goes_on_the_agenda(
    app: Flask, client: FlaskClient, world: World, papers_dir: Path
) -> None:
    meeting_id = meeting_in(app, 40)
    sign_in(client, world.email("member"), world.password)
    response = _send_request(client, meeting_id, "Learning from the Southern Trust review")
    assert response.status_code == 302
    page = get_page(client, f"/meetings/{meeting_id}/agenda")
    assert "is on the agenda" in page.text()
    assert "Learning from the Southern Trust review" in page.soup.find(id="agenda-items").get_text()
    mine = page.soup.find(id="your-agenda-requests").get_text(" ", strip=True)
    assert "On time" in mine and "Included" in mine


def test_the_chair_declines_a_late_request_with_a_reason_and_the_member_sees_it(
    app: Flask, world: World, papers_dir: Path
) -> None:
    meeting_id = meeting_in(app, 5)
    member, chair = app.test_client(), app.test_client()
    sign_in(member, world.email("member"), world.password)
    sign_in(chair, world.email("chair"), world.password)
    assert _send_request(member, meeting_id, "A matter sent late").status_code == 302
    page = get_page(member, f"/meetings/{meeting_id}/agenda")
    assert "A matter sent late" not in page.soup.find(id="agenda-items").get_text()
    assert "Waiting for the Chair" in page.soup.find(id="your-agenda-requests").get_text()

    # The Chair sees it on the home page and on the agenda page.
    home = get_page(chair, "/", title="Home")
    awaiting = home.soup.find(id="late-agenda-requests")
    assert awaiting is not None and "A matter sent late" in awaiting.get_text()
    agenda = get_page(chair, f"/meetings/{meeting_id}/agenda")
    link = agenda.soup.find(id="late-requests").find("a")
    decide_url = link["href"]
    get_page(chair, decide_url, title="Decide a late agenda request")

    # A reason is required.
    response = post_form(chair, decide_url, {"decision": "decline", "reason": ""})
    assert response.status_code == 200
    assert "Enter the reason for your decision" in response.get_data(as_text=True)
    response = post_form(chair, decide_url, {"decision": "decline", "reason": "It can wait for the January meeting."})
    assert response.status_code == 302

    page = get_page(member, f"/meetings/{meeting_id}/agenda")
    mine = page.soup.find(id="your-agenda-requests").get_text(" ", strip=True)
    assert "Declined" in mine
    assert "It can wait for the January meeting." in mine
    assert "A matter sent late" not in page.soup.find(id="agenda-items").get_text()
    assert get_page(chair, "/").soup.find(id="late-agenda-requests") is None
    # Deciding again is a clash with the record.
    assert (
        post_form(
            chair,
            decide_url,
            {"decision": "include", "reason": "Changed my mind"},
            page=f"/meetings/{meeting_id}/agenda",
        ).status_code
        == 409
    )


def test_the_chair_includes_a_late_request_and_the_member_sees_it_on_the_agenda(
    app: Flask, world: World, papers_dir: Path
) -> None:
    meeting_id = meeting_in(app, 5)
    member, chair = app.test_client(), app.test_client()
    sign_in(member, world.email("member"), world.password)
    sign_in(chair, world.email("chair"), world.password)
    _send_request(member, meeting_id, "An urgent matter")
    with app.app_context():
        request_id = db.session.scalar(select(AgendaRequest.id))
    response = post_form(
        chair, f"/agenda-requests/{request_id}/decide", {"decision": "include", "reason": "It is urgent."}
    )
    assert response.status_code == 302
    page = get_page(member, f"/meetings/{meeting_id}/agenda")
    assert "An urgent matter" in page.soup.find(id="agenda-items").get_text()
    mine = page.soup.find(id="your-agenda-requests").get_text(" ", strip=True)
    assert "Late" in mine and "Included" in mine and "It is urgent." in mine


def test_a_member_cannot_decide_a_late_request(app: Flask, client: FlaskClient, world: World, papers_dir: Path) -> None:
    meeting_id = meeting_in(app, 5)
    sign_in(client, world.email("member"), world.password)
    _send_request(client, meeting_id, "My own late matter")
    with app.app_context():
        request_id = db.session.scalar(select(AgendaRequest.id))
    page = get_page(client, f"/agenda-requests/{request_id}/decide", status=403)
    assert "You cannot decide a late agenda request" in page.text()
    response = post_form(
        client, f"/agenda-requests/{request_id}/decide", {"decision": "include", "reason": "Mine"}, page="/"
    )
    assert response.status_code == 403
    with app.app_context():
        assert db.session.get(AgendaRequest, request_id).status == RequestStatus.PENDING  # type: ignore[union-attr]


def test_the_request_page_of_a_cancelled_meeting_says_it_takes_no_requests(
    app: Flask, client: FlaskClient, world: World
) -> None:
    meeting_id = meeting_in(app, 40)
    with app.app_context():
        meeting = db.session.get(Meeting, meeting_id)
        assert meeting is not None
        meeting.status = MeetingStatus.CANCELLED
        db.session.commit()
    sign_in(client, world.email("member"), world.password)
    page = get_page(client, f"/meetings/{meeting_id}/agenda-requests/new")
    assert "cancelled, so it cannot take agenda requests" in page.soup.find(id="requests-closed").get_text()
    response = post_form(client, f"/meetings/{meeting_id}/agenda-requests/new", {"matter": "Anything"}, page="/")
    assert response.status_code == 200
    assert "cannot take agenda requests" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalars(select(AgendaRequest)).all() == []
