"""The Panel's cases: the register, a case's page with its clocks, notifying a case, the members'
answers, joining notifications, and requests from the public.

Who sees what follows the permission table: the Panel's Chair, members and secretariat see the cases
(``SEE_CASES``); an agency's representative sees only their own agency's notifications. Every view of
a case page is kept in the audit record.
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Sequence
from datetime import date

from flask import Blueprint
from flask import flash
from flask import redirect
from flask import render_template
from flask import request
from flask import url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from sqlalchemy import select
from werkzeug.exceptions import Forbidden
from werkzeug.exceptions import NotFound

from govapp import clock
from govapp import rules
from govapp.cases import todos  # noqa: F401 - registers the area's to-dos and deadlines
from govapp.cases.forms import ForewarningForm
from govapp.cases.forms import KnownForm
from govapp.cases.forms import LinkForm
from govapp.cases.forms import NominationForm
from govapp.cases.forms import NotificationForm
from govapp.cases.forms import PublicRequestForm
from govapp.extensions import db
from govapp.forms import given
from govapp.models import CASE_STAGES
from govapp.models import CRITERIA
from govapp.models import Agency
from govapp.models import Case
from govapp.models import Committee
from govapp.models import CommitteeKind
from govapp.models import ForewarnedAgency
from govapp.models import KnownAnswer
from govapp.models import Notification
from govapp.models import PublicRequest
from govapp.permissions import Action
from govapp.permissions import access
from govapp.permissions import representative_of
from govapp.services import ServiceError
from govapp.services import agencies as agency_service
from govapp.services import case_work
from govapp.services import cases as service
from govapp.services.audit import record_change
from govapp.web import View
from govapp.web import attempt
from govapp.web import committee_route
from govapp.web import loading_route
from govapp.web import submitted

bp = Blueprint("cases", __name__)


def find_case_or_404(reference: str) -> Case:
    found = service.find_case(reference)
    if found is None:
        raise NotFound(f"There is no case {reference}.")
    return found


def case_page(case: Case) -> str:
    return url_for("cases.show", reference=case.reference)


def case_route(tail: str, *needs: Action, methods: Sequence[str] = ("GET",)) -> Callable[[View], View]:
    """Declare a page about the case ``/cases/<reference>`` names, at ``tail`` under it (see
    ``govapp.web.loading_route``): the view gets the ``case``, or it is a 404 with words."""
    return loading_route(
        bp,
        f"/cases/<reference>{tail}",
        *needs,
        param="reference",
        load=find_case_or_404,
        to="case",
        methods=methods,
    )


def _own_agency(case: Case) -> int | None:
    """The agency whose notifications an agency representative may see on ``case``, if any."""
    represents = representative_of(current_user, clock.today())
    if represents is None:
        return None
    involved = {n.agency_id for n in case.notifications} | {w.agency_id for w in case.forewarned}
    return represents.agency_id if represents.agency_id in involved else None


def _proposal(case: Case) -> str | None:
    """What the Panel's recorded findings (or, before the meeting, the notifications' own) support."""
    from govapp.services.case_decisions import proposal

    if case.findings:
        return proposal(case)
    first = case.notifications[0] if case.notifications else None
    if first is None:
        return None
    return rules.criteria_met(*(first.criteria.get(key, {}).get("met") for key, _words in CRITERIA))


def _on_the_board(today: date) -> bool:
    """Whether the signed-in person is the Board's Chair, a member or its secretariat today."""
    from govapp.services.case_decisions import board

    found = board()
    if found is None:
        return False
    permit = access(current_user, found, today)
    return permit.can(Action.AGREE_IN_WRITING) or permit.can(Action.RECORD_BOARD_DECISION)


# --- the register ------------------------------------------------------------------------------------


