"""The Panel's cases, part 1: notifications from the agencies, the Panel members' answers to "is the
child or family known to your agency?", joining a second agency's notification to the same child,
and requests from members of the public.

- A **notification** is made by an agency's representative (or the secretariat on an agency's
  behalf). govapp assigns the case reference (``CMR-<year>-<n>``) and computes when it was due
  (``rules.notification_due``: 2 working days after the criteria were determined); a late one is
  flagged, never refused. An agency notifies when 17(2)(a) and one of 17(2)(b)(i)-(iii) hold
  (``rules.criteria_met`` is not ``"not_met"``); otherwise it is refused with words.
- The case is put to the **meeting that will consider it** (``rules.considered_at``: the first Panel
  meeting at least 14 days after it was received). Every Panel member is asked in writing, through
  the outbox, whether the child or family is known to their agency; the answers are due by that
  meeting's **papers deadline** (our reading of Appendix Three: the answers go into the papers).
- A **second agency** notifying about the same child is joined to the first case by the secretariat,
  with both notifications kept (section 7).
- A **request from a member of the public** is recorded and referred to a represented body; it never
  opens a case by itself (section 8).

Names: forms never ask for a real name. :func:`name_warnings` flags text that looks like a person's
name (two or more capitalised words in a row that are not a known term). It is a heuristic: it misses
names written in lower case and flags some harmless phrases, so it warns and asks for confirmation,
never refuses.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from datetime import datetime

from sqlalchemy import select

from govapp import rules
from govapp.extensions import db
from govapp.formatting import long_date
from govapp.links import absolute
from govapp.models import AGE_BANDS
from govapp.models import AREAS
from govapp.models import CRITERIA
from govapp.models import Agency
from govapp.models import Case
from govapp.models import CaseStage
from govapp.models import Committee
from govapp.models import KnownAnswer
from govapp.models import Meeting
from govapp.models import MeetingStatus
from govapp.models import Notification
from govapp.models import PublicRequest
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

#: Capitalised words that are not names: terms of the trade, places, agencies, months and days.
_NOT_NAMES = {
    "child", "children", "young", "person", "baby", "infant", "sibling", "siblings", "mother", "father",
    "parent", "parents", "carer", "trust", "health", "social", "care", "police", "service", "northern",
    "ireland", "belfast", "southern", "western", "eastern", "south", "education", "authority", "board",
    "probation", "youth", "justice", "agency", "nspcc", "barnardo's", "panel", "safeguarding", "psni",
    "gp", "school", "hospital", "emergency", "department", "court", "family", "the", "a", "an", "and", "of",
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "cmr", "iar", "unit", "team", "council", "district", "ward", "royal", "victoria", "ulster", "public",
}  # fmt: skip
_WORD = r"[A-Z][A-Za-z'’-]*[a-z][A-Za-z'’-]*"
_CAPITALISED_RUN = re.compile(rf"\b({_WORD}(?:\s+{_WORD})+)")


def name_warnings(**texts: str | None) -> list[str]:
    """For each text that seems to hold a real person's name, a warning naming the field and the words."""
    warnings = []
    for field, text in texts.items():
        for run in _CAPITALISED_RUN.findall(text or ""):
            words = run.split()
            if sum(1 for w in words if w.lower().strip("'’") not in _NOT_NAMES) >= 2:
                warnings.append(
                    f"The {field.replace('_', ' ')} contains “{run}”, which looks like a person's name. "
                    "Use the case pseudonym and roles (mother, GP), never real names."
                )
                break
    return warnings


@dataclass(frozen=True)
class Finding:
    """One criterion as the agency records it: met (True), not met (False) or not yet known (None)."""

    met: bool | None
    note: str = ""


def _panel_meeting_dates(committee: Committee, start: date) -> list[tuple[date, Meeting]]:
    rows = db.session.scalars(
        select(Meeting)
        .where(
            Meeting.committee_id == committee.id,
            Meeting.status != MeetingStatus.CANCELLED,
            Meeting.meeting_date >= start,
        )
        .order_by(Meeting.meeting_date)
        .limit(24)
    )
    return [(m.meeting_date, m) for m in rows]


