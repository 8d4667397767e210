"""The agencies represented on the Board and its committees, each with its nominated senior
representative. Administrators keep the list; a membership names the agency its member represents."""

from __future__ import annotations

from sqlalchemy import func, select

from govapp.extensions import db
from govapp.models import Agency, AgencyKind, Person, User
from govapp.services import ConflictError, ServiceError
from govapp.services.audit import record_change, snapshot


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
