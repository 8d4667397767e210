"""A second factor: an authenticator app's code after the password, recovery codes that work once,
compulsory when REQUIRE_TWO_FACTOR is on, and reset by an administrator."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC
from datetime import datetime
from datetime import timedelta

import pyotp
import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from govapp import clock
from govapp.extensions import db
from govapp.models import AuditEvent
from govapp.models import User
from govapp.services.accounts import add_person
from govapp.services.accounts import create_account
from tests.conftest import csrf_token_from
from tests.conftest import get_page
from tests.conftest import sign_in

PASSWORD = "granite-heron-linen-falcon"
NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


@pytest.fixture
def people(app: Flask) -> None:
    with app.app_context():
        create_account(None, add_person(None, full_name="Bea Member", email="bea@example.org"), PASSWORD)
        create_account(None, add_person(None, full_name="Ada Admin", email="ada@example.org"), PASSWORD, is_admin=True)
        db.session.commit()


@pytest.fixture
def required(app: Flask) -> Iterator[None]:
    app.config["REQUIRE_TWO_FACTOR"] = True
    yield
    app.config["REQUIRE_TWO_FACTOR"] = False


def _at(monkeypatch: pytest.MonkeyPatch, moment: datetime) -> None:
    monkeypatch.setattr(clock, "now", lambda: moment)


def _post(client: FlaskClient, url: str, **data: str) -> object:
    token = csrf_token_from(client.get(url).get_data(as_text=True))
    return client.post(url, data={"csrf_token": token, **data})


def _set_up(client: FlaskClient) -> tuple[str, list[str]]:
    """Set up the app through the pages: read the key, type its code, keep the recovery codes."""
    page = get_page(client, "/account/two-factor", title="Second factor")
    assert page.soup.select_one("#qr-code svg") is not None
    secret = page.soup.select_one("#totp-key").get_text().replace(" ", "")  # type: ignore[union-attr]
    response = _post(client, "/account/two-factor", code=pyotp.TOTP(secret).at(NOW))
    html = response.get_data(as_text=True)  # type: ignore[attr-defined]
    codes = re.findall(r"<code>([A-Z2-9]{5}-[A-Z2-9]{5})</code>", html)
    assert len(codes) == 10
    return secret, codes


def _password(app: Flask) -> FlaskClient:
    client = app.test_client()
    response = sign_in(client, "bea@example.org", PASSWORD)
    assert response.status_code == 302
    return client


def test_with_a_second_factor_the_password_alone_does_not_sign_in(
    app: Flask, people: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    _at(monkeypatch, NOW)
    secret, _codes = _set_up(_password(app))

    _at(monkeypatch, NOW + timedelta(minutes=5))
    client = app.test_client()
    response = sign_in(client, "bea@example.org", PASSWORD)
    assert response.headers["Location"].startswith("/sign-in/second-factor")
    assert client.get("/account").status_code == 302  # not signed in yet
    wrong = _post(client, "/sign-in/second-factor", code="000000")
    assert "That code is not right" in wrong.get_data(as_text=True)  # type: ignore[attr-defined]
    right = _post(client, "/sign-in/second-factor", code=pyotp.TOTP(secret).at(NOW + timedelta(minutes=5)))
    assert right.status_code == 302  # type: ignore[attr-defined]
    assert client.get("/account").status_code == 200
    with app.app_context():
        failures = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "second_factor_failed")).all()
        assert len(failures) == 1 and failures[0].actor_label == "bea@example.org"
        assert "000000" not in str(failures[0].after)


def test_an_app_code_is_not_accepted_twice(app: Flask, people: None, monkeypatch: pytest.MonkeyPatch) -> None:
    _at(monkeypatch, NOW)
    secret, _codes = _set_up(_password(app))
    _at(monkeypatch, NOW + timedelta(seconds=40))
    code = pyotp.TOTP(secret).at(NOW + timedelta(seconds=40))
    first, second = app.test_client(), app.test_client()
    for client in (first, second):
        sign_in(client, "bea@example.org", PASSWORD)
    assert _post(first, "/sign-in/second-factor", code=code).status_code == 302  # type: ignore[attr-defined]
    replay = _post(second, "/sign-in/second-factor", code=code)
    assert replay.status_code == 200  # type: ignore[attr-defined]
    assert second.get("/account").status_code == 302


def test_a_recovery_code_works_once(app: Flask, people: None, monkeypatch: pytest.MonkeyPatch) -> None:
    _at(monkeypatch, NOW)
    _secret, codes = _set_up(_password(app))
    first = app.test_client()
    sign_in(first, "bea@example.org", PASSWORD)
    assert _post(first, "/sign-in/second-factor", code=codes[3].lower()).status_code == 302  # type: ignore[attr-defined]
    assert first.get("/account").status_code == 200
    again = app.test_client()
    sign_in(again, "bea@example.org", PASSWORD)
    assert _post(again, "/sign-in/second-factor", code=codes[3]).status_code == 200  # type: ignore[attr-defined]
    assert again.get("/account").status_code == 302
    page = get_page(first, "/account/two-factor")
    assert "You have 9 unused recovery codes" in page.text()


def test_when_required_nothing_else_opens_until_it_is_set_up(
    app: Flask, people: None, required: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    _at(monkeypatch, NOW)
    client = app.test_client()
    response = sign_in(client, "bea@example.org", PASSWORD)
    assert response.headers["Location"].startswith("/account/two-factor")
    blocked = client.get("/account")
    assert blocked.status_code == 302 and blocked.headers["Location"].startswith("/account/two-factor")
    page = get_page(client, "/account/two-factor")
    assert "Before you use govapp" in page.text()
    assert page.soup.find(id="not-now") is None
    _set_up(client)
    assert client.get("/account").status_code == 200


def test_everyone_is_offered_it_once_at_their_first_sign_in(app: Flask, people: None) -> None:
    first = sign_in(app.test_client(), "bea@example.org", PASSWORD)
    assert first.headers["Location"].startswith("/account/two-factor")
    later = sign_in(app.test_client(), "bea@example.org", PASSWORD)
    assert later.headers["Location"] == "/"


def test_an_administrator_resets_a_lost_second_factor_and_it_is_audited(
    app: Flask, people: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    _at(monkeypatch, NOW)
    _set_up(_password(app))
    admin = app.test_client()
    sign_in(admin, "ada@example.org", PASSWORD)
    with app.app_context():
        bea = db.session.scalars(select(User).join(User.person).where(User.person.has(email="bea@example.org"))).one()
        bea_id = bea.id
    page = get_page(admin, "/admin/accounts", title="Accounts")
    assert "Reset second factor of Bea Member" in page.text()
    token = csrf_token_from(admin.get("/admin/accounts").get_data(as_text=True))
    reset = admin.post(f"/admin/accounts/{bea_id}/reset-second-factor", data={"csrf_token": token})
    assert reset.status_code == 302
    with app.app_context():
        bea = db.session.get(User, bea_id)
        assert bea is not None and not bea.has_second_factor
        event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "reset_second_factor")).one()
        assert event.actor_label == "ada@example.org"
        assert "totp_secret" not in (event.before or {})
    assert sign_in(app.test_client(), "bea@example.org", PASSWORD).headers["Location"] == "/"
