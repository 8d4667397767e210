"""Every refusal the API gives is declared in its OpenAPI document: each operation is tried without a
token, by someone with no role, for records that do not exist, with a body that is not JSON and with
one over the size limit, and every answer must be a status the document lists for that operation
(never a 500, never an undeclared status)."""

from __future__ import annotations

from datetime import UTC
from datetime import date
from datetime import datetime
from typing import Any

import pytest
from flask import Flask

from govapp.api.openapi import document
from govapp.extensions import db
from govapp.models import TokenKind
from govapp.services.requisitions import start_requisition
from govapp.services.tokens import create_token
from tests.factories import make_account
from tests.factories import make_committee
from tests.factories import make_item
from tests.factories import make_meeting
from tests.factories import make_motion

TODAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 10, tzinfo=UTC)


@pytest.fixture
def world(app: Flask) -> dict[str, Any]:
    """A committee with a meeting today, an item, a motion and a requisition; tokens for its
    secretariat and for someone with no role anywhere."""
    with app.app_context():
        setup = make_committee(members=3)
        assert setup.secretariat is not None
        meeting = make_meeting(setup.committee, on=TODAY)
        item = make_item(meeting)
        motion = make_motion(item, proposer=setup.members[0].person, seconder=setup.members[1].person)
        requisition = start_requisition(
            setup.members[0].user, setup.committee, purpose="A purpose", business="Business", today=TODAY, now=NOW
        )
        outsider = make_account(full_name="No Role")
        _t, secretariat_token = create_token(setup.secretariat.user, TokenKind.API, "tests")
        _t, outsider_token = create_token(outsider.user, TokenKind.API, "tests")
        db.session.commit()
        values = {
            "slug": setup.committee.slug,
            "meeting_id": meeting.id,
            "item_id": item.id,
            "motion_id": motion.id,
            "requisition_id": requisition.id,
        }
        missing = {"slug": "no-such-committee", **{k: 999_999 for k in values if k != "slug"}}
        return {"values": values, "missing": missing, "secretariat": secretariat_token, "outsider": outsider_token}


def _operations() -> list[tuple[str, str, set[str]]]:
    return [
        (path, method, set(operation["responses"]))
        for path, operations in document()["paths"].items()
        if path != "/openapi.json"
        for method, operation in operations.items()
    ]


def _url(path: str, values: dict[str, Any]) -> str:
    for name, value in values.items():
        path = path.replace("{" + name + "}", str(value))
    return "/api/v1" + path


def _ask(app: Flask, method: str, url: str, token: str | None, **kwargs: Any) -> int:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return app.test_client().open(url, method=method.upper(), headers=headers, **kwargs).status_code


def test_every_refusal_of_every_operation_is_declared(app: Flask, world: dict[str, Any]) -> None:
    undeclared = []
    for path, method, declared in _operations():
        url = _url(path, world["values"])
        tries = {
            "without a token": _ask(app, method, url, None),
            "by someone with no role": _ask(app, method, url, world["outsider"], json={}),
            "for a record that does not exist": _ask(app, method, _url(path, world["missing"]), world["secretariat"]),
        }
        if method != "get":
            not_json = {"data": b"\xff{not json", "content_type": "application/json"}
            tries["with a body that is not JSON"] = _ask(app, method, url, world["secretariat"], **not_json)
            too_big = {"data": b"{" + b" " * (21 * 1024 * 1024) + b"}", "content_type": "application/json"}
            tries["with a body over the limit"] = _ask(app, method, url, world["secretariat"], **too_big)
        for what, status in tries.items():
            if status >= 400 and str(status) not in declared:
                undeclared.append(f"{method.upper()} {path} {what}: {status} (declares {sorted(declared)})")
            assert status != 500, f"{method.upper()} {path} {what} answered 500"
    assert undeclared == []


def test_the_refusals_are_what_a_client_needs_to_handle(app: Flask, world: dict[str, Any]) -> None:
    by_operation = {(path, method): declared for path, method, declared in _operations()}
    assert {"401", "403", "404"} <= by_operation[("/meetings/{meeting_id}", "get")]
    assert {"400", "401", "403", "404", "409", "413"} <= by_operation[("/motions/{motion_id}/votes", "post")]
    assert "404" not in by_operation[("/committees", "get")], "a list with no record in its address"
