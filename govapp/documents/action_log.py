"""The action log: every action arising from the committee's meetings, with owner, due date and status."""

from __future__ import annotations

from govapp.documents.base import add_labelled
from govapp.documents.base import add_table
from govapp.documents.base import new_document
from govapp.documents.base import plural
from govapp.documents.base import to_bytes
from govapp.documents.base import xml_safe
from govapp.documents.data import ActionLogData
from govapp.documents.data import ActionLogLine
from govapp.formatting import long_date

HEADINGS = ("Meeting", "Item", "Action", "Owner", "Due", "Status")


def _status(line: ActionLogLine) -> str:
    words = line.status.capitalize()
    return f"{words} ({line.completed_on.day} {line.completed_on:%b %Y})" if line.completed_on else words


def build_action_log(data: ActionLogData) -> bytes:
    data = xml_safe(data)
    document = new_document(data.committee_name, "Action log", subject=f"Action log at {long_date(data.produced_on)}")
    add_labelled(document, "Produced", long_date(data.produced_on))
    add_labelled(document, "Actions", plural(len(data.actions), "action"))
    if not data.actions:
        document.add_paragraph("No actions have been recorded.")
    else:
        add_table(
            document,
            HEADINGS,
            [
                (
                    f"{line.meeting_date.day} {line.meeting_date:%b %Y}",
                    line.item,
                    line.description,
                    line.owner,
                    f"{line.due_on.day} {line.due_on:%b %Y}" if line.due_on else "No date set",
                    _status(line),
                )
                for line in data.actions
            ],
            widths=(2.2, 3.0, 5.5, 2.5, 2.0, 1.8),
            font_size=10,
        )
    return to_bytes(document)