@committee_route(bp, "/committees/<slug>/cases", Action.SEE_CASES)
def register(committee: Committee) -> ResponseReturnValue:
    chosen = service.RegisterFilters.read(*(request.args.get(name) for name in ("stage", "year", "page")))
    stage, year, page = chosen.stage, chosen.year, chosen.page
    today = clock.today()
    cases = service.register(committee, stage=stage, year=year, page=page)
    overdue = {c.id: [k for k in service.clocks(c, today) if k.state == "late"] for c in cases}
    return render_template(
        "cases/register.html",
        committee=committee,
        cases=cases,
        overdue=overdue,
        stages=CASE_STAGES,
        stage=stage,
        year=year,
        page=page,
        more=len(cases) == service.REGISTER_PAGE,
        today=today,
        can_notify=access(current_user, committee, today).can(Action.NOTIFY_CASE),
        can_manage=access(current_user, committee, today).can(Action.MANAGE_CASES),
    )


# --- notifying -----------------------------------------------------------------------------------------


@committee_route(bp, "/committees/<slug>/cases/notify", Action.NOTIFY_CASE, methods=["GET", "POST"])
def notify(committee: Committee) -> ResponseReturnValue:
    today = clock.today()
    found = access(current_user, committee, today)
    form = NotificationForm()
    represents = representative_of(current_user, today)
    if found.can(Action.MANAGE_CASES) or represents is None:
        agencies = agency_service.agencies(active_only=True)
    else:
        agencies = [represents.agency]
    form.agency.choices = [("", "Choose the agency"), *[(str(a.id), a.name) for a in agencies]]
    if request.method == "GET" and len(agencies) == 1:
        form.agency.data = str(agencies[0].id)
        chosen = agencies[0]
        if chosen.senior_representative is not None:
            form.senior_representative.data = chosen.senior_representative.full_name
    warnings: list[str] = []
    if form.validate_on_submit():
        warnings = service.name_warnings(
            pseudonym=form.pseudonym.data,
            other_agencies=form.other_agencies.data,
            family_not_told_reason=form.family_not_told_reason.data,
            **{f"note_on_{key}": form[f"note_{key}"].data for key, _ in CRITERIA},
        )
        if warnings and not form.confirm_no_names.data:
            form.confirm_no_names.errors = ["Check the text for real names, then confirm there are none"]
        else:
            with attempt(form, {"a": "criterion_a"}) as done:
                agency = next((a for a in agencies if str(a.id) == form.agency.data), None)
                if agency is None:
                    raise ServiceError("Choose the notifying agency.", field="agency")
                notification = service.submit_notification(
                    current_user,
                    committee,
                    agency=agency,
                    senior_representative=form.senior_representative.data or "",
                    determined_on=given(form.determined_on.data),
                    pseudonym=form.pseudonym.data or "",
                    age_band=form.age_band.data or "",
                    area=form.area.data or "",
                    criteria={key: _finding(form, key) for key, _ in CRITERIA},
                    family_told=form.family_told.data == "yes",
                    family_not_told_reason=form.family_not_told_reason.data,
                    other_agencies=form.other_agencies.data,
                    now=clock.now(),
                )
                briefing = form.briefing.data
                if briefing and briefing.filename and notification.case.agenda_item is not None:
                    from govapp.papers_storage import current_store
                    from govapp.services.papers import Upload

                    upload = Upload(briefing.filename, briefing.read())
                    case_work.add_briefing_report(
                        current_user, notification.case, upload, store=current_store(), now=clock.now()
                    )
            if done:
                case = notification.case
                late = (
                    " It was due on " + f"{notification.due_on:%-d %B %Y}, so it is recorded as late."
                    if notification.late
                    else ""
                )
                flash(f"Notification received: {case.reference}, {case.pseudonym}.{late}", "success")
                return redirect(url_for("cases.show", reference=case.reference))
    return render_template(
        "cases/notify.html",
        form=form,
        committee=committee,
        criteria=CRITERIA,
        warnings=warnings,
        today=today,
        procedure=rules.GUIDANCE,
    )


def _finding(form: NotificationForm, key: str) -> service.Finding:
    value = form[f"criterion_{key}"].data
    met = True if value == "yes" else False if value == "no" else None
    return service.Finding(met, form[f"note_{key}"].data or "")


# --- a case ------------------------------------------------------------------------------------------------


