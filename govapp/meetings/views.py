"""Meetings: the meeting page and its timeline, calling, rescheduling and cancelling meetings, the
year's schedule, recording an inquorate meeting, and the meeting's calendar invite."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Blueprint
from flask import Response
from flask import abort
from flask import current_app
from flask import flash
from flask import redirect
from flask import render_template
from flask import request
from flask import url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from govapp import clock
from govapp import rules
from govapp.formatting import usual_day
from govapp.forms import given
from govapp.meetings import todos  # noqa: F401 - registers the area's sections of the home page
from govapp.meetings.forms import CancelMeetingForm
from govapp.meetings.forms import InquorateForm
from govapp.meetings.forms import MeetingForm
from govapp.meetings.forms import ScheduleYearForm
from govapp.models import Committee
from govapp.models import Meeting
from govapp.models import MeetingStatus
from govapp.models import WhenAndWhere
from govapp.permissions import READS_BUSINESS
from govapp.permissions import Access
from govapp.permissions import Action
from govapp.permissions import access
from govapp.services import convening
from govapp.services import invites
from govapp.services import reminders  # noqa: F401 - registers the meetings' daily reminders
from govapp.services import timeline
from govapp.web import attempt
from govapp.web import committee_route
from govapp.web import load_meeting
from govapp.web import meeting_route
from govapp.web import submitted

bp = Blueprint("meetings", __name__)


def _access(committee: Committee) -> Access:
    return access(current_user, committee, clock.today())


@bp.app_template_global()
def optional_url(endpoint: str, **values: Any) -> str | None:
    """``url_for`` for a page another part of govapp may not provide yet (``None`` until it does)."""
    if endpoint not in current_app.view_functions:
        return None
    return url_for(endpoint, **values)


@bp.app_template_global()
def meeting_year_record(committee: Committee) -> convening.YearRecord:
    """This reporting year's record of meetings held, for the committee page."""
    today = clock.today()
    return convening.year_record(committee, today, today)


# --- the meeting page ----------------------------------------------------------------------------


@meeting_route(bp, "/meetings/<int:meeting_id>", Action.VIEW_MEETING)
def show(meeting: Meeting) -> ResponseReturnValue:
    today = clock.today()
    viewer = access(current_user, meeting.committee, today, meeting)
    further = convening.further_meeting_of(meeting) if meeting.status == MeetingStatus.INQUORATE else None
    return render_template(
        "meetings/show.html",
        meeting=meeting,
        committee=meeting.committee,
        timeline=timeline.meeting_timeline(meeting, today),
        today=today,
        can_call=viewer.can(Action.CALL_MEETING),
        can_download_invite=viewer.can(Action.DOWNLOAD_INVITE),
        can_read_agenda=viewer.can_all(READS_BUSINESS),  # the agenda page's own check
        further=further,
        reconvene_deadline=convening.reconvene_deadline_of(meeting)
        if meeting.status == MeetingStatus.INQUORATE
        else None,
        late_further_meeting=convening.is_late_further_meeting(meeting),
        reconvened_deadline=convening.reconvene_deadline_of(meeting.reconvenes) if meeting.reconvenes else None,
        changeable=meeting.status == MeetingStatus.SCHEDULED and meeting.meeting_date >= today,
        can_record_inquorate=meeting.status in (MeetingStatus.SCHEDULED, MeetingStatus.HELD)
        and meeting.meeting_date <= today,
    )


@meeting_route(bp, "/meetings/<int:meeting_id>/invite.ics", Action.VIEW_COMMITTEE, Action.DOWNLOAD_INVITE)
def invite(meeting: Meeting) -> ResponseReturnValue:
    data = invites.meeting_invite(meeting, now=clock.now())
    method = "CANCEL" if meeting.status == MeetingStatus.CANCELLED else "REQUEST"
    filename = f"{meeting.committee.slug}-meeting-{meeting.meeting_date.isoformat()}.ics"
    return Response(
        data,
        mimetype="text/calendar",
        headers={
            "Content-Type": f"text/calendar; charset=utf-8; method={method}",
            "Content-Disposition": f'attachment; filename="{filename}"',
        },
    )


