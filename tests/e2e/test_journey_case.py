"""One case, from the agency to the Board, in real Chromium: an agency's representative notifies; two
Panel members answer "known" and one "not known"; the Professional Officer forewarns and the agency
nominates; the case is on the right meeting's agenda; at the meeting a conflicted member's vote is
refused; the Panel recommends a review by a motion; the Board decides in writing; and the letters
exist, their .docx naming the right addressees. Every page is checked with axe."""

from __future__ import annotations

import io
from datetime import date
from datetime import time
from typing import Any

from docx import Document
from flask import Flask
from sqlalchemy import select

from govapp.extensions import db
from govapp.models import Agency
from govapp.models import AgencyKind
from govapp.models import Attendance
from govapp.models import Case
from govapp.models import CommitteeKind
from govapp.models import Meeting
from govapp.models import MemberRole
from govapp.models import VoteChoice
from govapp.services.agencies import appoint_representative
from govapp.services.committees import appoint_member
from govapp.services.committees import create_committee
from govapp.services.proceedings import record_attendance
from govapp.services.proceedings import record_declaration
from govapp.services.voting import close_vote
from govapp.services.voting import open_vote
from govapp.services.voting import propose_motion
from govapp.services.voting import record_vote
from tests.factories import PASSWORD
from tests.factories import make_account
from tests.factories import make_committee
from tests.factories import make_meeting

NOTIFIED_ON = date(2026, 11, 23)
MEETING = date(2027, 1, 7)


def _world(app: Flask) -> dict[str, Any]:
    with app.app_context():
        setup = make_committee(members=4, name="Case Management Review Panel", short_name="CMR Panel")
        for day in (date(2026, 12, 3), MEETING):
            make_meeting(setup.committee, on=day)
        trust = Agency(name="Belfast Health and Social Care Trust", kind=AgencyKind.HEALTH_TRUST)
        db.session.add(trust)
        for membership in setup.committee.memberships[1:]:
            membership.agency, membership.represents = trust.name, trust
        rep = make_account(full_name="Trust Representative")
        admin = make_account(full_name="Admin", is_admin=True)
        appoint_representative(admin.user, trust, rep.person, starts_on=date(2026, 4, 1))
        trust.senior_representative = rep.person
        board = create_committee(None, name="Safeguarding Board", short_name="SBNI Board", kind=CommitteeKind.BOARD)
        board_members = [make_account(full_name=f"Board Member {n}") for n in range(3)]
        for n, account in enumerate(board_members):
            role = MemberRole.CHAIR if n == 0 else MemberRole.MEMBER
            appoint_member(None, board, account.person, role=role, agency=None, starts_on=date(2026, 4, 1))
        department = make_account(full_name="Department Contact")
        db.session.add(
            Agency(name="Department of Health", kind=AgencyKind.OTHER, senior_representative=department.person)
        )
        db.session.commit()
        assert setup.secretariat is not None
        return {
            "rep": rep.email,
            "members": [m.email for m in setup.members],
            "secretary": setup.secretariat.email,
            "board": [a.email for a in board_members],
        }


