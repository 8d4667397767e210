"""The decision pages of a case: the Panel's findings and recommendation (recorded by the secretariat at
the meeting, from the motion the Panel carried), the Board's decision (each member's written agreement,
or the Board secretariat's record of a meeting's decision), and the letters made from them."""

from __future__ import annotations

from flask import Response
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
from govapp.cases.forms import AgreementForm
from govapp.cases.forms import BoardMeetingDecisionForm
from govapp.cases.forms import BriefingForm
from govapp.cases.forms import PresenterForm
from govapp.cases.forms import RecommendationForm
from govapp.cases.views import case_page
from govapp.cases.views import case_route
from govapp.extensions import db
from govapp.models import CRITERIA
from govapp.models import Case
from govapp.models import CaseLetter
from govapp.models import Meeting
from govapp.models import Motion
from govapp.models import MotionStatus
from govapp.permissions import Action
from govapp.permissions import access
from govapp.services import ServiceError
from govapp.services import case_decisions as service
from govapp.services import case_work as case_service
from govapp.services.audit import record_change
from govapp.web import attempt
from govapp.web import submitted


def _carried_motions(case: Case) -> list[Motion]:
    if case.agenda_item_id is None:
        return []
    motions = db.session.scalars(
        select(Motion).where(Motion.agenda_item_id == case.agenda_item_id, Motion.status == MotionStatus.CLOSED)
    )
    return [m for m in motions if m.result is not None and m.result.outcome == "carried"]


@case_route("/recommendation", Action.RECORD_RECOMMENDATION, methods=["GET", "POST"])
def recommendation(case: Case) -> ResponseReturnValue:
    form = RecommendationForm()
    motions = _carried_motions(case)
    form.motion.choices = [("", "Choose the motion")] + [(str(m.id), m.text) for m in motions]

    def change() -> str:
        motion = next((m for m in motions if str(m.id) == form.motion.data), None)
        if motion is None:
            raise ServiceError("Choose the motion that made the recommendation.", field="motion")
        findings = {key: {"yes": True, "no": False}.get(form[f"finding_{key}"].data or "") for key, _words in CRITERIA}
        now = clock.now()
        circumstances = service.Circumstances(
            form.involves_death_or_proceedings.data == "yes",
            form.family_to_be_told.data == "yes",
            form.family_told_by.data,
        )
        service.record_findings(current_user, case, findings, now=now)
        service.record_recommendation(
            current_user,
            case,
            motion=motion,
            recommendation=form.recommendation.data or "",
            terms_of_reference=form.terms_of_reference.data,
            methodology=form.methodology.data,
            reason=form.reason.data,
            now=now,
            circumstances=circumstances,
        )
        return f"The Panel's recommendation on {case.reference} is recorded"

    done = submitted(form, change, case_page(case), {"terms_of_reference": "terms_of_reference"})
    return done or render_template(
        "cases/recommendation.html", form=form, case=case, criteria=CRITERIA, has_motions=bool(motions)
    )


