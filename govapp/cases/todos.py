"""Cases on the home page and in "coming deadlines": the answers a Panel member owes, and for the
secretariat the cases whose answers are still missing. Both read only open answers (a bounded set),
so their cost does not grow with the history of cases."""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Sequence
from datetime import date
from datetime import timedelta

from sqlalchemy import ColumnElement
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from govapp import rules
from govapp.extensions import db
from govapp.extensions import rows
from govapp.formatting import long_date
from govapp.home.todo import BLUE
from govapp.home.todo import RED
from govapp.home.todo import YELLOW
from govapp.home.todo import Link
from govapp.home.todo import Tag
from govapp.home.todo import ToDo
from govapp.home.todo import Viewer
from govapp.home.todo import due_tag
from govapp.home.todo import ids
from govapp.home.todo import todo_source
from govapp.models import Case
from govapp.models import CaseStage
from govapp.models import Committee
from govapp.models import CommitteeKind
from govapp.models import ForewarnedAgency
from govapp.models import KnownAnswer
from govapp.models import Meeting
from govapp.permissions import Action
from govapp.permissions import representative_of
from govapp.services.cases import answers_due
from govapp.sources import Deadline
from govapp.sources import ReminderReport
from govapp.sources import deadline_source
from govapp.sources import reminder_source

#: How soon before the answers are due the secretariat is shown the cases still missing answers.
CHASE_HORIZON = timedelta(days=7)


def _open_answers(committee_ids: Sequence[int], *whose: ColumnElement[bool]) -> list[KnownAnswer]:
    """The answers still owed on the committees' notified cases (``whose`` narrows them)."""
    return rows(
        select(KnownAnswer)
        .join(Case, KnownAnswer.case_id == Case.id)
        .where(Case.committee_id.in_(committee_ids), Case.stage == CaseStage.NOTIFIED, *whose)
        .where(KnownAnswer.answered_at.is_(None))
        .options(joinedload(KnownAnswer.case).joinedload(Case.meeting))
        .order_by(Case.id),
        within=committee_ids,
    )


@todo_source(35, "answers-owed", "Cases: answers you owe", Action.ANSWER_KNOWN)
def answers_owed_section(viewer: Viewer, members_of: list[Committee]) -> list[ToDo]:
    """Notified cases on which the person still owes their agency's answer."""
    entries = []
    for answer in _open_answers(ids(members_of), KnownAnswer.person_id == viewer.user.person_id):
        case = answer.case
        due = answers_due(case)
        late = due is not None and due < viewer.today
        entries.append(
            ToDo(
                title=f"{case.reference}, {case.pseudonym}: is the child or family known to your agency?",
                link=Link("cases.answer", {"reference": case.reference}),
                hint=f"Answer by {long_date(due)}" if due else "Answer as soon as you can",
                tag=Tag("Late", RED) if late else Tag("To answer", BLUE),
            )
        )
    return entries


@todo_source(45, "answers-missing", "Cases: answers still missing", Action.MANAGE_CASES)
def answers_missing_section(viewer: Viewer, managed: list[Committee]) -> list[ToDo]:
    """Cases whose answers are due within a week, or overdue, with members who have not answered."""
    waiting: dict[int, list[KnownAnswer]] = {}
    for answer in _open_answers(ids(managed)):
        waiting.setdefault(answer.case_id, []).append(answer)
    entries = []
    for answers in waiting.values():
        case = answers[0].case
        due = answers_due(case)
        if due is None or due > viewer.today + CHASE_HORIZON:
            continue
        names = ", ".join(sorted(a.person.full_name for a in answers))
        entries.append(
            ToDo(
                title=f"{case.reference}, {case.pseudonym}: {len(answers)} answer(s) missing",
                link=Link("cases.show", {"reference": case.reference}),
                hint=f"Due by {long_date(due)}: {names}",
                tag=due_tag(due, viewer.today, "Chase", YELLOW),
            )
        )
    return entries


@deadline_source
def case_deadlines(committee_ids: Sequence[int], today: date, until: date) -> Iterable[Deadline]:
    """Each notified case's answers deadline in the window, while answers are missing."""
    seen: set[int] = set()
    for answer in _open_answers(committee_ids):
        case = answer.case
        if case.id in seen:
            continue
        seen.add(case.id)
        due = answers_due(case)
        if due is None or not today <= due <= until:
            continue
        yield Deadline(
            day=due,
            what=f"{case.reference}: members' answers (known to your agency?)",
            state=rules.deadline_state(due, None, today),
            who_acts="Panel members",
            endpoint="cases.show",
            values={"reference": case.reference},
        )


