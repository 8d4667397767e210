"""Security boundaries found in review: who may make tokens, what an administrator sees of motions,
transport security, control characters in the API."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from govapp.config import Config
from tests.conftest import csrf_token_from
from tests.conftest import get_page
from tests.conftest import make_test_app
from tests.conftest import sign_in
from tests.factories import SignIns


def test_an_officer_cannot_make_api_tokens_or_calendar_links(client: FlaskClient, people: SignIns) -> None:
    sign_in(client, people.email("officer"), people.password)
    token = csrf_token_from(client.get("/account").get_data(as_text=True))
    for url in ("/account/api-tokens", "/account/calendar-links"):
        prefix = "api" if "api" in url else "calendar"
        response = client.post(url, data={f"{prefix}-csrf_token": token, f"{prefix}-name": "mine"})
        assert response.status_code == 403, url
        assert "for committee Chairs, members, secretariat and administrators" in response.get_data(as_text=True)


def test_a_member_still_makes_a_calendar_link(client: FlaskClient, people: SignIns) -> None:
    sign_in(client, people.email("member"), people.password)
    page = get_page(client, "/account")
    token = csrf_token_from(page.html)
    response = client.post("/account/calendar-links", data={"calendar-csrf_token": token, "calendar-name": "Phone"})
    assert response.status_code == 200
    assert "/calendar/gvc_" in response.get_data(as_text=True)


def test_https_deployments_send_strict_transport_security(
    monkeypatch,
    scratch_database_url,
    tmp_path,  # type: ignore[no-untyped-def]
) -> None:
    monkeypatch.setenv("SECRET_KEY", "x" * 64)
    config = Config()
    config.SQLALCHEMY_DATABASE_URI = scratch_database_url.url
    config.INSTANCE_PATH = str(tmp_path)
    from govapp import create_app

    app = create_app(config)
    response = app.test_client().get("/sign-in", base_url="https://govapp.example")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")
    plain = make_test_app(scratch_database_url.url)
    assert "Strict-Transport-Security" not in plain.test_client().get("/sign-in").headers
    from govapp.extensions import db

    for each in (app, plain):
        with each.app_context():
            db.engine.dispose()


def test_the_api_refuses_text_with_control_characters(app: Flask, people: SignIns) -> None:
    from govapp.extensions import db
    from govapp.models import TokenKind
    from govapp.services.tokens import create_token
    from tests.requisitions.helpers import user

    with app.app_context():
        _token, secret = create_token(user(people.email("member")), TokenKind.API, "tests")
        db.session.commit()
    response = app.test_client().post(
        "/api/v1/committees/cmr-panel/requisitions",
        json={"purpose": "A meeting\x0b", "business": "Business"},
        headers={"Authorization": f"Bearer {secret}"},
    )
    assert response.status_code == 400
    assert "contains control characters" in response.get_json()["error"]["message"]