@case_route("")
def show(case: Case) -> ResponseReturnValue:
    today = clock.today()
    found = access(current_user, case.committee, today)
    own_agency = None
    board_view = False
    if not found.can(Action.SEE_CASES):
        own_agency = _own_agency(case)
        board_view = own_agency is None and case.recommendation is not None and _on_the_board(today)
        if own_agency is None and not board_view:
            raise Forbidden(
                "This case is confidential to the Panel's Chair, members and secretariat. An agency's representative "
                "sees only their own agency's notifications."
            )
    notifications = [n for n in case.notifications if own_agency is None or n.agency_id == own_agency]
    if board_view:
        notifications = []
    record_change(
        current_user,
        "view_case",
        case,
        before=None,
        after={"reference": case.reference, "as": "agency" if own_agency else "board" if board_view else "panel"},
        committee_id=case.committee_id,
    )
    mine = next((a for a in case.answers if a.person_id == current_user.person_id), None)
    return render_template(
        "cases/show.html",
        case=case,
        notifications=notifications,
        full=own_agency is None and not board_view,
        board_view=board_view,
        can_recommend=found.can(Action.RECORD_RECOMMENDATION),
        proposal=_proposal(case),
        can_present=found.can(Action.REQUEST_PRESENTER) and case.agenda_item is not None and not board_view,
        can_brief=found.can(Action.ADD_BRIEFING) and case.agenda_item is not None and not board_view,
        clocks=service.clocks(case, today) if own_agency is None else [],
        answers=sorted(case.answers, key=lambda a: a.person.full_name) if own_agency is None else [],
        answers_due=service.answers_due(case),
        mine=mine,
        can_answer=found.can(Action.ANSWER_KNOWN),
        can_manage=found.can(Action.MANAGE_CASES),
        can_forewarn=found.can(Action.RECORD_FOREWARNING),
        can_nominate=found.can(Action.NOMINATE),
        forewarned=[w for w in case.forewarned if own_agency is None or w.agency_id == own_agency],
        stages=CASE_STAGES,
        criteria=CRITERIA,
        today=today,
    )


@case_route("/known", Action.ANSWER_KNOWN, methods=["GET", "POST"])
def answer(case: Case) -> ResponseReturnValue:
    mine = db.session.scalar(
        db.select(KnownAnswer).where(KnownAnswer.case_id == case.id, KnownAnswer.person_id == current_user.person_id)
    )
    data = (
        {"known": ("yes" if mine.known else "no"), "details": mine.details or ""} if mine and mine.answered_at else None
    )
    form = KnownForm(data=data if request.method == "GET" else None)

    def change() -> str:
        known, details = form.known.data == "yes", form.details.data
        service.answer_known(current_user, case, known=known, details=details, now=clock.now())
        return f"Your answer on {case.reference} is recorded"

    done = submitted(form, change, case_page(case))
    return done or render_template("cases/known.html", form=form, case=case, mine=mine, due=service.answers_due(case))


@case_route("/link", Action.MANAGE_CASES, methods=["GET", "POST"])
def link(case: Case) -> ResponseReturnValue:
    form = LinkForm()
    form.notification.choices = [("", "Choose the notification")] + [
        (str(n.id), f"{n.agency.name}, received {n.received_at:%-d %B %Y}") for n in case.notifications
    ]
    if form.validate_on_submit():
        with attempt(form, {"reason": "reason"}) as done:
            notification = db.session.get(Notification, int(form.notification.data or 0))
            target = service.find_case(form.case_reference.data or "")
            if notification is None or notification.case_id != case.id:
                raise ServiceError("Choose a notification of this case.", field="notification")
            if target is None:
                raise ServiceError(f"There is no case {form.case_reference.data}.", field="case_reference")
            service.link_notification(
                current_user, notification, target, reason=form.reason.data or "", now=clock.now()
            )
        if done and target is not None:
            flash(f"The notification is joined to {target.reference}, with both notifications kept", "success")
            return redirect(url_for("cases.show", reference=target.reference))
    return render_template("cases/link.html", form=form, case=case)


# --- forewarning and nominations ----------------------------------------------------------------------


def _board_chair_name(today: date) -> str:
    board = db.session.scalar(select(Committee).where(Committee.kind == CommitteeKind.BOARD))
    chair = board.chair_on(today) if board else None
    return chair.person.full_name if chair else ""