# --- calling a meeting ---------------------------------------------------------------------------


def _when(form: MeetingForm | ScheduleYearForm, day: date | None) -> WhenAndWhere:
    """What a meeting form says of when and where, on ``day`` (the form's date, or a day the Chair chose)."""
    return WhenAndWhere(
        given(day), given(form.starts_at.time), form.ends_at.time, form.location.data, form.online_link.data
    )


def _confirmations(form: MeetingForm | ScheduleYearForm) -> dict[str, Any]:
    """The form's confirmations of a date the standing orders do not allow, as the convening service
    takes them."""
    confirmed: dict[str, Any] = {"confirm_orders": bool(form.confirm_orders.data)}
    confirmed["orders_reason"] = form.orders_reason.data
    if isinstance(form, MeetingForm):
        confirmed["confirm_late"] = bool(form.confirm_late.data)
    return confirmed


def _inquorate_meeting(committee: Committee) -> Meeting | None:
    """The inquorate meeting a further meeting is being called for (``?reconvenes=<id>``)."""
    raw = request.values.get("reconvenes", "")
    if not raw:
        return None
    if not raw.isdigit() or len(raw) > 9:
        abort(404, "There is no such meeting.")
    meeting = load_meeting(int(raw))
    if meeting.committee_id != committee.id:
        abort(404, "There is no such meeting.")
    return meeting


@committee_route(bp, "/committees/<slug>/meetings/new", Action.CALL_MEETING, methods=["GET", "POST"])
def new(committee: Committee) -> ResponseReturnValue:
    today = clock.today()
    reconvenes = _inquorate_meeting(committee)
    form = MeetingForm()
    deadline = convening.reconvene_deadline_of(reconvenes) if reconvenes else None
    if form.validate_on_submit():
        with attempt(form) as done:
            meeting = convening.schedule_meeting(
                current_user,
                committee,
                _when(form, form.meeting_date.data),
                today=today,
                reconvenes=reconvenes,
                send_invites=True,
                now=clock.now(),
                **_confirmations(form),
            )
        if done:
            flash(f"Meeting called for {_long(meeting.meeting_date)}. Members have been sent invites.", "success")
            return redirect(url_for("meetings.show", meeting_id=meeting.id))
    elif request.method == "GET":
        form.starts_at.data = "10:00"
    return render_template(
        "meetings/new.html", committee=committee, form=form, reconvenes=reconvenes, reconvene_deadline=deadline
    )


def _page_of(meeting: Meeting) -> str:
    return url_for("meetings.show", meeting_id=meeting.id)


