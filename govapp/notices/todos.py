"""Notices on the home page: notices to sign and to serve, and emails that could not be sent."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from govapp import rules
from govapp.extensions import db
from govapp.formatting import long_date
from govapp.home.todo import (
    BLUE,
    NOTICE_HORIZON,
    RED,
    Link,
    Section,
    Tag,
    ToDo,
    Viewer,
    meeting_link,
    meeting_name,
    plural,
    todo_source,
    upcoming,
)
from govapp.models import (
    Committee,
    Meeting,
    Notice,
    User,
)
from govapp.permissions import Action
from govapp.services.notices import latest_notice, outbox_failures
from govapp.services.signing import signing_capacity


def _notices_to_sign(user: User, committees: list[Committee], today: date) -> Section:
    """Meetings to come with no signed notice, whose last day of service is three weeks away or nearer,
    for the Chair and anyone the Chair has authorised to sign."""
    entries = []
    for committee in committees:
        if signing_capacity(committee, user.person, today) is None:
            continue
        for meeting in upcoming([committee], today):
            deadline = rules.notice_deadline(meeting.meeting_date, orders=committee.standing_orders)
            if deadline > today + NOTICE_HORIZON or _has_signed_notice(meeting):
                continue
            entries.append(
                ToDo(
                    title=f"Sign the notice of the {meeting_name(meeting)}",
                    link=Link("notices.show", {"meeting_id": meeting.id}),
                    fallback=meeting_link(meeting),
                    hint=f"Notice must be served by {long_date(deadline)}",
                    tag=Tag("Late", RED) if deadline < today else Tag("To do", BLUE),
                )
            )
    return Section("notices-to-sign", "Notices to sign", entries)


def _has_signed_notice(meeting: Meeting) -> bool:
    return (
        db.session.scalar(
            select(Notice.id).where(Notice.meeting_id == meeting.id, Notice.signed_at.is_not(None)).limit(1)
        )
        is not None
    )


def _outbox_failures(viewer: Viewer) -> Section:
    entries = [
        ToDo(
            title=f"{committee.short_name}: {plural(failed, 'email')} could not be sent",
            link=Link("notices.outbox", {"slug": committee.slug, "status": "failed"}),
            tag=Tag("Failed", RED),
        )
        for committee, failed in outbox_failures(viewer.where(Action.READ_OUTBOX))
    ]
    return Section("outbox-failures", "Outbox failures", entries)


def _notices_to_serve(served: list[Committee], today: date) -> Section:
    entries = []
    for meeting in upcoming(served, today):
        notice = latest_notice(meeting)
        if notice is None or notice.signed_at is None or notice.served_at is not None:
            continue
        deadline = rules.notice_deadline(meeting.meeting_date, orders=meeting.committee.standing_orders)
        entries.append(
            ToDo(
                title=f"Serve the notice of the {meeting_name(meeting)}",
                link=Link("notices.serve", {"meeting_id": meeting.id}),
                fallback=meeting_link(meeting),
                hint=f"Signed; to be served by {long_date(deadline)}",
                tag=Tag("Late", RED) if deadline < today else Tag("To serve", BLUE),
            )
        )
    return Section("notices-to-serve", "Notices to serve", entries)


@todo_source(40)
def notices_to_sign_section(viewer: Viewer) -> Section:
    return _notices_to_sign(viewer.user, viewer.where(Action.RUN_BUSINESS), viewer.today)


@todo_source(140)
def outbox_failures_section(viewer: Viewer) -> Section:
    return _outbox_failures(viewer)


@todo_source(160)
def notices_to_serve_section(viewer: Viewer) -> Section:
    return _notices_to_serve(viewer.where(Action.SECRETARIAT_WORK), viewer.today)
