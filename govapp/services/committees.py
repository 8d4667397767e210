"""Setting up committees: the committee itself, its Chair and members, secretariat and officers."""

from __future__ import annotations

import re
from datetime import date
from typing import Any
from typing import TypeVar

from sqlalchemy import select

from govapp.extensions import db
from govapp.models import Committee
from govapp.models import CommitteeKind
from govapp.models import MemberRole
from govapp.models import Membership
from govapp.models import Officer
from govapp.models import Person
from govapp.models import SecretariatPost
from govapp.models import SigningAuthorisation
from govapp.models import User
from govapp.rules import StandingOrders
from govapp.services import ConflictError
from govapp.services import ServiceError
from govapp.services.audit import record_change
from govapp.services.audit import snapshot


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _check_slug(slug: str, committee: Committee | None = None) -> str:
    slug = slugify(slug)
    if not slug:
        raise ServiceError("Enter a short name with letters or numbers, for the committee's web address.", field="slug")
    existing = db.session.scalar(select(Committee).where(Committee.slug == slug))
    if existing is not None and existing is not committee:
        raise ConflictError(f"The web address /committees/{slug} is taken by {existing.name}.", field="slug")
    return slug


def _check_names(name: str, short_name: str) -> None:
    if not name.strip():
        raise ServiceError("Enter the committee's name.", field="name")
    if not short_name.strip():
        raise ServiceError("Enter the committee's short name, as it appears in subjects and lists.", field="short_name")


def create_committee(
    actor: User | None,
    *,
    name: str,
    short_name: str,
    description: str | None = None,
    orders: StandingOrders | None = None,
    kind: CommitteeKind = CommitteeKind.PANEL,
    slug: str | None = None,
) -> Committee:
    _check_names(name, short_name)
    slug = _check_slug(slug or short_name or name)
    config: dict[str, Any] = (orders or StandingOrders()).to_dict()
    committee = Committee(
        name=name.strip(), short_name=short_name.strip(), slug=slug, description=description, orders=config, kind=kind
    )
    db.session.add(committee)
    record_change(actor, "create_committee", committee, committee_id=None)
    return committee


def update_committee(
    actor: User,
    committee: Committee,
    *,
    name: str,
    short_name: str,
    slug: str,
    kind: CommitteeKind,
    description: str | None,
) -> None:
    """Rename a committee, change its kind or its web address (old links then stop working)."""
    _check_names(name, short_name)
    before = snapshot(committee)
    committee.slug = _check_slug(slug, committee)
    committee.name, committee.short_name = name.strip(), short_name.strip()
    committee.kind = kind
    committee.description = description
    record_change(actor, "update_committee", committee, before=before, committee_id=committee.id)


def set_standing_orders(actor: User, committee: Committee, orders: StandingOrders) -> None:
    """The committee's standing-order figures and standing items, checked by ``govapp.rules``. Counts and
    deadlines of meetings to come follow at once; what was recorded stays as recorded."""
    before = snapshot(committee)
    committee.orders = orders.to_dict()
    record_change(actor, "set_standing_orders", committee, before=before, committee_id=committee.id)


def end_secretariat_post(actor: User, post: SecretariatPost, *, ends_on: date) -> None:
    _check_period(post.starts_on, ends_on)
    before = snapshot(post)
    post.ends_on = ends_on
    record_change(actor, "end_secretariat_post", post, before=before, committee_id=post.committee_id)


def _check_period(starts_on: date, ends_on: date | None) -> None:
    if ends_on is not None and ends_on < starts_on:
        raise ServiceError("The end date must be the same as or after the start date.", field="ends_on")


def appoint_member(
    actor: User | None,
    committee: Committee,
    person: Person,
    *,
    role: MemberRole = MemberRole.MEMBER,
    agency: str | None,
    starts_on: date,
    ends_on: date | None = None,
) -> Membership:
    """Give ``person`` a voting place. There is one Chair at a time and no deputy Chair."""
    _check_period(starts_on, ends_on)
    for other in committee.memberships:
        overlaps = (other.ends_on is None or other.ends_on >= starts_on) and (
            ends_on is None or other.starts_on <= ends_on
        )
        if not overlaps:
            continue
        if other.person_id == person.id:
            raise ConflictError(f"{person.full_name} is already a member of {committee.name} for part of that period.")
        if role == MemberRole.CHAIR and other.role == MemberRole.CHAIR:
            raise ConflictError(
                f"{committee.name} already has a Chair for part of that period: {other.person.full_name}."
            )
    membership = Membership(
        committee=committee, person=person, role=role, agency=agency, starts_on=starts_on, ends_on=ends_on
    )
    db.session.add(membership)
    record_change(actor, "appoint_member", membership, committee_id=committee.id)
    return membership


Place = TypeVar("Place", SecretariatPost, Officer, SigningAuthorisation)

#: How the audit record names the holding of each kind of place.
_HELD_AS: dict[type, str] = {
    SecretariatPost: "appoint_secretariat",
    Officer: "register_officer",
    SigningAuthorisation: "authorise_signatory",
}


def hold_place(actor: User | None, place: Place) -> Place:
    """Record a place on a committee for a period: a secretariat post, an officer registered to attend
    the Panel, or an authorisation to sign notices (made by :func:`authorise_signatory`, which checks
    the Chair gave it)."""
    _check_period(place.starts_on, place.ends_on)
    db.session.add(place)
    record_change(actor, _HELD_AS[type(place)], place, committee_id=place.committee.id)
    return place


def authorise_signatory(
    actor: User | None,
    committee: Committee,
    person: Person,
    *,
    granted_by: Person,
    starts_on: date,
    ends_on: date | None = None,
) -> SigningAuthorisation:
    """Record the Chair's authorisation for ``person`` to sign notices on the Chair's behalf."""
    chair = committee.chair_on(starts_on)
    if chair is None or chair.person_id != granted_by.id:
        raise ServiceError("Only the Chair can authorise someone to sign notices on the Chair's behalf.")
    return hold_place(
        actor,
        SigningAuthorisation(
            committee=committee, person=person, granted_by=granted_by, starts_on=starts_on, ends_on=ends_on
        ),
    )
