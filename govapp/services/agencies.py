"""The agencies represented on the Board and its committees, each with its nominated senior
representative. Administrators keep the list; a membership names the agency its member represents."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func
from sqlalchemy import select

from govapp.extensions import db
from govapp.models import Agency
from govapp.models import AgencyKind
from govapp.models import AgencyRepresentative
from govapp.models import Person
from govapp.models import User
from govapp.services import ConflictError
from govapp.services import ServiceError
from govapp.services.audit import record_change
from govapp.services.audit import snapshot


def agencies(*, active_only: bool = False) -> list[Agency]:
    query = select(Agency).order_by(Agency.name)
    if active_only:
        query = query.where(Agency.active.is_(True))
    return list(db.session.scalars(query))


def find_agency(name: str) -> Agency | None:
    """The agency called ``name`` (ignoring case and surrounding spaces), or ``None``."""
    return db.session.scalar(select(Agency).where(func.lower(Agency.name) == name.strip().lower()))


def _check_name(name: str, agency: Agency | None = None) -> str:
    name = " ".join(name.split())
    if not name:
        raise ServiceError("Enter the agency's name.", field="name")
    existing = find_agency(name)
    if existing is not None and existing is not agency:
        raise ConflictError(f"There is already an agency called {existing.name}.", field="name")
    return name


def add_agency(actor: User, *, name: str, kind: AgencyKind, senior_representative: Person | None = None) -> Agency:
    agency = Agency(name=_check_name(name), kind=kind, senior_representative=senior_representative)
    db.session.add(agency)
    record_change(actor, "add_agency", agency)
    return agency


def update_agency(
    actor: User,
    agency: Agency,
    *,
    name: str,
    kind: AgencyKind,
    senior_representative: Person | None,
    active: bool,
) -> None:
    """Rename, reclassify, change the nominated senior representative, or stop using an agency for new
    memberships (existing memberships keep it)."""
    before = snapshot(agency)
    agency.name = _check_name(name, agency)
    agency.kind = kind
    agency.senior_representative = senior_representative
    agency.active = active
    record_change(actor, "update_agency", agency, before=before)


def appoint_representative(
    actor: User, agency: Agency, person: Person, *, starts_on: date, ends_on: date | None = None
) -> AgencyRepresentative:
    """``person`` notifies cases and answers for ``agency`` from ``starts_on``."""
    if ends_on is not None and ends_on < starts_on:
        raise ServiceError("The end date must be on or after the start date.", field="ends_on")
    for other in db.session.scalars(select(AgencyRepresentative).where(AgencyRepresentative.person_id == person.id)):
        overlaps = (other.ends_on is None or other.ends_on >= starts_on) and (
            ends_on is None or other.starts_on <= ends_on
        )
        if overlaps:
            raise ConflictError(
                f"{person.full_name} already represents {other.agency.name} for part of that time. End that first.",
                field="person",
            )
    representative = AgencyRepresentative(agency=agency, person=person, starts_on=starts_on, ends_on=ends_on)
    db.session.add(representative)
    record_change(actor, "appoint_agency_representative", representative)
    return representative


def end_representative(actor: User, representative: AgencyRepresentative, *, ends_on: date) -> None:
    if ends_on < representative.starts_on:
        raise ServiceError("The last day must be on or after the start date.", field="ends_on")
    before = snapshot(representative)
    representative.ends_on = ends_on
    record_change(actor, "end_agency_representative", representative, before=before)


def representatives(agency: Agency) -> list[AgencyRepresentative]:
    query = select(AgencyRepresentative).where(AgencyRepresentative.agency_id == agency.id)
    return list(db.session.scalars(query.order_by(AgencyRepresentative.starts_on)))
