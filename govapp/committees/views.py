from __future__ import annotations

from flask import Blueprint, render_template
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_required
from sqlalchemy import select

from govapp import clock, rules
from govapp.extensions import db
from govapp.models import Meeting, MeetingStatus
from govapp.permissions import Action, require
from govapp.web import load_committee

bp = Blueprint("committees", __name__, url_prefix="/committees")


@bp.route("/<slug>")
@login_required
def show(slug: str) -> ResponseReturnValue:
    committee = load_committee(slug)
    today = clock.today()
    roles = require(current_user, Action.VIEW_COMMITTEE, committee, today)
    orders = committee.standing_orders
    members = committee.members_on(today)
    size = len(members)
    figures = {
        "membership": size,
        "quorum": rules.quorum_required(size, orders=orders),
        "requisition": rules.requisition_threshold(size, orders=orders),
    }
    next_meeting = db.session.scalar(
        select(Meeting)
        .where(
            Meeting.committee_id == committee.id,
            Meeting.meeting_date >= today,
            Meeting.status != MeetingStatus.CANCELLED,
        )
        .order_by(Meeting.meeting_date)
        .limit(1)
    )
    deadlines = None
    if next_meeting is not None:
        day = next_meeting.meeting_date
        deadlines = {
            "agenda_request": rules.agenda_request_deadline(day, orders=orders),
            "notice": rules.notice_deadline(day, orders=orders),
            "papers": rules.papers_deadline(day, orders=orders),
            "minutes": rules.minutes_deadline(day, orders=orders),
        }
    meetings = db.session.scalars(
        select(Meeting).where(Meeting.committee_id == committee.id).order_by(Meeting.meeting_date)
    ).all()
    return render_template(
        "committees/show.html",
        committee=committee,
        roles=roles,
        orders=orders,
        members=members,
        secretariat=[p for p in committee.secretariat_posts if p.is_current(today)],
        officers=[o for o in committee.officers if o.is_current(today)],
        figures=figures,
        next_meeting=next_meeting,
        deadlines=deadlines,
        meetings=meetings,
        today=today,
    )