def meeting_to_consider(committee: Committee, received_on: date) -> Meeting | None:
    """The Panel meeting that will consider a case received on ``received_on`` (``rules.considered_at``)."""
    meetings = _panel_meeting_dates(committee, received_on)
    day = rules.considered_at(received_on, [d for d, _ in meetings])
    return next((m for d, m in meetings if d == day), None)


def answers_due(case: Case) -> date | None:
    """When the members' answers are due: the papers deadline of the meeting that will consider the case."""
    if case.meeting is None:
        return None
    return rules.papers_deadline(case.meeting.meeting_date, orders=case.committee.standing_orders)


def _next_reference(committee: Committee, year: int) -> str:
    """The next reference of ``year``: one more than the highest in use (so references never collide)."""
    prefix = f"CMR-{year}-"
    taken = db.session.scalars(select(Case.reference).where(Case.reference.like(prefix + "%")))
    highest = max((int(ref.removeprefix(prefix)) for ref in taken if ref.removeprefix(prefix).isdigit()), default=0)
    return f"{prefix}{highest + 1:03d}"


def _check_agency_for(actor: User, agency: Agency, committee: Committee, today: date) -> None:
    """An agency's representative notifies for their own agency only; the secretariat for any."""
    found = access(actor, committee, today)
    found.require(Action.NOTIFY_CASE)
    if found.can(Action.MANAGE_CASES):
        return
    represents = representative_of(actor, today)
    if represents is None or represents.agency_id != agency.id:
        raise RefusedError(f"You represent {represents.agency.name if represents else 'no agency'}, not {agency.name}.")


def submit_notification(
    actor: User,
    committee: Committee,
    *,
    agency: Agency,
    senior_representative: str,
    determined_on: date,
    pseudonym: str,
    age_band: str,
    area: str,
    criteria: Mapping[str, Finding],
    family_told: bool,
    family_not_told_reason: str | None,
    other_agencies: str | None,
    now: datetime,
    place_on_agenda: bool = True,
) -> Notification:
    """An agency notifies a case. The case is made, put to the meeting that will consider it, and every
    Panel member is asked whether the child or family is known to their agency."""
    today = london_date(now)
    _check_agency_for(actor, agency, committee, today)
    pseudonym = " ".join(pseudonym.split())
    if not pseudonym:
        raise ServiceError("Enter the case pseudonym, for example Child A.", field="pseudonym")
    if age_band not in AGE_BANDS:
        raise ServiceError("Choose the child's age band.", field="age_band")
    if area not in AREAS:
        raise ServiceError("Choose the area.", field="area")
    if not senior_representative.strip():
        raise ServiceError("Enter the agency's nominated senior representative.", field="senior_representative")
    if determined_on > today:
        raise ServiceError("The date the criteria were determined cannot be in the future.", field="determined_on")
    if (today - determined_on).days > 366:
        raise ServiceError(
            "The criteria were determined more than a year ago. Check the date; a notification is due within "
            f"{rules.GUIDANCE.notification_working_days} working days.",
            field="determined_on",
        )
    if not family_told and not (family_not_told_reason or "").strip():
        raise ServiceError("Say why the parents or the child were not told.", field="family_not_told_reason")
    findings = {key: criteria.get(key, Finding(None)) for key, _words in CRITERIA}
    answer = rules.criteria_met(*(findings[key].met for key, _ in CRITERIA))
    if answer == "not_met":
        raise ServiceError(
            "A notification is made when 17(2)(a) holds together with one of 17(2)(b)(i) to (iii). As recorded, "
            "they do not: check the criteria.",
            field="a",
        )
    due = rules.notification_due(determined_on, calendar=working_calendar())
    case = Case(
        reference=_next_reference(committee, today.year),
        committee=committee,
        pseudonym=pseudonym,
        age_band=age_band,
        area=area,
        stage=CaseStage.NOTIFIED,
    )
    case.created_at = now
    case.meeting = meeting_to_consider(committee, today)
    db.session.add(case)
    notification = Notification(
        case=case,
        agency=agency,
        senior_representative=senior_representative.strip(),
        submitted_by=actor,
        determined_on=determined_on,
        received_at=now,
        due_on=due,
        late=today > due,
        criteria={key: {"met": f.met, "note": f.note.strip()} for key, f in findings.items()},
        family_told=family_told,
        family_not_told_reason=(family_not_told_reason or "").strip() or None,
        other_agencies=(other_agencies or "").strip() or None,
    )
    db.session.add(notification)
    db.session.flush()
    record_change(actor, "notify_case", notification, committee_id=committee.id)
    _ask_members(case, now=now)
    if place_on_agenda:
        _place_on_agenda(actor, case, now=now)
    return notification


