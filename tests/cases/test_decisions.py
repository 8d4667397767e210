"""The Panel recommends by a motion, against its recorded findings; the Board decides in writing by a
majority of its members; the letters of section 15 are made as Word documents and read back."""

from __future__ import annotations

import io
from datetime import UTC
from datetime import date
from datetime import datetime
from datetime import time

import pytest
from docx import Document
from sqlalchemy import select

from govapp import clock
from govapp.extensions import db
from govapp.models import Agency
from govapp.models import AgencyKind
from govapp.models import Attendance
from govapp.models import AuditEvent
from govapp.models import CaseStage
from govapp.models import CommitteeKind
from govapp.models import MemberRole
from govapp.models import OutboxMessage
from govapp.models import VoteChoice
from govapp.services import ServiceError
from govapp.services import case_decisions as decisions
from govapp.services import case_work
from govapp.services.accounts import add_person
from govapp.services.committees import appoint_member
from govapp.services.committees import create_committee
from govapp.services.proceedings import record_attendance
from govapp.services.voting import close_vote
from govapp.services.voting import open_vote
from govapp.services.voting import propose_motion
from govapp.services.voting import record_vote
from tests.cases.conftest import JANUARY
from tests.cases.conftest import NOW
from tests.cases.conftest import Cases
from tests.cases.conftest import notify_child_a
from tests.factories import make_account

AT_THE_MEETING = datetime(2027, 1, 7, 11, tzinfo=UTC)
ALL_MET = {"a": True, "b_i": True, "b_ii": None, "b_iii": None, "c": True, "d": True}


