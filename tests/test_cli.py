"""The command line: creating an administrator and loading the demo data."""

from __future__ import annotations

from datetime import date

from flask import Flask
from sqlalchemy import func
from sqlalchemy import select

from govapp.extensions import db
from govapp.models import Case
from govapp.models import Committee
from govapp.models import Meeting
from govapp.models import User
from tests.conftest import get_page
from tests.conftest import sign_in


def test_create_admin_makes_an_admin_who_can_sign_in(app: Flask) -> None:
    runner = app.test_cli_runner()
    result = runner.invoke(
        args=["create-admin", "--email", "Root@Example.org", "--name", "Rhona Root"],
        input="granite-heron-linen-falcon\ngranite-heron-linen-falcon\n",
    )
    assert result.exit_code == 0, result.output
    assert "Administrator account created for root@example.org" in result.output
    client = app.test_client()
    assert sign_in(client, "root@example.org", "granite-heron-linen-falcon").status_code == 302
    get_page(client, "/admin/accounts", title="Accounts")


def test_create_admin_refuses_a_common_password_and_saves_nothing(app: Flask) -> None:
    result = app.test_cli_runner().invoke(
        args=["create-admin", "--email", "root@example.org", "--name", "Rhona Root"],
        input="password1234\npassword1234\n",
    )
    assert result.exit_code != 0
    assert "too common" in result.output
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(User)) == 0


def test_load_demo_fills_an_empty_database_once(app: Flask) -> None:
    runner = app.test_cli_runner()
    first = runner.invoke(args=["load-demo", "--if-empty"])
    assert first.exit_code == 0, first.output
    assert "Demo data loaded" in first.output
    again = runner.invoke(args=["load-demo", "--if-empty"])
    assert again.exit_code == 0
    assert "not loaded" in again.output
    refused = runner.invoke(args=["load-demo"])
    assert refused.exit_code != 0
    assert "already has data" in refused.output
    with app.app_context():
        committees = {c.short_name: c for c in db.session.scalars(select(Committee))}
        assert set(committees) == {"CMR Panel", "SBNI Board"}
        assert committees["SBNI Board"].kind.value == "board"
        assert committees["SBNI Board"].chair_on(date(2026, 11, 23)) is not None
        meetings = db.session.scalars(
            select(Meeting).where(Meeting.committee_id == committees["CMR Panel"].id).order_by(Meeting.meeting_date)
        ).all()
        # A reporting year of first-Thursday meetings, each on a working day.
        assert len(meetings) == 12
        assert all(m.meeting_date.weekday() == 3 for m in meetings)
        board_meetings = list(committees["SBNI Board"].meetings)
        assert len(board_meetings) == 4 and all(m.meeting_date.weekday() == 2 for m in board_meetings)
        cases = db.session.scalars(select(Case)).all()
        assert len(cases) == 23 and sum(len(c.notifications) for c in cases) == 24
        assert len({n.agency.name for c in cases for n in c.notifications if c.pseudonym == "Child A"}) == 2
        panel_members = committees["CMR Panel"].members_on(date(2026, 11, 23))
        assert all(m.represents is not None for m in panel_members if m.role.value == "member")
    sign_ins = runner.invoke(args=["demo-sign-ins"])
    assert "morgan.adair@example.org" in sign_ins.output