@case_route("/forewarning", methods=["GET", "POST"])
def forewarn(case: Case) -> ResponseReturnValue:
    today = clock.today()
    access(current_user, case.committee, today).require(Action.RECORD_FOREWARNING)
    agencies = agency_service.agencies(active_only=True)
    notifying = {str(n.agency_id) for n in case.notifications}
    data = None
    if request.method == "GET":
        chair = case.committee.chair_on(today)
        officer = next((p for p in case.committee.secretariat_posts if p.is_current(today)), None)
        data = {
            "judged_on": today,
            "sbni_chair": _board_chair_name(today),
            "panel_chair": chair.person.full_name if chair else "",
            "professional_officer": officer.person.full_name if officer else "",
            "agencies": sorted(notifying),
        }
    form = ForewarningForm(data=data)
    form.agencies.choices = [(str(a.id), a.name) for a in agencies]
    if form.validate_on_submit():
        with attempt(form) as done:
            chosen = [a for a in agencies if str(a.id) in set(form.agencies.data or [])]
            case_work.record_forewarning(
                current_user,
                case,
                judged_on=given(form.judged_on.data),
                sbni_chair=form.sbni_chair.data or "",
                panel_chair=form.panel_chair.data or "",
                professional_officer=form.professional_officer.data or "",
                agencies=chosen,
                now=clock.now(),
            )
        if done:
            written = "1 agency is" if len(chosen) == 1 else f"{len(chosen)} agencies are"
            flash(f"The forewarning is recorded and {written} written to", "success")
            return redirect(url_for("cases.show", reference=case.reference))
    return render_template("cases/forewarning.html", form=form, case=case, procedure=rules.GUIDANCE)


@case_route("/nominations/<int:written_id>", methods=["GET", "POST"])
def nominate(case: Case, written_id: int) -> ResponseReturnValue:
    written = db.session.get(ForewarnedAgency, written_id)
    if written is None or written.case_id != case.id:
        raise NotFound("That agency was not forewarned on this case.")
    access(current_user, case.committee, clock.today()).require(Action.NOMINATE)
    data = {"iar_author": written.iar_author or "", "team_member": written.team_member or ""}
    form = NominationForm(data=data if request.method == "GET" else None)

    def change() -> str:
        author, member = form.iar_author.data or "", form.team_member.data or ""
        case_work.record_nominations(current_user, written, iar_author=author, team_member=member, now=clock.now())
        return f"{written.agency.name}'s nominations are recorded"

    done = submitted(form, change, case_page(case))
    return done or render_template("cases/nominations.html", form=form, case=case, written=written)


# --- requests from the public -----------------------------------------------------------------------


@committee_route(bp, "/committees/<slug>/public-requests", Action.MANAGE_CASES, methods=["GET", "POST"])
def public_requests(committee: Committee) -> ResponseReturnValue:
    form = PublicRequestForm()
    form.referred_to.choices = [("", "Choose the body")] + [
        (str(a.id), a.name) for a in agency_service.agencies(active_only=True)
    ]
    if form.validate_on_submit():
        with attempt(form) as done:
            agency = db.session.get(Agency, int(form.referred_to.data or 0))
            if agency is None:
                raise ServiceError("Choose the represented body it is referred to.", field="referred_to")
            service.record_public_request(
                current_user,
                committee,
                received_on=given(form.received_on.data),
                summary=form.summary.data or "",
                referred_to=agency,
                requester_told_on=form.requester_told_on.data,
                now=clock.now(),
            )
        if done and agency is not None:
            flash(f"The request is recorded and referred to {agency.name}. It does not open a case.", "success")
            return redirect(url_for("cases.public_requests", slug=committee.slug))
    rows = db.session.scalars(
        db.select(PublicRequest)
        .where(PublicRequest.committee_id == committee.id)
        .order_by(PublicRequest.received_on.desc())
        .limit(100)
    ).all()
    return render_template("cases/public_requests.html", form=form, committee=committee, requests=rows)


from govapp.cases import decisions as _decisions  # noqa: E402,F401  (registers the decision pages)
