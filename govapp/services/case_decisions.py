"""The Panel's recommendation on a case and the Board's decision, with the letters made from them.

- **Findings.** At its meeting the Panel's secretariat records its finding on each regulation 17
  criterion; ``rules.criteria_met`` turns them into the proposal.
- **The recommendation is a motion.** It is decided on the case's agenda item under the standing
  orders (quorum, withdrawal, majority and casting vote, all unchanged); the secretariat then records
  which carried motion made it, and what it was: a review (with the draft terms of reference and
  methodology), no review (with the reason), or more information from the agency (the case is carried
  to the next Panel meeting). A review is refused, with words, unless the findings meet every
  criterion.
- **To the Board.** A review recommended, the Panel Chair's letter to the Board is made (a Word
  document) and the Board's Chair and members are sent a link.
- **The Board decides** at a Board meeting (its secretariat records the decision and the meeting) or
  in writing between meetings: each Board member records their written agreement, and the decision is
  made once more than half of the Board's members on that day agree to the same decision.
- **Letters.** On the decision, a letter to each party of section 15: the Department of Health, the
  chair of the Safeguarding Panel of the child's area, each notifying agency, and the PSNI, the Public
  Prosecution Service and the Coroners Service when the case involves a death or criminal
  proceedings; and, if the review is not commissioned after forewarning, a stand-down to each
  forewarned agency. Each is a Word document kept on the case; an addressee with an address in govapp
  (an agency's nominated senior representative, a Safeguarding Panel's Chair) is emailed a link, never
  the document; the case page lists the letters with no address, for the Professional Officer to send.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from govapp import rules
from govapp.documents.letter import LetterData
from govapp.documents.letter import build_letter
from govapp.extensions import db
from govapp.formatting import long_date
from govapp.links import absolute
from govapp.models import CRITERIA
from govapp.models import Agency
from govapp.models import BoardAgreement
from govapp.models import Case
from govapp.models import CaseLetter
from govapp.models import CaseStage
from govapp.models import Committee
from govapp.models import CommitteeKind
from govapp.models import Meeting
from govapp.models import MeetingStatus
from govapp.models import Motion
from govapp.models import MotionStatus
from govapp.models import Person
from govapp.models import User
from govapp.rules import london_date
from govapp.services import ConflictError
from govapp.services import RefusedError
from govapp.services import ServiceError
from govapp.services.audit import record_change
from govapp.services.audit import snapshot
from govapp.services.outbox import queue_email
from govapp.services.stored_documents import store_document

RECOMMENDATIONS = {
    "review": "Recommend a Case Management Review",
    "no_review": "Recommend no review",
    "more_information": "Ask the agency for more information",
}
DECISIONS = {
    "commission": "Commission a Case Management Review",
    "not_commission": "Not commission a review",
    "refer_back": "Refer the case back to the Panel",
}
#: The bodies written to when the case involves a death or criminal proceedings (section 15), by the
#: names of their agencies in govapp.
CRIMINAL_OR_DEATH_PARTIES = ("Police Service of Northern Ireland", "Public Prosecution Service", "Coroners Service")
DEPARTMENT = "Department of Health"


def proposal(case: Case) -> str:
    """What the Panel's findings support (``rules.criteria_met``): review, notify_only, not_met, unknown."""
    return rules.criteria_met(*(case.findings.get(key) for key, _words in CRITERIA))


def record_findings(actor: User, case: Case, findings: Mapping[str, bool | None], *, now: datetime) -> None:
    """The Panel's finding on each criterion, recorded at its meeting (the record opens on the day)."""
    from govapp.services.proceedings import require_meeting_day
    from govapp.services.proceedings import require_record_open

    meeting = _panel_meeting(case)
    require_record_open(meeting)
    require_meeting_day(meeting, now)
    before = snapshot(case)
    case.findings = {key: findings.get(key) for key, _words in CRITERIA}
    record_change(actor, "record_findings", case, before=before, committee_id=case.committee_id)


def _panel_meeting(case: Case) -> Meeting:
    if case.meeting is None or case.agenda_item is None:
        raise ServiceError("The case is not on a Panel meeting's agenda yet.")
    return case.meeting


@dataclass(frozen=True)
class Circumstances:
    """What the Panel records with its recommendation for the letters of the Board's decision: whether
    the case involves a death or criminal proceedings (more parties are told), and whether, and by whom,
    the family is to be told."""

    involves_death_or_proceedings: bool
    family_to_be_told: bool
    family_told_by: str | None = None


