"""Personal API tokens: the only way in to the API."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask

from govapp.extensions import db
from govapp.models import PersonalToken
from govapp.models import TokenKind
from govapp.services.tokens import create_token
from govapp.services.tokens import hash_token
from govapp.services.tokens import revoke_token
from tests.api.conftest import ApiClient
from tests.conftest import World
from tests.conftest import sign_in
from tests.requisitions.helpers import user


def test_without_a_token_the_api_answers_401_with_words_and_a_bearer_challenge(app: Flask, world: World) -> None:
    response = app.test_client().get("/api/v1/committees")
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert "Authorization: Bearer" in response.get_json()["error"]["message"]


def test_a_header_that_is_not_a_bearer_token_is_refused(app: Flask, world: World) -> None:
    response = app.test_client().get("/api/v1/committees", headers={"Authorization": "Basic dXNlcjpwYXNz"})
    assert response.status_code == 401
    assert 'error="invalid_request"' in response.headers["WWW-Authenticate"]


def test_an_unknown_token_is_refused(app: Flask, world: World) -> None:
    response = ApiClient(app.test_client(), "gva_not-a-real-token").get("/committees", status=401)
    assert "not recognised" in response["error"]["message"]


def test_a_good_token_works_and_its_use_is_recorded(app: Flask, world: World, token_for: Callable[[str], str]) -> None:
    secret = token_for(world.email("member"))
    body = ApiClient(app.test_client(), secret).get("/committees", schema="CommitteeList")
    assert [c["slug"] for c in body["committees"]] == ["cmr-panel"]
    assert body["committees"][0]["your_roles"] == ["member"]
    with app.app_context():
        token = db.session.query(PersonalToken).filter_by(token_hash=hash_token(secret)).one()
        assert token.last_used_at is not None


def test_a_revoked_token_is_refused(app: Flask, world: World) -> None:
    with app.app_context():
        member = user(world.email("member"))
        token, secret = create_token(member, TokenKind.API, "laptop")
        db.session.commit()
        api = ApiClient(app.test_client(), secret)
        api.get("/committees")
        revoke_token(member, token)
        db.session.commit()
        db.session.remove()
    api.get("/committees", status=401)


def test_a_calendar_feed_token_is_not_an_api_token(app: Flask, world: World) -> None:
    with app.app_context():
        _token, secret = create_token(user(world.email("member")), TokenKind.CALENDAR, "phone")
        db.session.commit()
        db.session.remove()
    ApiClient(app.test_client(), secret).get("/committees", status=401)


def test_a_signed_in_browser_session_is_not_enough(app: Flask, world: World) -> None:
    client = app.test_client()
    sign_in(client, world.email("member"), world.password)
    assert client.get("/").status_code == 200
    ApiClient(client, None).get("/committees", status=401)


def test_the_api_needs_no_csrf_token_because_it_takes_no_cookies(
    app: Flask, world: World, api_as: Callable[[str], ApiClient]
) -> None:
    body = api_as("member").post(
        "/committees/cmr-panel/requisitions",
        {"purpose": "A meeting about the March notification", "business": "Whether to recommend a CMR"},
        schema="Requisition",
    )
    assert body["signature_count"] == 1
