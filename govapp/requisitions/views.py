"""Requisitions: members sign one online, it is presented to the Chair, a meeting is called.

Presentation and the meeting called are recorded by the Chair or by the secretariat on the
Chair's behalf (the people who may call a meeting); the Board's approval of the Chair's reason
not to call one by the secretariat.
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Sequence
from typing import Any

from flask import Blueprint
from flask import flash
from flask import redirect
from flask import render_template
from flask import url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from govapp import clock
from govapp.extensions import db
from govapp.formatting import clock_time
from govapp.formatting import long_date
from govapp.forms import given
from govapp.models import Committee
from govapp.models import Meeting
from govapp.models import Requisition
from govapp.permissions import Access
from govapp.permissions import Action
from govapp.permissions import access
from govapp.requisitions import todos  # noqa: F401 - registers the area's sections of the home page
from govapp.requisitions.forms import BoardApprovalForm
from govapp.requisitions.forms import MeetingCalledForm
from govapp.requisitions.forms import PresentationForm
from govapp.requisitions.forms import RequisitionForm
from govapp.requisitions.forms import SignatureForm
from govapp.services import ServiceError
from govapp.services import requisitions as service
from govapp.web import View
from govapp.web import attempt
from govapp.web import committee_route
from govapp.web import loader
from govapp.web import loading_route
from govapp.web import submitted

bp = Blueprint("requisitions", __name__)


load_requisition = loader(Requisition, "requisition")


def _access(committee: Committee) -> Access:
    return access(current_user, committee, clock.today())


def requisition_route(rule: str, *needs: Action, methods: Sequence[str] = ("GET",)) -> Callable[[View], View]:
    """A page about the requisition ``<int:requisition_id>`` names (see ``govapp.web.loading_route``)."""
    return loading_route(
        bp,
        rule,
        *needs,
        param="requisition_id",
        load=load_requisition,
        to="requisition",
        methods=methods,
    )


@committee_route(bp, "/committees/<slug>/requisitions", Action.VIEW_COMMITTEE)
def index(committee: Committee) -> ResponseReturnValue:
    today = clock.today()
    viewer = _access(committee)
    requisitions = [(r, service.requisition_state(r, today)) for r in service.requisitions_of(committee)]
    return render_template(
        "requisitions/index.html",
        committee=committee,
        requisitions=requisitions,
        may_start=viewer.can(Action.SIGN_REQUISITION),
        today=today,
    )


@committee_route(bp, "/committees/<slug>/requisitions/new", Action.SIGN_REQUISITION, methods=["GET", "POST"])
def new(committee: Committee) -> ResponseReturnValue:
    today = clock.today()
    form = RequisitionForm()
    if form.validate_on_submit():
        with attempt(form) as done:
            requisition = service.start_requisition(
                current_user,
                committee,
                purpose=form.purpose.data or "",
                business=form.business.data or "",
                today=today,
                now=clock.now(),
            )
        if done:
            flash("You have started the requisition and signed it. Other members can now sign it.", "success")
            return redirect(url_for("requisitions.show", requisition_id=requisition.id))
    return render_template("requisitions/new.html", committee=committee, form=form)


def _render_show(requisition: Requisition, **forms: Any) -> ResponseReturnValue:
    """The requisition page. ``forms`` replaces a blank form with one that has errors (passed as ``form``)."""
    today = clock.today()
    committee = requisition.committee
    viewer = _access(committee).require(Action.VIEW_COMMITTEE)
    state = service.requisition_state(requisition, today)
    counted = {s.id for s in service.counted_signatures(requisition, state.counted_on)}
    signed = service.has_signed(requisition, current_user.person_id)
    open_for_signing = requisition.presented_on is None
    may_record = viewer.can(Action.CALL_MEETING)
    may_approve = viewer.can(Action.RECORD_BOARD_APPROVAL)
    error_form = forms.get("form")

    sign_form = forms.get("sign_form") or SignatureForm(prefix="sign")
    withdraw_form = forms.get("withdraw_form") or _withdraw_form()
    presentation_form = forms.get("presentation_form") or PresentationForm(prefix="presentation")
    called_form = forms.get("called_form") or MeetingCalledForm(prefix="called")
    approval_form = forms.get("approval_form") or BoardApprovalForm(prefix="approval")
    meetings = service.meetings_to_answer(requisition)
    called_form.meeting_id.choices = [(0, "Choose a meeting")] + [(m.id, _meeting_label(m)) for m in meetings]
    return render_template(
        "requisitions/show.html",
        requisition=requisition,
        committee=committee,
        state=state,
        Stage=service.Stage,
        counted=counted,
        may_sign=viewer.can(Action.SIGN_REQUISITION) and open_for_signing and not signed,
        may_withdraw=signed and open_for_signing,
        may_present=may_record and open_for_signing,
        may_record_meeting=may_record and state.presented_on is not None and not state.board_approved,
        may_record_approval=may_approve
        and state.presented_on is not None
        and not state.board_approved
        and state.called_on is None,
        meetings=meetings,
        sign_form=sign_form,
        withdraw_form=withdraw_form,
        presentation_form=presentation_form,
        called_form=called_form,
        approval_form=approval_form,
        form=error_form,
        today=today,
    )


def _withdraw_form() -> SignatureForm:
    form = SignatureForm(prefix="withdraw")
    form.submit.label.text = "Withdraw my signature"
    return form


def _meeting_label(meeting: Meeting) -> str:
    return f"{long_date(meeting.meeting_date)}, {clock_time(meeting.starts_at)}"


@requisition_route("/requisitions/<int:requisition_id>")
def show(requisition: Requisition) -> ResponseReturnValue:
    return _render_show(requisition)


def _on_page(requisition: Requisition, name: str, form: Any, change: Callable[[], str]) -> ResponseReturnValue:
    """A form on the requisition's page (``name`` is its place there): once ``change`` is made, back to
    the page with what it says; otherwise the page with the form's errors."""
    done = submitted(form, change, url_for("requisitions.show", requisition_id=requisition.id))
    return done or _render_show(requisition, **{name: form}, form=form)