def _open_nominations(committee_ids: Sequence[int], *whose: ColumnElement[bool]) -> list[ForewarnedAgency]:
    """The nominations forewarned agencies still owe on the committees' cases (``whose`` narrows them)."""
    return rows(
        select(ForewarnedAgency)
        .join(Case, ForewarnedAgency.case_id == Case.id)
        .where(Case.committee_id.in_(committee_ids), ForewarnedAgency.nominated_at.is_(None), *whose)
        .options(joinedload(ForewarnedAgency.case))
        .order_by(ForewarnedAgency.nominations_due),
        within=committee_ids,
    )


@todo_source(25, "nominations-owed", "Cases: nominations your agency owes", Action.NOMINATE)
def nominations_owed_section(viewer: Viewer, committees: list[Committee]) -> list[ToDo]:
    """For an agency's representative: the cases on which their agency owes its nominations."""
    represents = representative_of(viewer.user, viewer.today)
    if represents is None:
        return []
    entries = [
        ToDo(
            title=f"{w.case.reference}, {w.case.pseudonym}: nominate an IAR author and a review team member",
            link=Link("cases.nominate", {"reference": w.case.reference, "written_id": w.id}),
            hint=f"Due by {long_date(w.nominations_due)}",
            tag=due_tag(w.nominations_due, viewer.today),
        )
        for w in _open_nominations(ids(committees), ForewarnedAgency.agency_id == represents.agency_id)
    ]
    return entries


@deadline_source
def nomination_deadlines(committee_ids: Sequence[int], today: date, until: date) -> Iterable[Deadline]:
    """Each forewarned agency's nominations, due in the window and not yet made."""
    for written in _open_nominations(committee_ids):
        if today <= written.nominations_due <= until:
            yield Deadline(
                day=written.nominations_due,
                what=f"{written.case.reference}: nominations from {written.agency.name}",
                state=rules.deadline_state(written.nominations_due, None, today),
                who_acts=written.agency.name,
                endpoint="cases.show",
                values={"reference": written.case.reference},
            )


@reminder_source
def answers_into_the_papers(today: date, report: ReminderReport) -> None:
    """On the day the members' answers are due (the papers deadline), or after, each notified case's
    answers are put into its papers, once."""
    from datetime import UTC
    from datetime import datetime
    from datetime import time

    from govapp.papers_storage import current_store
    from govapp.services.case_work import add_answers_paper

    cases = db.session.scalars(
        select(Case).where(Case.stage == CaseStage.NOTIFIED, Case.agenda_item_id.is_not(None)).limit(500)
    )
    now = datetime.combine(today, time(7), tzinfo=UTC)
    for case in cases:
        due = answers_due(case)
        if due is not None and due <= today and add_answers_paper(None, case, store=current_store(), now=now):
            report.add("case answers paper")


@todo_source(15, "board-decisions", "Cases: decisions for the Board", Action.AGREE_IN_WRITING)
def board_decisions_section(viewer: Viewer, committees: list[Committee]) -> list[ToDo]:
    """For the Board's Chair and members: cases the Panel recommended, on which they have not yet
    recorded their written agreement."""
    if not any(c.kind == CommitteeKind.BOARD for c in committees):
        return []
    waiting = db.session.scalars(
        select(Case).where(Case.stage == CaseStage.AWAITING_BOARD).order_by(Case.recommended_at).limit(200)
    )
    entries = [
        ToDo(
            title=f"{case.reference}, {case.pseudonym}: the Panel recommends a review",
            link=Link("cases.board_decision", {"reference": case.reference}),
            hint="Agree in writing, or the Board decides at its meeting",
            tag=Tag("To decide", BLUE),
        )
        for case in waiting
        if not any(a.person_id == viewer.user.person_id for a in case.agreements)
    ]
    return entries


@todo_source(55, "recommendations-to-record", "Cases: recommendations to record", Action.RECORD_RECOMMENDATION)
def recommendations_to_record_section(viewer: Viewer, recording: list[Committee]) -> list[ToDo]:
    """For the secretariat: cases the Panel has considered at a meeting that has taken place, with no
    recommendation recorded yet."""
    if not recording:
        return []
    considered = db.session.scalars(
        select(Case)
        .join(Meeting, Case.meeting_id == Meeting.id)
        .where(
            Case.committee_id.in_(ids(recording)),
            Case.stage == CaseStage.NOTIFIED,
            Case.recommendation.is_(None),
            Meeting.meeting_date <= viewer.today,
        )
        .order_by(Meeting.meeting_date)
        .limit(200)
    )
    entries = [
        ToDo(
            title=f"{case.reference}, {case.pseudonym}: record the Panel's findings and recommendation",
            link=Link("cases.recommendation", {"reference": case.reference}),
            hint=f"Considered on {long_date(case.meeting.meeting_date)}" if case.meeting else None,
            tag=Tag("To record", YELLOW),
        )
        for case in considered
    ]
    return entries
