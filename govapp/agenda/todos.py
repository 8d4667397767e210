"""The agenda on the home page: late agenda requests to decide, papers to read and agendas to check for interests."""

from __future__ import annotations

from sqlalchemy import func
from sqlalchemy import select

from govapp.extensions import db
from govapp.formatting import long_date
from govapp.home.todo import BLUE
from govapp.home.todo import YELLOW
from govapp.home.todo import Link
from govapp.home.todo import Tag
from govapp.home.todo import ToDo
from govapp.home.todo import Viewer
from govapp.home.todo import has_apologised
from govapp.home.todo import ids
from govapp.home.todo import meeting_link
from govapp.home.todo import meeting_name
from govapp.home.todo import meeting_todo
from govapp.home.todo import plural
from govapp.home.todo import todo_source
from govapp.home.todo import upcoming
from govapp.models import AgendaItem
from govapp.models import Committee
from govapp.models import Declaration
from govapp.permissions import Action
from govapp.services.agenda import late_requests_awaiting
from govapp.services.notices import latest_served_notice


@todo_source(20, "late-agenda-requests", "Late agenda requests awaiting your decision", Action.DECIDE_LATE_REQUEST)
def late_agenda_requests_section(viewer: Viewer, chaired: list[Committee]) -> list[ToDo]:
    entries = [
        ToDo(
            title=request.matter,
            link=Link("agenda.decide_request", {"request_id": request.id}),
            fallback=meeting_link(request.meeting),
            hint=f"From {request.requested_by.full_name}, for the {meeting_name(request.meeting)}",
            tag=Tag("Decide", YELLOW),
        )
        for request in late_requests_awaiting(ids(chaired), today=viewer.today)
    ]
    return entries


@todo_source(110, "papers-to-read", "Papers to read", Action.ACT_AS_MEMBER)
def papers_to_read_section(viewer: Viewer, membered: list[Committee]) -> list[ToDo]:
    entries = []
    for meeting in upcoming(membered, viewer.today):
        if meeting.pack_despatched_at is None:
            continue
        papers = sum(len(item.papers) for item in meeting.agenda_items)
        if not papers or has_apologised(viewer.user, meeting):
            continue
        entries.append(
            meeting_todo(
                meeting,
                "agenda.show",
                f"Read the papers for the {meeting_name(meeting)}",
                hint=f"{plural(papers, 'paper')}, despatched on {long_date(meeting.pack_despatched_at)}",
                tag=Tag("To read", BLUE),
            )
        )
    return entries


@todo_source(120, "interests-to-declare", "Interests to declare", Action.ACT_AS_MEMBER)
def interests_to_declare_section(viewer: Viewer, membered: list[Committee]) -> list[ToDo]:
    """Meetings to come whose notice is served: their agenda is settled enough to check for interests."""
    entries = []
    for meeting in upcoming(membered, viewer.today):
        if latest_served_notice(meeting) is None or has_apologised(viewer.user, meeting):
            continue
        registered = db.session.scalar(
            select(func.count())
            .select_from(Declaration)
            .join(AgendaItem, Declaration.agenda_item_id == AgendaItem.id)
            .where(AgendaItem.meeting_id == meeting.id, Declaration.person_id == viewer.user.person_id)
        )
        entries.append(
            ToDo(
                title=f"Check the agenda of the {meeting_name(meeting)} for interests to declare",
                link=Link("agenda.show", {"meeting_id": meeting.id}),
                fallback=meeting_link(meeting),
                hint=(
                    f"You have registered {plural(int(registered), 'interest')}."
                    if registered
                    else "Register any interest in an item before the meeting."
                ),
            )
        )
    return entries
