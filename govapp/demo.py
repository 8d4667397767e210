"""Demo data: a fictional CMR Panel and the Safeguarding Board it reports to, with the agencies
their members represent. Every person is invented; no real case is named."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from dataclasses import field
from datetime import date
from datetime import time
from datetime import timedelta
from typing import Any

from govapp import rules
from govapp.extensions import db
from govapp.models import Agency
from govapp.models import AgencyKind
from govapp.models import Committee
from govapp.models import CommitteeKind
from govapp.models import MeetingStatus
from govapp.models import MemberRole
from govapp.models import Officer
from govapp.models import Person
from govapp.models import SecretariatPost
from govapp.models import WhenAndWhere
from govapp.services.accounts import add_person
from govapp.services.accounts import create_account
from govapp.services.committees import appoint_member
from govapp.services.committees import authorise_signatory
from govapp.services.committees import create_committee
from govapp.services.committees import hold_place
from govapp.services.convening import schedule_meeting

DOMAIN = "example.org"

CHAIR = ("Morgan Adair", "Independent Chair")
MEMBERS = [
    ("Aoife Brennan", "Belfast Health and Social Care Trust"),
    ("Ciaran Doherty", "Northern Health and Social Care Trust"),
    ("Grainne McCann", "South Eastern Health and Social Care Trust"),
    ("Declan Quinn", "Southern Health and Social Care Trust"),
    ("Niamh Gallagher", "Western Health and Social Care Trust"),
    ("Ruth Patterson", "Police Service of Northern Ireland"),
    ("Owen Kerr", "Education Authority"),
    ("Siobhan Devlin", "Public Health Agency"),
    ("Stephen Lyttle", "Probation Board for Northern Ireland"),
    ("Fiona Crawford", "NSPCC Northern Ireland"),
    ("Patrick Mulholland", "Barnardo's Northern Ireland"),
]
SECRETARIAT = [("Helen Nesbitt", "Professional Officer"), ("Jamie Orr", "Business Support Officer")]
AGENCY_KIND = {
    "Health and Social Care Trust": AgencyKind.HEALTH_TRUST,
    "Police": AgencyKind.POLICE,
    "Education": AgencyKind.EDUCATION,
    "Probation": AgencyKind.PROBATION,
    "NSPCC": AgencyKind.VOLUNTARY,
    "Barnardo": AgencyKind.VOLUNTARY,
}
#: The Board: its Chair (the SBNI Chair), members who are other senior people of the same agencies,
#: and its secretary. None of them sits on the Panel, so each demo sign-in shows one committee's work.
BOARD_CHAIR = ("Eileen Stewart", "Chair of the Safeguarding Board")
BOARD_MEMBERS = [
    ("Colm Fitzpatrick", "Belfast Health and Social Care Trust"),
    ("Deborah Wilson", "Police Service of Northern Ireland"),
    ("Martin Hughes", "Education Authority"),
    ("Alison Greer", "Probation Board for Northern Ireland"),
    ("Brendan Toner", "NSPCC Northern Ireland"),
]
BOARD_SECRETARY = ("Karen Boyle", "Board Secretary")
AGENCY_REP = ("Conor Walsh", "Belfast Health and Social Care Trust")
#: A year of fictional notifications, in the shape of 2020-21: 23 children, one of them notified by two
#: agencies (24 notifications), and two whose findings meet every criterion for a review.
CASE_AGENCIES = [
    "Belfast Health and Social Care Trust",
    "Northern Health and Social Care Trust",
    "South Eastern Health and Social Care Trust",
    "Southern Health and Social Care Trust",
    "Western Health and Social Care Trust",
    "Police Service of Northern Ireland",
]
OFFICER = ("Lauren Hamill", "Belfast Health and Social Care Trust")
ADMIN = "Sam Ferris"


def _email(name: str) -> str:
    return name.lower().replace(" ", ".").replace("'", "") + "@" + DOMAIN


@dataclass
class DemoSignIns:
    password: str
    accounts: list[tuple[str, str]] = field(default_factory=list)  # (role, email)

    def as_text(self) -> str:
        lines = ["Demo sign-ins (fictional people). Every demo account has the password:", f"  {self.password}", ""]
        lines += [f"  {role:<16} {email}" for role, email in self.accounts]
        return "\n".join(lines) + "\n"


def load_demo(today: date) -> DemoSignIns:
    """Add the demo committee and people; the caller commits. Meetings: this reporting year's."""
    password = "-".join(secrets.SystemRandom().sample(_WORDS, 4))  # four different words
    sign_ins = DemoSignIns(password=password)
    year_start, _year_end = rules.reporting_year(today)
    joined = year_start - timedelta(days=365)

    def person(name: str, organisation: str | None, job_title: str | None, role: str, **account: bool) -> Person:
        p = add_person(None, full_name=name, email=_email(name), organisation=organisation, job_title=job_title)
        create_account(None, p, password, **account)
        sign_ins.accounts.append((role, p.email))
        return p

    person(ADMIN, "Safeguarding Board for Northern Ireland", "Systems Administrator", "admin", is_admin=True)
    agencies: dict[str, Agency] = {}
    for name in sorted({agency for _n, agency in MEMBERS + BOARD_MEMBERS}):
        kind = next((k for word, k in AGENCY_KIND.items() if word in name), AgencyKind.OTHER)
        agencies[name] = Agency(name=name, kind=kind)
        db.session.add(agencies[name])

    def member(committee: Committee, p: Person, agency: str, role: MemberRole = MemberRole.MEMBER) -> None:
        membership = appoint_member(None, committee, p, role=role, agency=agency, starts_on=joined)
        membership.represents = agencies.get(agency)
        if agency in agencies and agencies[agency].senior_representative is None:
            agencies[agency].senior_representative = p

    panel: Committee = create_committee(
        None,
        name="Case Management Review Panel",
        short_name="CMR Panel",
        description="Considers notifications of serious incidents involving children and recommends to the "
        "Board whether to commission a Case Management Review.",
    )
    chair = person(CHAIR[0], "Safeguarding Board for Northern Ireland", CHAIR[1], "chair")
    member(panel, chair, "Independent Chair", MemberRole.CHAIR)
    for name, agency in MEMBERS:
        member(panel, person(name, agency, "Assistant Director", "member"), agency)
    secretariat = []
    for name, title in SECRETARIAT:
        p = person(name, "Safeguarding Board for Northern Ireland", title, "secretariat")
        hold_place(None, SecretariatPost(committee=panel, person=p, title=title, starts_on=joined))
        secretariat.append(p)
    officer = person(OFFICER[0], OFFICER[1], "Senior Social Work Manager", "officer")
    hold_place(None, Officer(committee=panel, person=officer, agency=OFFICER[1], starts_on=joined))
    authorise_signatory(None, panel, secretariat[0], granted_by=chair, starts_on=year_start)

    orders = panel.standing_orders
    for proposed in rules.usual_meeting_dates(year_start, orders=orders):
        day = proposed.day if proposed.is_working_day else (proposed.alternative or proposed.day)
        meeting = schedule_meeting(
            None,
            panel,
            WhenAndWhere(day, time(10, 0), ends_at=time(12, 30), location="SBNI offices, Belfast, and online"),
        )
        if day < today:
            meeting.status = MeetingStatus.HELD
    _load_board(today, joined, person, member)
    representative = person(AGENCY_REP[0], AGENCY_REP[1], "Senior Manager, Safeguarding", "agency rep")
    _load_cases(today, panel, agencies, representative, secretariat[0])
    return sign_ins


