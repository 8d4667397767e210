"""The home page is each person's to-do list: the Chair's decisions, a member's papers, interests,
apologies, votes and draft minutes, the secretariat's deadlines. Sections appear only when not empty."""

from __future__ import annotations

from datetime import date
from datetime import datetime
from datetime import time

import pytest
from flask import Flask
from sqlalchemy import select

from govapp.extensions import db
from govapp.models import AgendaItem
from govapp.models import Attendance
from govapp.models import Meeting
from govapp.models import Motion
from govapp.models import Paper
from govapp.models import Person
from govapp.models import User
from govapp.models import VoteChoice
from govapp.services.minutes import circulate_minutes
from govapp.services.minutes import comment_on_minutes
from govapp.services.minutes import minutes_due
from govapp.services.minutes import minutes_for
from govapp.services.minutes import start_minutes
from govapp.services.notices import serve_notice
from govapp.services.notices import sign_notice
from govapp.services.proceedings import record_attendance
from govapp.services.proceedings import send_apologies
from govapp.services.requisitions import present_requisition
from govapp.services.requisitions import sign_requisition
from govapp.services.requisitions import start_requisition
from govapp.services.voting import open_vote
from govapp.services.voting import propose_motion
from govapp.services.voting import record_vote
from tests.conftest import DEMO_TODAY
from tests.conftest import Page
from tests.conftest import World
from tests.conftest import get_page
from tests.meetings.helpers import freeze_clock
from tests.meetings.helpers import signed_in

DECEMBER = date(2026, 12, 3)


def _meeting(day: date) -> Meeting:
    meeting = db.session.scalar(select(Meeting).where(Meeting.meeting_date == day))
    assert meeting is not None, day
    return meeting


def _user(email: str) -> User:
    person = db.session.scalar(select(Person).where(Person.email == email))
    assert person is not None and person.account is not None
    return person.account


def _section(page: Page, key: str) -> str | None:
    """The text of the home page's section ``key``, or ``None`` when the section is not shown."""
    found = page.soup.find(id=key)
    return found.get_text(" ", strip=True) if found is not None else None


def _links(page: Page, key: str) -> list[str]:
    found = page.soup.find(id=key)
    return [a["href"] for a in found.find_all("a")] if found is not None else []


def _case_item(meeting: Meeting, title: str = "Notification: Child A") -> AgendaItem:
    item = AgendaItem(meeting=meeting, position=len(meeting.agenda_items) + 1, title=title)
    db.session.add(item)
    db.session.flush()
    return item


@pytest.fixture
def frozen(monkeypatch: pytest.MonkeyPatch) -> datetime:
    return freeze_clock(monkeypatch)


def test_a_member_is_asked_for_apologies_for_meetings_in_the_next_four_weeks_only_until_sent(
    app: Flask, world: World, frozen: datetime
) -> None:
    member = signed_in(app, world, "member")
    page = get_page(member, "/", title="Home")
    apologies = _section(page, "apologies")
    assert apologies is not None
    assert "Send apologies for the CMR Panel meeting on Thursday 3 December 2026 if you cannot attend" in apologies
    assert "January" not in apologies, "meetings more than four weeks away are not listed"
    with app.app_context():
        december = _meeting(DECEMBER)
        assert _links(page, "apologies") == [f"/meetings/{december.id}/apologies"]
        me = _user(world.email("member"))
        send_apologies(me, december, me.person, "On leave", now=frozen)
        db.session.commit()
    assert _section(get_page(member, "/"), "apologies") is None
    assert _section(get_page(signed_in(app, world, "secretariat"), "/"), "apologies") is None, "not a member"


def test_a_member_is_told_to_read_the_papers_and_check_for_interests_once_the_notice_and_pack_are_out(
    app: Flask, world: World, frozen: datetime
) -> None:
    member = signed_in(app, world, "member")
    page = get_page(member, "/")
    assert _section(page, "papers-to-read") is None and _section(page, "interests-to-declare") is None
    with app.app_context():
        december = _meeting(DECEMBER)
        item = _case_item(december)
        db.session.add(
            Paper(
                meeting=december,
                agenda_item=item,
                title="Notification form",
                original_filename="notification.pdf",
                content_type="application/pdf",
                size_bytes=1000,
                sha256="0" * 64,
                storage_key="home-todo-paper",
            )
        )
        secretary = _user(world.email("secretariat"))
        notice = sign_notice(_user(world.email("chair")), december, now=frozen)
        serve_notice(secretary, notice, now=frozen)
        december.pack_despatched_at = frozen
        db.session.commit()
        meeting_id = december.id
    page = get_page(member, "/")
    papers = _section(page, "papers-to-read")
    assert papers is not None
    assert "Read the papers for the CMR Panel meeting on Thursday 3 December 2026" in papers
    assert "1 paper, despatched on Monday 23 November 2026" in papers
    interests = _section(page, "interests-to-declare")
    assert interests is not None
    assert "Check the agenda of the CMR Panel meeting on Thursday 3 December 2026 for interests to declare" in interests
    assert _links(page, "interests-to-declare") == [f"/meetings/{meeting_id}/agenda"]


