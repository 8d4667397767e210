"""Requisitions on the home page: overdue requisitions, and requisitions waiting for their meeting."""

from __future__ import annotations

from govapp.formatting import long_date
from govapp.home.todo import RED
from govapp.home.todo import YELLOW
from govapp.home.todo import Link
from govapp.home.todo import Tag
from govapp.home.todo import ToDo
from govapp.home.todo import Viewer
from govapp.home.todo import short
from govapp.home.todo import todo_source
from govapp.models import Committee
from govapp.permissions import Action
from govapp.services.requisitions import Stage
from govapp.services.requisitions import overdue_requisitions
from govapp.services.requisitions import requisition_state
from govapp.services.requisitions import requisitions_of


@todo_source(
    60,
    "overdue-requisitions",
    "Overdue requisitions",
    Action.RUN_BUSINESS,
    warning="The Chair had to call a meeting and has not, and the Board has not approved a reason.",
)
def overdue_requisitions_section(viewer: Viewer, running: list[Committee]) -> list[ToDo]:
    entries = [
        ToDo(
            title=f"{requisition.committee.short_name}: {short(requisition.purpose)}",
            link=Link("requisitions.show", {"requisition_id": requisition.id}),
            hint=f"The meeting had to be called by {long_date(state.deadline)}",
            tag=Tag("Overdue", RED),
        )
        for requisition, state in overdue_requisitions(running, viewer.today)
    ]
    return entries


@todo_source(70, "requisitions-to-answer", "Requisitions: meetings to call", Action.RUN_BUSINESS)
def requisitions_to_answer_section(viewer: Viewer, running: list[Committee]) -> list[ToDo]:
    """Presented requisitions still waiting for their meeting to be called (and not yet overdue)."""
    entries = []
    for committee in running:
        for requisition in requisitions_of(committee):
            state = requisition_state(requisition, viewer.today)
            if state.stage != Stage.WAITING or not state.is_valid:
                continue
            entries.append(
                ToDo(
                    title=f"Call the meeting asked for: {short(requisition.purpose)}",
                    link=Link("requisitions.show", {"requisition_id": requisition.id}),
                    hint=(
                        f"{committee.short_name}: presented on {long_date(state.presented_on)}; "
                        f"the meeting must be called by {long_date(state.deadline)}"
                    ),
                    tag=Tag("To call", YELLOW),
                )
            )
    return entries
