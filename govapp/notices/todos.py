"""Notices on the home page: notices to sign and to serve, and emails that could not be sent."""

from __future__ import annotations

from sqlalchemy import select

from govapp import rules
from govapp.extensions import db
from govapp.formatting import long_date
from govapp.home.todo import NOTICE_HORIZON
from govapp.home.todo import RED
from govapp.home.todo import Link
from govapp.home.todo import Tag
from govapp.home.todo import ToDo
from govapp.home.todo import Viewer
from govapp.home.todo import due_tag
from govapp.home.todo import meeting_name
from govapp.home.todo import meeting_todo
from govapp.home.todo import plural
from govapp.home.todo import todo_source
from govapp.home.todo import upcoming
from govapp.models import Committee
from govapp.models import Meeting
from govapp.models import Notice
from govapp.permissions import Action
from govapp.services.notices import latest_notice
from govapp.services.notices import outbox_failures
from govapp.services.signing import signing_capacity


@todo_source(40, "notices-to-sign", "Notices to sign", Action.RUN_BUSINESS)
def notices_to_sign_section(viewer: Viewer, committees: list[Committee]) -> list[ToDo]:
    """Meetings to come with no signed notice, whose last day of service is three weeks away or nearer,
    for the Chair and anyone the Chair has authorised to sign."""
    entries = []
    for committee in committees:
        if signing_capacity(committee, viewer.user.person, viewer.today) is None:
            continue
        for meeting in upcoming([committee], viewer.today):
            deadline = rules.notice_deadline(meeting.meeting_date, orders=committee.standing_orders)
            if deadline > viewer.today + NOTICE_HORIZON or _has_signed_notice(meeting):
                continue
            entries.append(
                meeting_todo(
                    meeting,
                    "notices.show",
                    f"Sign the notice of the {meeting_name(meeting)}",
                    hint=f"Notice must be served by {long_date(deadline)}",
                    tag=due_tag(deadline, viewer.today),
                )
            )
    return entries


def _has_signed_notice(meeting: Meeting) -> bool:
    return (
        db.session.scalar(
            select(Notice.id).where(Notice.meeting_id == meeting.id, Notice.signed_at.is_not(None)).limit(1)
        )
        is not None
    )


@todo_source(140, "outbox-failures", "Outbox failures")
def outbox_failures_section(viewer: Viewer, _committees: list[Committee]) -> list[ToDo]:
    entries = [
        ToDo(
            title=f"{committee.short_name}: {plural(failed, 'email')} could not be sent",
            link=Link("notices.outbox", {"slug": committee.slug, "status": "failed"}),
            tag=Tag("Failed", RED),
        )
        for committee, failed in outbox_failures(viewer.where(Action.READ_OUTBOX))
    ]
    return entries


@todo_source(160, "notices-to-serve", "Notices to serve", Action.SECRETARIAT_WORK)
def notices_to_serve_section(viewer: Viewer, served: list[Committee]) -> list[ToDo]:
    entries = []
    for meeting in upcoming(served, viewer.today):
        notice = latest_notice(meeting)
        if notice is None or notice.signed_at is None or notice.served_at is not None:
            continue
        deadline = rules.notice_deadline(meeting.meeting_date, orders=meeting.committee.standing_orders)
        entries.append(
            meeting_todo(
                meeting,
                "notices.serve",
                f"Serve the notice of the {meeting_name(meeting)}",
                hint=f"Signed; to be served by {long_date(deadline)}",
                tag=due_tag(deadline, viewer.today, "To serve"),
            )
        )
    return entries
