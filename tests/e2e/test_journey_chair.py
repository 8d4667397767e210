"""The Chair convenes, in real Chromium: schedules next year's meetings, builds the first agenda with a
paper, decides a late agenda request a member makes meanwhile, signs and serves the notice, despatches the
agenda pack, sees every deadline met on the meeting's page, and downloads the invite.

The clock reads Monday 22 March 2027: the agenda request deadline for 1 April 2027 (14 clear days) has
passed, and the notice deadline (7 clear days) has not. Every page is checked with axe.
"""

from __future__ import annotations

from datetime import date
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from icalendar import Calendar
from pypdf import PdfWriter

from tests.conftest import Demo

TODAY = date(2027, 3, 22)
FIRST_MEETING = "Thursday 1 April 2027"


def test_the_chair_convenes_a_meeting_of_next_reporting_year(
    open_browser: Any, demo: Demo, set_clock: Any, tmp_path: Path
) -> None:
    set_clock(TODAY)
    chair = open_browser()
    chair.sign_in(demo.email("chair"), demo.password)
    page = chair.page
    _the_boards_own_branding(page)

    # An empty reporting year: every usual date is still to be created.
    chair.goto("/committees/cmr-panel/schedule?year=2027")
    assert page.get_by_role("heading", level=1).inner_text() == "Meetings in 2027–28"
    assert "Not created yet" in page.locator("#proposals").inner_text()
    page.get_by_label("Where (optional)").fill("SBNI offices, Belfast, and online")
    chair.click("button", "Create the chosen meetings and send invites")
    # 1 April is too soon for members' agenda requests (14 clear days): the Chair confirms, with a reason.
    assert "has already passed" in page.locator(".govuk-error-summary").inner_text()
    page.get_by_label("I confirm these meetings are to be held on these dates", exact=False).check()
    page.get_by_label("Why they must be held on these dates").fill("The Panel meets on the first Thursday.")
    chair.click("button", "Create the chosen meetings and send invites")
    assert "12 meetings created" in chair.banner()
    chair.screenshot("schedule")

    chair.click("link", f"Meeting on {FIRST_MEETING}")
    meeting_url = page.url
    assert page.get_by_role("heading", level=1).inner_text().endswith(FIRST_MEETING)

    # The agenda: the standing items are there; the Chair adds the case for decision.
    chair.click("link", "Agenda and papers")
    chair.click("button", "Add an item")
    page.get_by_label("Title", exact=True).fill("Notification: Child A (Belfast Trust)")
    page.get_by_label("For decision").check()
    page.get_by_label("Presenter (optional)").fill("Dr Niamh Quinn")
    chair.click("button", "Save item")
    assert "added to the agenda" in chair.banner()
    agenda_url = page.url

    # A paper for the case: a real one-page PDF, checked by its content and structure.
    paper = tmp_path / "briefing.pdf"
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    with paper.open("wb") as handle:
        writer.write(handle)
    page.get_by_role("link", name="Upload a paper to item 5").click()
    chair.check()
    page.get_by_label("Paper", exact=True).set_input_files(str(paper))
    page.get_by_label("Title (optional)").fill("Briefing report")
    chair.click("button", "Upload paper")
    assert "Briefing report" in page.locator("#agenda-items").inner_text()

    # A member asks for an item after the deadline, in their own browser.
    member = open_browser()
    member.sign_in(demo.email("member"), demo.password)
    member.goto(agenda_url.removeprefix(member.base_url))
    member.click("button", "Ask for an agenda item")
    member.page.get_by_label("The matter you want on the agenda").fill("Learning from the Child B review")
    member.click("button", "Send agenda request to the Chair")
    assert "the Chair will decide whether to include it" in member.banner()

    # The Chair finds it on the home page and includes it.
    chair.goto("/")
    late = page.locator("#late-agenda-requests")
    assert "Learning from the Child B review" in late.inner_text()
    chair.screenshot("home-chair")
    late.get_by_role("link", name="Learning from the Child B review").click()
    chair.check()
    chair.click("button", "Record decision")  # nothing chosen: the error summary says what to do
    assert page.title().startswith("Error: ")
    assert page.locator(".govuk-error-summary").count() == 1
    page.get_by_label("Include it on the agenda").check()
    page.get_by_label("Reason", exact=True).fill("It bears on the Child A notification.")
    chair.click("button", "Record decision")
    assert "was included" in chair.banner()
    items = page.locator("#agenda-items").inner_text()
    assert "Notification: Child A (Belfast Trust)" in items and "Learning from the Child B review" in items
    chair.screenshot("agenda")

    # Sign the notice, then serve it on every member.
    page.goto(meeting_url)
    chair.check()
    chair.click("link", "Notice of meeting")
    chair.click("button", "Sign the notice")
    assert "You signed the notice" in chair.banner()
    chair.click("button", "Serve the notice", exact=True)
    assert "Notice is on time if served by" in page.locator("main").inner_text()
    chair.click("button", "Serve the notice on every member")
    assert "Notice served on 12 members" in chair.banner()
    chair.screenshot("notice")

    # The agenda pack goes after it: the agenda and links to the papers, never the papers themselves.
    chair.click("button", "Despatch the agenda and papers")  # the notice page's button to the pack page
    chair.click("button", "Despatch the agenda and papers")  # the pack page's form
    assert "despatched" in chair.banner().lower()

    # Every deadline on the way, from the standing orders, on the meeting's page.
    page.goto(meeting_url)
    chair.check()
    deadlines = page.locator("#deadlines").inner_text()
    for line in (
        "Wednesday 17 March 2027",  # agenda requests on time (14 clear days)
        "Wednesday 24 March 2027",  # notice (7 clear days)
        "Thursday 25 March 2027",  # agenda and papers (7 days)
    ):
        assert line in deadlines, line
    notice_row = page.locator("#deadlines tr", has_text="Notice of meeting served").inner_text()
    papers_row = page.locator("#deadlines tr", has_text="Agenda and papers despatched").inner_text()
    assert "Met" in notice_row and "Met" in papers_row

    # The invite, parsed back.
    page.goto(meeting_url)
    chair.check()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Add to calendar (.ics file)").click()
    saved = tmp_path / "invite.ics"
    download_info.value.save_as(saved)
    event = next(iter(Calendar.from_ical(saved.read_bytes()).walk("VEVENT")))
    starts = event.decoded("DTSTART")
    assert isinstance(starts, datetime)
    assert starts.astimezone(ZoneInfo("Europe/London")) == datetime(2027, 4, 1, 10, 0, tzinfo=ZoneInfo("Europe/London"))
    assert "CMR Panel" in str(event["SUMMARY"])
    assert "SBNI offices" in str(event["LOCATION"])


def _the_boards_own_branding(page: Any) -> None:
    """The Board's name and colours, never GOV.UK's crown, logo or GDS Transport font."""
    assert page.locator("header svg, header img, .govuk-header__logotype").count() == 0, "no crown or logo"
    assert "GOV.UK" not in page.locator("header").inner_text()
    assert page.locator(".app-header__mark").inner_text() == "Safeguarding Board for Northern Ireland"
    font = page.evaluate("() => getComputedStyle(document.querySelector('h1')).fontFamily")
    assert "arial" in font.lower() and "transport" not in font.lower()