@requisition_route("/requisitions/<int:requisition_id>/sign", Action.SIGN_REQUISITION, methods=["POST"])
def sign(requisition: Requisition) -> ResponseReturnValue:
    def change() -> str:
        service.sign_requisition(current_user, requisition, today=clock.today(), now=clock.now())
        return "You have signed the requisition."

    return _on_page(requisition, "sign_form", SignatureForm(prefix="sign"), change)


@requisition_route("/requisitions/<int:requisition_id>/withdraw-signature", Action.SIGN_REQUISITION, methods=["POST"])
def withdraw(requisition: Requisition) -> ResponseReturnValue:
    def change() -> str:
        service.withdraw_signature(current_user, requisition)
        return "You have withdrawn your signature from the requisition."

    return _on_page(requisition, "withdraw_form", _withdraw_form(), change)


@requisition_route("/requisitions/<int:requisition_id>/presentation", Action.CALL_MEETING, methods=["POST"])
def present(requisition: Requisition) -> ResponseReturnValue:
    form = PresentationForm(prefix="presentation")

    def change() -> str:
        presented_on = given(form.presented_on.data)
        state = service.present_requisition(current_user, requisition, presented_on=presented_on, today=clock.today())
        assert state.deadline is not None
        return (
            "The requisition is recorded as presented to the Chair. "
            f"A meeting must be called by {long_date(state.deadline)}."
        )

    return _on_page(requisition, "presentation_form", form, change)


@requisition_route("/requisitions/<int:requisition_id>/meeting-called", Action.CALL_MEETING, methods=["POST"])
def record_meeting(requisition: Requisition) -> ResponseReturnValue:
    form = MeetingCalledForm(prefix="called")
    form.meeting_id.choices = [(0, "Choose a meeting")] + [
        (m.id, _meeting_label(m)) for m in service.meetings_to_answer(requisition)
    ]

    def change() -> str:
        meeting = db.session.get(Meeting, form.meeting_id.data) if form.meeting_id.data else None
        if meeting is None:
            raise ServiceError("Choose the meeting called in answer to the requisition", field="meeting_id")
        service.record_meeting_called(current_user, requisition, meeting)
        return "The meeting is recorded against the requisition. It counts as called once its notice is served."

    return _on_page(requisition, "called_form", form, change)


@requisition_route("/requisitions/<int:requisition_id>/board-approval", Action.RECORD_BOARD_APPROVAL, methods=["POST"])
def record_approval(requisition: Requisition) -> ResponseReturnValue:
    form = BoardApprovalForm(prefix="approval")

    def change() -> str:
        approved_on, reason = given(form.approved_on.data), form.reason.data or ""
        service.record_board_approval(
            current_user, requisition, approved_on=approved_on, reason=reason, today=clock.today()
        )
        return "The Board's approval of the Chair's reason is recorded."

    return _on_page(requisition, "approval_form", form, change)
