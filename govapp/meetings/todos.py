"""Meetings on the home page: further meetings to call after an inquorate one, and the deadlines coming
up (from every registered deadline source, ``govapp.sources``)."""

from __future__ import annotations

from govapp.formatting import long_date
from govapp.home.todo import RED
from govapp.home.todo import Link
from govapp.home.todo import Tag
from govapp.home.todo import ToDo
from govapp.home.todo import Viewer
from govapp.home.todo import ids
from govapp.home.todo import meeting_link
from govapp.home.todo import meeting_name
from govapp.home.todo import todo_source
from govapp.models import Committee
from govapp.permissions import Action
from govapp.services.convening import awaiting_further_meeting
from govapp.sources import coming_deadlines


@todo_source(170, "awaiting-further-meeting", "Inquorate meetings: a further meeting is needed", Action.RUN_BUSINESS)
def further_meetings_section(viewer: Viewer, running: list[Committee]) -> list[ToDo]:
    entries = [
        ToDo(
            title=f"{meeting_name(meeting)} was not quorate: call the further meeting",
            link=meeting_link(meeting),
            tag=Tag("Inquorate", RED),
        )
        for meeting in awaiting_further_meeting(ids(running))
    ]
    return entries


@todo_source(180, "coming-deadlines", "Coming deadlines", Action.RUN_BUSINESS)
def coming_deadlines_section(viewer: Viewer, running: list[Committee]) -> list[ToDo]:
    entries = [
        ToDo(
            title=deadline.what,
            link=Link(deadline.endpoint, deadline.values),
            lead=long_date(deadline.day),
            deadline_state=deadline.state,
        )
        for deadline in coming_deadlines(ids(running), viewer.today)
    ]
    return entries