def _long(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


# --- the year's schedule -------------------------------------------------------------------------


#: The reporting years a schedule can be shown for (each starts on 1 April of its year).
FIRST_YEAR, LAST_YEAR = 2000, 2100


def _year_start(today: date) -> date:
    raw = request.args.get("year", "")
    if not raw:
        return rules.reporting_year(today)[0]
    if not raw.isdigit() or not FIRST_YEAR <= int(raw) <= LAST_YEAR:
        abort(404, f"There is no schedule for that year. Choose a year from {FIRST_YEAR} to {LAST_YEAR}.")
    return date(int(raw), 4, 1)


@committee_route(bp, "/committees/<slug>/schedule", Action.VIEW_COMMITTEE, methods=["GET", "POST"])
def schedule(committee: Committee) -> ResponseReturnValue:
    today = clock.today()
    viewer = _access(committee)
    may_call = viewer.can(Action.CALL_MEETING)
    year_start = _year_start(today)
    proposals = convening.propose_year(committee, year_start, today)
    creatable = [p for p in proposals if p.can_create]
    form = ScheduleYearForm()
    form.days.choices = [(p.day.isoformat(), _long(p.day)) for p in creatable]
    if request.method == "POST":
        viewer.require(Action.CALL_MEETING)
        if form.validate_on_submit():
            with attempt(form, default_field="days") as done:
                created = convening.schedule_meetings(
                    current_user,
                    committee,
                    [_when(form, day) for day in form.chosen_days],
                    today=today,
                    now=clock.now(),
                    **_confirmations(form),
                )
            if done:
                flash(f"{len(created)} meetings created. Members have been sent invites.", "success")
                return redirect(url_for("meetings.schedule", slug=committee.slug, year=year_start.year))
    else:
        form.days.data = [p.day.isoformat() for p in creatable]
        form.starts_at.data = "10:00"
    hints = [
        {"hint": {"text": f"Instead of {_long(p.proposed.day)}, which is not a working day"}}
        if p.proposed.alternative
        else {}
        for p in creatable
    ]
    return render_template(
        "meetings/schedule.html",
        committee=committee,
        form=form,
        proposals=proposals,
        creatable=creatable,
        hints=hints,
        may_call=may_call,
        record=convening.year_record(committee, year_start, today),
        year_start=year_start,
        first_year=FIRST_YEAR,
        last_year=LAST_YEAR,
        usual_day=usual_day(committee.standing_orders.usual_weekday, committee.standing_orders.usual_week_of_month),
        today=today,
    )


# --- rescheduling, cancelling, inquorate ---------------------------------------------------------


@meeting_route(bp, "/meetings/<int:meeting_id>/reschedule", Action.CALL_MEETING, methods=["GET", "POST"])
def reschedule(meeting: Meeting) -> ResponseReturnValue:
    form = MeetingForm()

    def change() -> str:
        when = _when(form, form.meeting_date.data)
        convening.reschedule_meeting(
            current_user, meeting, when, today=clock.today(), now=clock.now(), **_confirmations(form)
        )
        return "Meeting rescheduled. Members have been sent the updated invite."

    done = submitted(form, change, _page_of(meeting))
    if done:
        return done
    if request.method == "GET":
        form.meeting_date.data = meeting.meeting_date
        form.starts_at.data = meeting.starts_at.strftime("%H:%M")
        form.ends_at.data = meeting.ends_at.strftime("%H:%M") if meeting.ends_at else ""
        form.location.data = meeting.location or ""
        form.online_link.data = meeting.online_link or ""
    deadline = convening.reconvene_deadline_of(meeting.reconvenes) if meeting.reconvenes else None
    return render_template("meetings/reschedule.html", meeting=meeting, form=form, reconvene_deadline=deadline)


@meeting_route(bp, "/meetings/<int:meeting_id>/cancel", Action.CALL_MEETING, methods=["GET", "POST"])
def cancel(meeting: Meeting) -> ResponseReturnValue:
    form = CancelMeetingForm()

    def change() -> str:
        reason = form.reason.data or ""
        convening.cancel_meeting(current_user, meeting, reason=reason, today=clock.today(), now=clock.now())
        return "Meeting cancelled. Members have been sent the cancellation."

    return submitted(form, change, _page_of(meeting)) or render_template(
        "meetings/cancel.html", meeting=meeting, form=form
    )


@meeting_route(bp, "/meetings/<int:meeting_id>/inquorate", Action.CALL_MEETING, methods=["GET", "POST"])
def inquorate(meeting: Meeting) -> ResponseReturnValue:
    form = InquorateForm()

    def change() -> str:
        convening.record_inquorate(current_user, meeting, today=clock.today(), now=clock.now())
        return "Meeting recorded as inquorate. Call the further meeting next."

    done = submitted(form, change, _page_of(meeting))
    if done:
        return done
    deadline = convening.reconvene_deadline_of(meeting)
    return render_template("meetings/inquorate.html", meeting=meeting, form=form, reconvene_deadline=deadline)