def _load_board(today: date, joined: date, person: Any, member: Any) -> Committee:
    """The Safeguarding Board itself: a committee of its own, where the Panel's recommendations go."""
    board = create_committee(
        None,
        name="Safeguarding Board for Northern Ireland",
        short_name="SBNI Board",
        kind=CommitteeKind.BOARD,
        description="Decides on the Panel's recommendations to commission Case Management Reviews, and approves "
        "their reports.",
        orders=rules.StandingOrders(usual_weekday=2),
    )
    member(
        board,
        person(BOARD_CHAIR[0], "Safeguarding Board for Northern Ireland", BOARD_CHAIR[1], "board chair"),
        "Independent Chair",
        MemberRole.CHAIR,
    )
    for name, agency in BOARD_MEMBERS:
        member(board, person(name, agency, "Director", "board member"), agency)
    sbni = "Safeguarding Board for Northern Ireland"
    secretary = person(BOARD_SECRETARY[0], sbni, BOARD_SECRETARY[1], "board secretary")
    hold_place(None, SecretariatPost(committee=board, person=secretary, title=BOARD_SECRETARY[1], starts_on=joined))
    year_start, _ = rules.reporting_year(today)
    for proposed in rules.usual_meeting_dates(year_start, orders=board.standing_orders)[::3]:
        day = proposed.day if proposed.is_working_day else (proposed.alternative or proposed.day)
        meeting = schedule_meeting(
            None, board, WhenAndWhere(day, time(14, 0), ends_at=time(16, 0), location="SBNI offices, Belfast")
        )
        if day < today:
            meeting.status = MeetingStatus.HELD
    return board


