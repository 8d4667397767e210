"""Interests registered in advance: a member registers one in an item, sees it, and may withdraw it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from datetime import time

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from govapp.extensions import db
from govapp.models import AgendaItem
from govapp.models import AuditEvent
from govapp.models import Declaration
from govapp.models import DeclarationKind
from govapp.models import OutboxMessage
from govapp.services import ServiceError
from govapp.services.agenda import register_interest
from govapp.services.agenda import withdraw_interest
from tests.agenda.conftest import london
from tests.agenda.conftest import post_form
from tests.conftest import csrf_token_from
from tests.conftest import get_page
from tests.conftest import sign_in
from tests.factories import Login
from tests.factories import make_committee
from tests.factories import make_meeting
from tests.factories import make_officer

MEETING_DAY = date(2026, 12, 3)  # 10am, ten days after the frozen today
IN_A_MONTH = date(2026, 12, 23)  # thirty days after the frozen today


@dataclass
class Logins:
    chair: Login
    member: Login
    other_member: Login
    secretariat: Login
    officer: Login
    member_person_id: int
    meeting_id: int


@pytest.fixture
def panel(app: Flask) -> Logins:
    """A Panel of the Chair and two members, with its secretariat officer, an officer in attendance
    and a meeting on 23 December 2026 (whose standing items include "Matters arising")."""
    with app.app_context():
        setup = make_committee(members=2)
        assert setup.secretariat is not None
        officer = make_officer(setup.committee)
        meeting = make_meeting(setup.committee, on=IN_A_MONTH, starts_at=time(14))
        db.session.commit()
        logins = Logins(
            setup.chair.login,
            setup.members[0].login,
            setup.members[1].login,
            setup.secretariat.login,
            officer.login,
            setup.members[0].person.id,
            meeting.id,
        )
        db.session.remove()
    return logins


def _matters_arising(app: Flask, meeting_id: int) -> int:
    with app.app_context():
        item_id = db.session.scalar(
            select(AgendaItem.id).where(AgendaItem.meeting_id == meeting_id, AgendaItem.title == "Matters arising")
        )
    assert item_id is not None
    return item_id


def test_a_member_registers_an_interest_before_the_meeting_and_sees_it_on_the_agenda(
    app: Flask, client: FlaskClient, panel: Logins
) -> None:
    meeting_id = panel.meeting_id
    item_id = _matters_arising(app, meeting_id)
    sign_in(client, panel.member.email, panel.member.password)
    url = f"/meetings/{meeting_id}/agenda/items/{item_id}/interest"
    get_page(client, url, title="Register an interest")
    response = post_form(client, url, {"nature": ""})
    assert response.status_code == 200
    assert "Enter the nature of your interest" in response.get_data(as_text=True)
    assert post_form(client, url, {"nature": "I chaired the Trust's review."}).status_code == 302

    page = get_page(client, f"/meetings/{meeting_id}/agenda")
    row = page.soup.find("tr", attrs={"data-item-id": str(item_id)}).get_text(" ", strip=True)
    assert "Interest registered" in row and "I chaired the Trust's review." in row
    with app.app_context():
        declaration = db.session.scalar(select(Declaration))
        assert declaration is not None
        assert declaration.kind == DeclarationKind.REGISTERED
        assert declaration.person_id == panel.member_person_id
        declaration_id = declaration.id
    # Another member does not see it as theirs.
    other = app.test_client()
    sign_in(other, panel.other_member.email, panel.other_member.password)
    row = get_page(other, f"/meetings/{meeting_id}/agenda").soup.find("tr", attrs={"data-item-id": str(item_id)})
    assert "None registered" in row.get_text()
    assert post_form(other, f"/declarations/{declaration_id}/withdraw", {}, page="/").status_code == 403

    # The member asks to withdraw it: it stands until the Chair agrees, and the Chair is told.
    assert post_form(client, f"/declarations/{declaration_id}/withdraw", {}, page="/").status_code == 302
    row = get_page(client, f"/meetings/{meeting_id}/agenda").soup.find("tr", attrs={"data-item-id": str(item_id)})
    assert "Interest registered" in row.get_text() and "the Chair will decide" in row.get_text()
    with app.app_context():
        told = db.session.scalars(select(OutboxMessage).where(OutboxMessage.kind == "interest-withdrawal")).all()
        assert {m.to_address for m in told} >= {panel.chair.email}
    chair = app.test_client()
    sign_in(chair, panel.chair.email, panel.chair.password)
    requests_page = get_page(chair, "/committees/test-panel/requests")
    assert "I chaired the Trust's review." in requests_page.text()
    token = csrf_token_from(requests_page.html)
    agreed = chair.post(f"/declarations/{declaration_id}/withdrawal", data={"csrf_token": token, "decision": "agree"})
    assert agreed.status_code == 302
    row = get_page(client, f"/meetings/{meeting_id}/agenda").soup.find("tr", attrs={"data-item-id": str(item_id)})
    assert "None registered" in row.get_text()
    with app.app_context():
        assert db.session.scalars(select(Declaration)).all() == []
        actions = db.session.scalars(
            select(AuditEvent.action).where(AuditEvent.entity_type == "Declaration").order_by(AuditEvent.id)
        ).all()
        assert actions == ["register_interest", "ask_to_withdraw_interest", "withdraw_interest"]


def test_the_chair_registers_an_interest_too_but_the_secretariat_and_officers_cannot(app: Flask, panel: Logins) -> None:
    meeting_id = panel.meeting_id
    url = f"/meetings/{meeting_id}/agenda/items/{_matters_arising(app, meeting_id)}/interest"
    chair = app.test_client()
    sign_in(chair, panel.chair.email, panel.chair.password)
    assert post_form(chair, url, {"nature": "A relative is named."}).status_code == 302
    for login in (panel.secretariat, panel.officer):
        client = app.test_client()
        sign_in(client, login.email, login.password)
        get_page(client, url, status=403)


def test_an_interest_cannot_be_registered_twice_or_changed_once_the_meeting_has_begun(
    app_ctx: Flask,
) -> None:
    setup = make_committee(members=1)
    member = setup.members[0].user
    meeting = make_meeting(setup.committee, on=MEETING_DAY)  # 10am
    item = next(i for i in meeting.agenda_items if i.title == "Matters arising")
    declaration = register_interest(member, item, nature="Known to the family", now=london(date(2026, 11, 23), 9))
    with pytest.raises(ServiceError, match="already registered"):
        register_interest(member, item, nature="Again", now=london(date(2026, 11, 24), 9))
    with pytest.raises(ServiceError, match="meeting has begun"):
        withdraw_interest(member, declaration, now=london(date(2026, 12, 3), 10, 5))
    other = next(i for i in meeting.agenda_items if i.title == "Apologies")
    with pytest.raises(ServiceError, match="meeting has begun"):
        register_interest(member, other, nature="Late", now=london(date(2026, 12, 3), 10))
    withdraw_interest(member, declaration, now=london(date(2026, 12, 3), 9, 59))
    db.session.flush()
    assert declaration.withdrawal_requested_at is not None  # it stands until the Chair agrees