def record_recommendation(
    actor: User,
    case: Case,
    *,
    motion: Motion,
    recommendation: str,
    terms_of_reference: str | None,
    methodology: str | None,
    reason: str | None,
    now: datetime,
    circumstances: Circumstances | None = None,
) -> None:
    """The Panel's recommendation, as decided by ``motion`` (carried, on the case's agenda item), with
    the ``circumstances`` the Board's letters will state."""
    meeting = _panel_meeting(case)
    if case.recommendation is not None:
        raise ConflictError(f"The Panel's recommendation on {case.reference} is already recorded.")
    if recommendation not in RECOMMENDATIONS:
        raise ServiceError("Choose the Panel's recommendation.", field="recommendation")
    if motion.agenda_item_id != case.agenda_item_id:
        raise ServiceError("Choose a motion on this case's agenda item.", field="motion")
    if motion.status != MotionStatus.CLOSED or motion.result is None or motion.result.outcome != "carried":
        raise ServiceError("The recommendation is the motion the Panel carried: close its vote first.", field="motion")
    if recommendation == "review":
        answer = proposal(case)
        if answer != "review":
            raise ServiceError(
                "A review can be recommended only when the Panel finds 17(2)(a), one of 17(2)(b)(i) to (iii), "
                f"17(2)(c) and 17(2)(d) all met; the recorded findings give “{answer.replace('_', ' ')}”. "
                "Record the findings first.",
                field="recommendation",
            )
        if not (terms_of_reference or "").strip() or not (methodology or "").strip():
            raise ServiceError("Give the draft terms of reference and methodology.", field="terms_of_reference")
    if recommendation == "no_review" and not (reason or "").strip():
        raise ServiceError("Give the reason for recommending no review.", field="reason")
    before = snapshot(case)
    case.recommendation = recommendation
    case.recommendation_motion_id = motion.id
    case.terms_of_reference = (terms_of_reference or "").strip() or None
    case.methodology = (methodology or "").strip() or None
    case.recommendation_reason = (reason or "").strip() or None
    case.recommended_at = now
    if circumstances is not None:
        case.involves_death_or_proceedings = circumstances.involves_death_or_proceedings
        case.family_to_be_told = circumstances.family_to_be_told
        case.family_told_by = (circumstances.family_told_by or "").strip() or None
    if recommendation == "review":
        case.stage = CaseStage.AWAITING_BOARD
    elif recommendation == "no_review":
        case.stage = CaseStage.NOT_RECOMMENDED
    else:
        case.stage = CaseStage.MORE_INFORMATION
        _carry_to_next_meeting(actor, case, after=meeting, now=now)
    record_change(actor, "record_recommendation", case, before=before, committee_id=case.committee_id)
    if recommendation == "review":
        _letter_to_board(case, now=now)


def _carry_to_next_meeting(actor: User, case: Case, *, after: Meeting, now: datetime) -> None:
    from govapp.services.cases import _place_on_agenda

    following = db.session.scalar(
        select(Meeting)
        .where(
            Meeting.committee_id == case.committee_id,
            Meeting.status == MeetingStatus.SCHEDULED,
            Meeting.meeting_date > after.meeting_date,
        )
        .order_by(Meeting.meeting_date)
        .limit(1)
    )
    case.meeting = following
    case.agenda_item = None
    if following is not None:
        _place_on_agenda(actor, case, now=now)


def board() -> Committee | None:
    """The Safeguarding Board: the committee of kind "board"."""
    return db.session.scalar(select(Committee).where(Committee.kind == CommitteeKind.BOARD).limit(1))


def _panel_chair_name(case: Case, now: datetime) -> str:
    chair = case.committee.chair_on(london_date(now))
    return (
        f"{chair.person.full_name}, Chair of the {case.committee.name}"
        if chair
        else f"Chair of the {case.committee.name}"
    )


