"""The secretariat's journey in real Chromium: at the meeting of 1 October 2026, the roll call, a declaration
of interest, a motion carried by a majority, a motion put to a show of hands that ties, and the Chair's
casting vote (in the Chair's own browser); then the draft minutes started, written and circulated, and, the
next meeting (5 November 2026) having taken place, approved and signed by the Chair. Every page is checked
with axe.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from flask import Flask
from sqlalchemy import select

from govapp.extensions import db
from govapp.models import AgendaItem
from govapp.models import Meeting
from govapp.models import Person
from tests.conftest import DEMO_TODAY
from tests.conftest import Demo

OCTOBER = date(2026, 10, 1)
MOTION = "That the Panel recommends to the Board that a Case Management Review is commissioned"


@dataclass
class Setting:
    meeting_id: int
    item_position: int
    chair: str
    members: list[str]  # members other than the Chair, by name


def _october_with_a_case(app: Flask, demo: Demo) -> Setting:
    """The demo's meeting of 1 October 2026 (held) with a case for decision added after the standing items."""
    with app.app_context():
        meeting = db.session.scalar(select(Meeting).where(Meeting.meeting_date == OCTOBER))
        assert meeting is not None
        item = AgendaItem(meeting=meeting, position=len(meeting.agenda_items) + 1, title="Notification: Child D")
        db.session.add(item)
        db.session.add(AgendaItem(meeting=meeting, position=item.position + 1, title="Notification: Child E"))
        db.session.commit()

        def name(email: str) -> str:
            person = db.session.scalar(select(Person).where(Person.email == email))
            assert person is not None
            return person.full_name

        setting = Setting(
            meeting.id, item.position, name(demo.email("chair")), [name(e) for e in demo.accounts["member"]]
        )
        db.session.remove()
    return setting


def _approved_at_the_next_meeting(app: Flask, demo: Demo, day: date) -> None:
    from datetime import UTC
    from datetime import datetime
    from datetime import time

    from govapp.models import Attendance
    from govapp.models import Meeting
    from govapp.models import OutcomeKind
    from govapp.models import Person
    from govapp.services.outcomes import record_outcome
    from govapp.services.proceedings import record_attendance

    with app.app_context():
        meeting = db.session.scalar(select(Meeting).where(Meeting.meeting_date == day))
        assert meeting is not None
        secretary = db.session.scalar(select(Person).where(Person.email == demo.email("secretariat")))
        assert secretary is not None and secretary.account is not None
        for membership in meeting.committee.members_on(day):
            record_attendance(secretary.account, meeting, membership.person, Attendance.PRESENT, arrived_at=time(10))
        item = next(i for i in meeting.agenda_items if i.approves_previous_minutes)
        text = "The minutes of the meeting on 1 October 2026 were agreed as a correct record."
        record_outcome(
            secretary.account, item, OutcomeKind.DECISION, text, now=datetime(2026, 11, 5, 10, 15, tzinfo=UTC)
        )
        db.session.commit()
        db.session.remove()


