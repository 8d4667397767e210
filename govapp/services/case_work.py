"""Work on a notified case before the Panel decides: forewarning and the agencies' nominations, the
notifying agency's briefing report and presenter, and the members' answers put into the papers.

See ``govapp.services.cases`` for the notification itself and the members' answers.
"""

from __future__ import annotations

from datetime import date
from datetime import datetime
from typing import Any

from sqlalchemy import select

from govapp import rules
from govapp.extensions import db
from govapp.formatting import long_date
from govapp.links import absolute
from govapp.models import Agency
from govapp.models import AgencyRepresentative
from govapp.models import Case
from govapp.models import ForewarnedAgency
from govapp.models import Forewarning
from govapp.models import Person
from govapp.models import User
from govapp.permissions import Action
from govapp.permissions import access
from govapp.permissions import representative_of
from govapp.rules import london_date
from govapp.services import ConflictError
from govapp.services import RefusedError
from govapp.services import ServiceError
from govapp.services.audit import record_change
from govapp.services.audit import snapshot
from govapp.services.calendars import working_calendar
from govapp.services.outbox import queue_email

# --- forewarning ----------------------------------------------------------------------------------------


def record_forewarning(
    actor: User,
    case: Case,
    *,
    judged_on: date,
    sbni_chair: str,
    panel_chair: str,
    professional_officer: str,
    agencies: list[Agency],
    now: datetime,
) -> Forewarning:
    """The SBNI Chair, the Panel Chair and the Professional Officer judged a review more likely than not:
    each involved agency is written to, through the outbox, to secure its files and nominate an IAR
    author and a team member by ``rules.nominations_due`` (10 working days)."""
    if case.forewarning is not None:
        raise ConflictError(f"{case.reference} was already forewarned on {long_date(case.forewarning.judged_on)}.")
    if judged_on > london_date(now):
        raise ServiceError("The date of the judgement cannot be in the future.", field="judged_on")
    names = {"sbni_chair": sbni_chair, "panel_chair": panel_chair, "professional_officer": professional_officer}
    for field, name in names.items():
        if not name.strip():
            raise ServiceError("Name each of the three who made the judgement.", field=field)
    if not agencies:
        raise ServiceError("Choose the agencies involved, to be written to.", field="agencies")
    forewarning = Forewarning(
        case=case,
        judged_on=judged_on,
        sbni_chair=sbni_chair.strip(),
        panel_chair=panel_chair.strip(),
        professional_officer=professional_officer.strip(),
        recorded_by_id=actor.id,
    )
    db.session.add(forewarning)
    due = rules.nominations_due(judged_on, calendar=working_calendar())
    for agency in agencies:
        written = ForewarnedAgency(case=case, agency=agency, written_at=now, nominations_due=due)
        db.session.add(written)
        for person in _agency_contacts(agency, london_date(now)):
            queue_email(
                person,
                kind="case-forewarning",
                subject=f"{case.reference}: secure your files and nominate by {long_date(due)}",
                body_text=(
                    f"The {case.committee.name} is likely to recommend a Case Management Review of "
                    f"{case.reference} ({case.pseudonym}).\n\nFor {agency.name}, please:\n"
                    "- secure every file about the child and family;\n"
                    f"- nominate an author for your Individual Agency Review and a member of the review team, "
                    f"by {long_date(due)}:\n{absolute(f'/cases/{case.reference}')}\n\n"
                    "Do not reply to this email with case details. OFFICIAL-SENSITIVE\n"
                ),
                now=now,
            )
    db.session.flush()
    record_change(
        actor,
        "record_forewarning",
        forewarning,
        after={**snapshot(forewarning), "agencies": [a.name for a in agencies], "nominations_due": due.isoformat()},
        committee_id=case.committee_id,
    )
    return forewarning


def _agency_contacts(agency: Agency, today: date) -> list[Person]:
    """Who is written to for an agency: its current representatives and its nominated senior representative."""
    people = [
        r.person
        for r in db.session.scalars(select(AgencyRepresentative).where(AgencyRepresentative.agency_id == agency.id))
        if r.is_current(today)
    ]
    if agency.senior_representative is not None and agency.senior_representative not in people:
        people.append(agency.senior_representative)
    return people