def _letter_to_board(case: Case, *, now: datetime) -> None:
    """The Panel Chair's letter to the Board: the recommendation, the findings, the draft terms."""
    found = board()
    body = (
        f"At its meeting on {long_date(case.meeting.meeting_date) if case.meeting else 'its last meeting'}, the "
        f"{case.committee.name} considered the notification of {case.reference} and found the criteria of "
        "regulation 17(2) met. It recommends that the Board commission a Case Management Review.\n\n"
        f"Draft terms of reference:\n{case.terms_of_reference}\n\nMethodology:\n{case.methodology}\n\n"
        "The Board is asked to decide whether to commission the review, not to commission it, or to refer the "
        "case back to the Panel, at a Board meeting or in writing between meetings."
    )
    people = [m.person for m in found.members_on(london_date(now))] if found else []
    _make_letter(
        case,
        kind="to-board",
        addressee=f"The {found.name if found else 'Safeguarding Board'}",
        subject="Recommendation to commission a Case Management Review",
        body=body,
        signed_by=_panel_chair_name(case, now),
        recipients=people,
        now=now,
    )


def _make_letter(
    case: Case,
    *,
    kind: str,
    addressee: str,
    subject: str,
    body: str,
    signed_by: str,
    recipients: list[Person],
    now: datetime,
) -> CaseLetter:
    content = build_letter(
        LetterData(
            committee_name=case.committee.name,
            reference=case.reference,
            pseudonym=case.pseudonym,
            dated=london_date(now),
            addressee=addressee,
            subject=subject,
            body=body,
            signed_by=signed_by,
        )
    )
    letter = CaseLetter(
        case_id=case.id,
        kind=kind,
        addressee=addressee,
        to_address=", ".join(p.email for p in recipients) or None,
        stored=store_document(content),
        created_at=now,
    )
    case.letters.append(letter)
    db.session.flush()
    link = absolute(f"/cases/{case.reference}/letters/{letter.id}")
    for person in recipients:
        message = queue_email(
            person,
            kind=f"case-{kind}",
            subject=f"{case.reference}: {subject}",
            body_text=(
                f"A letter about {case.reference} ({case.pseudonym}) for {addressee} is ready in govapp:\n{link}\n\n"
                "Sign in to read it. It is not attached to this email. OFFICIAL-SENSITIVE\n"
            ),
            now=now,
        )
        letter.outbox_message_id = message.id
    return letter


# --- the Board's decision ----------------------------------------------------------------------------


def _board_member(actor: User, now: datetime) -> Committee:
    found = board()
    if found is None or not any(m.person_id == actor.person_id for m in found.members_on(london_date(now))):
        raise RefusedError("Only a member of the Board records a written agreement to its decision.")
    return found


def record_written_agreement(actor: User, case: Case, *, decision: str, agreed: bool, now: datetime) -> BoardAgreement:
    """A Board member agrees in writing (or not) to ``decision`` on the case; when more than half of the
    Board's members agree to the same decision, it is the Board's decision."""
    found = _board_member(actor, now)
    if case.stage != CaseStage.AWAITING_BOARD:
        raise ConflictError(f"{case.reference} is not waiting for the Board's decision.")
    if decision not in DECISIONS:
        raise ServiceError("Choose the decision.", field="decision")
    existing = next((a for a in case.agreements if a.person_id == actor.person_id), None)
    before = snapshot(existing) if existing else None
    agreement = existing or BoardAgreement(
        case_id=case.id, person_id=actor.person_id, decision=decision, agreed=agreed, recorded_at=now
    )
    agreement.decision, agreement.agreed, agreement.recorded_at = decision, agreed, now
    if existing is None:
        case.agreements.append(agreement)
    db.session.flush()
    record_change(actor, "record_written_agreement", agreement, before=before, committee_id=found.id)
    members = {m.person_id for m in found.members_on(london_date(now))}
    agreeing = {a.person_id for a in case.agreements if a.agreed and a.decision == decision and a.person_id in members}
    if len(agreeing) * 2 > len(members):
        decide(actor, case, decision=decision, route="writing", now=now)
    return agreement


@dataclass(frozen=True)
class Tally:
    decision: str
    agreed: int
    needed: int


def tallies(case: Case, *, now: datetime) -> list[Tally]:
    """How the written agreements stand for each decision: agreed so far, and how many are needed."""
    found = board()
    members = {m.person_id for m in found.members_on(london_date(now))} if found else set()
    needed = len(members) // 2 + 1
    return [
        Tally(d, sum(1 for a in case.agreements if a.agreed and a.decision == d and a.person_id in members), needed)
        for d in DECISIONS
    ]