def _place_on_agenda(actor: User, case: Case, *, now: datetime) -> None:
    """Put the case on the agenda of the meeting that will consider it, as an item for decision linked to
    the case. Its papers are the item's, so a member who declares an interest in it does not get them.
    Nothing is placed while the agenda cannot take an item (the meeting is over, or its agenda is closed):
    the case page then says so, and the secretariat adds it."""
    from govapp.models import ItemPurpose
    from govapp.services.agenda import ItemDetails
    from govapp.services.agenda import add_agenda_item

    if case.meeting is None or case.agenda_item is not None:
        return
    try:
        with db.session.begin_nested():
            details = ItemDetails(
                f"Notification {case.reference}: {case.pseudonym}",
                ItemPurpose.DECISION,
                description=f"The case {case.reference} ({case.age_band}, {case.area}). Notified by "
                + ", ".join(n.agency.name for n in case.notifications)
                + ". The notification and the members' answers are on the case page.",
            )
            item = add_agenda_item(actor, case.meeting, details, now=now)
            db.session.flush()
    except ServiceError:
        return
    case.agenda_item = item


def _ask_members(case: Case, *, now: datetime) -> None:
    """Every Panel member, in writing: is the child or family known to your agency?"""
    due = answers_due(case)
    link = absolute(f"/cases/{case.reference}")
    by = (
        f"by {long_date(due)} (the papers deadline of the meeting that will consider it)"
        if due
        else "as soon as you can"
    )
    for membership in case.committee.members_on(london_date(now)):
        answer = KnownAnswer(case=case, person=membership.person, agency=membership.agency, asked_at=now)
        db.session.add(answer)
        queue_email(
            membership.person,
            kind="case-known",
            subject=f"{case.reference}: is the child or family known to your agency?",
            body_text=(
                f"The {case.committee.name} has received a notification: {case.reference}, {case.pseudonym}, "
                f"age {case.age_band}, {case.area} area.\n\nPlease answer, for {membership.agency or 'your agency'}, "
                f"whether the child or family is known to your agency, {by}:\n{link}\n\n"
                "Do not reply to this email with case details. OFFICIAL-SENSITIVE\n"
            ),
            now=now,
        )


def answer_known(actor: User, case: Case, *, known: bool, details: str | None, now: datetime) -> KnownAnswer:
    """A Panel member answers for their own agency (Appendix Three). They may correct it until the meeting."""
    answer = db.session.scalar(
        select(KnownAnswer).where(KnownAnswer.case_id == case.id, KnownAnswer.person_id == actor.person_id)
    )
    if answer is None:
        membership = next(
            (m for m in case.committee.members_on(london_date(now)) if m.person_id == actor.person_id), None
        )
        if membership is None:
            raise RefusedError("Only the Panel's members answer for their agencies.")
        answer = KnownAnswer(case=case, person_id=actor.person_id, agency=membership.agency, asked_at=now)
        db.session.add(answer)
    if case.meeting is not None and london_date(now) > case.meeting.meeting_date:
        raise ConflictError("The Panel has already considered this case; the answers are in its papers.")
    details = (details or "").strip()
    if known and not details:
        raise ServiceError("Say how the child or family is known to your agency.", field="details")
    before = snapshot(answer) if answer.id else None
    answer.known = known
    answer.details = details or None
    answer.answered_at = now
    answer.answered_by_id = actor.id
    record_change(actor, "answer_known", answer, before=before, committee_id=case.committee_id)
    return answer


