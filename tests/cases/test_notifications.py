"""An agency notifies a case: the reference and the due date are govapp's, a late notification is
flagged and not refused, the case goes to the right meeting, and every Panel member is asked whether
the child or family is known to their agency, by that meeting's papers deadline."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from govapp.extensions import db
from govapp.models import AuditEvent
from govapp.models import Case
from govapp.models import KnownAnswer
from govapp.models import Notification
from govapp.models import OutboxMessage
from govapp.services import ConflictError
from govapp.services import RefusedError
from govapp.services import ServiceError
from govapp.services import case_work
from govapp.services import cases as service
from govapp.services.cases import Finding
from tests.cases.conftest import JANUARY
from tests.cases.conftest import NOW
from tests.cases.conftest import Cases

MEETS = {"a": Finding(True, "The child died in hospital."), "b_i": Finding(True), "b_ii": Finding(None)}


def _notify(cases: Cases, *, determined_on: date = date(2026, 11, 20), rep: str = "trust", **overrides: object):  # type: ignore[no-untyped-def]
    account = cases.trust_rep if rep == "trust" else cases.police_rep
    agency = cases.trust if rep == "trust" else cases.police
    values: dict[str, object] = {
        "agency": agency,
        "senior_representative": "Assistant Director, Children's Services",
        "determined_on": determined_on,
        "pseudonym": "Child A",
        "age_band": "1 to 4",
        "area": "Belfast",
        "criteria": MEETS,
        "family_told": True,
        "family_not_told_reason": None,
        "other_agencies": "GP; school nurse",
        "now": NOW,
    }
    values.update(overrides)
    return service.submit_notification(account.user, cases.panel, **values)  # type: ignore[arg-type]


def test_a_notification_on_the_last_day_is_on_time_and_one_a_day_later_is_flagged_late(cases: Cases) -> None:
    # Determined Thursday 19 November: due Monday 23 November (2 working days), which is today.
    on_time = _notify(cases, determined_on=date(2026, 11, 19))
    assert (on_time.due_on, on_time.late) == (date(2026, 11, 23), False)
    # Determined Wednesday 18 November: due Friday 20 November, received today: late, and accepted.
    late = _notify(cases, determined_on=date(2026, 11, 18), pseudonym="Child B")
    assert (late.due_on, late.late) == (date(2026, 11, 20), True)
    assert [c.reference for c in db.session.scalars(select(Case).order_by(Case.id))] == ["CMR-2026-001", "CMR-2026-002"]


def test_the_case_goes_to_the_first_meeting_14_days_on_and_every_member_is_asked(cases: Cases) -> None:
    notification = _notify(cases)
    case = notification.case
    assert case.meeting is not None and case.meeting.meeting_date == JANUARY, "3 December is too soon"
    due = service.answers_due(case)
    assert due == date(2026, 12, 31), "the papers deadline of 7 January (7 days before)"
    asked = db.session.scalars(select(KnownAnswer).where(KnownAnswer.case_id == case.id)).all()
    assert {a.person_id for a in asked} == {m.person_id for m in cases.panel.members_on(date(2026, 11, 23))}
    emails = db.session.scalars(select(OutboxMessage).where(OutboxMessage.kind == "case-known")).all()
    assert len(emails) == 5
    assert all("CMR-2026-001" in m.subject and "Thursday 31 December 2026" in m.body_text for m in emails)
    assert all("http://127.0.0.1:5000/cases/CMR-2026-001" in m.body_text for m in emails)
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "notify_case")) is not None


def test_a_notification_that_does_not_meet_the_criteria_is_refused_with_words(cases: Cases) -> None:
    with pytest.raises(ServiceError, match="17\\(2\\)\\(a\\) holds together with one of 17\\(2\\)\\(b\\)"):
        _notify(
            cases, criteria={"a": Finding(True), "b_i": Finding(False), "b_ii": Finding(False), "b_iii": Finding(False)}
        )
    with pytest.raises(ServiceError, match="Say why the parents or the child were not told"):
        _notify(cases, family_told=False)
    with pytest.raises(ServiceError, match="cannot be in the future"):
        _notify(cases, determined_on=date(2026, 12, 1))
    assert db.session.scalar(select(Notification)) is None


def test_an_agency_representative_is_refused_another_agencys_notification(cases: Cases) -> None:
    with pytest.raises(RefusedError, match="You represent Police Service of Northern Ireland, not Belfast"):
        _notify(cases, rep="police", agency=cases.trust)


def test_members_answer_for_their_own_agency(cases: Cases) -> None:
    case = _notify(cases).case
    trust_member, police_member = (a.user for a in cases.setup.members[:2])
    assert trust_member is not None and police_member is not None
    with pytest.raises(ServiceError, match="Say how the child or family is known"):
        service.answer_known(trust_member, case, known=True, details="", now=NOW)
    answer = service.answer_known(trust_member, case, known=True, details="Open to the family support team.", now=NOW)
    assert (answer.agency, answer.known) == ("Belfast Health and Social Care Trust", True)
    service.answer_known(police_member, case, known=False, details=None, now=NOW)
    waiting = [a for a in case.answers if a.answered_at is None]
    assert len(waiting) == 3
    (answers_clock,) = [c for c in service.clocks(case, date(2026, 11, 23)) if c.what.startswith("Answers")]
    assert "3 of 5 still to answer" in answers_clock.what and answers_clock.state == "to come"
    assert [c.state for c in service.clocks(case, date(2027, 1, 1)) if c.what.startswith("Answers")] == ["late"]


def test_a_second_agency_about_the_same_child_is_joined_to_the_case_with_both_kept(cases: Cases) -> None:
    first = _notify(cases)
    second = _notify(cases, rep="police", pseudonym="Child A (PSNI)")
    assert first.case_id != second.case_id
    secretary = cases.setup.secretariat
    assert secretary is not None
    old_case = second.case
    service.link_notification(
        secretary.user, second, first.case, reason="Same child: date of birth and address", now=NOW
    )
    db.session.flush()
    assert [n.agency.name for n in first.case.notifications] == [
        "Belfast Health and Social Care Trust",
        "Police Service of Northern Ireland",
    ]
    assert db.session.get(Case, old_case.id) is None, "the empty case is removed"
    with pytest.raises(ConflictError, match="already part of"):
        service.link_notification(secretary.user, second, first.case, reason="again", now=NOW)


def test_a_request_from_the_public_is_referred_and_opens_no_case(cases: Cases) -> None:
    secretary = cases.setup.secretariat
    assert secretary is not None
    service.record_public_request(
        secretary.user,
        cases.panel,
        received_on=date(2026, 11, 20),
        summary="A grandparent asks for a review of the care of a child in the Belfast area.",
        referred_to=cases.trust,
        requester_told_on=date(2026, 11, 23),
        now=NOW,
    )
    assert db.session.scalar(select(Case)) is None


def test_text_that_looks_like_a_real_name_is_warned_about(cases: Cases) -> None:
    assert service.name_warnings(pseudonym="Child A", note="Known to the Belfast Health and Social Care Trust") == []
    (warning,) = service.name_warnings(other_agencies="Referred by Siobhan McAllister at the school")
    assert "Siobhan McAllister" in warning and "other agencies" in warning


def test_the_case_is_put_on_the_considering_meetings_agenda_and_leaves_it_when_joined(cases: Cases) -> None:
    first = _notify(cases)
    item = first.case.agenda_item
    assert item is not None and item.meeting.meeting_date == JANUARY
    assert item.title == "Notification CMR-2026-001: Child A" and item.purpose.value == "decision"
    second = _notify(cases, rep="police", pseudonym="Child A (PSNI)")
    second_item = second.case.agenda_item
    assert second_item is not None
    secretary = cases.setup.secretariat
    assert secretary is not None
    service.link_notification(secretary.user, second, first.case, reason="The same child", now=NOW)
    db.session.flush()
    titles = [i.title for i in first.case.meeting.agenda_items]  # type: ignore[union-attr]
    assert "Notification CMR-2026-001: Child A" in titles
    assert "Notification CMR-2026-002: Child A (PSNI)" not in titles, "one child, one item"


def test_the_answers_go_into_the_cases_papers_on_the_papers_deadline(cases: Cases, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import io

    from docx import Document
    from flask import current_app

    from govapp.sources import queue_reminders

    current_app.config["PAPERS_DIR"] = str(tmp_path)
    case = _notify(cases).case
    trust_member = cases.setup.members[0].user
    assert trust_member is not None
    service.answer_known(trust_member, case, known=True, details="Open to family support.", now=NOW)
    assert queue_reminders(date(2026, 12, 30)).queued.get("case answers paper") is None, "not before it is due"
    assert queue_reminders(date(2026, 12, 31)).queued["case answers paper"] == 1
    assert queue_reminders(date(2027, 1, 1)).queued.get("case answers paper") is None, "once"
    assert case.agenda_item is not None
    (paper,) = [p for p in case.agenda_item.papers if p.title == case_work.ANSWERS_PAPER]
    from govapp.papers_storage import current_store

    document = Document(io.BytesIO(current_store().read(paper.storage_key)))
    rows = [[cell.text for cell in row.cells] for row in document.tables[0].rows]
    assert rows[0] == ["Member", "Agency", "Answer", "Details"]
    assert ["Member 1", "Belfast Health and Social Care Trust", "Known", "Open to family support."] in rows
    assert sum(1 for row in rows if row[2] == "Not answered") == 4
