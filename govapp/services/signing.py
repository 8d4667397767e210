"""Who may sign a notice of meeting: the Chair, or someone the Chair has authorised, whose
authorisation is current on the day of signing."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from datetime import datetime

from sqlalchemy import select

from govapp.extensions import db
from govapp.formatting import long_date
from govapp.models import Committee
from govapp.models import Person
from govapp.models import SigningAuthorisation
from govapp.models import User
from govapp.rules import london_date
from govapp.services import ConflictError
from govapp.services import ServiceError
from govapp.services.audit import record_change
from govapp.services.audit import snapshot
from govapp.services.committees import authorise_signatory

CHAIR = "Chair"
ON_BEHALF = "on behalf of the Chair"
MARKING = "OFFICIAL-SENSITIVE"

# --- signing authorisations ------------------------------------------------------------------------


def authorisations_of(committee: Committee) -> Sequence[SigningAuthorisation]:
    """Every authorisation the committee's Chairs have given, newest first."""
    return db.session.scalars(
        select(SigningAuthorisation)
        .where(SigningAuthorisation.committee_id == committee.id)
        .order_by(SigningAuthorisation.starts_on.desc(), SigningAuthorisation.id.desc())
    ).all()


def current_authorisation(committee: Committee, person: Person, day: date) -> SigningAuthorisation | None:
    """``person``'s authorisation to sign on the Chair's behalf on ``day``: not revoked, in its period, and
    given by whoever is Chair that day (an authorisation lapses when the Chair who gave it leaves)."""
    chair = committee.chair_on(day)
    if chair is None:
        return None
    for authorisation in authorisations_of(committee):
        if (
            authorisation.person_id == person.id
            and authorisation.granted_by_id == chair.person_id
            and authorisation.is_current(day)
        ):
            return authorisation
    return None


def grant_authorisation(
    actor: User, committee: Committee, person: Person, *, starts_on: date, ends_on: date | None, today: date
) -> SigningAuthorisation:
    """The Chair (``actor``) authorises ``person`` to sign notices on the Chair's behalf."""
    if not committee.is_chair(actor.person.id, today):
        raise ServiceError("Only the Chair can authorise someone to sign notices on the Chair's behalf.")
    if person.id == actor.person_id:
        raise ServiceError("The Chair signs notices as Chair and needs no authorisation.", field="person_id")
    if ends_on is not None and ends_on < today:
        raise ServiceError("The end date must be today or later.", field="ends_on")
    for other in authorisations_of(committee):
        overlaps = (other.ends_on is None or other.ends_on >= starts_on) and (
            ends_on is None or other.starts_on <= ends_on
        )
        if other.person_id == person.id and other.revoked_at is None and overlaps:
            raise ConflictError(
                f"{person.full_name} is already authorised for part of that period. Revoke that authorisation first.",
                field="person_id",
            )
    return authorise_signatory(actor, committee, person, granted_by=actor.person, starts_on=starts_on, ends_on=ends_on)


def revoke_authorisation(actor: User, authorisation: SigningAuthorisation, *, now: datetime) -> SigningAuthorisation:
    """The Chair revokes an authorisation from ``now``. Notices already signed under it stand."""
    committee = authorisation.committee
    if not committee.is_chair(actor.person.id, london_date(now)):
        raise ServiceError("Only the Chair can revoke an authorisation to sign notices.")
    if authorisation.revoked_at is not None:
        raise ConflictError(f"That authorisation was already revoked on {long_date(authorisation.revoked_at)}.")
    before = snapshot(authorisation)
    authorisation.revoked_at = now
    record_change(actor, "revoke_authorisation", authorisation, before=before, committee_id=committee.id)
    return authorisation


def signing_capacity(committee: Committee, person: Person, day: date) -> tuple[str, SigningAuthorisation | None] | None:
    """How ``person`` may sign a notice on ``day``: as Chair, on behalf of the Chair, or not at all."""
    if committee.is_chair(person.id, day):
        return CHAIR, None
    authorisation = current_authorisation(committee, person, day)
    if authorisation is not None:
        return ON_BEHALF, authorisation
    return None


def cannot_sign_reason(committee: Committee) -> str:
    return (
        f"Only the Chair of the {committee.name}, or someone the Chair has authorised to sign on the Chair's behalf "
        "(with an authorisation current today), can sign a notice of meeting."
    )
