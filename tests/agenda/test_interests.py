"""Interests registered in advance: a member registers one in an item, sees it, and may withdraw it."""

from __future__ import annotations

from datetime import date

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from govapp.extensions import db
from govapp.models import AgendaItem, AuditEvent, Declaration, DeclarationKind
from govapp.services import ServiceError
from govapp.services.agenda import register_interest, withdraw_interest
from tests.agenda.conftest import london, meeting_in, meeting_on, post_form, user
from tests.conftest import Demo, get_page, sign_in


def _matters_arising(app: Flask, meeting_id: int) -> int:
    with app.app_context():
        item_id = db.session.scalar(
            select(AgendaItem.id).where(AgendaItem.meeting_id == meeting_id, AgendaItem.title == "Matters arising")
        )
    assert item_id is not None
    return item_id


def test_a_member_registers_an_interest_before_the_meeting_and_sees_it_on_the_agenda(
    app: Flask, client: FlaskClient, demo: Demo
) -> None:
    meeting_id = meeting_in(app, 30)
    item_id = _matters_arising(app, meeting_id)
    sign_in(client, demo.email("member"), demo.password)
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
        assert declaration.person_id == user(demo.email("member")).person_id
        declaration_id = declaration.id
    # Another member does not see it as theirs.
    other = app.test_client()
    sign_in(other, demo.accounts["member"][1], demo.password)
    row = get_page(other, f"/meetings/{meeting_id}/agenda").soup.find("tr", attrs={"data-item-id": str(item_id)})
    assert "None registered" in row.get_text()
    assert post_form(other, f"/declarations/{declaration_id}/withdraw", {}, page="/").status_code == 403

    # The member withdraws it.
    assert post_form(client, f"/declarations/{declaration_id}/withdraw", {}, page="/").status_code == 302
    row = get_page(client, f"/meetings/{meeting_id}/agenda").soup.find("tr", attrs={"data-item-id": str(item_id)})
    assert "None registered" in row.get_text()
    with app.app_context():
        assert db.session.scalars(select(Declaration)).all() == []
        actions = db.session.scalars(select(AuditEvent.action).where(AuditEvent.entity_type == "Declaration")).all()
        assert actions == ["register_interest", "withdraw_interest"]


def test_the_chair_registers_an_interest_too_but_the_secretariat_and_officers_cannot(app: Flask, demo: Demo) -> None:
    meeting_id = meeting_in(app, 30)
    url = f"/meetings/{meeting_id}/agenda/items/{_matters_arising(app, meeting_id)}/interest"
    chair = app.test_client()
    sign_in(chair, demo.email("chair"), demo.password)
    assert post_form(chair, url, {"nature": "A relative is named."}).status_code == 302
    for role in ("secretariat", "officer"):
        client = app.test_client()
        sign_in(client, demo.email(role), demo.password)
        get_page(client, url, status=403)


def test_an_interest_cannot_be_registered_twice_or_changed_once_the_meeting_has_begun(
    app_ctx: Flask, demo: Demo
) -> None:
    member = user(demo.email("member"))
    meeting = meeting_on(date(2026, 12, 3))  # 10am
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
    assert db.session.scalars(select(Declaration)).all() == []
