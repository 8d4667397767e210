"""Sessions that really end: signing out, idle and absolute limits, signing out everywhere, deactivation,
and API tokens that expire."""

from __future__ import annotations

import tempfile
from datetime import UTC
from datetime import datetime
from datetime import timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from govapp import clock
from govapp.extensions import db
from govapp.models import AuditEvent
from govapp.models import PersonalToken
from govapp.models import SignInSession
from govapp.models import TokenKind
from govapp.models import User
from govapp.services.accounts import add_person
from govapp.services.accounts import create_account
from govapp.services.tokens import create_token
from govapp.services.tokens import find_active_token
from tests.conftest import csrf_token_from
from tests.conftest import get_page
from tests.conftest import sign_in

PASSWORD = "granite-heron-linen-falcon"
START = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


@pytest.fixture
def person(app: Flask) -> str:
    with app.app_context():
        create_account(None, add_person(None, full_name="Bea Member", email="bea@example.org"), PASSWORD)
        db.session.commit()
    return "bea@example.org"


def _at(monkeypatch: pytest.MonkeyPatch, moment: datetime) -> None:
    monkeypatch.setattr(clock, "now", lambda: moment)


def _signed_in(app: Flask, email: str) -> FlaskClient:
    client = app.test_client()
    assert sign_in(client, email, PASSWORD).status_code == 302
    return client


def _post(client: FlaskClient, page: str, action: str) -> object:
    token = csrf_token_from(client.get(page).get_data(as_text=True))
    return client.post(action, data={"csrf_token": token})


def test_a_cookie_copied_before_sign_out_is_refused_afterwards(app: Flask, person: str) -> None:
    client = _signed_in(app, person)
    stolen = app.test_client()
    cookie = client.get_cookie("govapp_session")
    assert cookie is not None
    stolen.set_cookie("govapp_session", cookie.value)
    assert stolen.get("/account").status_code == 200  # the copy works while the session lasts

    _post(client, "/account", "/sign-out")
    replay = stolen.get("/account")
    assert replay.status_code == 302 and "/sign-in" in replay.headers["Location"]
    assert stolen.post("/account/api-tokens", data={"api-name": "x"}).status_code in (302, 400)
    with app.app_context():
        assert db.session.scalars(select(PersonalToken)).all() == []
        (record,) = db.session.scalars(select(SignInSession)).all()
        assert record.ended_reason == "signed out"


def test_an_idle_session_ends_after_thirty_minutes(app: Flask, person: str, monkeypatch: pytest.MonkeyPatch) -> None:
    _at(monkeypatch, START)
    client = _signed_in(app, person)
    _at(monkeypatch, START + timedelta(minutes=29))
    assert client.get("/account").status_code == 200
    _at(monkeypatch, START + timedelta(minutes=58))  # 29 minutes after the last request: still in force
    assert client.get("/account").status_code == 200
    _at(monkeypatch, START + timedelta(minutes=89))
    ended = client.get("/account")
    assert ended.status_code == 302
    page = get_page(client, "/sign-in")
    assert "You were signed out because you had not used govapp for 30 minutes" in page.text()
    with app.app_context():
        assert db.session.scalars(select(SignInSession.ended_reason)).one() == "idle"
        event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "session_ended")).one()
        assert event.after == {"reason": "idle"}


def test_a_busy_session_still_ends_twelve_hours_after_sign_in(
    app: Flask, person: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _at(monkeypatch, START)
    client = _signed_in(app, person)
    for minutes in range(20, 12 * 60, 20):
        _at(monkeypatch, START + timedelta(minutes=minutes))
        assert client.get("/account").status_code == 200
    _at(monkeypatch, START + timedelta(hours=12))
    assert client.get("/account").status_code == 302
    assert "more than 12 hours ago" in get_page(client, "/sign-in").text()


def test_signing_out_everywhere_ends_every_session(app: Flask, person: str) -> None:
    laptop, phone = _signed_in(app, person), _signed_in(app, person)
    page = get_page(laptop, "/account/sessions", title="Where you are signed in")
    assert len(page.soup.select("#sessions tbody tr")) == 2
    assert "This browser" in page.text()
    response = _post(laptop, "/account/sessions", "/account/sessions/end-all")
    assert response.status_code == 302  # type: ignore[attr-defined]
    assert phone.get("/account").status_code == 302
    assert laptop.get("/account").status_code == 302
    with app.app_context():
        reasons = db.session.scalars(select(SignInSession.ended_reason)).all()
        assert reasons == ["signed out everywhere", "signed out everywhere"]


def test_a_deactivated_account_is_signed_out_at_its_next_request(app: Flask, person: str) -> None:
    client = _signed_in(app, person)
    with app.app_context():
        user = db.session.scalars(select(User)).one()
        user.active = False
        db.session.commit()
    assert client.get("/account").status_code == 302
    with app.app_context():
        assert db.session.scalars(select(SignInSession.ended_reason)).one() == "account deactivated"


def test_api_tokens_expire_after_ninety_days_and_the_owner_sees_when(
    app: Flask, person: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _at(monkeypatch, START)
    with app.app_context():
        user = db.session.scalars(select(User)).one()
        token, secret = create_token(user, TokenKind.API, "Board spreadsheet")
        _calendar, calendar_secret = create_token(user, TokenKind.CALENDAR, "Phone")
        db.session.commit()
        assert token.expires_at == START + timedelta(days=90)
    page = get_page(_signed_in(app, person), "/account")
    assert "21 February 2027" in page.text()
    assert "When revoked" in page.text()
    headers = {"Authorization": f"Bearer {secret}"}
    assert app.test_client().get("/api/v1/committees", headers=headers).status_code == 200
    _at(monkeypatch, START + timedelta(days=90))
    assert app.test_client().get("/api/v1/committees", headers=headers).status_code == 401
    with app.app_context():
        assert find_active_token(calendar_secret, TokenKind.CALENDAR) is not None


def test_over_https_the_session_cookie_has_the_host_prefix() -> None:
    from govapp.config import Config

    config = Config()
    config.SECRET_KEY = "x" * 32
    config.finalise(tempfile.mkdtemp())
    assert config.SESSION_COOKIE_NAME == "__Host-govapp_session"


def test_changing_the_password_ends_every_other_session(app: Flask, person: str) -> None:
    laptop, phone = _signed_in(app, person), _signed_in(app, person)
    page = get_page(laptop, "/account/password", title="Change your password")
    token = csrf_token_from(page.html)
    wrong = laptop.post(
        "/account/password",
        data={"csrf_token": token, "current_password": "not-it-at-all", "new_password": "quartz-meadow-ember-willow"},
    )
    assert "Your current password is not right" in wrong.get_data(as_text=True)
    weak = laptop.post(
        "/account/password",
        data={"csrf_token": token, "current_password": PASSWORD, "new_password": "passwordpassword"},
    )
    assert "repeats the same few characters" in weak.get_data(as_text=True)
    assert phone.get("/account").status_code == 200  # nothing changed yet

    changed = laptop.post(
        "/account/password",
        data={"csrf_token": token, "current_password": PASSWORD, "new_password": "quartz-meadow-ember-willow"},
    )
    assert changed.status_code == 302
    assert laptop.get("/account").status_code == 200  # this browser carries on
    assert phone.get("/account").status_code == 302  # every other session has ended
    assert sign_in(app.test_client(), person, PASSWORD).status_code == 200  # the old password is refused
    assert sign_in(app.test_client(), person, "quartz-meadow-ember-willow").status_code == 302
    with app.app_context():
        assert "password changed" in db.session.scalars(select(SignInSession.ended_reason)).all()