def record_nominations(
    actor: User, written: ForewarnedAgency, *, iar_author: str, team_member: str, now: datetime
) -> None:
    """An agency's nominations: its IAR author and its member of the review team (staff, by name and role)."""
    committee = written.case.committee
    found = access(actor, committee, london_date(now))
    found.require(Action.NOMINATE)
    if not found.can(Action.MANAGE_CASES):
        represents = representative_of(actor, london_date(now))
        if represents is None or represents.agency_id != written.agency_id:
            raise RefusedError(f"Only {written.agency.name}'s representative records its nominations.")
    if not iar_author.strip():
        raise ServiceError("Name the IAR author and their post.", field="iar_author")
    if not team_member.strip():
        raise ServiceError("Name the member of the review team and their post.", field="team_member")
    before = snapshot(written)
    written.iar_author = iar_author.strip()
    written.team_member = team_member.strip()
    written.nominated_at = now
    written.nominated_by_id = actor.id
    record_change(actor, "record_nominations", written, before=before, committee_id=committee.id)


def notifying_agency_for(actor: User, case: Case, action: Action, *, today: date) -> Agency:
    """The notifying agency ``actor`` acts for on ``case``: their own, if it notified; the secretariat acts
    for the first notifying agency. Otherwise a refusal with words."""
    found = access(actor, case.committee, today)
    found.require(action)
    notifying = {n.agency_id: n.agency for n in case.notifications}
    if found.can(Action.MANAGE_CASES):
        return next(iter(notifying.values()))
    represents = representative_of(actor, today)
    if represents is not None and represents.agency_id in notifying:
        return notifying[represents.agency_id]
    raise RefusedError("Only a notifying agency does this for the case.")


def add_briefing_report(actor: User, case: Case, upload: Any, *, store: Any, now: datetime) -> None:
    """The notifying agency's briefing report (now or later): a paper of the case's agenda item, so it
    goes to the Panel with the agenda and is withheld from a member who declares an interest, and every
    download is recorded."""
    from govapp.services.papers import add_paper

    agency = notifying_agency_for(actor, case, Action.ADD_BRIEFING, today=london_date(now))
    if case.agenda_item is None:
        raise ServiceError("The case is not on a Panel meeting's agenda yet; add the report once it is.", field="file")
    add_paper(actor, case.agenda_item, upload, store=store, title=f"Briefing report from {agency.name}", now=now)


ANSWERS_PAPER = "Answers: is the child or family known to the agencies?"


def add_answers_paper(actor: User | None, case: Case, *, store: Any, now: datetime) -> bool:
    """Put the members' answers into the Panel's papers for the case: a Word document, a paper of the
    case's agenda item (so withheld from the conflicted, like the rest). Once per case; ``False`` when
    there is no item to hold it, or it is there already."""
    from govapp.documents.letter import AnswerLine
    from govapp.documents.letter import AnswersData
    from govapp.documents.letter import build_answers
    from govapp.services.papers import Upload
    from govapp.services.papers import store_paper

    item = case.agenda_item
    if item is None or any(p.title == ANSWERS_PAPER for p in item.papers):
        return False
    lines = tuple(
        AnswerLine(
            a.person.full_name,
            a.agency or "",
            "Not answered" if a.answered_at is None else ("Known" if a.known else "Not known"),
            a.details or "",
        )
        for a in sorted(case.answers, key=lambda a: a.person.full_name)
    )
    content = build_answers(AnswersData(case.committee.name, case.reference, case.pseudonym, london_date(now), lines))
    upload = Upload(f"{case.reference}-answers.docx", content)
    store_paper(actor, item.meeting, upload, store=store, title=ANSWERS_PAPER, item=item, now=now)
    return True


def request_presenter(
    actor: User,
    case: Case,
    *,
    full_name: str,
    email: str,
    post: str,
    no_direct_involvement: bool,
    now: datetime,
) -> None:
    """The notifying agency asks for a staff member familiar with the case to attend the Panel and present
    it (section 10): an officer in attendance, agreed beforehand by the Chair on the requests page. The
    person must have had no direct involvement with the child or family."""
    from govapp.services.accounts import add_person
    from govapp.services.accounts import find_person
    from govapp.services.proceedings import request_officer_attendance

    agency = notifying_agency_for(actor, case, Action.REQUEST_PRESENTER, today=london_date(now))
    if case.agenda_item is None:
        raise ServiceError("The case is not on a Panel meeting's agenda yet.")
    if not no_direct_involvement:
        raise ServiceError(
            "The person who presents must have had no direct involvement with the child or family. Confirm it.",
            field="no_direct_involvement",
        )
    if not post.strip():
        raise ServiceError("Give the person's post.", field="post")
    person = find_person(email) or add_person(actor, full_name=full_name, email=email, organisation=agency.name)
    reason = f"{post.strip()}, to present {case.reference}. No direct involvement with the child or family."
    request_officer_attendance(actor, case.agenda_item, person, agency.name, reason, now=now)
