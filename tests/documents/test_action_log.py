"""The action log: one row per action with meeting, item, owner, due date and status."""

from __future__ import annotations

from dataclasses import replace

from govapp.documents import build_action_log
from govapp.documents.examples import CHAIR
from govapp.documents.examples import example_action_log
from tests.documents.helpers import body_lines
from tests.documents.helpers import open_docx
from tests.documents.helpers import table_headed


def test_the_log_has_a_row_per_action() -> None:
    document = open_docx(build_action_log(example_action_log()))
    assert table_headed(document, "Meeting", "Item", "Action", "Owner", "Due", "Status") == [
        [
            "1 Oct 2026",
            "Item 3: Case review CMR-2026-05",
            "Send the report to the Board",
            "Ms Niamh Kelly",
            "15 Oct 2026",
            "Done (12 Oct 2026)",
        ],
        [
            "5 Nov 2026",
            "Item 4: Training",
            "Arrange the multi-agency learning event",
            "Mr Tom Reid",
            "4 Feb 2027",
            "Open",
        ],
        ["5 Nov 2026", "Item 5: Any other business", "Review the terms", CHAIR, "No date set", "Open"],
    ]
    assert "Actions: 3 actions" in body_lines(document)


def test_an_empty_log_says_no_actions_have_been_recorded() -> None:
    document = open_docx(build_action_log(replace(example_action_log(), actions=())))
    assert document.tables == []
    assert "No actions have been recorded." in body_lines(document)
    assert "Actions: 0 actions" in body_lines(document)
