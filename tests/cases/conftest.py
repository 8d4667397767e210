"""A Panel with meetings, the agencies its members represent, and an agency representative: the
cases are notified to it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC
from datetime import date
from datetime import datetime
from typing import Any

import pytest
from flask import Flask

from govapp.extensions import db
from govapp.models import Agency
from govapp.models import AgencyKind
from govapp.models import Committee
from govapp.services.agencies import appoint_representative
from tests.factories import Account
from tests.factories import CommitteeSetup
from tests.factories import make_account
from tests.factories import make_committee
from tests.factories import make_meeting

#: Monday 23 November 2026, 10am: the suite's clock.
NOW = datetime(2026, 11, 23, 10, tzinfo=UTC)
TODAY = date(2026, 11, 23)
DECEMBER = date(2026, 12, 3)  # too soon to consider a case received today (14 days)
JANUARY = date(2027, 1, 7)  # the meeting that will consider it
FEBRUARY = date(2027, 2, 4)


@dataclass
class Cases:
    setup: CommitteeSetup
    trust: Agency
    police: Agency
    trust_rep: Account
    police_rep: Account

    @property
    def panel(self) -> Committee:
        return self.setup.committee


@pytest.fixture
def cases(app_ctx: Flask) -> Cases:
    return _build()


@dataclass(frozen=True)
class People:
    """Who signs in, for page tests (plain values: they outlive the session that made them)."""

    trust_rep: str
    police_rep: str
    trust_member: str
    secretary: str


@pytest.fixture
def people(app: Flask) -> People:
    """The same Panel, made and committed outside the test's requests (a page test's requests must not
    share an application context with the test)."""
    with app.app_context():
        built = _build()
        assert built.setup.secretariat is not None
        found = People(
            built.trust_rep.email,
            built.police_rep.email,
            built.setup.members[0].email,
            built.setup.secretariat.email,
        )
        db.session.remove()
    return found


def _build() -> Cases:
    setup = make_committee(members=4)
    for day in (DECEMBER, JANUARY, FEBRUARY):
        make_meeting(setup.committee, on=day)
    trust = Agency(name="Belfast Health and Social Care Trust", kind=AgencyKind.HEALTH_TRUST)
    police = Agency(name="Police Service of Northern Ireland", kind=AgencyKind.POLICE)
    db.session.add_all([trust, police])
    for account, agency in zip(setup.members[:2], (trust, police), strict=True):
        membership = next(m for m in setup.committee.memberships if m.person_id == account.person.id)
        membership.agency, membership.represents = agency.name, agency
    trust_rep = make_account(full_name="Trust Representative")
    police_rep = make_account(full_name="Police Representative")
    admin = make_account(full_name="Admin", is_admin=True)
    appoint_representative(admin.user, trust, trust_rep.person, starts_on=date(2026, 4, 1))
    appoint_representative(admin.user, police, police_rep.person, starts_on=date(2026, 4, 1))
    db.session.commit()
    return Cases(setup, trust, police, trust_rep, police_rep)


def notify_child_a(actor: Any, panel: Committee, agency: Agency, **overrides: Any) -> Any:
    """A notification about Child A, aged 1 to 4 in Belfast, meeting 17(2)(a) and (b)(i), determined on
    Friday 20 November and received now (Monday 23 November); any field can be overridden."""
    from govapp.services.cases import Finding
    from govapp.services.cases import submit_notification

    values: dict[str, Any] = {
        "agency": agency,
        "senior_representative": "Assistant Director",
        "determined_on": date(2026, 11, 20),
        "pseudonym": "Child A",
        "age_band": "1 to 4",
        "area": "Belfast",
        "criteria": {"a": Finding(True), "b_i": Finding(True)},
        "family_told": True,
        "family_not_told_reason": None,
        "other_agencies": None,
        "now": NOW,
    }
    values.update(overrides)
    return submit_notification(actor, panel, **values)