def link_notification(actor: User, notification: Notification, case: Case, *, reason: str, now: datetime) -> None:
    """Join ``notification`` to ``case`` (another agency's notification about the same child). Both are
    kept; the case the notification opened is removed if nothing else is in it."""
    if notification.case_id == case.id:
        raise ConflictError(f"This notification is already part of {case.reference}.")
    if notification.case.committee_id != case.committee_id:
        raise ServiceError("Both notifications must be before the same Panel.")
    if not reason.strip():
        raise ServiceError("Say why these notifications concern the same child.", field="reason")
    old = notification.case
    before = snapshot(notification)
    notification.case = case
    notification.linked_reason = reason.strip()
    record_change(actor, "link_notification", notification, before=before, committee_id=case.committee_id)
    db.session.flush()
    if not old.notifications:
        if old.agenda_item is not None:
            from govapp.services.agenda import remove_agenda_item

            try:
                with db.session.begin_nested():
                    remove_agenda_item(actor, old.agenda_item, now=now)
            except ServiceError:
                pass  # the agenda is closed: the secretariat withdraws the item there
        record_change(actor, "remove_empty_case", old, before=snapshot(old), after={}, committee_id=old.committee_id)
        db.session.delete(old)


def record_public_request(
    actor: User,
    committee: Committee,
    *,
    received_on: date,
    summary: str,
    referred_to: Agency,
    requester_told_on: date | None,
    now: datetime,
) -> PublicRequest:
    """A member of the public asked for a review: recorded and referred to a represented body (section 8)."""
    if not summary.strip():
        raise ServiceError("Summarise the request, without real names.", field="summary")
    if received_on > london_date(now):
        raise ServiceError("The date it was received cannot be in the future.", field="received_on")
    request = PublicRequest(
        committee_id=committee.id,
        received_on=received_on,
        summary=summary.strip(),
        referred_to=referred_to,
        requester_told_on=requester_told_on,
        recorded_by_id=actor.id,
    )
    db.session.add(request)
    record_change(actor, "record_public_request", request, committee_id=committee.id)
    return request


# --- reads -------------------------------------------------------------------------------------------


def find_case(reference: str) -> Case | None:
    return db.session.scalar(select(Case).where(Case.reference == reference.upper()))


#: Cases on one page of the register (and the most one API request returns).
REGISTER_PAGE = 50


@dataclass(frozen=True)
class RegisterFilters:
    """Which page of the register, of which stage and reporting year (none: every one)."""

    stage: CaseStage | None = None
    year: int | None = None
    page: int = 1

    @classmethod
    def read(cls, stage: str | None, year: str | None, page: str | None) -> RegisterFilters:
        """The filters as an address gives them (blank: not filtered), or :class:`ServiceError` (a 400)
        with words: a filter that cannot be met is refused, never ignored."""
        if stage and stage not in {s.value for s in CaseStage}:
            raise ServiceError(f"'stage' must be one of: {', '.join(s.value for s in CaseStage)}.", field="stage")
        if year and not (year.isdigit() and 2000 <= int(year) <= 2100):
            raise ServiceError("'year' must be a year from 2000 to 2100, like 2026.", field="year")
        if page and not (page.isdigit() and 0 < int(page) < 10_000):
            raise ServiceError("'page' must be a page number, 1 or more.", field="page")
        return cls(CaseStage(stage) if stage else None, int(year) if year else None, int(page) if page else 1)


