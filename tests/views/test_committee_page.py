"""The committee page: its members and its standing-order figures, from the rules engine."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from govapp import rules
from tests.conftest import Demo, get_page, sign_in


def _summary(page_soup, list_id: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    summary = page_soup.find(id=list_id)
    assert summary is not None
    return {
        row.find("dt").get_text(" ", strip=True): row.find("dd").get_text(" ", strip=True)
        for row in summary.find_all(class_="govuk-summary-list__row")
    }


def test_a_member_sees_the_panel_its_members_and_figures(client: FlaskClient, demo: Demo) -> None:
    sign_in(client, demo.email("member"), demo.password)
    page = get_page(client, "/committees/cmr-panel", title="Case Management Review Panel")
    figures = _summary(page.soup, "standing-order-figures")
    # The demo Panel: the Chair and 11 members.
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


def test_the_next_meetings_deadlines_come_from_the_rules(client: FlaskClient, demo: Demo) -> None:
    sign_in(client, demo.email("secretariat"), demo.password)
    page = get_page(client, "/committees/cmr-panel")
    heading = next(h for h in page.soup.find_all("h2") if h.get_text().startswith("Next meeting"))
    deadlines = _summary(page.soup, "next-meeting-deadlines")
    # The demo's next meeting after 23 November 2026 is Thursday 3 December 2026 (worked example).
    # The suite's clock reads 23 November 2026: the next meeting is Thursday 3 December 2026 (worked example).
    assert heading.get_text(strip=True) == "Next meeting: Thursday 3 December 2026"
    assert deadlines["Notice to be served by"] == "Wednesday 25 November 2026"
    assert deadlines["Agenda requests on time until"] == "Wednesday 18 November 2026"
    assert deadlines["Agenda and papers despatched by"] == "Thursday 26 November 2026"
    # 21 working days after 3 December 2026, skipping Christmas, Boxing Day (on the 28th) and New Year's Day.
    assert deadlines["Draft minutes circulated by"] == "Wednesday 6 January 2027"


def test_an_officer_cannot_see_the_committee_page(client: FlaskClient, demo: Demo) -> None:
    sign_in(client, demo.email("officer"), demo.password)
    page = get_page(client, "/committees/cmr-panel", status=403)
    assert "You cannot see the committee" in page.text()


def test_an_unknown_committee_is_a_404_with_words(client: FlaskClient, demo: Demo) -> None:
    sign_in(client, demo.email("member"), demo.password)
    page = get_page(client, "/committees/no-such-panel", status=404)
    assert "There is no such committee." in page.text()


def test_the_home_page_lists_upcoming_meetings(app: Flask, demo: Demo) -> None:
    client = app.test_client()
    sign_in(client, demo.email("chair"), demo.password)
    page = get_page(client, "/")
    next_meetings = page.soup.find("h2", string="Your next meetings").find_next("table").get_text(" ", strip=True)
    assert next_meetings.index("Thursday 3 December 2026") < next_meetings.index("Thursday 7 January 2027")
    assert "Thursday 5 November 2026" not in next_meetings  # past meetings are not listed


def test_the_chair_reads_the_audit_record_of_downloads_and_a_member_cannot(client: FlaskClient, demo: Demo) -> None:
    sign_in(client, demo.email("secretariat"), demo.password)
    assert client.get("/committees/cmr-panel/action-log.docx").status_code == 200
    chair = client.application.test_client()
    sign_in(chair, demo.email("chair"), demo.password)
    page = get_page(chair, "/committees/cmr-panel/audit?show=downloads", title="Audit record: CMR Panel")
    rows = page.soup.find(id="audit-events").find("tbody").find_all("tr")
    assert len(rows) == 1
    assert "download action log" in rows[0].get_text(" ", strip=True)
    assert demo.email("secretariat") in rows[0].get_text(" ", strip=True)
    member = client.application.test_client()
    sign_in(member, demo.email("member"), demo.password)
    get_page(member, "/committees/cmr-panel/audit", status=403)
