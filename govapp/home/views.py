from __future__ import annotations

from flask import Blueprint, render_template
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_required
from sqlalchemy import select

from govapp import clock
from govapp.extensions import db
from govapp.models import Meeting, MeetingStatus
from govapp.permissions import Role, committees_for

bp = Blueprint("home", __name__)


@bp.route("/")
@login_required
def index() -> ResponseReturnValue:
    today = clock.today()
    committees = committees_for(current_user, today)
    committee_ids = [c.id for c, _roles in committees]
    upcoming = db.session.scalars(
        select(Meeting)
        .where(
            Meeting.committee_id.in_(committee_ids),
            Meeting.meeting_date >= today,
            Meeting.status != MeetingStatus.CANCELLED,
        )
        .order_by(Meeting.meeting_date, Meeting.starts_at)
        .limit(12)
    ).all()
    return render_template("home/index.html", committees=committees, upcoming=upcoming, today=today, Role=Role)


@bp.context_processor
def _coming_deadlines() -> dict[str, object]:
    """For the Chair and secretariat: deadlines in the next 4 weeks not yet done, and inquorate
    meetings still waiting for their further meeting (one timeline service serves this and the meeting page)."""
    from govapp.services.meetings import awaiting_further_meeting, coming_deadlines

    if not current_user.is_authenticated:
        return {}
    today = clock.today()
    running = [c.id for c, roles in committees_for(current_user, today) if roles & {Role.CHAIR, Role.SECRETARIAT}]
    return {
        "coming_deadlines": coming_deadlines(running, today),
        "awaiting_further_meeting": awaiting_further_meeting(running),
    }


@bp.context_processor
def _overdue_requisitions() -> dict[str, object]:
    """Requisitions overdue in the committees the person chairs (or serves as secretariat, on the Chair's behalf)."""
    from govapp.services.requisitions import overdue_requisitions

    if not current_user.is_authenticated:
        return {}
    today = clock.today()
    chaired = [c for c, roles in committees_for(current_user, today) if roles & {Role.CHAIR, Role.SECRETARIAT}]
    return {"overdue_requisitions": overdue_requisitions(chaired, today)}


@bp.context_processor
def _late_agenda_requests() -> dict[str, object]:
    """Late agenda requests waiting for the Chair's decision, in the committees the person chairs."""
    from govapp.services.agenda import late_requests_awaiting

    if not current_user.is_authenticated:
        return {}
    today = clock.today()
    chaired = [c.id for c, roles in committees_for(current_user, today) if Role.CHAIR in roles]
    return {"late_agenda_requests": late_requests_awaiting(chaired, today=today)}


@bp.context_processor
def _proceedings() -> dict[str, object]:
    """For the Chair: casting votes awaited, deputy and officer requests waiting, absences to follow up.
    For members: motions open for their vote."""
    from govapp.services.absences import absence_alerts
    from govapp.services.proceedings import pending_attendance_requests
    from govapp.services.voting import motions_awaiting_casting_vote, open_motions

    if not current_user.is_authenticated:
        return {}
    today = clock.today()
    mine = committees_for(current_user, today)
    chaired = [c for c, roles in mine if Role.CHAIR in roles]
    requests_waiting = []
    for committee in chaired:
        deputies, officers = pending_attendance_requests([committee.id], today)
        if deputies or officers:
            requests_waiting.append((committee, len(deputies) + len(officers)))
    return {
        "casting_votes_awaited": motions_awaiting_casting_vote([c.id for c in chaired]),
        "attendance_requests_waiting": requests_waiting,
        "absences_to_follow_up": [a for c in chaired for a in absence_alerts(c, today) if a.follow_up is None],
        "open_votes": open_motions([c.id for c, roles in mine if roles & {Role.CHAIR, Role.MEMBER}]),
    }