_WORDS = [
    "harbour",
    "lantern",
    "meadow",
    "copper",
    "violet",
    "granite",
    "orchard",
    "thistle",
    "basalt",
    "heron",
    "willow",
    "quartz",
    "saffron",
    "juniper",
    "marble",
    "cobalt",
    "falcon",
    "hazel",
    "ember",
    "glacier",
    "linen",
    "prairie",
]


def _load_cases(
    today: date, panel: Committee, agencies: dict[str, Agency], representative: Person, officer: Person
) -> None:
    """23 fictional children notified since the start of the reporting year (Child A to Child W), by
    the secretariat on the agencies' behalf; the representative of the Belfast Trust notifies its own."""
    from datetime import UTC
    from datetime import datetime

    from govapp.models import AREAS
    from govapp.models import AgencyRepresentative
    from govapp.services.cases import Finding
    from govapp.services.cases import link_notification
    from govapp.services.cases import submit_notification

    year_start, _ = rules.reporting_year(today)
    trust = agencies[AGENCY_REP[1]]
    db.session.add(AgencyRepresentative(agency=trust, person=representative, starts_on=year_start))
    db.session.flush()
    span = max((today - year_start).days - 3, 23)
    letters = "ABCDEFGHIJKLMNOPQRSTUVW"
    first = None
    for n, letter in enumerate(letters):
        received = year_start + timedelta(days=span * n // 23)
        while not rules.is_working_day(received):
            received += timedelta(days=1)
        if received > today:
            received = today
        determined = received - timedelta(days=1 if n % 7 else 6)  # every seventh is late
        review = letter in ("D", "M")
        criteria = {
            "a": Finding(True),
            "b_i": Finding(True),
            "b_ii": Finding(n % 3 == 0),
            "b_iii": Finding(n % 4 == 0),
            "c": Finding(True if review else None),
            "d": Finding(True if review else None),
        }
        agency = agencies[CASE_AGENCIES[n % len(CASE_AGENCIES)]]
        actor = (representative if agency.name == AGENCY_REP[1] else officer).account
        assert actor is not None
        now = datetime.combine(received, time(11, 0), tzinfo=UTC)
        notification = submit_notification(
            actor,
            panel,
            agency=agency,
            senior_representative=f"Assistant Director, {agency.name}",
            determined_on=determined,
            pseudonym=f"Child {letter}",
            age_band=("Under 1", "1 to 4", "5 to 10", "11 to 15", "16 to 17")[n % 5],
            area=AREAS[n % len(AREAS)],
            criteria=criteria,
            family_told=n % 5 != 2,
            family_not_told_reason="Criminal investigation under way; PSNI advised against it." if n % 5 == 2 else None,
            other_agencies="GP; school; health visitor",
            now=now,
            # The next meeting's agenda stays as the browser journeys build it; later meetings get their cases.
            place_on_agenda=received > today - timedelta(days=4),
        )
        if first is None:
            first = notification
        if received < today - timedelta(days=14):
            for answer in notification.case.answers:
                answer.known = answer.person.full_name < "M"
                answer.details = "Known to the family support team." if answer.known else None
                answer.answered_at = now + timedelta(days=3)
    # The first child was notified by the police as well: the secretariat joined the two.
    assert first is not None
    police = agencies["Police Service of Northern Ireland"]
    assert officer.account is not None
    second = submit_notification(
        officer.account,
        panel,
        agency=police,
        senior_representative="Detective Chief Inspector, Public Protection Branch",
        determined_on=first.determined_on,
        pseudonym="Child A (PSNI)",
        age_band=first.case.age_band,
        area=first.case.area,
        criteria={"a": Finding(True), "b_i": Finding(True)},
        family_told=True,
        family_not_told_reason=None,
        other_agencies=None,
        now=first.received_at + timedelta(hours=2),
    )
    reason = "The same child: date of birth and address match."
    link_notification(officer.account, second, first.case, reason=reason, now=second.received_at)
    # The letters asking the members went out when each case came in, before the demo begins: the demo
    # keeps no copy of them, so its outbox holds only what the person trying govapp sends.
    from sqlalchemy import delete

    from govapp.models import OutboxMessage

    db.session.execute(delete(OutboxMessage).where(OutboxMessage.kind == "case-known"))
