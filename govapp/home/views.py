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