def register(
    committee: Committee,
    *,
    stage: CaseStage | None = None,
    year: int | None = None,
    page: int = 1,
    per_page: int = REGISTER_PAGE,
) -> list[Case]:
    """One page of the Panel's cases, newest first, filtered by stage and by the reporting year (from
    1 April, Europe/London) they were received in: a page costs the same whatever the history."""
    from sqlalchemy.orm import selectinload

    query = select(Case).where(Case.committee_id == committee.id)
    if stage is not None:
        query = query.where(Case.stage == stage)
    if year is not None:
        start = datetime.combine(date(year, 4, 1), datetime.min.time(), tzinfo=rules.LONDON)
        end = datetime.combine(date(year + 1, 4, 1), datetime.min.time(), tzinfo=rules.LONDON)
        query = query.where(Case.created_at >= start, Case.created_at < end)
    query = query.options(selectinload(Case.notifications), selectinload(Case.answers), selectinload(Case.forewarned))
    offset = (max(page, 1) - 1) * per_page
    return list(
        db.session.scalars(query.order_by(Case.created_at.desc(), Case.id.desc()).offset(offset).limit(per_page))
    )


@dataclass(frozen=True)
class Clock:
    """One of a case's clocks: what, when due, how it stands (to come, met, late), who acts, and once
    done, who did it and when."""

    what: str
    due: date | None
    state: str
    who: str
    acted: str | None = None


def _by(user_id: int | None, when: datetime | date | None) -> str | None:
    """'Jamie Orr, 24 November 2026': who did a step and when, from the record."""
    if when is None:
        return None
    day = london_date(when) if isinstance(when, datetime) else when
    user = db.session.get(User, user_id) if user_id is not None else None
    return f"{user.name}, {long_date(day)}" if user is not None else long_date(day)


def clocks(case: Case, today: date) -> list[Clock]:
    """The case's clocks so far: each notification's, the members' answers, and the meeting."""
    rows = []
    for n in case.notifications:
        rows.append(
            Clock(
                f"Notification from {n.agency.name}",
                n.due_on,
                "late" if n.late else "met",
                n.senior_representative,
                _by(n.submitted_by_id, n.received_at),
            )
        )
    due = answers_due(case)
    waiting = [a for a in case.answers if a.answered_at is None]
    if due is not None or waiting:
        state = "met" if not waiting else ("late" if due is not None and today > due else "to come")
        what = "Answers: is the child or family known to your agency?"
        if waiting:
            what += f" ({len(waiting)} of {len(case.answers)} still to answer)"
        answered = [a.answered_at for a in case.answers if a.answered_at is not None]
        last = f"{len(answered)} answered, the last on {long_date(london_date(max(answered)))}" if answered else None
        rows.append(Clock(what, due, state, "Panel members", last))
    if case.forewarning is not None:
        f = case.forewarning
        rows.append(
            Clock(
                "Forewarning: a review more likely than not",
                None,
                "met",
                f"{f.sbni_chair}, {f.panel_chair} and {f.professional_officer}",
                _by(f.recorded_by_id, f.judged_on),
            )
        )
    for written in case.forewarned:
        if written.nominated_at is not None:
            state = "met" if london_date(written.nominated_at) <= written.nominations_due else "late"
        else:
            state = "late" if today > written.nominations_due else "to come"
        name = written.agency.name
        acted = _by(written.nominated_by_id, written.nominated_at)
        rows.append(Clock(f"Nominations from {name}", written.nominations_due, state, name, acted))
    if case.meeting is not None:
        state = "met" if case.meeting.meeting_date < today else "to come"
        rows.append(Clock("Considered by the Panel", case.meeting.meeting_date, state, "The Panel"))
    if case.recommended_at is not None:
        rows.append(
            Clock("The Panel's recommendation", None, "met", "The Panel, by motion", _by(None, case.recommended_at))
        )
    if case.board_decided_at is not None:
        how = "in writing" if case.board_route == "writing" else "at a Board meeting"
        rows.append(Clock(f"The Board's decision ({how})", None, "met", "The Board", _by(None, case.board_decided_at)))
    return rows
