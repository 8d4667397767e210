from __future__ import annotations

from datetime import date

from flask import Blueprint
from flask import render_template
from flask import request
from flask.typing import ResponseReturnValue
from flask_login import current_user
from sqlalchemy import select

from govapp import clock
from govapp import rules
from govapp.extensions import db
from govapp.models import AuditEvent
from govapp.models import Committee
from govapp.models import Meeting
from govapp.models import MeetingStatus
from govapp.permissions import Action
from govapp.permissions import access
from govapp.services.timeline import meeting_timeline
from govapp.web import before_id
from govapp.web import committee_route

bp = Blueprint("committees", __name__, url_prefix="/committees")

AUDIT_PAGE = 200  # the newest events shown


@committee_route(bp, "/<slug>", Action.VIEW_COMMITTEE)
def show(committee: Committee) -> ResponseReturnValue:
    today = clock.today()
    viewer = access(current_user, committee, today)
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
        # The same timeline the meeting's own page shows, so the dates never disagree.
        deadlines = {entry.key: entry.deadline for entry in meeting_timeline(next_meeting, today)}
    # One reporting year (1 April to 31 March) at a time: the page costs the same whatever the history.
    this_year = rules.reporting_year(today)[0].year
    year_text = request.args.get("year", "")
    year = int(year_text) if year_text.isdigit() and 2000 <= int(year_text) <= 2100 else this_year
    year_start, year_end = rules.reporting_year(date(year, 4, 1))
    meetings = db.session.scalars(
        select(Meeting)
        .where(
            Meeting.committee_id == committee.id,
            Meeting.meeting_date >= year_start,
            Meeting.meeting_date <= year_end,
        )
        .order_by(Meeting.meeting_date)
    ).all()
    return render_template(
        "committees/show.html",
        committee=committee,
        viewer=viewer,
        Action=Action,
        orders=orders,
        members=members,
        secretariat=[p for p in committee.secretariat_posts if p.is_current(today)],
        officers=[o for o in committee.officers if o.is_current(today)],
        figures=figures,
        next_meeting=next_meeting,
        deadlines=deadlines,
        year=year,
        this_year=this_year,
        meetings=meetings,
        today=today,
    )


@committee_route(bp, "/<slug>/audit", Action.READ_AUDIT)
def audit(committee: Committee) -> ResponseReturnValue:
    """The committee's audit record: every change and download, newest first."""
    downloads_only = request.args.get("show") == "downloads"
    query = select(AuditEvent).where(AuditEvent.committee_id == committee.id)
    if downloads_only:
        query = query.where(AuditEvent.action.startswith("download_"))
    before = before_id()
    if before is not None:
        query = query.where(AuditEvent.id < before)
    events = db.session.scalars(query.order_by(AuditEvent.id.desc()).limit(AUDIT_PAGE)).all()
    return render_template(
        "committees/audit.html", committee=committee, events=events, downloads_only=downloads_only, limit=AUDIT_PAGE
    )
