"""An administrator invites a person, who sets their own password through a one-time link; accounts are
deactivated and reactivated; a forgotten password is reset by an emailed link that reveals nothing."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from bs4 import BeautifulSoup
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from govapp import clock
from govapp.extensions import db
from govapp.models import OutboxMessage
from govapp.models import TokenKind
from govapp.models import User
from govapp.services.tokens import create_token
from tests.conftest import FROZEN_NOW
from tests.conftest import csrf_token_from
from tests.conftest import get_page
from tests.conftest import sign_in
from tests.factories import PASSWORD
from tests.factories import make_account

NEW_PASSWORD = "copper-lantern-meadow-quartz"


@pytest.fixture
def admin(app: Flask) -> FlaskClient:
    with app.app_context():
        account = make_account(full_name="Admin Person", email="admin@example.org", is_admin=True)
        db.session.commit()
        login = account.login
    client = app.test_client()
    sign_in(client, login.email, login.password)
    return client


def _post(client: FlaskClient, url: str, data: dict[str, Any] | None = None) -> Any:
    token = csrf_token_from(client.get(url if data is not None else "/").get_data(as_text=True))
    return client.post(url, data={"csrf_token": token, **(data or {})})


def _emails(app: Flask, kind: str) -> list[OutboxMessage]:
    with app.app_context():
        rows = list(
            db.session.scalars(select(OutboxMessage).where(OutboxMessage.kind == kind).order_by(OutboxMessage.id))
        )
        db.session.expunge_all()
        return rows


def _link(message: OutboxMessage) -> str:
    found = re.search(r"http://127\.0\.0\.1:5000(/(?:welcome|reset-password)/\S+)", message.body_text)
    assert found, message.body_text
    return found.group(1)


def _invite(admin: FlaskClient, email: str = "riley@example.org") -> Any:
    return _post(
        admin,
        "/admin/accounts/invite",
        {"full_name": "Riley Quinn", "email": email, "organisation": "Education Authority", "job_title": ""},
    )


def _set_password(client: FlaskClient, path: str, password: str, confirm: str | None = None) -> Any:
    page = client.get(path)
    return client.post(
        path,
        data={
            "csrf_token": csrf_token_from(page.get_data(as_text=True)),
            "new_password": password,
            "confirm_password": confirm if confirm is not None else password,
        },
    )


def test_an_invited_person_sets_their_password_once_and_signs_in(app: Flask, admin: FlaskClient) -> None:
    answer = _invite(admin)
    assert answer.status_code == 302
    (invitation,) = _emails(app, "invitation")
    assert invitation.to_address == "riley@example.org"
    assert "works once, for 7 days" in invitation.body_text
    path = _link(invitation)

    visitor = app.test_client()
    page = get_page(visitor, path, title="Set your password")
    assert "riley@example.org" in page.html
    mismatch = _set_password(visitor, path, NEW_PASSWORD, "something-else-entirely")
    assert "The passwords do not match" in mismatch.get_data(as_text=True)
    weak = _set_password(visitor, path, "password1234")
    assert weak.status_code == 200 and "govuk-error-summary" in weak.get_data(as_text=True)
    assert _set_password(visitor, path, NEW_PASSWORD).status_code == 302

    again = visitor.get(path)
    assert again.status_code == 400
    assert "already been used" in again.get_data(as_text=True)
    signed = sign_in(app.test_client(), "riley@example.org", NEW_PASSWORD)
    assert signed.status_code == 302 and "/sign-in" not in signed.headers["Location"]


def test_an_invited_account_cannot_sign_in_before_setting_a_password(app: Flask, admin: FlaskClient) -> None:
    _invite(admin)
    answer = sign_in(app.test_client(), "riley@example.org", "")
    assert answer.status_code == 200  # the form again, with an error


def test_an_expired_or_replaced_invitation_is_refused_with_words(
    app: Flask, admin: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    _invite(admin)
    first = _link(_emails(app, "invitation")[0])
    with app.app_context():
        user = db.session.scalar(select(User).join(User.person).where(User.person.has(email="riley@example.org")))
        assert user is not None
        user_id = user.id
    assert _post(admin, f"/admin/accounts/{user_id}/invite-again", {}).status_code == 302
    second = _link(_emails(app, "invitation")[1])
    replaced = app.test_client().get(first)
    assert replaced.status_code == 400 and "a newer one was sent" in replaced.get_data(as_text=True)
    assert app.test_client().get(second).status_code == 200

    monkeypatch.setattr(clock, "now", lambda: FROZEN_NOW + timedelta(days=7, minutes=1))
    expired = app.test_client().get(second)
    assert expired.status_code == 400
    assert "has expired. Ask your administrator to send a new invitation" in expired.get_data(as_text=True)


def test_a_nonsense_link_is_refused_not_an_error(app: Flask) -> None:
    for path in ("/welcome/gvi_nonsense", "/welcome/" + "x" * 5000, "/reset-password/gvr_%00"):
        answer = app.test_client().get(path)
        assert answer.status_code == 400, path
        assert "not valid" in answer.get_data(as_text=True)


def test_a_deactivated_account_is_signed_out_at_its_next_request_and_its_tokens_stop(
    app: Flask, admin: FlaskClient
) -> None:
    with app.app_context():
        member = make_account(full_name="Member Person", email="member@example.org")
        _token, secret = create_token(member.user, TokenKind.API, "tests")
        db.session.commit()
        user_id = member.user.id
    person = app.test_client()
    sign_in(person, "member@example.org", PASSWORD)
    assert person.get("/account").status_code == 200
    assert app.test_client().get("/api/v1/committees", headers={"Authorization": f"Bearer {secret}"}).status_code == 200

    assert _post(admin, f"/admin/accounts/{user_id}/deactivate", {}).status_code == 302
    next_request = person.get("/account")
    assert next_request.status_code == 302 and "/sign-in" in next_request.headers["Location"]
    assert app.test_client().get("/api/v1/committees", headers={"Authorization": f"Bearer {secret}"}).status_code == 401
    refused = sign_in(app.test_client(), "member@example.org", PASSWORD)
    assert refused.status_code == 200, "a deactivated account cannot sign in"
    accounts = get_page(admin, "/admin/accounts")
    assert "Deactivated" in accounts.html

    assert _post(admin, f"/admin/accounts/{user_id}/reactivate", {}).status_code == 302
    assert sign_in(app.test_client(), "member@example.org", PASSWORD).status_code == 302
    assert app.test_client().get("/api/v1/committees", headers={"Authorization": f"Bearer {secret}"}).status_code == 401


def test_an_administrator_cannot_deactivate_themselves(app: Flask, admin: FlaskClient) -> None:
    with app.app_context():
        own = db.session.scalar(select(User.id).join(User.person).where(User.person.has(email="admin@example.org")))
    _post(admin, f"/admin/accounts/{own}/deactivate", {})
    page = get_page(admin, "/admin/accounts")
    assert "You cannot deactivate your own account" in page.html


def test_a_password_reset_reveals_nothing_and_works_once(app: Flask) -> None:
    with app.app_context():
        make_account(full_name="Member Person", email="member@example.org")
        db.session.commit()
    asked = {}
    for email in ("member@example.org", "nobody@example.org"):
        client = app.test_client()
        answer = _post(client, "/forgotten-password", {"email": email})
        assert answer.status_code == 200
        main = BeautifulSoup(answer.get_data(as_text=True), "html.parser").find("main")
        assert main is not None
        asked[email] = main.get_text(" ", strip=True).replace(email, "EMAIL")
    assert asked["member@example.org"] == asked["nobody@example.org"], "the same answer either way"
    (reset,) = _emails(app, "password-reset")
    assert reset.to_address == "member@example.org"
    path = _link(reset)

    signed_in = app.test_client()
    sign_in(signed_in, "member@example.org", PASSWORD)
    assert _set_password(app.test_client(), path, NEW_PASSWORD).status_code == 302
    assert signed_in.get("/account").status_code == 302, "every session ends with the reset"
    assert sign_in(app.test_client(), "member@example.org", PASSWORD).status_code == 200  # the old one fails
    assert sign_in(app.test_client(), "member@example.org", NEW_PASSWORD).status_code == 302
    assert app.test_client().get(path).status_code == 400


def test_only_administrators_invite_or_deactivate(app: Flask) -> None:
    with app.app_context():
        member = make_account(full_name="Member Person", email="member@example.org")
        db.session.commit()
        user_id = member.user.id
    client = app.test_client()
    sign_in(client, "member@example.org", PASSWORD)
    assert client.get("/admin/accounts/invite").status_code == 403
    token = csrf_token_from(client.get("/account").get_data(as_text=True))
    assert client.post(f"/admin/accounts/{user_id}/deactivate", data={"csrf_token": token}).status_code == 403


def test_every_account_change_is_audited(app: Flask, admin: FlaskClient) -> None:
    from govapp.models import AuditEvent

    _invite(admin)
    _set_password(app.test_client(), _link(_emails(app, "invitation")[0]), NEW_PASSWORD)
    with app.app_context():
        actions = set(db.session.scalars(select(AuditEvent.action)))
    assert {"invite_person", "send_invitation", "accept_invitation"} <= actions