def test_a_present_member_sees_an_open_vote_until_they_have_voted(
    app: Flask, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    frozen = freeze_clock(monkeypatch, DECEMBER)  # the day of the meeting, when its record opens
    with app.app_context():
        december = _meeting(DECEMBER)
        item = _case_item(december)
        secretary = _user(world.email("secretariat"))
        voter = _user(world.accounts["member"][1])
        for email in [world.email("chair"), *world.accounts["member"]]:
            record_attendance(secretary, december, _user(email).person, Attendance.PRESENT, arrived_at=time(10))
        motion = propose_motion(secretary, item, "That the Panel recommends a CMR", voter.person)
        open_vote(secretary, motion, now=frozen)
        db.session.commit()
        motion_id = motion.id
    member = signed_in(app, world, "member")  # accounts["member"][0]
    votes = _section(get_page(member, "/"), "open-votes")
    assert votes is not None and "That the Panel recommends a CMR" in votes
    with app.app_context():
        found = db.session.get(Motion, motion_id)
        assert found is not None
        me = _user(world.email("member"))
        record_vote(me, found, me.person, VoteChoice.FOR, now=frozen)
        db.session.commit()
    assert _section(get_page(member, "/"), "open-votes") is None
    assert _section(get_page(signed_in(app, world, "officer"), "/"), "open-votes") is None


def _approve_previous_minutes_at(secretary: User, meeting: Meeting, now: datetime) -> None:
    """The meeting met, quorate, and recorded the approval of the previous minutes as its item's outcome."""
    from datetime import time

    from govapp.models import OutcomeKind
    from govapp.services.outcomes import record_outcome

    for membership in meeting.committee.members_on(meeting.meeting_date):
        record_attendance(secretary, meeting, membership.person, Attendance.PRESENT, arrived_at=time(10))
    item = next(i for i in meeting.agenda_items if i.approves_previous_minutes)
    record_outcome(secretary, item, OutcomeKind.DECISION, "The minutes were agreed as a correct record.", now=now)


def test_members_check_circulated_draft_minutes_and_the_chair_signs_them_once_the_next_meeting_approved_them(
    app: Flask, world: World, frozen: datetime
) -> None:
    with app.app_context():
        secretary = _user(world.email("secretariat"))
        for day in (date(2026, 10, 1), date(2026, 11, 5)):
            minutes = start_minutes(secretary, _meeting(day))
            circulate_minutes(secretary, minutes, b"draft", now=frozen, link="http://govapp.test/minutes")
        _approve_previous_minutes_at(secretary, _meeting(date(2026, 11, 5)), frozen)
        db.session.commit()
        october = _meeting(date(2026, 10, 1)).id
    member = signed_in(app, world, "member")
    to_check = _section(get_page(member, "/"), "minutes-to-check")
    assert to_check is not None
    assert "Check the draft minutes of the CMR Panel meeting on Thursday 1 October 2026" in to_check
    assert "Thursday 5 November 2026" in to_check

    chair = signed_in(app, world, "chair")
    page = get_page(chair, "/")
    to_sign = _section(page, "minutes-to-sign")
    assert to_sign is not None
    assert "Sign the approved minutes of the CMR Panel meeting on Thursday 1 October 2026" in to_sign
    assert "Sign the approved minutes of the CMR Panel meeting on Thursday 5 November" not in to_sign
    assert _links(page, "minutes-to-sign") == [f"/meetings/{october}/minutes"]

    with app.app_context():
        draft = minutes_for(_meeting(date(2026, 10, 1)))
        assert draft is not None
        comment_on_minutes(_user(world.email("member")), draft, "Item 3: the date is wrong.", now=frozen)
        db.session.commit()
    to_check = _section(get_page(member, "/"), "minutes-to-check")
    assert to_check is not None and "1 October" not in to_check and "5 November" in to_check


def test_the_chair_is_asked_to_sign_notices_due_within_three_weeks(app: Flask, world: World, frozen: datetime) -> None:
    chair = signed_in(app, world, "chair")
    page = get_page(chair, "/")
    to_sign = _section(page, "notices-to-sign")
    assert to_sign is not None
    assert "Sign the notice of the CMR Panel meeting on Thursday 3 December 2026" in to_sign
    assert "January" not in to_sign, "the January notice is not due within three weeks"
    assert _section(get_page(signed_in(app, world, "member"), "/"), "notices-to-sign") is None

    with app.app_context():
        december = _meeting(DECEMBER)
        sign_notice(_user(world.email("chair")), december, now=frozen)
        db.session.commit()
        meeting_id = december.id
    assert _section(get_page(chair, "/"), "notices-to-sign") is None
    secretariat = get_page(signed_in(app, world, "secretariat"), "/")
    to_serve = _section(secretariat, "notices-to-serve")
    assert to_serve is not None and "Serve the notice of the CMR Panel meeting on Thursday 3 December 2026" in to_serve
    assert _links(secretariat, "notices-to-serve") == [f"/meetings/{meeting_id}/notice/serve"]


def test_the_secretariat_is_reminded_of_minutes_due_within_five_working_days_and_told_when_overdue(
    app: Flask, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    freeze_clock(monkeypatch, DEMO_TODAY)
    secretariat = signed_in(app, world, "secretariat")
    due = _section(get_page(secretariat, "/"), "minutes-due")
    assert due is not None
    assert "Circulate the draft minutes of the CMR Panel meeting on Thursday 1 October 2026" in due
    assert "Overdue" in due
    assert "5 November 2026" not in due, "not yet within five working days of its due date"

    freeze_clock(monkeypatch, date(2026, 12, 1))
    secretariat = signed_in(app, world, "secretariat")  # a week later: yesterday's session has ended
    due = _section(get_page(secretariat, "/"), "minutes-due")
    assert due is not None
    assert "Circulate the draft minutes of the CMR Panel meeting on Thursday 5 November 2026" in due
    assert "Due by Thursday 3 December 2026" in due or "Due by Friday 4 December 2026" in due
    assert _section(get_page(signed_in(app, world, "member"), "/"), "minutes-due") is None

    with app.app_context():
        last_day = minutes_due(_meeting(date(2026, 11, 5)))
    freeze_clock(monkeypatch, last_day)
    due = _section(get_page(signed_in(app, world, "secretariat"), "/"), "minutes-due")
    assert due is not None and "Due today" in due, "on the last day, the tag says so"


def test_someone_with_nothing_to_do_is_told_so(app: Flask, world: World, frozen: datetime) -> None:
    page = get_page(signed_in(app, world, "officer"), "/", title="Home")
    assert page.soup.find(id="nothing-to-do") is not None
    assert page.soup.find(class_="govuk-task-list") is None


def test_the_chair_is_asked_to_call_a_requisitioned_meeting_until_it_is_overdue(
    app: Flask, world: World, monkeypatch: pytest.MonkeyPatch, frozen: datetime
) -> None:
    with app.app_context():
        panel = _meeting(DECEMBER).committee
        signers = [_user(email) for email in world.accounts["member"]]
        requisition = start_requisition(
            signers[0], panel, purpose="Urgent review of Child E", business="Child E", today=DEMO_TODAY, now=frozen
        )
        for signer in signers[1:]:
            sign_requisition(signer, requisition, today=DEMO_TODAY, now=frozen)
        present_requisition(signers[0], requisition, presented_on=DEMO_TODAY, today=DEMO_TODAY)
        db.session.commit()
        requisition_id = requisition.id
    chair = signed_in(app, world, "chair")
    page = get_page(chair, "/")
    to_call = _section(page, "requisitions-to-answer")
    assert to_call is not None and "Call the meeting asked for: Urgent review of Child E" in to_call
    assert "presented on Monday 23 November 2026" in to_call
    assert _links(page, "requisitions-to-answer") == [f"/requisitions/{requisition_id}"]
    assert _section(page, "overdue-requisitions") is None

    freeze_clock(monkeypatch, date(2027, 2, 1))
    chair = signed_in(app, world, "chair")  # months later: the old session has ended
    page = get_page(chair, "/")
    assert _section(page, "requisitions-to-answer") is None
    overdue = _section(page, "overdue-requisitions")
    assert overdue is not None and "Urgent review of Child E" in overdue and "Overdue" in overdue