def test_one_case_from_the_agency_to_the_boards_decision(app: Flask, open_browser: Any, set_clock: Any) -> None:
    set_clock(NOTIFIED_ON)
    people = _world(app)

    # The agency's representative notifies.
    rep = open_browser()
    rep.sign_in(people["rep"], PASSWORD)
    rep.click("link", "notify a case")
    page = rep.page
    page.get_by_label("Day").fill("20")
    page.get_by_label("Month").fill("11")
    page.get_by_label("Year").fill("2026")
    page.get_by_label("Case pseudonym").fill("Child A")
    page.get_by_label("1 to 4").check()
    page.get_by_label("Area (HSC Trust area where the child lived)").select_option("Belfast")
    for key, value in (
        ("a", "yes"),
        ("b_i", "yes"),
        ("b_ii", "unknown"),
        ("b_iii", "unknown"),
        ("c", "unknown"),
        ("d", "unknown"),
    ):
        page.locator(f"input[name=criterion_{key}][value={value}]").check()
    page.locator("input[name=family_told][value=yes]").check()
    rep.click("button", "Send the notification")
    assert "Notification received: CMR-2026-001, Child A" in rep.banner()
    case_url = page.url.removeprefix(rep.base_url)

    # Two members answer "known", one "not known", from their home pages.
    for email, known in zip(people["members"][:3], ("yes", "yes", "no"), strict=True):
        member = open_browser()
        member.sign_in(email, PASSWORD)
        member.click("link", "CMR-2026-001, Child A: is the child or family known to your agency?")
        member.page.locator(f"input[name=known][value={known}]").check()
        if known == "yes":
            member.page.get_by_label("Details").fill("Open to the family support team.")
        member.click("button", "Send your answer")
        assert "Your answer on CMR-2026-001 is recorded" in member.banner()

    # The Professional Officer forewarns; the agency nominates.
    office = open_browser()
    office.sign_in(people["secretary"], PASSWORD)
    office.goto(case_url)
    assert office.page.locator("#answers").inner_text().count("Not yet answered") == 2
    office.click("link", "Record a forewarning")
    office.page.get_by_label("SBNI Chair").fill("Board Member 0")
    office.page.get_by_label("The three judged that a review is more likely than not to be recommended").check()
    office.click("button", "Record the forewarning and write to the agencies")
    assert "The forewarning is recorded and 1 agency is written to" in office.banner()
    rep.goto("/")
    rep.click("link", "CMR-2026-001, Child A: nominate an IAR author and a review team member")
    rep.page.get_by_label("IAR author").fill("Senior Social Worker, Family Support")
    rep.page.get_by_label("Member of the review team").fill("Head of Service, Children's Services")
    rep.click("button", "Record the nominations")
    assert "nominations are recorded" in rep.banner()

    # The case is on the agenda of the first meeting at least 14 days on: 7 January, not 3 December.
    office.goto(case_url)
    agenda_link = office.page.locator("#case a").first
    assert "Notification CMR-2026-001: Child A" in agenda_link.inner_text()
    agenda_link.click()
    office.check()
    assert "Thursday 7 January 2027" in office.page.get_by_role("heading", level=1).inner_text()

    # The meeting: a member who declared an interest cannot vote on the case.
    set_clock(MEETING, hour=11)
    with app.app_context():
        case = db.session.scalar(select(Case))
        assert case is not None and case.agenda_item is not None
        meeting = db.session.get(Meeting, case.meeting_id)
        assert meeting is not None
        committee = meeting.committee
        secretary = next(p for p in committee.secretariat_posts).person.account
        attendees = [m.person for m in committee.members_on(MEETING)]
        for person in attendees:
            record_attendance(secretary, meeting, person, Attendance.PRESENT, arrived_at=time(10))
        conflicted = next(p for p in attendees if p.email == people["members"][3])
        record_declaration(secretary, case.agenda_item, conflicted, "A family connection", now=None or _now(MEETING))
        motion = propose_motion(secretary, case.agenda_item, "That the Panel recommends a review.", attendees[1])
        open_vote(secretary, motion, now=_now(MEETING))
        db.session.commit()
        motion_id = motion.id
        voter_ids = [p.id for p in attendees if p.id != conflicted.id]
    member = open_browser()
    member.sign_in(people["members"][3], PASSWORD)
    member.goto(f"/motions/{motion_id}/vote")
    assert "declared an interest" in member.page.locator("#cannot-vote").inner_text()
    assert member.page.get_by_role("button", name="Cast your vote").count() == 0
    with app.app_context():
        from govapp.models import Motion
        from govapp.models import Person
        from govapp.models import User

        motion = db.session.get(Motion, motion_id)
        office_user = db.session.scalar(select(User).join(User.person).where(Person.email == people["secretary"]))
        assert motion is not None and office_user is not None
        for voter_id in voter_ids:
            voter = db.session.get(Person, voter_id)
            assert voter is not None
            record_vote(office_user, motion, voter, VoteChoice.FOR, now=_now(MEETING))
        close_vote(office_user, motion, now=_now(MEETING))
        db.session.commit()

    # The secretariat records the findings and the recommendation the carried motion made.
    office = open_browser()
    office.sign_in(people["secretary"], PASSWORD)
    office.goto(case_url)
    office.click("link", "Record the Panel's findings and recommendation")
    for key, value in (
        ("a", "yes"),
        ("b_i", "yes"),
        ("b_ii", "unknown"),
        ("b_iii", "unknown"),
        ("c", "yes"),
        ("d", "yes"),
    ):
        office.page.locator(f"input[name=finding_{key}][value={value}]").check()
    office.page.get_by_label("The motion the Panel carried").select_option(label="That the Panel recommends a review.")
    office.page.get_by_label("Recommend a Case Management Review").check()
    office.page.get_by_label("Draft terms of reference (for a review)").fill("How the agencies worked together.")
    office.page.get_by_label("Methodology (for a review)").fill("IARs and a chronology.")
    office.page.locator("input[name=involves_death_or_proceedings][value=no]").check()
    office.page.locator("input[name=family_to_be_told][value=no]").check()
    office.click("button", "Record the findings and the recommendation")
    assert "recommendation on CMR-2026-001 is recorded" in office.banner()

    # The Board decides in writing: two of its three members agree.
    for email in people["board"][:2]:
        board_member = open_browser()
        board_member.sign_in(email, PASSWORD)
        board_member.goto(case_url + "/board")
        board_member.page.get_by_label("Commission a Case Management Review").check()
        board_member.page.locator("input[name=agree-agreed][value=yes]").check()
        board_member.click("button", "Record my written agreement")
        assert "Your written agreement is recorded" in board_member.banner()
    assert "Decided: Commission a Case Management Review (in writing" in board_member.page.locator("main").inner_text()

    # The letters, read back.
    with app.app_context():
        case = db.session.scalar(select(Case))
        assert case is not None and case.stage.value == "commissioned"
        addressees = {}
        for letter in case.letters:
            paragraphs = [p.text for p in Document(io.BytesIO(letter.content)).paragraphs]
            addressees[letter.kind, next(p for p in paragraphs if p.startswith("To"))] = paragraphs
    assert [to for kind, to in addressees if kind == "to-board"] == ["To: The Safeguarding Board"]
    decision_to = sorted(to.removeprefix("To:").strip() for kind, to in addressees if kind == "decision")
    assert decision_to == [
        "Belfast Health and Social Care Trust",
        "Chair of the Belfast Safeguarding Panel",
        "Department of Health",
    ]


def _now(day: date) -> Any:
    from datetime import UTC
    from datetime import datetime

    return datetime.combine(day, time(11), tzinfo=UTC)
