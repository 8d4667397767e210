"""The committee page: its members and its standing-order figures, from the rules engine."""

from __future__ import annotations

from datetime import date

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from govapp import rules
from govapp.extensions import db
from govapp.models import Committee
from tests.conftest import get_page
from tests.conftest import sign_in
from tests.factories import SignIns
from tests.factories import make_meeting
from tests.factories import make_sign_ins


@pytest.fixture
def panel(app: Flask) -> SignIns:
    """The CMR Panel: the Chair and 11 members, its secretariat officer and an officer in attendance,
    with meetings on Thursdays 5 November 2026 (past), 3 December 2026 (the worked example) and
    7 January 2027."""
    with app.app_context():
        sign_ins = make_sign_ins(members=11)
        committee = db.session.scalars(select(Committee)).one()
        for day in (date(2026, 11, 5), date(2026, 12, 3), date(2027, 1, 7)):
            make_meeting(committee, on=day, today=date(2026, 10, 1))
        db.session.commit()
        db.session.remove()
    return sign_ins


def _summary(page_soup, list_id: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    summary = page_soup.find(id=list_id)
    assert summary is not None
    return {
        row.find("dt").get_text(" ", strip=True): row.find("dd").get_text(" ", strip=True)
        for row in summary.find_all(class_="govuk-summary-list__row")
    }


def test_a_member_sees_the_panel_its_members_and_figures(client: FlaskClient, panel: SignIns) -> None:
    sign_in(client, panel.email("member"), panel.password)
    page = get_page(client, "/committees/cmr-panel", title="Case Management Review Panel")
    figures = _summary(page.soup, "standing-order-figures")
    # The Panel: the Chair and 11 members.
    assert figures["Members (the Chair included)"] == "12"
    assert figures["Quorum"] == f"{rules.quorum_required(12)} members present, including the Chair"
    assert figures["Quorum"].startswith("8 ")
    assert figures["Signatures needed on a requisition"] == "9"
    assert "7 clear days" in figures["Notice of meeting"]
    assert "14 clear days" in figures["Agenda requests"]
    members = page.soup.find(id="members")
    rows = members.find("tbody").find_all("tr")
    assert len(rows) == 12
    assert "Chair" in rows[0].get_text(" ", strip=True)


def test_the_next_meetings_deadlines_come_from_the_rules(client: FlaskClient, panel: SignIns) -> None:
    sign_in(client, panel.email("secretariat"), panel.password)
    page = get_page(client, "/committees/cmr-panel")
    heading = next(h for h in page.soup.find_all("h2") if h.get_text().startswith("Next meeting"))
    deadlines = _summary(page.soup, "next-meeting-deadlines")
    # The Panel's next meeting after 23 November 2026 is Thursday 3 December 2026 (worked example).
    # The suite's clock reads 23 November 2026: the next meeting is Thursday 3 December 2026 (worked example).
    assert heading.get_text(strip=True) == "Next meeting: Thursday 3 December 2026"
    assert deadlines["Notice to be served by"] == "Wednesday 25 November 2026"
    assert deadlines["Agenda requests on time until"] == "Wednesday 18 November 2026"
    assert deadlines["Agenda and papers despatched by"] == "Thursday 26 November 2026"
    # 21 working days after 3 December 2026, skipping Christmas, Boxing Day (on the 28th) and New Year's Day.
    assert deadlines["Draft minutes circulated by"] == "Wednesday 6 January 2027"


def test_an_officer_cannot_see_the_committee_page(client: FlaskClient, panel: SignIns) -> None:
    sign_in(client, panel.email("officer"), panel.password)
    page = get_page(client, "/committees/cmr-panel", status=403)
    assert "You cannot see the committee" in page.text()


def test_an_unknown_committee_is_a_404_with_words(client: FlaskClient, panel: SignIns) -> None:
    sign_in(client, panel.email("member"), panel.password)
    page = get_page(client, "/committees/no-such-panel", status=404)
    assert "There is no such committee." in page.text()


def test_the_home_page_lists_upcoming_meetings(app: Flask, panel: SignIns) -> None:
    client = app.test_client()
    sign_in(client, panel.email("chair"), panel.password)
    page = get_page(client, "/")
    next_meetings = page.soup.find("h2", string="Your next meetings").find_next("table").get_text(" ", strip=True)
    assert next_meetings.index("Thursday 3 December 2026") < next_meetings.index("Thursday 7 January 2027")
    assert "Thursday 5 November 2026" not in next_meetings  # past meetings are not listed


def test_the_chair_reads_the_audit_record_of_downloads_and_a_member_cannot(client: FlaskClient, panel: SignIns) -> None:
    sign_in(client, panel.email("secretariat"), panel.password)
    assert client.get("/committees/cmr-panel/action-log.docx").status_code == 200
    chair = client.application.test_client()
    sign_in(chair, panel.email("chair"), panel.password)
    page = get_page(chair, "/committees/cmr-panel/audit?show=downloads", title="Audit record: CMR Panel")
    rows = page.soup.find(id="audit-events").find("tbody").find_all("tr")
    assert len(rows) == 1
    assert "download action log" in rows[0].get_text(" ", strip=True)
    assert panel.email("secretariat") in rows[0].get_text(" ", strip=True)
    member = client.application.test_client()
    sign_in(member, panel.email("member"), panel.password)
    get_page(member, "/committees/cmr-panel/audit", status=403)


def test_the_committee_page_lists_one_reporting_year_of_meetings_at_a_time(app: Flask, panel: SignIns) -> None:
    with app.app_context():
        committee = db.session.scalars(select(Committee)).one()
        make_meeting(committee, on=date(2025, 6, 5), today=date(2025, 5, 1))
        db.session.commit()
    client = app.test_client()
    sign_in(client, panel.email("chair"), panel.password)
    page = get_page(client, "/committees/cmr-panel")
    table = page.soup.find("h3", id="meetings-year").find_next("table").get_text(" ", strip=True)
    assert "Meetings in 2026–27" in page.text()
    assert "Thursday 3 December 2026" in table and "Thursday 5 June 2025" not in table
    earlier = get_page(client, "/committees/cmr-panel?year=2025")
    table = earlier.soup.find("h3", id="meetings-year").find_next("table").get_text(" ", strip=True)
    assert "Thursday 5 June 2025" in table and "Thursday 3 December 2026" not in table
    assert "/committees/cmr-panel?year=2024" in earlier.html and "/committees/cmr-panel?year=2026" in earlier.html
