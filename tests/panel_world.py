"""A whole Panel of fictional people, built for tests through the services: the test suite's own world,
kept apart from the demo dataset (which serves ``make run`` and the browser journeys, and grows with the
product) so that a change to the demo never changes what a test means.

It has the shape the page and API tests need: a Chair and eleven members, two secretariat officers
(the Professional Officer authorised to sign notices), an officer in attendance, an administrator, and
the reporting year's meetings on the first Thursdays, those before today held.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field
from datetime import date
from datetime import time
from datetime import timedelta

from govapp import rules
from govapp.models import Committee
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
from tests.factories import PASSWORD

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
OFFICER = ("Lauren Hamill", "Belfast Health and Social Care Trust")
ADMIN = "Sam Ferris"
BOARD = "Safeguarding Board for Northern Ireland"


def email_of(name: str) -> str:
    return name.lower().replace(" ", ".").replace("'", "") + "@" + DOMAIN


@dataclass
class WorldSignIns:
    password: str
    accounts: list[tuple[str, str]] = field(default_factory=list)  # (role, email)


def build_panel_world(today: date) -> WorldSignIns:
    """Add the Panel, its people and the reporting year's meetings; the caller commits."""
    sign_ins = WorldSignIns(password=PASSWORD)
    year_start, _year_end = rules.reporting_year(today)
    joined = year_start - timedelta(days=365)

    def person(name: str, organisation: str | None, job_title: str | None, role: str, **account: bool) -> Person:
        p = add_person(None, full_name=name, email=email_of(name), organisation=organisation, job_title=job_title)
        create_account(None, p, PASSWORD, **account)
        sign_ins.accounts.append((role, p.email))
        return p

    person(ADMIN, BOARD, "Systems Administrator", "admin", is_admin=True)
    panel: Committee = create_committee(
        None,
        name="Case Management Review Panel",
        short_name="CMR Panel",
        description="Considers notifications of serious incidents involving children.",
    )
    chair = person(CHAIR[0], BOARD, CHAIR[1], "chair")
    appoint_member(None, panel, chair, role=MemberRole.CHAIR, agency="Independent Chair", starts_on=joined)
    for name, agency in MEMBERS:
        appoint_member(
            None, panel, person(name, agency, "Assistant Director", "member"), agency=agency, starts_on=joined
        )
    secretariat = []
    for name, title in SECRETARIAT:
        p = person(name, BOARD, title, "secretariat")
        hold_place(None, SecretariatPost(committee=panel, person=p, title=title, starts_on=joined))
        secretariat.append(p)
    officer = person(OFFICER[0], OFFICER[1], "Senior Social Work Manager", "officer")
    hold_place(None, Officer(committee=panel, person=officer, agency=OFFICER[1], starts_on=joined))
    authorise_signatory(None, panel, secretariat[0], granted_by=chair, starts_on=year_start)
    for proposed in rules.usual_meeting_dates(year_start, orders=panel.standing_orders):
        day = proposed.day if proposed.is_working_day else (proposed.alternative or proposed.day)
        meeting = schedule_meeting(
            None,
            panel,
            WhenAndWhere(day, time(10, 0), ends_at=time(12, 30), location="SBNI offices, Belfast, and online"),
        )
        if day < today:
            meeting.status = MeetingStatus.HELD
    return sign_ins
