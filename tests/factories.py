"""Factories that build test data through the services, modelled on Indico's ``create_event(**kwargs)``.

Each factory has one meaning, takes keyword overrides and returns what it built. They flush but do
not commit; the caller commits when the test needs the rows seen by another connection (a page).
Nothing here reads the demo dataset: a test that needs a fact (a name, a date, a count) builds it.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field
from datetime import date
from datetime import time
from itertools import count

from govapp.extensions import db
from govapp.models import AgendaItem
from govapp.models import Committee
from govapp.models import Meeting
from govapp.models import MemberRole
from govapp.models import Motion
from govapp.models import Officer
from govapp.models import Person
from govapp.models import SecretariatPost
from govapp.models import User
from govapp.models import WhenAndWhere
from govapp.rules.orders import StandingOrders
from govapp.services.accounts import add_person
from govapp.services.accounts import create_account
from govapp.services.committees import appoint_member
from govapp.services.committees import create_committee
from govapp.services.committees import hold_place
from govapp.services.convening import schedule_meeting
from govapp.services.voting import propose_motion

PASSWORD = "granite-heron-linen-falcon"
TERM_START = date(2025, 4, 1)
_serial = count(1)


@dataclass
class Account:
    """A person with a login: sign in with ``email`` and ``password``."""

    person: Person
    user: User
    password: str

    @property
    def email(self) -> str:
        return self.person.email

    @property
    def login(self) -> Login:
        return Login(self.person.email, self.password)


@dataclass(frozen=True)
class Login:
    """What a person types to sign in; plain values, so they outlive the session that made them."""

    email: str
    password: str


@dataclass
class CommitteeSetup:
    """A committee with its Chair, its other members and one secretariat officer, all able to sign in."""

    committee: Committee
    chair: Account
    members: list[Account] = field(default_factory=list)  # the members other than the Chair
    secretariat: Account | None = None

    @property
    def everyone(self) -> list[Person]:
        """The Chair and the members, as people."""
        return [self.chair.person, *(m.person for m in self.members)]


def make_account(
    *,
    full_name: str | None = None,
    email: str | None = None,
    password: str = PASSWORD,
    is_admin: bool = False,
    organisation: str | None = None,
    job_title: str | None = None,
) -> Account:
    """A person recorded through ``add_person`` with an account from ``create_account``."""
    n = next(_serial)
    person = add_person(
        None,
        full_name=full_name or f"Person {n}",
        email=email or f"person{n}@example.org",
        organisation=organisation,
        job_title=job_title,
    )
    user = create_account(None, person, password, is_admin=is_admin)
    db.session.flush()
    return Account(person, user, password)


def make_committee(
    *,
    members: int = 8,
    name: str = "Test Review Panel",
    short_name: str = "Test Panel",
    orders: StandingOrders | None = None,
    starts_on: date = TERM_START,
    chair_name: str = "Chair Person",
    secretariat_name: str | None = "Secretary Person",
    secretariat_title: str = "Professional Officer",
) -> CommitteeSetup:
    """A committee with a Chair, ``members`` other members and (unless ``secretariat_name`` is None)
    one secretariat officer, each appointed from ``starts_on`` and each with a login."""
    committee = create_committee(None, name=name, short_name=short_name, orders=orders)
    tag = next(_serial)
    chair = make_account(full_name=chair_name, email=f"chair{tag}@example.org")
    appoint_member(None, committee, chair.person, role=MemberRole.CHAIR, agency="Independent", starts_on=starts_on)
    appointed = []
    for n in range(1, members + 1):
        member = make_account(full_name=f"Member {n}", email=f"member{n}.{tag}@example.org")
        appoint_member(None, committee, member.person, agency=f"Agency {n}", starts_on=starts_on)
        appointed.append(member)
    secretariat = None
    if secretariat_name is not None:
        secretariat = make_account(full_name=secretariat_name, email=f"secretary{tag}@example.org")
        hold_place(
            None,
            SecretariatPost(
                committee=committee, person=secretariat.person, title=secretariat_title, starts_on=starts_on
            ),
        )
    db.session.flush()
    return CommitteeSetup(committee, chair, appointed, secretariat)


def make_officer(
    committee: Committee,
    *,
    full_name: str = "Officer Person",
    agency: str = "Health and Social Care Trust",
    starts_on: date = TERM_START,
) -> Account:
    """An officer in attendance (not a member) registered with ``committee``, with a login."""
    officer = make_account(full_name=full_name)
    hold_place(None, Officer(committee=committee, person=officer.person, agency=agency, starts_on=starts_on))
    db.session.flush()
    return officer


def make_meeting(committee: Committee, on: date, *, starts_at: time = time(10), **overrides: object) -> Meeting:
    """A meeting of ``committee`` on the day ``on``, called through ``schedule_meeting``; any other
    keyword (``location``, ``ends_at``, ``today``, ``confirm_late``...) goes to the service."""
    place = {name: overrides.pop(name) for name in ("ends_at", "location", "online_link") if name in overrides}
    meeting = schedule_meeting(None, committee, WhenAndWhere(on, starts_at, **place), **overrides)  # type: ignore[arg-type]
    db.session.flush()
    return meeting


def make_item(meeting: Meeting, title: str = "Notification: Child A", *, is_standing: bool = False) -> AgendaItem:
    """An agenda item placed after the meeting's existing items. Built on the model, as the
    proceedings fixtures do, so it may be added to a meeting whose agenda is already closed."""
    position = max((i.position for i in meeting.agenda_items), default=0) + 1
    item = AgendaItem(meeting=meeting, position=position, title=title, is_standing=is_standing)
    db.session.add(item)
    db.session.flush()
    return item


def make_motion(
    item: AgendaItem,
    *,
    proposer: Person,
    seconder: Person | None = None,
    text: str = "That the Panel notes the report.",
    actor: User | None = None,
) -> Motion:
    """A motion on ``item``, proposed (and optionally seconded) through ``propose_motion``."""
    motion = propose_motion(actor, item, text, proposer, seconder)
    db.session.flush()
    return motion


@dataclass(frozen=True)
class SignIns:
    """Sign-in details by role, each a list of email addresses sharing one password."""

    password: str
    accounts: dict[str, list[str]]

    def email(self, role: str) -> str:
        return self.accounts[role][0]


def make_sign_ins(
    *, members: int = 2, name: str = "Case Management Review Panel", short_name: str = "CMR Panel"
) -> SignIns:
    """One person with a login in each role: an administrator, and the Chair, ``members`` members, a
    secretariat officer and an officer in attendance of a committee built by ``make_committee``."""
    admin = make_account(full_name="Admin Person", is_admin=True)
    setup = make_committee(members=members, name=name, short_name=short_name)
    assert setup.secretariat is not None
    officer = make_officer(setup.committee)
    return SignIns(
        PASSWORD,
        {
            "admin": [admin.email],
            "chair": [setup.chair.email],
            "member": [m.email for m in setup.members],
            "secretariat": [setup.secretariat.email],
            "officer": [officer.email],
        },
    )
