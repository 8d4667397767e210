"""The audit record is tamper-evident, and refusals are kept in it as security events."""

from __future__ import annotations

import itertools

from flask import Flask
from sqlalchemy import delete
from sqlalchemy import select
from sqlalchemy import update

from govapp.audit_chain import GENESIS
from govapp.audit_chain import content_hash
from govapp.audit_chain import first_broken_link
from govapp.extensions import db
from govapp.models import AuditEvent
from govapp.services.accounts import add_person
from govapp.services.accounts import authenticate
from govapp.services.accounts import create_account
from govapp.services.audit import SECURITY
from govapp.services.audit import verify_chain
from tests.conftest import sign_in

PASSWORD = "granite-heron-linen-falcon"


def _some_history() -> list[AuditEvent]:
    admin = create_account(None, add_person(None, full_name="Ada Admin", email="ada@example.org"), PASSWORD)
    for n in range(3):
        add_person(admin, full_name=f"Person {n}", email=f"person{n}@example.org")
    db.session.commit()
    return list(db.session.scalars(select(AuditEvent).order_by(AuditEvent.id)))


def test_each_record_carries_the_hash_of_its_content_and_of_the_record_before(app_ctx: Flask) -> None:
    events = _some_history()
    assert len(events) == 5
    assert events[0].previous_hash == GENESIS
    for earlier, later in itertools.pairwise(events):
        assert later.previous_hash == earlier.content_hash
    assert len({e.content_hash for e in events}) == 5
    assert verify_chain() == (5, None)


def test_an_edited_record_is_found_by_verify(app_ctx: Flask) -> None:
    events = _some_history()
    db.session.execute(
        update(AuditEvent).where(AuditEvent.id == events[2].id).values(actor_label="someone-else@example.org")
    )
    db.session.commit()
    count, broken = verify_chain()
    assert broken is not None
    assert broken.record_id == events[2].id
    assert "content does not match" in broken.reason
    assert count == 3


def test_a_removed_record_is_found_at_the_record_after_it(app_ctx: Flask) -> None:
    events = _some_history()
    db.session.execute(delete(AuditEvent).where(AuditEvent.id == events[1].id))
    db.session.commit()
    _count, broken = verify_chain()
    assert broken is not None
    assert broken.record_id == events[2].id
    assert "does not follow" in broken.reason


def test_the_command_reports_a_whole_record_and_then_the_first_broken_link(app: Flask) -> None:
    with app.app_context():
        events = _some_history()
    runner = app.test_cli_runner()
    whole = runner.invoke(args=["audit", "verify"])
    assert whole.exit_code == 0
    assert "The audit record is whole: 5 records" in whole.output
    with app.app_context():
        db.session.execute(update(AuditEvent).where(AuditEvent.id == events[3].id).values(after={"email": "x"}))
        db.session.commit()
    broken = runner.invoke(args=["audit", "verify"])
    assert broken.exit_code == 1
    assert f"broken at record {events[3].id}" in broken.output


def test_the_chain_is_pure_and_refuses_a_reordering() -> None:
    first = {"id": 1, "occurred_at": None, "actor_id": None, "actor_label": "a", "committee_id": None}
    first |= {"action": "x", "entity_type": "T", "entity_id": 1, "before": None, "after": {"b": 1, "a": 2}}
    first |= {"previous_hash": GENESIS}
    first["content_hash"] = content_hash(first)
    second = {**first, "id": 2, "previous_hash": first["content_hash"]}
    second["content_hash"] = content_hash(second)
    assert first_broken_link([first, second]) is None
    assert first_broken_link([second, first]) is not None
    # Key order in the JSON columns does not change the hash.
    assert content_hash({**first, "after": {"a": 2, "b": 1}}) == first["content_hash"]


def test_a_failed_sign_in_is_a_security_event_without_the_password(app: Flask, client) -> None:  # type: ignore[no-untyped-def]
    with app.app_context():
        create_account(None, add_person(None, full_name="Bea Member", email="bea@example.org"), PASSWORD)
        db.session.commit()
    sign_in(client, "bea@example.org", "not-the-password-at-all")
    sign_in(client, "nobody@example.org", "not-the-password-at-all")
    with app.app_context():
        events = db.session.scalars(
            select(AuditEvent).where(AuditEvent.entity_type == SECURITY).order_by(AuditEvent.id)
        ).all()
        assert [(e.action, e.actor_label, (e.after or {}).get("reason")) for e in events] == [
            ("sign_in_failed", "bea@example.org", "wrong password"),
            ("sign_in_failed", "nobody@example.org", "no such account"),
        ]
        assert all("not-the-password" not in str(e.after) for e in events)
        assert verify_chain()[1] is None


def test_a_refused_page_is_a_security_event_naming_who_and_where(app: Flask, client) -> None:  # type: ignore[no-untyped-def]
    with app.app_context():
        create_account(None, add_person(None, full_name="Bea Member", email="bea@example.org"), PASSWORD)
        db.session.commit()
    sign_in(client, "bea@example.org", PASSWORD)
    assert client.get("/admin/accounts").status_code == 403
    with app.app_context():
        event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "access_refused")).one()
        assert event.entity_type == SECURITY
        assert event.actor_label == "bea@example.org"
        assert event.after is not None
        assert event.after["path"] == "/admin/accounts"
        assert event.after["status"] == 403
        assert "administrator" in event.after["message"]
        assert authenticate("bea@example.org", PASSWORD) is not None