@case_route("/board", methods=["GET", "POST"])
def board_decision(case: Case) -> ResponseReturnValue:
    board = service.board()
    if board is None:
        raise NotFound("There is no Board committee in govapp yet: an administrator creates it.")
    permit = access(current_user, board, clock.today())
    may_agree, may_record = permit.can(Action.AGREE_IN_WRITING), permit.can(Action.RECORD_BOARD_DECISION)
    if not (may_agree or may_record):
        raise Forbidden("Only the Board's Chair, members and secretariat decide on the Panel's recommendations.")
    agreement = AgreementForm(prefix="agree")
    meeting_form = BoardMeetingDecisionForm(prefix="meeting")
    meetings = db.session.scalars(
        select(Meeting).where(Meeting.committee_id == board.id).order_by(Meeting.meeting_date.desc()).limit(12)
    ).all()
    meeting_form.meeting.choices = [("", "Choose the meeting")] + [
        (str(m.id), f"{m.meeting_date:%-d %B %Y}") for m in meetings
    ]
    if request.method == "POST" and may_agree and agreement.submit.data and agreement.validate_on_submit():
        with attempt(agreement) as done:
            service.record_written_agreement(
                current_user,
                case,
                decision=agreement.decision.data or "",
                agreed=agreement.agreed.data == "yes",
                now=clock.now(),
            )
        if done:
            flash("Your written agreement is recorded", "success")
            return redirect(url_for("cases.board_decision", reference=case.reference))
    if request.method == "POST" and may_record and meeting_form.submit.data and meeting_form.validate_on_submit():
        with attempt(meeting_form) as done:
            if not any(str(m.id) == meeting_form.meeting.data for m in meetings):
                raise ServiceError("Choose the Board meeting.", field="meeting")
            service.decide(
                current_user, case, decision=meeting_form.decision.data or "", route="meeting", now=clock.now()
            )
        if done:
            flash("The Board's decision is recorded and its letters are made", "success")
            return redirect(url_for("cases.board_decision", reference=case.reference))
    return render_template(
        "cases/board.html",
        case=case,
        board=board,
        agreement=agreement if may_agree else None,
        meeting_form=meeting_form if may_record else None,
        tallies=service.tallies(case, now=clock.now()),
        decisions=service.DECISIONS,
        recommendations=service.RECOMMENDATIONS,
    )


@case_route("/briefing-report", Action.ADD_BRIEFING, methods=["GET", "POST"])
def briefing_report(case: Case) -> ResponseReturnValue:
    """The notifying agency adds its briefing report, with the notification or later."""
    from govapp.papers_storage import current_store
    from govapp.services.papers import Upload

    form = BriefingForm()

    def change() -> str:
        upload = Upload(form.file.data.filename or "", form.file.data.read())
        case_service.add_briefing_report(current_user, case, upload, store=current_store(), now=clock.now())
        return "The briefing report is added to the case's papers"

    done = submitted(form, change, case_page(case), {"file": "file"})
    return done or render_template("cases/briefing.html", form=form, case=case)


@case_route("/presenter", Action.REQUEST_PRESENTER, methods=["GET", "POST"])
def presenter(case: Case) -> ResponseReturnValue:
    """The notifying agency asks for a staff member to attend and present the case."""
    form = PresenterForm()

    def change() -> str:
        who = {"full_name": form.full_name.data or "", "email": form.email.data or "", "post": form.post.data or ""}
        uninvolved = bool(form.no_direct_involvement.data)
        case_service.request_presenter(current_user, case, **who, no_direct_involvement=uninvolved, now=clock.now())
        return "The request is sent to the Chair, who agrees to it beforehand"

    return submitted(form, change, case_page(case)) or render_template("cases/presenter.html", form=form, case=case)


@case_route("/letters/<int:letter_id>")
def letter(case: Case, letter_id: int) -> ResponseReturnValue:
    """A letter of the case, for the Panel's Chair, members and secretariat and the Board; each download
    is kept in the audit record."""
    found = db.session.get(CaseLetter, letter_id)
    if found is None or found.case_id != case.id:
        raise NotFound("There is no such letter on this case.")
    today = clock.today()
    board = service.board()
    allowed = access(current_user, case.committee, today).can(Action.SEE_CASES) or (
        board is not None and access(current_user, board, today).can(Action.AGREE_IN_WRITING)
    )
    if not allowed:
        raise Forbidden("Case letters are for the Panel's Chair, members and secretariat, and the Board.")
    record_change(
        current_user,
        "download_case_letter",
        found,
        before=None,
        after={"letter_id": found.id, "sha256": found.sha256},
        committee_id=case.committee_id,
    )
    name = f"{case.reference}-{found.kind}-{found.id}.docx"
    return Response(
        found.content,
        mimetype="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