def test_the_secretariat_records_the_meeting_and_the_minutes_are_circulated_approved_and_signed(
    app: Flask, open_browser: Any, demo: Demo, set_clock: Any
) -> None:
    set_clock(DEMO_TODAY)
    setting = _october_with_a_case(app, demo)
    secretary = open_browser()
    secretary.sign_in(demo.email("secretariat"), demo.password)
    page = secretary.page
    assert "Draft minutes due" in page.locator("main").inner_text()
    secretary.screenshot("home-secretariat")

    secretary.goto(f"/meetings/{setting.meeting_id}")
    secretary.click("link", "Meeting console: attendance, declarations, votes and outcomes")
    console_url = page.url

    # Roll call: the Chair and nine members present, two members absent.
    present, absent = setting.members[:9], setting.members[9:]
    secretary.click("button", "Record the roll call")  # a link, styled as a button
    roll_call = page.locator("main form").first
    roll_call.get_by_role("group", name=f"{setting.chair} (Chair)").get_by_label("Present").check()
    for name in present:
        roll_call.get_by_role("group", name=name, exact=True).get_by_label("Present").check()
    for name in absent:
        roll_call.get_by_role("group", name=name, exact=True).get_by_label("Absent").check()
    secretary.click("button", "Save the roll call")
    assert "Roll call saved" in secretary.banner()
    assert "Quorate" in page.locator("#meeting-quorum").inner_text()
    secretary.screenshot("console")

    # A declaration made at the meeting: the member withdraws from the case.
    conflicted = present[-1]
    page.get_by_text("Record a declaration made at the meeting").click()
    declaring = page.locator("#declare-details")
    declaring.get_by_label("Agenda item").select_option(label=f"{setting.item_position}. Notification: Child D")
    declaring.get_by_label("Member declaring").select_option(label=conflicted)
    declaring.get_by_label("Nature of the interest").fill("A relative works in the school Child D attends.")
    secretary.click("button", "Record declaration")
    assert conflicted in page.locator("#declarations-made").inner_text()

    # A motion on another case, carried by a majority of those voting (8 for, 2 against).
    page.goto(console_url)
    secretary.check()
    other = page.locator("section.app-console-item", has_text="Notification: Child E")
    # The console works on the first item without an outcome; another item is chosen by its link.
    other.get_by_role("link", name="Work on item").click()
    secretary.check()
    other = page.locator("section.app-console-item", has_text="Notification: Child E")
    other.get_by_text("Record a motion").click()
    other.get_by_label("Wording of the motion").fill("That the Panel asks the notifying agency for its chronology")
    other.get_by_label("Proposed by").select_option(label=present[2])
    other.get_by_label("Seconded by").select_option(label=present[3])
    other.get_by_role("button", name="Record motion").click()
    secretary.check()
    other = page.locator("section.app-console-item", has_text="Notification: Child E")
    other.get_by_role("button", name="Open the vote").click()
    secretary.check()
    other = page.locator("section.app-console-item", has_text="Notification: Child E")
    other.get_by_text("Record a show of hands").click()
    hands = other.locator("details", has_text="Record a show of hands")
    for position, name in enumerate([setting.chair, *present]):
        hands.get_by_role("group", name=name, exact=True).get_by_label(
            "Against" if position >= 8 else "For", exact=True
        ).check()
    hands.get_by_role("button", name="Record these votes").click()
    secretary.check()
    other = page.locator("section.app-console-item", has_text="Notification: Child E")
    other.get_by_role("button", name="Close the vote").click()
    secretary.check()
    other = page.locator("section.app-console-item", has_text="Notification: Child E")
    carried = other.locator(".app-motion").first.inner_text()
    assert "Result: Carried 8 for, 2 against, 0 abstentions." in carried

    # The motion, a show of hands that ties 4-4, and the vote closed.
    page.goto(console_url)
    secretary.check()
    case = page.locator("section.app-console-item", has_text="Notification: Child D")
    case.get_by_role("link", name="Work on item").click()
    secretary.check()
    case = page.locator("section.app-console-item", has_text="Notification: Child D")
    case.get_by_text("Record a motion").click()
    case.get_by_label("Wording of the motion").fill(MOTION)
    case.get_by_label("Proposed by").select_option(label=present[0])
    case.get_by_label("Seconded by").select_option(label=present[1])
    case.get_by_role("button", name="Record motion").click()
    secretary.check()
    case = page.locator("section.app-console-item", has_text="Notification: Child D")
    case.get_by_role("button", name="Open the vote").click()
    secretary.check()
    case = page.locator("section.app-console-item", has_text="Notification: Child D")
    case.get_by_text("Record a show of hands").click()
    hands = case.locator("details", has_text="Record a show of hands")
    voters = [setting.chair, *present[:-1]]  # the conflicted member has withdrawn
    for position, name in enumerate(voters[:8]):
        choice = "For" if position % 2 == 0 else "Against"
        hands.get_by_role("group", name=name).get_by_label(choice, exact=True).check()
    hands.get_by_role("button", name="Record these votes").click()
    secretary.check()
    case = page.locator("section.app-console-item", has_text="Notification: Child D")
    case.get_by_role("button", name="Close the vote").click()
    secretary.check()
    assert "Waiting for the Chair's casting vote" in page.locator("main").inner_text()

    # The Chair, in a second browser, gives the casting vote from the home page.
    chair = open_browser()
    chair.sign_in(demo.email("chair"), demo.password)
    awaited = chair.page.locator("#casting-votes-awaited")
    assert "Give your casting vote" in awaited.inner_text()
    awaited.get_by_role("link").first.click()
    chair.check()
    assert "4 for and 4 against" in chair.page.locator("main").inner_text()
    chair.screenshot("casting-vote")
    chair.page.get_by_label("For", exact=True).check()
    chair.click("button", "Record casting vote")
    page.goto(console_url)
    secretary.check()
    tied = page.locator("section.app-console-item", has_text="Notification: Child D").locator(".app-motion").first
    assert "Carried" in tied.inner_text() and "casting vote" in tied.inner_text().lower()

    # Draft minutes: started, one item written, circulated to members.
    secretary.goto(f"/meetings/{setting.meeting_id}/minutes")
    secretary.click("button", "Start the draft minutes")
    page.get_by_label(f"Minute of item {setting.item_position}").fill(
        "The Panel considered the notification. On the Chair's casting vote, the Panel recommends a review."
    )
    minute_form = page.locator("form", has=page.get_by_label(f"Minute of item {setting.item_position}"))
    minute_form.get_by_role("button", name="Save this item").click()
    secretary.check()
    secretary.click("button", "Circulate the draft minutes")  # to the confirmation page
    assert "members gets an email" in page.locator("#what-happens").inner_text()
    secretary.click("button", "Circulate the draft minutes to every member")
    assert "circulated" in secretary.banner().lower()
    secretary.screenshot("minutes")

    # The next meeting has met, quorate, and approved the minutes under its standing item (recorded
    # here with the services); the Chair signs them from the home page, through the confirmation page.
    _approved_at_the_next_meeting(app, demo, date(2026, 11, 5))
    chair.goto("/")
    to_sign = chair.page.locator("#minutes-to-sign")
    assert "Sign the approved minutes of the CMR Panel meeting on Thursday 1 October 2026" in to_sign.inner_text()
    to_sign.get_by_role("link").first.click()
    chair.check()
    chair.click("button", "Sign the minutes as a correct record")  # to the confirmation page
    assert "SHA-256" in chair.page.locator("#approval").inner_text()
    chair.click("button", "Sign the minutes as a correct record")
    assert "signed" in chair.banner().lower()
    chair.goto("/")
    assert chair.page.locator("#minutes-to-sign").count() == 0
