"""Every page and API list costs the same whatever the history behind it: each one's SQL statements are
counted on a committee with one year of meetings and on one with ten years."""

from __future__ import annotations

from datetime import time
from datetime import timedelta
from typing import Any

from flask import Flask
from sqlalchemy import select

from govapp.extensions import db
from govapp.models import Meeting
from govapp.models import MeetingStatus
from govapp.models import TokenKind
from govapp.models import WhenAndWhere
from govapp.services.convening import schedule_meeting
from govapp.services.tokens import create_token
from tests.conftest import sign_in
from tests.factories import make_committee
from tests.views.test_home_statements import TODAY
from tests.views.test_home_statements import _history
from tests.views.test_home_statements import counted

PAGES = {
    "chair": [
        "/committees/{slug}",
        "/meetings/{next}",
        "/meetings/{next}/agenda",
        "/meetings/{next}/notice",
        "/meetings/{held}/minutes",
        "/committees/{slug}/requisitions",
        "/committees/{slug}/schedule",
        "/committees/{slug}/cases",
        "/committees/{slug}/audit",
    ],
    "secretariat": ["/meetings/{held}/console", "/committees/{slug}/outbox"],
    "api": [
        "/api/v1/committees",
        "/api/v1/committees/{slug}",
        "/api/v1/committees/{slug}/meetings",
        "/api/v1/meetings/{next}",
        "/api/v1/meetings/{next}/agenda-items",
        "/api/v1/committees/{slug}/requisitions",
        "/api/v1/committees/{slug}/cases",
    ],
}


def _committee(app: Flask, years: int, name: str) -> dict[str, Any]:
    with app.app_context():
        setup = make_committee(members=8, name=name, short_name=name, chair_name=f"{name} Chair")
        _history(setup, TODAY.replace(year=TODAY.year - years, day=3), TODAY - timedelta(days=30))
        for offset in (10, 45):
            schedule_meeting(None, setup.committee, WhenAndWhere(TODAY + timedelta(days=offset), time(10)))
        db.session.flush()
        meetings = list(
            db.session.scalars(
                select(Meeting).where(Meeting.committee_id == setup.committee.id).order_by(Meeting.meeting_date)
            )
        )
        held = [m for m in meetings if m.status == MeetingStatus.HELD][-1]
        upcoming = next(m for m in meetings if m.meeting_date >= TODAY)
        assert setup.secretariat is not None
        token = create_token(setup.chair.user, TokenKind.API, "statements")[1]
        db.session.commit()
        return {
            "slug": setup.committee.slug,
            "next": upcoming.id,
            "held": held.id,
            "chair": setup.chair.login,
            "secretariat": setup.secretariat.login,
            "token": token,
        }


def _statements(app: Flask, world: dict[str, Any]) -> dict[str, int]:
    found: dict[str, int] = {}
    for who, paths in PAGES.items():
        client = app.test_client()
        headers = {}
        if who == "api":
            headers = {"Authorization": f"Bearer {world['token']}"}
        else:
            login = world[who]
            assert sign_in(client, login.email, login.password).status_code == 302
            client.get("/")  # the first page of a session settles it
        for template in paths:
            path = template.format(**world)
            with counted(app) as statements:
                answer = client.get(path, headers=headers)
            assert answer.status_code == 200, (path, answer.status_code)
            found[template] = len(statements)
    return found


def test_every_page_and_api_list_runs_the_same_statements_with_one_year_and_ten_years(app: Flask) -> None:
    one_year = _statements(app, _committee(app, 1, "Recent Panel"))
    ten_years = _statements(app, _committee(app, 10, "Long Panel"))
    grown = {page: (one_year[page], ten_years[page]) for page in one_year if one_year[page] != ten_years[page]}
    assert grown == {}, f"statements (one year, ten years) that grew with the history: {grown}"
