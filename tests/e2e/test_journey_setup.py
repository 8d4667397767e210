"""A Board sets govapp up from an empty database, in real Chromium: one administrator made on the
command line adds the agencies, creates the Board and the CMR Panel, sets the Panel's standing orders
and standing items, imports twelve members, a Chair and the secretariat from a CSV file, and gives the
Board its Chair; the invited Chair sets a password and calls a meeting, signs its notice, and the
invited Professional Officer serves it. Every page is checked with axe."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

from flask import Flask
from sqlalchemy import select

from govapp.extensions import db
from govapp.models import NoticeService
from govapp.models import OutboxMessage

TODAY = date(2026, 11, 23)
ADMIN_PASSWORD = "harbour-violet-orchard-basalt"
CHAIR_PASSWORD = "thistle-cobalt-meadow-ember"
OFFICER_PASSWORD = "juniper-glacier-saffron-heron"
AGENCIES = [
    ("Belfast Health and Social Care Trust", "Health and Social Care Trust"),
    ("Police Service of Northern Ireland", "Police"),
    ("Education Authority", "Education"),
]


def _link_for(app: Flask, email: str) -> str:
    with app.app_context():
        body = db.session.scalar(
            select(OutboxMessage.body_text)
            .where(OutboxMessage.to_address == email, OutboxMessage.kind == "invitation")
            .order_by(OutboxMessage.id.desc())
        )
    assert body is not None, f"no invitation for {email}"
    found = re.search(r"https?://[^/\s]+(/welcome/\S+)", body)
    assert found, body
    return found.group(1)


def _accept(browsing: Any, path: str, password: str) -> None:
    browsing.goto(path)
    browsing.page.get_by_label("Create a password").fill(password)
    browsing.page.get_by_label("Confirm the password").fill(password)
    browsing.click("button", "Set my password")
    assert "Your password is set" in browsing.banner()


def test_a_board_sets_itself_up_from_an_empty_database(
    app: Flask, open_browser: Any, set_clock: Any, tmp_path: Path
) -> None:
    set_clock(TODAY)
    made = app.test_cli_runner().invoke(
        args=["create-admin", "--email", "admin@sbni.example.org", "--name", "Sam Ferris"],
        input=f"{ADMIN_PASSWORD}\n{ADMIN_PASSWORD}\n",
    )
    assert made.exit_code == 0, made.output

    admin = open_browser()
    admin.sign_in("admin@sbni.example.org", ADMIN_PASSWORD)
    page = admin.page

    # Agencies.
    for name, kind in AGENCIES:
        admin.goto("/admin/agencies")
        admin.click("link", "Add an agency")
        page.get_by_label("Name", exact=True).fill(name)
        page.get_by_label(kind, exact=True).check()
        admin.click("button", "Save the agency")
        assert f"{name} is saved" in admin.banner()

    # The Board and the Panel.
    for name, short, kind in (
        ("Safeguarding Board for Northern Ireland", "SBNI Board", "The Safeguarding Board"),
        ("Case Management Review Panel", "CMR Panel", "A panel of the Board"),
    ):
        admin.goto("/admin/committees")
        admin.click("link", "Create a committee")
        page.get_by_label("Name", exact=True).fill(name)
        page.get_by_label("Short name").fill(short)
        page.get_by_label(kind).check()
        admin.click("button", "Save the committee")
        assert f"{name} is saved" in admin.banner()

    # The Panel's standing orders: a bad figure is refused with words, then the right ones are saved.
    admin.click("link", "Change the standing orders")
    page.get_by_label("The quorum fraction").fill("3/2")
    admin.click("button", "Save the standing orders")
    assert "must be more than 0 and at most 1" in page.locator(".govuk-error-summary").inner_text()
    page.get_by_label("The quorum fraction").fill("2/3")
    page.get_by_label("The standing items").fill(
        "Apologies\nDeclarations of interest\nMinutes of the previous meeting\nMatters arising\nAny other business"
    )
    admin.click("button", "Save the standing orders")
    assert "standing orders of Case Management Review Panel are saved" in admin.banner()
    assert "Any other business" in page.locator("#orders").inner_text()

    # Twelve members, the Chair and the Professional Officer, from a CSV file.
    rows = ["name,email,agency,committee,role,start date"]
    for n in range(1, 13):
        agency = AGENCIES[n % 3][0]
        rows.append(f"Member {n:02},member{n:02}@sbni.example.org,{agency},CMR Panel,member,2026-04-01")
    rows.append("Morgan Adair,morgan.adair@sbni.example.org,Education Authority,CMR Panel,chair,1/4/2026")
    rows.append("Helen Nesbitt,helen.nesbitt@sbni.example.org,,CMR Panel,secretariat,1/4/2026")
    csv_file = tmp_path / "panel.csv"
    csv_file.write_text("\n".join(rows) + "\n", encoding="utf-8")
    admin.goto("/admin/import")
    page.get_by_label("CSV file").set_input_files(str(csv_file))
    admin.click("button", "Check the file")
    assert "Check the import" in page.get_by_role("heading", level=1).inner_text()
    assert page.locator("#import-rows tbody tr").count() == 14
    admin.click("button", "Import these people")
    assert "14 rows imported" in admin.banner()

    # The Board's Chair, invited by hand, then appointed from a date.
    admin.goto("/admin/accounts/invite")
    page.get_by_label("Full name").fill("Eileen Stewart")
    page.get_by_label("Email address").fill("eileen.stewart@sbni.example.org")
    admin.click("button", "Send the invitation")
    assert "Eileen Stewart is invited" in admin.banner()
    admin.goto("/admin/committees/sbni-board")
    admin.click("link", "Appoint the Chair")
    page.get_by_label("New Chair").select_option(label="Eileen Stewart (eileen.stewart@sbni.example.org)")
    page.get_by_label("Day").fill("1")
    page.get_by_label("Month").fill("4")
    page.get_by_label("Year").fill("2026")
    admin.click("button", "Appoint the Chair")
    assert "Eileen Stewart chairs Safeguarding Board for Northern Ireland" in admin.banner()
    admin.goto("/admin/committees/cmr-panel")
    assert "13 members today" in page.locator("main").inner_text()

    # The Panel's Chair accepts the invitation and calls a meeting.
    chair = open_browser()
    _accept(chair, _link_for(app, "morgan.adair@sbni.example.org"), CHAIR_PASSWORD)
    chair.sign_in("morgan.adair@sbni.example.org", CHAIR_PASSWORD)
    chair.goto("/committees/cmr-panel/meetings/new")
    chair.page.get_by_label("Day").fill("14")
    chair.page.get_by_label("Month").fill("1")
    chair.page.get_by_label("Year").fill("2027")
    chair.page.get_by_label("Start time").fill("10:00")
    chair.page.get_by_label("Where (optional)").fill("SBNI offices, Belfast")
    chair.click("button", "Save and send invites")
    assert "Thursday 14 January 2027" in chair.page.get_by_role("heading", level=1).inner_text()
    meeting_url = chair.page.url
    chair.click("link", "Agenda and papers")
    assert "Any other business" in chair.page.locator("main").inner_text(), "the standing items set by the admin"
    chair.goto(meeting_url.removeprefix(chair.base_url))
    chair.click("link", "Notice of meeting")
    chair.click("button", "Sign the notice")
    assert "You signed the notice" in chair.banner()

    # The Professional Officer accepts hers and serves the notice.
    officer = open_browser()
    _accept(officer, _link_for(app, "helen.nesbitt@sbni.example.org"), OFFICER_PASSWORD)
    officer.sign_in("helen.nesbitt@sbni.example.org", OFFICER_PASSWORD)
    officer.goto(meeting_url.removeprefix(officer.base_url))
    officer.click("link", "Notice of meeting")
    officer.click("button", "Serve the notice", exact=True)
    officer.click("button", "Serve the notice on every member")
    assert "Notice served on 13 members" in officer.banner()
    with app.app_context():
        assert db.session.query(NoticeService).count() == 13
