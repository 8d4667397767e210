"""A token's last use is recorded by the request's own commit, and kept when the request is refused."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from flask import Flask

from govapp.extensions import db
from govapp.models import PersonalToken
from govapp.services.tokens import hash_token
from tests.api.conftest import ApiClient
from tests.conftest import World


def _last_used(app: Flask, secret: str) -> datetime | None:
    with app.app_context():
        token = db.session.query(PersonalToken).filter_by(token_hash=hash_token(secret)).one()
        used = token.last_used_at
        db.session.remove()
    return used


def test_a_refused_request_still_records_that_the_token_was_used(
    app: Flask, world: World, token_for: Callable[[str], str]
) -> None:
    secret = token_for(world.email("admin"))
    assert _last_used(app, secret) is None
    api = ApiClient(app.test_client(), secret)
    meeting_id = api.get("/committees/cmr-panel/meetings")["meetings"][0]["id"]
    assert _last_used(app, secret) is not None

    with app.app_context():
        db.session.query(PersonalToken).filter_by(token_hash=hash_token(secret)).update({"last_used_at": None})
        db.session.commit()
        db.session.remove()
    error = api.get(f"/meetings/{meeting_id}/agenda-items", status=403)
    assert "confidential" in error["error"]["message"]
    assert _last_used(app, secret) is not None


def test_a_badly_formed_request_still_records_that_the_token_was_used(
    app: Flask, world: World, token_for: Callable[[str], str]
) -> None:
    secret = token_for(world.email("member"))
    api = ApiClient(app.test_client(), secret)
    meeting_id = api.get("/committees/cmr-panel/meetings")["meetings"][0]["id"]
    with app.app_context():
        db.session.query(PersonalToken).filter_by(token_hash=hash_token(secret)).update({"last_used_at": None})
        db.session.commit()
        db.session.remove()
    api.post(f"/meetings/{meeting_id}/agenda-requests", {"matter": " "}, status=400)
    assert _last_used(app, secret) is not None