def decide(actor: User, case: Case, *, decision: str, route: str, now: datetime) -> None:
    """The Board's decision: the case moves on and the letters of section 15 are made. (Whether the
    case involves a death or proceedings, and whether the family is to be told, were recorded with the
    Panel's recommendation; the letters say what was recorded.)"""
    if case.board_decision is not None:
        raise ConflictError(f"The Board's decision on {case.reference} is already recorded.")
    if decision not in DECISIONS:
        raise ServiceError("Choose the decision.", field="decision")
    before = snapshot(case)
    case.board_decision = decision
    case.board_route = route
    case.board_decided_at = now
    case.stage = {
        "commission": CaseStage.COMMISSIONED,
        "not_commission": CaseStage.NOT_COMMISSIONED,
        "refer_back": CaseStage.NOTIFIED,
    }[decision]
    record_change(actor, "record_board_decision", case, before=before, committee_id=case.committee_id)
    if decision == "refer_back":
        case.recommendation = None
        case.recommendation_motion_id = None
        return
    _decision_letters(case, decision=decision, now=now)


def _decision_letters(case: Case, *, decision: str, now: datetime) -> None:
    found = board()
    chair = found.chair_on(london_date(now)) if found else None
    signed_by = (
        f"{chair.person.full_name}, Chair of the Safeguarding Board" if chair else "Chair of the Safeguarding Board"
    )
    words = "to commission a Case Management Review of" if decision == "commission" else "not to commission a review of"
    body = (
        f"On {long_date(london_date(now))} the Safeguarding Board decided {words} {case.reference}, following the "
        f"recommendation of the {case.committee.name}."
    )
    if case.family_to_be_told is not None:
        body += "\n\n" + (
            f"The family is to be told, by {case.family_told_by or 'the notifying agency'}."
            if case.family_to_be_told
            else "The family is not to be told at this stage."
        )
    parties: list[tuple[str, list[Person]]] = [(DEPARTMENT, _contacts_of(DEPARTMENT))]
    panel = _safeguarding_panel(case.area, now)
    parties.append(
        (
            f"Chair of the {panel.name}" if panel else f"Chair of the {case.area} Safeguarding Panel",
            _chair_of(panel, now),
        )
    )
    for agency in {n.agency.name: n.agency for n in case.notifications}.values():
        parties.append((agency.name, _agency_people(agency)))
    if case.involves_death_or_proceedings:
        for name in CRIMINAL_OR_DEATH_PARTIES:
            if name not in {p for p, _ in parties}:
                parties.append((name, _contacts_of(name)))
    for addressee, people in parties:
        _make_letter(
            case,
            kind="decision",
            addressee=addressee,
            subject="The Board's decision on a Case Management Review",
            body=body,
            signed_by=signed_by,
            recipients=people,
            now=now,
        )
    if decision == "not_commission":
        for written in case.forewarned:
            _make_letter(
                case,
                kind="stand-down",
                addressee=written.agency.name,
                subject="Stand down: no review will be commissioned",
                body=(
                    f"You were forewarned that {case.reference} might be reviewed. The Board has decided not to "
                    "commission a review, so you may stand down: the files you secured are no longer needed for it, "
                    "and no IAR author or team member is needed."
                ),
                signed_by=signed_by,
                recipients=_agency_people(written.agency),
                now=now,
            )


def _contacts_of(agency_name: str) -> list[Person]:
    agency = db.session.scalar(select(Agency).where(Agency.name == agency_name))
    return _agency_people(agency) if agency is not None else []


def _agency_people(agency: Agency) -> list[Person]:
    return [agency.senior_representative] if agency.senior_representative is not None else []


def _safeguarding_panel(area: str, now: datetime) -> Committee | None:
    panels = db.session.scalars(select(Committee).where(Committee.kind == CommitteeKind.SAFEGUARDING_PANEL))
    return next((p for p in panels if area.lower() in p.name.lower()), None)


def _chair_of(committee: Committee | None, now: datetime) -> list[Person]:
    chair = committee.chair_on(london_date(now)) if committee else None
    return [chair.person] if chair else []


__all__ = [
    "DECISIONS",
    "RECOMMENDATIONS",
    "Circumstances",
    "Tally",
    "board",
    "decide",
    "proposal",
    "record_findings",
    "record_recommendation",
    "record_written_agreement",
    "tallies",
]
