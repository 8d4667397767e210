"""Setting up the Board and its committees without a developer: agencies, committees (their kind,
standing orders and standing items), memberships from a date, the Chair, and the secretariat.

Administrators only (the admin blueprint's gate). These pages show a committee's configuration and
who belongs to it, never its business: agendas, papers, minutes and cases stay with the committee.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from flask import flash
from flask import redirect
from flask import render_template
from flask import url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from sqlalchemy import select

from govapp import clock
from govapp.admin.forms import ORDERS_FIELDS
from govapp.admin.forms import AgencyForm
from govapp.admin.forms import ChairForm
from govapp.admin.forms import CommitteeForm
from govapp.admin.forms import EndForm
from govapp.admin.forms import MemberForm
from govapp.admin.forms import RepresentativeForm
from govapp.admin.forms import SecretariatForm
from govapp.admin.forms import orders_form
from govapp.admin.views import bp
from govapp.extensions import db
from govapp.forms import given
from govapp.models import AGENCY_KINDS
from govapp.models import COMMITTEE_KINDS
from govapp.models import Agency
from govapp.models import AgencyKind
from govapp.models import Committee
from govapp.models import CommitteeKind
from govapp.models import Membership
from govapp.models import Person
from govapp.models import SecretariatPost
from govapp.rules.orders import OrdersError
from govapp.rules.orders import orders_from_text
from govapp.services import ServiceError
from govapp.services import agencies as agency_service
from govapp.services import committees as committee_service
from govapp.services import memberships as membership_service
from govapp.web import attempt
from govapp.web import load_committee
from govapp.web import submitted

# --- shared ----------------------------------------------------------------------------------------


def _people() -> list[tuple[str, str]]:
    people = db.session.scalars(select(Person).order_by(Person.full_name))
    return [("", "Choose a person")] + [(str(p.id), f"{p.full_name} ({p.email})") for p in people]


def _person(value: str | None) -> Person:
    found = db.session.get(Person, int(value)) if value and value.isdigit() else None
    if found is None:
        raise ServiceError("Choose a person from the list.", field="person")
    return found


def _agency_choices(blank: str = "No agency") -> list[tuple[str, str]]:
    return [("", blank)] + [(str(a.id), a.name) for a in agency_service.agencies(active_only=True)]


def _agency(value: str | None) -> Agency | None:
    return db.session.get(Agency, int(value)) if value and value.isdigit() else None


def _form_page(form: Any, title: str, *, intro: str | None = None, back: str) -> str:
    return render_template("admin/form.html", form=form, title=title, intro=intro, back=back)


def _committee_url(committee: Committee) -> str:
    return url_for("admin.committee", slug=committee.slug)


def _committee_page(committee: Committee) -> ResponseReturnValue:
    return redirect(_committee_url(committee))


def _changing_page(
    form: Any,
    change: Callable[[], str],
    title: str,
    *,
    back: str,
    intro: str | None = None,
    fields: dict[str, str] | None = None,
) -> ResponseReturnValue:
    """An administrator's page of one form: once ``change`` is made, back to ``back`` with what it says;
    otherwise the form (``title``, ``intro``), with any refusal on it."""
    return submitted(form, change, back, fields) or _form_page(form, title, intro=intro, back=back)


# --- agencies --------------------------------------------------------------------------------------


@bp.route("/agencies")
def agencies() -> ResponseReturnValue:
    return render_template("admin/agencies.html", agencies=agency_service.agencies(), kinds=AGENCY_KINDS)


def _agency_form(agency: Agency | None) -> ResponseReturnValue:
    data = (
        {
            "name": agency.name,
            "kind": agency.kind.value,
            "senior_representative": str(agency.senior_representative_id or ""),
            "active": agency.active,
        }
        if agency
        else None
    )
    form = AgencyForm(data=data)
    form.senior_representative.choices = [("", "None yet"), *_people()[1:]]
    if form.validate_on_submit():
        with attempt(form) as done:
            representative = _person(form.senior_representative.data) if form.senior_representative.data else None
            kind = AgencyKind(form.kind.data)
            if agency is None:
                agency = agency_service.add_agency(
                    current_user, name=form.name.data or "", kind=kind, senior_representative=representative
                )
            else:
                agency_service.update_agency(
                    current_user,
                    agency,
                    name=form.name.data or "",
                    kind=kind,
                    senior_representative=representative,
                    active=bool(form.active.data),
                )
        if done:
            flash(f"{form.name.data} is saved", "success")
            return redirect(url_for("admin.agencies"))
    if agency is None:
        del form.active
    if agency is None:
        return _form_page(form, "Add an agency", back=url_for("admin.agencies"))
    return render_template(
        "admin/agency.html", form=form, agency=agency, representatives=agency_service.representatives(agency)
    )


@bp.route("/agencies/<int:agency_id>/representatives/new", methods=["GET", "POST"])
def appoint_representative(agency_id: int) -> ResponseReturnValue:
    """Someone who notifies cases and answers for the agency, from a date."""
    agency = db.get_or_404(Agency, agency_id, description="There is no such agency.")
    form = RepresentativeForm()
    form.person.choices = _people()

    def change() -> str:
        starts_on, person = given(form.starts_on.data), _person(form.person.data)
        agency_service.appoint_representative(current_user, agency, person, starts_on=starts_on)
        return f"{person.full_name} represents {agency.name} from {starts_on:%-d %B %Y}"

    intro = "An agency's representative notifies cases to the Panel for the agency and sees only its notifications."
    title = f"Appoint a representative of {agency.name}"
    return _changing_page(form, change, title, back=url_for("admin.edit_agency", agency_id=agency.id), intro=intro)


@bp.route("/agencies/new", methods=["GET", "POST"])
def new_agency() -> ResponseReturnValue:
    return _agency_form(None)


@bp.route("/agencies/<int:agency_id>", methods=["GET", "POST"])
def edit_agency(agency_id: int) -> ResponseReturnValue:
    return _agency_form(db.get_or_404(Agency, agency_id, description="There is no such agency."))


# --- committees ------------------------------------------------------------------------------------


@bp.route("/committees")
def committees() -> ResponseReturnValue:
    rows = db.session.scalars(select(Committee).order_by(Committee.kind, Committee.name)).all()
    return render_template("admin/committees.html", committees=rows, kinds=COMMITTEE_KINDS, today=clock.today())


def _committee_form(committee: Committee | None) -> ResponseReturnValue:
    data = (
        {
            "name": committee.name,
            "short_name": committee.short_name,
            "slug": committee.slug,
            "kind": committee.kind.value,
            "description": committee.description or "",
        }
        if committee
        else None
    )
    form = CommitteeForm(data=data)
    if form.validate_on_submit():
        with attempt(form) as done:
            name, short_name = form.name.data or "", form.short_name.data or ""
            kind, description = CommitteeKind(form.kind.data), form.description.data or None
            if committee is None:
                committee = committee_service.create_committee(
                    current_user,
                    name=name,
                    short_name=short_name,
                    kind=kind,
                    description=description,
                    slug=form.slug.data or None,
                )
            else:
                committee_service.update_committee(
                    current_user,
                    committee,
                    name=name,
                    short_name=short_name,
                    slug=form.slug.data or short_name,
                    kind=kind,
                    description=description,
                )
        if done:
            assert committee is not None
            flash(f"{committee.name} is saved", "success")
            return _committee_page(committee)
    back = url_for("admin.committee", slug=committee.slug) if committee else url_for("admin.committees")
    return _form_page(form, f"Edit {committee.name}" if committee else "Create a committee", back=back)


@bp.route("/committees/new", methods=["GET", "POST"])
def new_committee() -> ResponseReturnValue:
    return _committee_form(None)


@bp.route("/committees/<slug>", methods=["GET"])
def committee(slug: str) -> ResponseReturnValue:
    found = load_committee(slug)
    today = clock.today()
    memberships = sorted(found.memberships, key=lambda m: (m.ends_on is not None and m.ends_on < today, m.starts_on))
    return render_template(
        "admin/committee.html",
        committee=found,
        orders=found.standing_orders,
        memberships=memberships,
        posts=sorted(found.secretariat_posts, key=lambda p: p.starts_on),
        kinds=COMMITTEE_KINDS,
        today=today,
        members_now=found.members_on(today),
    )


@bp.route("/committees/<slug>/edit", methods=["GET", "POST"])
def edit_committee(slug: str) -> ResponseReturnValue:
    return _committee_form(load_committee(slug))


@bp.route("/committees/<slug>/orders", methods=["GET", "POST"])
def standing_orders(slug: str) -> ResponseReturnValue:
    found = load_committee(slug)
    form = orders_form(found.standing_orders)
    if form.validate_on_submit():
        values = {name: form[name].data for name in ORDERS_FIELDS}
        try:
            orders = orders_from_text(values)
        except OrdersError as error:
            form[error.setting].errors = [*form[error.setting].errors, error.message]
        else:
            committee_service.set_standing_orders(current_user, found, orders)
            flash(f"The standing orders of {found.name} are saved", "success")
            return _committee_page(found)
    intro = (
        "The figures the rules count with: notice, papers and agenda-request deadlines, quorum, the "
        "interests exception, requisitions, reconvening and absences. They apply to meetings from now on."
    )
    return _form_page(form, f"Standing orders of {found.name}", intro=intro, back=url_for("admin.committee", slug=slug))


@bp.route("/committees/<slug>/members/new", methods=["GET", "POST"])
def add_member(slug: str) -> ResponseReturnValue:
    return _appointment(
        load_committee(slug),
        MemberForm(),
        membership_service.add_member,
        "{person} is a member from {starts_on:%-d %B %Y}",
        title="Add a member to {committee}",
        intro="They are sent the invites of meetings already called from that date, and the notice if it was served.",
        fields={"ends_on": "starts_on"},
    )


@bp.route("/committees/<slug>/chair", methods=["GET", "POST"])
def appoint_chair(slug: str) -> ResponseReturnValue:
    return _appointment(
        load_committee(slug),
        ChairForm(),
        membership_service.appoint_chair,
        "{person} chairs {committee} from {starts_on:%-d %B %Y}",
        title="Appoint the Chair of {committee}",
        intro="The outgoing Chair's membership ends the day before; add them back as a member if they stay on.",
        blank_agency="Keep their agency, if any",
    )


def _appointment(
    found: Committee,
    form: Any,
    appoint: Callable[..., object],
    said: str,
    *,
    title: str,
    intro: str,
    fields: dict[str, str] | None = None,
    blank_agency: str = "No agency",
) -> ResponseReturnValue:
    """A person joins a committee in a role (a member, the Chair) from a date, with an agency. ``said``
    and ``title`` name ``{person}``, ``{committee}`` and ``{starts_on}``."""
    form.person.choices = _people()
    form.agency.choices = _agency_choices(blank_agency)

    def change() -> str:
        person, agency, starts_on = _person(form.person.data), _agency(form.agency.data), given(form.starts_on.data)
        appoint(current_user, found, person, agency=agency, starts_on=starts_on, now=clock.now())
        return said.format(person=person.full_name, committee=found.name, starts_on=starts_on)

    title = title.format(committee=found.name)
    return _changing_page(form, change, title, back=_committee_url(found), intro=intro, fields=fields)


def _ending_page(
    place: Membership | SecretariatPost, end: Callable[[date], None], title: str, ended: str, intro: str | None = None
) -> ResponseReturnValue:
    """The page that ends a place held for a period: ``end`` is given the last day; ``ended`` is what
    the flash says ends then."""
    form = EndForm()

    def change() -> str:
        ends_on = given(form.ends_on.data)
        end(ends_on)
        return f"{place.person.full_name}'s {ended} ends on {ends_on:%-d %B %Y}"

    return _changing_page(form, change, title, back=_committee_url(place.committee), intro=intro)


@bp.route("/memberships/<int:membership_id>/end", methods=["GET", "POST"])
def end_membership(membership_id: int) -> ResponseReturnValue:
    membership = db.get_or_404(Membership, membership_id, description="There is no such membership.")
    return _ending_page(
        membership,
        lambda ends_on: membership_service.end_membership(current_user, membership, ends_on=ends_on, now=clock.now()),
        f"End {membership.person.full_name}'s membership of {membership.committee.name}",
        "membership",
        "They are sent a calendar cancellation for each meeting already called after that day.",
    )


@bp.route("/committees/<slug>/secretariat/new", methods=["GET", "POST"])
def add_secretariat(slug: str) -> ResponseReturnValue:
    found = load_committee(slug)
    form = SecretariatForm()
    form.person.choices = _people()

    def change() -> str:
        starts_on, person, title = given(form.starts_on.data), _person(form.person.data), form.title.data or ""
        committee_service.hold_place(
            current_user, SecretariatPost(committee=found, person=person, title=title, starts_on=starts_on)
        )
        return f"{person.full_name} is in the secretariat from {starts_on:%-d %B %Y}"

    title = f"Add to the secretariat of {found.name}"
    return _changing_page(form, change, title, back=_committee_url(found), fields={"ends_on": "starts_on"})


@bp.route("/secretariat/<int:post_id>/end", methods=["GET", "POST"])
def end_secretariat(post_id: int) -> ResponseReturnValue:
    post = db.get_or_404(SecretariatPost, post_id, description="There is no such post.")
    return _ending_page(
        post,
        lambda ends_on: committee_service.end_secretariat_post(current_user, post, ends_on=ends_on),
        f"End {post.person.full_name}'s post in the secretariat of {post.committee.name}",
        "post",
    )
