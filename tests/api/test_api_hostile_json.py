"""Hostile JSON gets a 400 with words, never a 500, and nothing is saved."""

from __future__ import annotations

from datetime import date

import pytest
from flask import Flask
from sqlalchemy import select

from govapp.extensions import db
from govapp.models import Requisition
from govapp.models import TokenKind
from govapp.services.accounts import add_person
from govapp.services.accounts import create_account
from govapp.services.committees import appoint_member
from govapp.services.committees import create_committee
from govapp.services.tokens import create_token


@pytest.fixture
def member_token(app: Flask) -> str:
    with app.app_context():
        panel = create_committee(None, name="Case Management Review Panel", short_name="CMR Panel")
        person = add_person(None, full_name="Bea Member", email="bea@example.org")
        user = create_account(None, person, "granite-heron-linen-falcon")
        appoint_member(None, panel, person, agency="PSNI", starts_on=date(2026, 4, 1))
        _token, secret = create_token(user, TokenKind.API, "Tests")
        db.session.commit()
    return secret


@pytest.mark.parametrize(
    ("body", "words"),
    [
        (b'{"purpose": "Review of \\ud800 Child A", "business": "Child A"}', "lone surrogate"),
        (b'{"purpose": "Review of \xff Child A", "business": "Child A"}', "not valid UTF-8"),
        (b"[" * 100_000 + b"]" * 100_000, "nests too deeply"),
        (b'{"purpose": ' + b'{"a": ' * 30 + b"1" + b"}" * 30 + b', "business": "x"}', "nests too deeply"),
        (b'{"purpose": "Review\\u0007 of Child A", "business": "Child A"}', "contains control characters"),
        (b'{"purpose": "Review of Child A", "business": ', "not valid JSON"),
    ],
    ids=["lone-surrogate", "bad-utf8", "deep-array", "deep-object", "control-character", "truncated"],
)
def test_hostile_json_is_refused_with_words(app: Flask, member_token: str, body: bytes, words: str) -> None:
    response = app.test_client().post(
        "/api/v1/committees/cmr-panel/requisitions",
        data=body,
        headers={"Authorization": f"Bearer {member_token}", "Content-Type": "application/json"},
    )
    assert response.status_code == 400
    assert words in response.get_json()["error"]["message"]
    with app.app_context():
        assert db.session.scalars(select(Requisition)).all() == []


def test_multi_line_text_keeps_its_line_breaks(app: Flask, member_token: str) -> None:
    response = app.test_client().post(
        "/api/v1/committees/cmr-panel/requisitions",
        json={"purpose": "Review of Child A\n\twith the Trust", "business": "Child A"},
        headers={"Authorization": f"Bearer {member_token}"},
    )
    assert response.status_code == 201
