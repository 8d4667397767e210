"""A member's journey in real Chromium, with the keyboard alone and on a 320-pixel-wide screen: signs in,
registers an interest in an agenda item, sends apologies for another meeting, and votes on an open motion.

Only Tab, Shift+Tab, Enter, Space, arrow keys and typing are used (focus is placed once, on the first
field of the sign-in form). Every page is checked with axe and must not scroll sideways.
"""

from __future__ import annotations

from datetime import date
from datetime import time
from typing import Any

from flask import Flask
from playwright.sync_api import Page
from sqlalchemy import select

from govapp.extensions import db
from govapp.models import AgendaItem
from govapp.models import Attendance
from govapp.models import Meeting
from govapp.models import Person
from govapp.models import User
from govapp.services.notices import serve_notice
from govapp.services.notices import sign_notice
from govapp.services.proceedings import record_attendance
from govapp.services.voting import open_vote
from govapp.services.voting import propose_motion
from tests.conftest import DEMO_TODAY
from tests.conftest import Demo

DECEMBER = date(2026, 12, 3)
JANUARY = date(2027, 1, 7)
MOTION = "That the Panel recommends a Case Management Review in respect of Child A"


def _account(email: str) -> User:
    person = db.session.scalar(select(Person).where(Person.email == email))
    assert person is not None and person.account is not None
    return person.account


def _meeting(day: date) -> Meeting:
    meeting = db.session.scalar(select(Meeting).where(Meeting.meeting_date == day))
    assert meeting is not None
    return meeting


def _december_meeting_under_way(app: Flask, demo: Demo, now: Any, set_clock: Any) -> int:
    """Set up with the services: the notice of 3 December served in November (two case items); then, on
    the morning of the meeting (its record opens on the day), the roll call taken and a vote opened on
    the first case. The member registers an interest in the second, whose number is returned."""
    with app.app_context():
        december = _meeting(DECEMBER)
        start = len(december.agenda_items)
        for offset, title in enumerate(("Notification: Child A", "Notification: Child C"), start=1):
            db.session.add(AgendaItem(meeting=december, position=start + offset, title=title))
        db.session.flush()
        chair, secretary = _account(demo.email("chair")), _account(demo.email("secretariat"))
        serve_notice(secretary, sign_notice(chair, december, now=now), now=now)
        now = set_clock(DECEMBER, hour=9)  # the morning of the meeting, before it begins at 10
        for email in [demo.email("chair"), *demo.accounts["member"]]:
            record_attendance(secretary, december, _account(email).person, Attendance.PRESENT, arrived_at=time(10))
        case = next(i for i in december.agenda_items if i.title == "Notification: Child A")
        motion = propose_motion(secretary, case, MOTION, chair.person, _account(demo.accounts["member"][1]).person)
        open_vote(secretary, motion, now=now)
        second = start + 2
        db.session.commit()
        db.session.remove()
    return second


def _focused(page: Page) -> str:
    """What the focused element says: its text (links, buttons), its label (fields, scrolling regions), its name."""
    return str(
        page.evaluate(
            """() => { const e = document.activeElement;
                 const label = e.labels && e.labels.length ? e.labels[0].textContent : '';
                 const text = e.getAttribute('aria-label') || e.textContent;
                 return [text, label, e.getAttribute('name') || '', e.value || ''].join(' | ')
                          .replace(/\\s+/g, ' ').trim(); }"""
        )
    )


def tab_to(page: Page, wanted: str, *, backwards: bool = False, limit: int = 80) -> None:
    """Press Tab (or Shift+Tab) until the focused element mentions ``wanted``."""
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(limit):
        page.keyboard.press(key)
        if wanted in _focused(page):
            return
    raise AssertionError(f"{wanted!r} cannot be reached with {key} (focus is on {_focused(page)!r})")


def press_enter_and_check(person: Any) -> None:
    with person.page.expect_navigation():
        person.page.keyboard.press("Enter")
    person.check()
    person.fits()


def go_home(person: Any) -> None:
    """At 320px the navigation is behind its Menu button: open it, then follow Home."""
    tab_to(person.page, "Menu", backwards=True)
    person.page.keyboard.press("Enter")
    tab_to(person.page, "Home")
    press_enter_and_check(person)


def test_a_member_registers_an_interest_sends_apologies_and_votes_with_the_keyboard_alone(
    app: Flask, open_browser: Any, demo: Demo, set_clock: Any
) -> None:
    now = set_clock(DEMO_TODAY)
    second_case = _december_meeting_under_way(app, demo, now, set_clock)
    member = open_browser(width=320, height=640)
    page = member.page

    # Signing in: focus goes to the first field once; the rest is typing, Tab and Enter.
    member.goto("/sign-in")
    member.fits()
    page.get_by_label("Email address").focus()
    page.keyboard.type(demo.email("member"))
    page.keyboard.press("Tab")
    page.keyboard.type(demo.password)
    press_enter_and_check(member)
    # The first sign-in offers a second factor, at 320px too: the member answers "Not now".
    assert page.get_by_role("heading", level=1).inner_text() == "Second factor"
    tab_to(page, "Not now")
    press_enter_and_check(member)
    assert page.get_by_role("heading", level=1).inner_text().startswith("Hello,")
    assert "Votes open now" in page.locator("main").inner_text()
    member.screenshot("home-member-320px")

    # An interest in the second case, from the home page's to-do.
    tab_to(page, "for interests to declare")
    press_enter_and_check(member)
    assert page.get_by_role("heading", level=1).inner_text() == "Agenda for Thursday 3 December 2026"
    tab_to(page, f"Register an interest in item {second_case}")
    press_enter_and_check(member)
    tab_to(page, "The nature of your interest")
    page.keyboard.type("My team has worked with Child C's family.")
    tab_to(page, "Register interest")
    press_enter_and_check(member)
    assert "Interest registered" in page.locator("#agenda-items").inner_text()

    # Apologies for January, from the next meetings on the home page (back there with Shift+Tab).
    go_home(member)
    tab_to(page, "Thursday 7 January 2027")
    press_enter_and_check(member)
    tab_to(page, "Send apologies")
    press_enter_and_check(member)
    tab_to(page, "Reason (optional)")
    page.keyboard.type("Attending a child protection conference.")
    tab_to(page, "Send apologies")
    press_enter_and_check(member)
    assert "Your apologies for the meeting on 7 January 2027 are recorded" in member.banner()

    # The open vote, from the home page: choose with the arrow keys and Space, submit with Enter.
    go_home(member)
    assert page.locator("#apologies").count() == 0 or "7 January" not in page.locator("#apologies").inner_text()
    tab_to(page, MOTION[:40])
    press_enter_and_check(member)
    member.screenshot("vote-320px")
    tab_to(page, "For")  # the first radio of "Your vote"
    page.keyboard.press("ArrowDown")  # Against
    page.keyboard.press("ArrowUp")  # back to For
    page.keyboard.press("Space")
    assert page.get_by_label("For", exact=True).is_checked()
    tab_to(page, "Cast your vote")
    press_enter_and_check(member)
    assert "vote" in member.banner().lower()
    go_home(member)
    assert page.locator("#open-votes").count() == 0, "the vote is done"
