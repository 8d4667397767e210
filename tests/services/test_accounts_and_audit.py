"""Services change the record and write the audit record: who, when, what, before and after."""

from __future__ import annotations

from datetime import date

import pytest
from flask import Flask
from sqlalchemy import select

from govapp.extensions import db
from govapp.models import AuditEvent
from govapp.models import MemberRole
from govapp.services import ConflictError
from govapp.services import ServiceError
from govapp.services.accounts import add_person
from govapp.services.accounts import authenticate
from govapp.services.accounts import create_account
from govapp.services.committees import appoint_member
from govapp.services.committees import authorise_signatory
from govapp.services.committees import create_committee


def test_creating_an_account_is_audited_without_the_password_hash(app_ctx: Flask) -> None:
    admin_person = add_person(None, full_name="Ada Admin", email="Ada.Admin@Example.org ")
    admin = create_account(None, admin_person, "granite-heron-linen-falcon", is_admin=True)
    person = add_person(admin, full_name="Bea Member", email="bea@example.org")
    user = create_account(admin, person, "quartz-meadow-ember-willow")
    db.session.commit()

    assert admin_person.email == "ada.admin@example.org"
    event = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "create_account").order_by(AuditEvent.id)
    ).all()[-1]
    assert event.actor_id == admin.id
    assert event.actor_label == "ada.admin@example.org"
    assert event.entity_type == "User"
    assert event.entity_id == user.id
    assert event.after is not None
    assert "password_hash" not in event.after
    assert event.occurred_at.tzinfo is not None


def test_authenticate_accepts_any_case_of_email_and_refuses_a_disabled_account(app_ctx: Flask) -> None:
    person = add_person(None, full_name="Cara Secretariat", email="cara@example.org")
    user = create_account(None, person, "saffron-orchard-basalt")
    db.session.commit()
    assert authenticate("  CARA@example.org", "saffron-orchard-basalt") == user
    assert authenticate("cara@example.org", "wrong-but-long-enough") is None
    user.active = False
    db.session.commit()
    assert authenticate("cara@example.org", "saffron-orchard-basalt") is None


def test_a_second_person_with_the_same_email_is_a_conflict(app_ctx: Flask) -> None:
    add_person(None, full_name="Dee One", email="dee@example.org")
    with pytest.raises(ConflictError, match="already recorded"):
        add_person(None, full_name="Dee Two", email="DEE@example.org")


def test_a_committee_has_one_chair_at_a_time(app_ctx: Flask) -> None:
    panel = create_committee(None, name="Test Panel", short_name="Test Panel")
    first = add_person(None, full_name="First Chair", email="first@example.org")
    second = add_person(None, full_name="Second Chair", email="second@example.org")
    appoint_member(
        None, panel, first, role=MemberRole.CHAIR, agency=None, starts_on=date(2026, 1, 1), ends_on=date(2026, 6, 30)
    )
    with pytest.raises(ConflictError, match="already has a Chair"):
        appoint_member(None, panel, second, role=MemberRole.CHAIR, agency=None, starts_on=date(2026, 6, 1))
    # After the first Chair's term ends, a new Chair may start.
    appoint_member(None, panel, second, role=MemberRole.CHAIR, agency=None, starts_on=date(2026, 7, 1))
    assert panel.chair_on(date(2026, 3, 1)).person == first
    assert panel.chair_on(date(2026, 8, 1)).person == second


def test_only_the_chair_can_authorise_someone_to_sign_notices(app_ctx: Flask) -> None:
    panel = create_committee(None, name="Test Panel", short_name="Test Panel")
    chair = add_person(None, full_name="Chair Person", email="chair@example.org")
    member = add_person(None, full_name="Member Person", email="member@example.org")
    officer = add_person(None, full_name="Professional Officer", email="po@example.org")
    appoint_member(None, panel, chair, role=MemberRole.CHAIR, agency=None, starts_on=date(2026, 1, 1))
    appoint_member(None, panel, member, agency="An agency", starts_on=date(2026, 1, 1))
    with pytest.raises(ServiceError, match="Only the Chair"):
        authorise_signatory(None, panel, officer, granted_by=member, starts_on=date(2026, 2, 1))
    authorisation = authorise_signatory(
        None, panel, officer, granted_by=chair, starts_on=date(2026, 2, 1), ends_on=date(2026, 3, 31)
    )
    assert authorisation.is_current(date(2026, 3, 31))
    assert not authorisation.is_current(date(2026, 4, 1))


def test_a_period_that_ends_before_it_starts_is_refused(app_ctx: Flask) -> None:
    panel = create_committee(None, name="Test Panel", short_name="Test Panel")
    person = add_person(None, full_name="Some One", email="someone@example.org")
    with pytest.raises(ServiceError, match="end date"):
        appoint_member(None, panel, person, agency=None, starts_on=date(2026, 5, 1), ends_on=date(2026, 4, 1))
