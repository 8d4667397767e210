"""Requisitions through the API: reading them and signing one."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from flask import Flask

from govapp import clock
from govapp.extensions import db
from govapp.services.requisitions import present_requisition
from tests.api.conftest import ApiClient
from tests.conftest import World
from tests.requisitions.helpers import requisition_signed_by
from tests.requisitions.helpers import user


def _requisition(app: Flask, world: World, signatures: int, presented_days_ago: int | None = None) -> int:
    today = clock.today()
    with app.app_context():
        requisition = requisition_signed_by(world, signatures, on=today - timedelta(days=(presented_days_ago or 0) + 1))
        if presented_days_ago is not None:
            present_requisition(
                user(world.email("chair")),
                requisition,
                presented_on=today - timedelta(days=presented_days_ago),
                today=today,
            )
        db.session.commit()
        return requisition.id


def test_a_member_signs_a_requisition_through_the_api_once(
    app: Flask, world: World, api_as: Callable[[str], ApiClient]
) -> None:
    requisition_id = _requisition(app, world, 8)
    last = api_as(world.accounts["member"][8])
    before = last.get(f"/requisitions/{requisition_id}", schema="Requisition")
    assert (before["signature_count"], before["signatures_needed"], before["valid"]) == (8, 9, False)
    after = last.post(f"/requisitions/{requisition_id}/signatures", schema="Requisition")
    assert (after["signature_count"], after["valid"]) == (9, True)
    again = last.post(f"/requisitions/{requisition_id}/signatures", status=409)
    assert "already signed" in again["error"]["message"]
    assert last.get(f"/requisitions/{requisition_id}")["signature_count"] == 9


def test_the_chair_and_the_secretariat_cannot_sign_through_the_api(
    app: Flask, world: World, api_as: Callable[[str], ApiClient]
) -> None:
    requisition_id = _requisition(app, world, 2)
    chair = api_as("chair").post(f"/requisitions/{requisition_id}/signatures", status=403)
    assert "The Chair cannot sign a requisition" in chair["error"]["message"]
    secretariat = api_as("secretariat").post(f"/requisitions/{requisition_id}/signatures", status=403)
    assert "You cannot sign a requisition" in secretariat["error"]["message"]


def test_an_overdue_requisition_says_so(app: Flask, world: World, api_as: Callable[[str], ApiClient]) -> None:
    requisition_id = _requisition(app, world, 9, presented_days_ago=20)
    listing = api_as("chair").get("/committees/cmr-panel/requisitions", schema="RequisitionList")
    (item,) = listing["requisitions"]
    assert item["id"] == requisition_id
    assert item["overdue"] is True
    assert item["stage"] == "overdue"
    presented = clock.today() - timedelta(days=20)
    assert item["call_deadline"] == (presented + timedelta(days=14)).isoformat()
    late = api_as(world.accounts["member"][10]).post(f"/requisitions/{requisition_id}/signatures", status=409)
    assert "presented to the Chair" in late["error"]["message"]


def test_starting_a_requisition_needs_its_purpose_and_business(
    api_as: Callable[[str], ApiClient],
) -> None:
    api = api_as("member")
    error = api.post("/committees/cmr-panel/requisitions", {"purpose": "Something"}, status=400)
    assert "Give 'business'" in error["error"]["message"]
    error = api_as("chair").post("/committees/cmr-panel/requisitions", {"purpose": "p", "business": "b"}, status=403)
    assert "The Chair cannot sign" in error["error"]["message"]
