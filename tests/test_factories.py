"""The shared factories build what their names say, through the services."""

from __future__ import annotations

from datetime import date

from flask import Flask

from govapp.extensions import db
from govapp.models import MemberRole
from govapp.services.accounts import authenticate
from tests.conftest import sign_in
from tests.factories import Login
from tests.factories import make_account
from tests.factories import make_committee
from tests.factories import make_item
from tests.factories import make_meeting
from tests.factories import make_motion


def test_make_committee_appoints_a_chair_members_and_a_secretariat_officer(app_ctx: Flask) -> None:
    setup = make_committee(members=3, name="Case Review Panel")
    db.session.commit()
    on_duty = setup.committee.members_on(date(2026, 11, 23))
    assert setup.committee.name == "Case Review Panel"
    assert len(on_duty) == 4
    assert [m.role for m in on_duty].count(MemberRole.CHAIR) == 1
    assert setup.secretariat is not None
    assert setup.everyone[0] is setup.chair.person


def test_make_account_can_sign_in(app_ctx: Flask) -> None:
    account = make_account(full_name="Rowan Example", email="rowan@example.org")
    db.session.commit()
    assert authenticate("rowan@example.org", account.password) == account.user


def test_make_meeting_item_and_motion(app_ctx: Flask, on_the_meeting_day: object) -> None:
    """A motion is proposed at the meeting, so on its day."""
    setup = make_committee(members=2)
    meeting = make_meeting(setup.committee, on=date(2026, 12, 3))
    item = make_item(meeting, "Notification: Child A")
    motion = make_motion(item, proposer=setup.members[0].person, seconder=setup.members[1].person)
    db.session.commit()
    assert meeting.meeting_date == date(2026, 12, 3)
    assert item in meeting.agenda_items
    assert motion.agenda_item_id == item.id


def test_member_login_signs_in_through_the_page(app: Flask, member_login: Login) -> None:
    assert sign_in(app.test_client(), member_login.email, member_login.password).status_code == 302