@pytest.fixture
def case(cases: Cases, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    notification = notify_child_a(cases.trust_rep.user, cases.panel, cases.trust)
    cases.trust.senior_representative = cases.trust_rep.person
    db.session.flush()
    monkeypatch.setattr(clock, "now", lambda: AT_THE_MEETING)
    return notification.case


def _carried_motion(cases: Cases, case):  # type: ignore[no-untyped-def]
    secretary = cases.setup.secretariat
    assert secretary is not None
    meeting = case.meeting
    for person in [cases.setup.chair.person, *(m.person for m in cases.setup.members)]:
        record_attendance(secretary.user, meeting, person, Attendance.PRESENT, arrived_at=time(10))
    members = cases.setup.members
    motion = propose_motion(
        secretary.user, case.agenda_item, "That the Panel recommends a review.", members[0].person, members[1].person
    )
    open_vote(secretary.user, motion, now=AT_THE_MEETING)
    for account in [cases.setup.chair, *members]:
        record_vote(secretary.user, motion, account.person, VoteChoice.FOR, now=AT_THE_MEETING)
    close_vote(secretary.user, motion, now=AT_THE_MEETING)
    return motion


def _recommend(cases: Cases, case, motion, **overrides):  # type: ignore[no-untyped-def]
    secretary = cases.setup.secretariat
    assert secretary is not None
    values = {
        "motion": motion,
        "recommendation": "review",
        "terms_of_reference": "To examine how the agencies worked together.",
        "methodology": "A multi-agency review with IARs and a chronology.",
        "reason": None,
        "now": AT_THE_MEETING,
    }
    values.update(overrides)
    decisions.record_recommendation(secretary.user, case, **values)  # type: ignore[arg-type]


def _board(members: int = 5):  # type: ignore[no-untyped-def]
    board = create_committee(
        None, name="Safeguarding Board for Northern Ireland", short_name="SBNI Board", kind=CommitteeKind.BOARD
    )
    accounts = []
    for n in range(members):
        account = make_account(full_name=f"Board Member {n}")
        role = MemberRole.CHAIR if n == 0 else MemberRole.MEMBER
        appoint_member(None, board, account.person, role=role, agency=None, starts_on=date(2026, 4, 1))
        accounts.append(account)
    for name in ("Department of Health", "Public Prosecution Service", "Coroners Service"):
        contact = add_person(None, full_name=f"{name} contact", email=f"{name.split()[0].lower()}@gov.example.org")
        db.session.add(Agency(name=name, kind=AgencyKind.OTHER, senior_representative=contact))
    db.session.flush()
    return board, accounts


def _read(letter) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    document = Document(io.BytesIO(letter.content))
    text = "\n".join(p.text for p in document.paragraphs)
    to_line = next(p.text for p in document.paragraphs if p.text.startswith("To"))
    return to_line, text


def test_a_review_is_refused_unless_the_findings_meet_every_criterion(cases: Cases, case) -> None:  # type: ignore[no-untyped-def]
    motion = _carried_motion(cases, case)
    secretary = cases.setup.secretariat
    assert secretary is not None
    decisions.record_findings(secretary.user, case, {**ALL_MET, "c": False}, now=AT_THE_MEETING)
    with pytest.raises(ServiceError, match="the recorded findings give “notify only”"):
        _recommend(cases, case, motion)
    assert case.recommendation is None and case.stage == CaseStage.NOTIFIED
    decisions.record_findings(secretary.user, case, ALL_MET, now=AT_THE_MEETING)
    _recommend(cases, case, motion)
    assert case.stage == CaseStage.AWAITING_BOARD


def test_the_recommendation_must_be_a_carried_motion_on_the_case(cases: Cases, case) -> None:  # type: ignore[no-untyped-def]
    secretary = cases.setup.secretariat
    assert secretary is not None
    decisions.record_findings(secretary.user, case, ALL_MET, now=AT_THE_MEETING)
    for person in [cases.setup.chair.person, *(m.person for m in cases.setup.members)]:
        record_attendance(secretary.user, case.meeting, person, Attendance.PRESENT, arrived_at=time(10))
    draft = propose_motion(
        secretary.user, case.agenda_item, "That the Panel recommends a review.", cases.setup.members[0].person
    )
    with pytest.raises(ServiceError, match="close its vote first"):
        _recommend(cases, case, draft)


def test_the_board_decides_in_writing_by_a_majority_and_the_letters_go_to_the_parties(cases: Cases, case) -> None:  # type: ignore[no-untyped-def]
    _board_committee, board = _board(5)
    motion = _carried_motion(cases, case)
    secretary = cases.setup.secretariat
    assert secretary is not None
    decisions.record_findings(secretary.user, case, ALL_MET, now=AT_THE_MEETING)
    circumstances = decisions.Circumstances(True, True, " the Belfast Trust's social worker ")
    _recommend(cases, case, motion, circumstances=circumstances)
    recorded = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "record_recommendation"))
    assert recorded is not None and recorded.before is not None and recorded.after is not None
    assert (recorded.before["family_to_be_told"], recorded.after["family_to_be_told"]) == (None, True)
    assert recorded.after["family_told_by"] == "the Belfast Trust's social worker"
    (to_board,) = [letter for letter in case.letters if letter.kind == "to-board"]
    to_line, text = _read(to_board)
    assert "Safeguarding Board for Northern Ireland" in to_line
    assert "To examine how the agencies worked together." in text and "Child A" in text

    for account in board[:2]:
        decisions.record_written_agreement(account.user, case, decision="commission", agreed=True, now=AT_THE_MEETING)
    decisions.record_written_agreement(board[2].user, case, decision="commission", agreed=False, now=AT_THE_MEETING)
    assert case.board_decision is None, "2 of 5 is not a majority"
    decisions.record_written_agreement(board[3].user, case, decision="commission", agreed=True, now=AT_THE_MEETING)
    assert (case.board_decision, case.board_route, case.stage) == ("commission", "writing", CaseStage.COMMISSIONED)

    addressees = {
        _read(letter)[0].removeprefix("To").strip(" :\t") for letter in case.letters if letter.kind == "decision"
    }
    assert addressees == {
        "Department of Health",
        "Chair of the Belfast Safeguarding Panel",
        "Belfast Health and Social Care Trust",
        "Police Service of Northern Ireland",
        "Public Prosecution Service",
        "Coroners Service",
    }
    (dept,) = [letter for letter in case.letters if letter.addressee == "Department of Health"]
    assert "decided to commission a Case Management Review" in _read(dept)[1]
    assert "The family is to be told, by the Belfast Trust's social worker." in _read(dept)[1]
    unaddressed = {letter.addressee for letter in case.letters if letter.kind == "decision" and not letter.to_address}
    assert unaddressed == {"Chair of the Belfast Safeguarding Panel", "Police Service of Northern Ireland"}
    emails = db.session.scalars(select(OutboxMessage).where(OutboxMessage.kind == "case-decision")).all()
    assert {m.to_address for m in emails} == {
        "department@gov.example.org",
        "public@gov.example.org",
        "coroners@gov.example.org",
        cases.trust_rep.email,
    }
    assert all(not m.attachments and f"/cases/{case.reference}/letters/" in m.body_text for m in emails)


def test_a_board_that_declines_stands_down_every_forewarned_agency(cases: Cases, case) -> None:  # type: ignore[no-untyped-def]
    _board_committee, board = _board(3)
    secretary = cases.setup.secretariat
    assert secretary is not None
    case_work.record_forewarning(
        secretary.user,
        case,
        judged_on=date(2026, 11, 23),
        sbni_chair="Board Member 0",
        panel_chair="Chair Person",
        professional_officer="Secretary Person",
        agencies=[cases.trust, cases.police],
        now=NOW,
    )
    motion = _carried_motion(cases, case)
    decisions.record_findings(secretary.user, case, ALL_MET, now=AT_THE_MEETING)
    _recommend(cases, case, motion)
    for account in board[:2]:
        decisions.record_written_agreement(
            account.user, case, decision="not_commission", agreed=True, now=AT_THE_MEETING
        )
    assert case.stage == CaseStage.NOT_COMMISSIONED
    stand_downs = sorted(letter.addressee for letter in case.letters if letter.kind == "stand-down")
    assert stand_downs == ["Belfast Health and Social Care Trust", "Police Service of Northern Ireland"]
    assert all("stand down" in _read(letter)[1] for letter in case.letters if letter.kind == "stand-down")


_ = JANUARY
