"""Notices of meeting, signing authorisations, the agenda pack and the committee's outbox."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from flask import Blueprint
from flask import abort
from flask import current_app
from flask import flash
from flask import redirect
from flask import render_template
from flask import request
from flask import url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from flask_login import login_required
from werkzeug.exceptions import Conflict
from werkzeug.exceptions import Forbidden

from govapp import clock
from govapp import rules
from govapp.extensions import db
from govapp.forms import given
from govapp.mail import MailSettings
from govapp.models import Committee
from govapp.models import DeliveryStatus
from govapp.models import Meeting
from govapp.models import Person
from govapp.models import SigningAuthorisation
from govapp.notices import todos  # noqa: F401 - registers the area's sections of the home page
from govapp.notices.forms import AuthorisationForm
from govapp.notices.forms import DespatchPackForm
from govapp.notices.forms import ServeNoticeForm
from govapp.notices.forms import SignNoticeForm
from govapp.permissions import Access
from govapp.permissions import Action
from govapp.permissions import access
from govapp.services import notices as service
from govapp.services import packs as packs_service
from govapp.services import signing as signing_service
from govapp.services.invites import invite_attendees
from govapp.services.notices import Late
from govapp.services.outbox import OUTBOX_PAGE
from govapp.services.outbox import attachments_of
from govapp.services.outbox import committee_message
from govapp.services.outbox import committee_messages
from govapp.services.outbox import retry_message
from govapp.services.outbox import status_counts
from govapp.web import attempt
from govapp.web import before_id
from govapp.web import committee_route
from govapp.web import load_meeting
from govapp.web import meeting_route
from govapp.web import refusals_as
from govapp.web import submitted

bp = Blueprint("notices", __name__)


def _access(committee: Committee) -> Access:
    return access(current_user, committee, clock.today())


# --- the notice ----------------------------------------------------------------------------------


def _deadlines(meeting: Meeting) -> dict[str, date]:
    orders = meeting.committee.standing_orders
    return {
        "notice": rules.notice_deadline(meeting.meeting_date, orders=orders),
        "papers": rules.papers_deadline(meeting.meeting_date, orders=orders),
    }


def _render_notice(meeting: Meeting, status: int = 200, **extra: object) -> ResponseReturnValue:
    today = clock.today()
    committee = meeting.committee
    viewer = _access(committee).require(Action.VIEW_COMMITTEE)
    may_serve = viewer.can(Action.SERVE_NOTICE)
    sees_delivery = viewer.can(Action.SEE_DELIVERY)
    notices = service.notices_of(meeting)
    if not sees_delivery:
        notices = [n for n in notices if n.served_at is not None]  # members see what was served on them
    notice = notices[0] if notices else None
    capacity = signing_service.signing_capacity(committee, current_user.person, today)
    open_meeting = meeting.status.value == "scheduled" and meeting.meeting_date >= today
    changed = notice is not None and service.agenda_changed_since(notice)
    rows = service.service_rows(notice) if notice is not None and sees_delivery else []
    counts = {s: sum(1 for r in rows if r.status == s) for s in DeliveryStatus}
    return (
        render_template(
            "notices/show.html",
            meeting=meeting,
            committee=committee,
            notice=notice,
            earlier=notices[1:],
            business=service.business_of(meeting),
            # The business names the matters (often cases) before the Panel: confidential to its Chair,
            # members and secretariat; an administrator sees the notice's status and delivery only.
            shows_business=viewer.can(Action.READ_BUSINESS),
            agenda_changed=changed,
            deadlines=_deadlines(meeting),
            today=today,
            may_serve=may_serve,
            may_sign=capacity is not None and open_meeting and (notice is None or notice.served_at is None or changed),
            signing_capacity=capacity[0] if capacity else None,
            open_meeting=open_meeting,
            rows=rows,
            counts=counts,
            pack_late=packs_service.pack_despatched_late(meeting),
            pack_late_reason=packs_service.pack_late_reason(meeting) if meeting.pack_despatched_at else None,
            sign_form=extra.pop("sign_form", None) or SignNoticeForm(),
            **extra,
        ),
        status,
    )


@bp.route("/meetings/<int:meeting_id>/notice")
@login_required
def show(meeting_id: int) -> ResponseReturnValue:
    return _render_notice(load_meeting(meeting_id))


@meeting_route(bp, "/meetings/<int:meeting_id>/notice/sign", Action.VIEW_COMMITTEE, methods=["POST"])
def sign(meeting: Meeting) -> ResponseReturnValue:
    committee = meeting.committee
    if signing_service.signing_capacity(committee, current_user.person, clock.today()) is None:
        raise Forbidden(signing_service.cannot_sign_reason(committee))
    form = SignNoticeForm()
    if form.validate_on_submit():
        with attempt(form, default_field="submit") as done:
            notice = service.sign_notice(current_user, meeting, now=clock.now())
        if done:
            kind = "amended notice" if notice.version > 1 else "notice"
            flash(f"You signed the {kind} ({notice.signed_capacity}). Serve it on the members next.", "success")
            return redirect(url_for("notices.show", meeting_id=meeting.id))
    return _render_notice(meeting, form=form, sign_form=form)


def _recipients(meeting: Meeting, count: int) -> str:
    """'12 members', or '12 members and 1 approved deputy' when deputies were sent it too."""
    members = len(meeting.committee.members_on(meeting.meeting_date))
    deputies = count - members
    if deputies <= 0:
        return f"{count} members"
    return f"{members} members and {deputies} approved {'deputy' if deputies == 1 else 'deputies'}"


@meeting_route(bp, "/meetings/<int:meeting_id>/notice/serve", Action.SERVE_NOTICE, methods=["GET", "POST"])
def serve(meeting: Meeting) -> ResponseReturnValue:
    notice = service.latest_notice(meeting)
    if notice is None or notice.signed_at is None:
        flash("Sign the notice before serving it.")
        return redirect(url_for("notices.show", meeting_id=meeting.id))
    if notice.served_at is not None:
        flash(f"This notice was already served on {notice.served_at:%d %B %Y}.")
        return redirect(url_for("notices.show", meeting_id=meeting.id))
    signed = notice

    def send(late: Late | None) -> int:
        service.serve_notice(current_user, signed, now=clock.now(), late=late)
        return len(signed.services)

    text = service.notice_text(notice)
    return _sending_page(meeting, "notice", ServeNoticeForm(), send, notice=notice, text=text, conflicts_on_form=False)


@meeting_route(bp, "/meetings/<int:meeting_id>/agenda-pack", Action.SERVE_NOTICE, methods=["GET", "POST"])
def pack(meeting: Meeting) -> ResponseReturnValue:
    def send(late: Late | None) -> int:
        return len(packs_service.despatch_pack(current_user, meeting, now=clock.now(), late=late))

    again = meeting.pack_despatched_at is not None
    text = packs_service.pack_text(meeting, current_user.person, again=again)
    served = service.latest_served_notice(meeting)
    return _sending_page(meeting, "papers", DespatchPackForm(), send, again=again, served=served, text=text)


#: What the notices pages send: its page, and what is said once it is sent (by its deadline's name).
SENDING = {
    "notice": ("notices/serve.html", "Notice served on {recipients}. The emails are in the outbox."),
    "papers": ("notices/pack.html", "Agenda and papers despatched to {recipients}. The emails are in the outbox."),
}


def _sending_page(
    meeting: Meeting,
    what: str,
    form: ServeNoticeForm | DespatchPackForm,
    send: Callable[[Late | None], int],
    *,
    again: bool = False,
    conflicts_on_form: bool = True,
    **context: Any,
) -> ResponseReturnValue:
    """Serving the notice, or despatching the agenda and papers (``what``, see ``SENDING``): a page that
    shows what is sent to whom and by when, and sends it. ``send`` sends it (with the form's
    confirmation that it is late, if it is) and answers how many emails it made. Sent ``again``, it is
    never late."""
    template, said = SENDING[what]
    deadline = _deadlines(meeting)[what]

    def change() -> str:
        count = send(Late(form.late_reason.data) if form.confirm_late.data else None)
        return said.format(recipients=_recipients(meeting, count))

    back = url_for("notices.show", meeting_id=meeting.id)
    done = submitted(form, change, back, default_field="submit", conflicts_on_form=conflicts_on_form)
    committee = meeting.committee
    return done or render_template(
        template,
        form=form,
        meeting=meeting,
        committee=committee,
        recipients=invite_attendees(meeting),
        members_count=len(committee.members_on(meeting.meeting_date)),
        deadline=deadline,
        late=not again and clock.today() > deadline,
        **context,
    )


# --- signing authorisations ----------------------------------------------------------------------


def _candidates(committee: Committee, chair_person_id: int | None) -> list[Person]:
    today = clock.today()
    people = {p.person.id: p.person for p in committee.secretariat_posts if p.is_current(today)}
    people.update({m.person.id: m.person for m in committee.members_on(today)})
    people.pop(chair_person_id or 0, None)
    return sorted(people.values(), key=lambda p: p.full_name)


@committee_route(bp, "/committees/<slug>/signing-authorisations", Action.VIEW_COMMITTEE, methods=["GET", "POST"])
def authorisations(committee: Committee) -> ResponseReturnValue:
    today = clock.today()
    viewer = _access(committee)
    is_chair = viewer.can(Action.AUTHORISE_SIGNATORY)
    chair = committee.chair_on(today)
    candidates = _candidates(committee, chair.person_id if chair else None)
    form = AuthorisationForm()
    form.person_id.choices = [(0, "Choose a person")] + [
        (p.id, f"{p.full_name}{', ' + p.job_title if p.job_title else ''}") for p in candidates
    ]
    if form.is_submitted():
        viewer.require(Action.AUTHORISE_SIGNATORY)
    if form.validate_on_submit():
        person = next((p for p in candidates if p.id == form.person_id.data), None)
        starts_on = given(form.starts_on.data)
        if person is None:
            form.person_id.errors = ["Choose who may sign notices on your behalf"]
        else:
            with attempt(form) as done:
                signing_service.grant_authorisation(
                    current_user,
                    committee,
                    person,
                    starts_on=starts_on,
                    ends_on=form.ends_on.data,
                    today=today,
                )
            if done:
                flash(f"{person.full_name} may now sign notices on your behalf.", "success")
                return redirect(url_for("notices.authorisations", slug=committee.slug))
    return render_template(
        "notices/authorisations.html",
        committee=committee,
        authorisations=signing_service.authorisations_of(committee),
        form=form if is_chair else None,
        is_chair=is_chair,
        today=today,
    )


@committee_route(
    bp,
    "/committees/<slug>/signing-authorisations/<int:authorisation_id>/revoke",
    Action.AUTHORISE_SIGNATORY,
    methods=["POST"],
)
def revoke(committee: Committee, authorisation_id: int) -> ResponseReturnValue:
    authorisation = db.session.get(SigningAuthorisation, authorisation_id)
    if authorisation is None or authorisation.committee_id != committee.id:
        abort(404, description="There is no such authorisation.")
    form = SignNoticeForm()  # only its CSRF token matters
    if not form.validate_on_submit():
        abort(400, description="This form has expired. Go back, reload the page and try again.")
    with refusals_as(Forbidden):
        signing_service.revoke_authorisation(current_user, authorisation, now=clock.now())
    flash(f"{authorisation.person.full_name} may no longer sign notices on your behalf.", "success")
    return redirect(url_for("notices.authorisations", slug=committee.slug))


# --- the outbox ----------------------------------------------------------------------------------


def _outbox_access(committee: Committee) -> Access:
    """The viewer's access, if they may see the outbox: the Chair and secretariat read its messages; an
    administrator sees how each fared only."""
    return _access(committee).require(Action.VIEW_COMMITTEE).require(Action.VIEW_OUTBOX)


@committee_route(bp, "/committees/<slug>/outbox")
def outbox(committee: Committee) -> ResponseReturnValue:
    reader = _outbox_access(committee).can(Action.READ_OUTBOX)
    wanted = request.args.get("status")
    status = DeliveryStatus(wanted) if wanted in {s.value for s in DeliveryStatus} else None
    return render_template(
        "notices/outbox.html",
        committee=committee,
        messages=committee_messages(committee, status=status, before=before_id()),
        page_size=OUTBOX_PAGE,
        counts=status_counts(committee),
        status=status,
        reader=reader,
        smtp_configured=MailSettings.from_config(current_app.config) is not None,
    )


@committee_route(bp, "/committees/<slug>/outbox/<int:message_id>")
def message(committee: Committee, message_id: int) -> ResponseReturnValue:
    viewer = _outbox_access(committee).require(Action.READ_OUTBOX)
    found = committee_message(committee, message_id)
    if found is None:
        abort(404, description="There is no such message in this committee's outbox.")
    return render_template(
        "notices/message.html",
        committee=committee,
        message=found,
        attachments=attachments_of(found),
        may_retry=viewer.can(Action.SERVE_NOTICE),
    )


@committee_route(bp, "/committees/<slug>/outbox/<int:message_id>/retry", Action.SERVE_NOTICE, methods=["POST"])
def retry(committee: Committee, message_id: int) -> ResponseReturnValue:
    found = committee_message(committee, message_id)
    if found is None:
        abort(404, description="There is no such message in this committee's outbox.")
    form = SignNoticeForm()  # only its CSRF token matters
    if not form.validate_on_submit():
        abort(400, description="This form has expired. Go back, reload the page and try again.")
    with refusals_as(Conflict):
        retry_message(current_user, committee, found, now=clock.now())
    flash(f"The message to {found.to_address} will be tried again.", "success")
    return redirect(url_for("notices.message", slug=committee.slug, message_id=found.id))
