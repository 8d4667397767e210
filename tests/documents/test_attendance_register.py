"""The attendance register: a row per member for the reporting year, and optional per-meeting columns."""

from __future__ import annotations

from dataclasses import replace

import pytest

from govapp.documents import build_attendance_register
from govapp.documents.data import AttendanceRow
from govapp.documents.examples import CHAIR
from govapp.documents.examples import example_attendance_register
from tests.documents.helpers import body_lines
from tests.documents.helpers import open_docx
from tests.documents.helpers import table_headed
from tests.documents.helpers import tables

SUMMARY = ("Member", "Expected", "Attended", "Apologies", "Deputised", "Absent")


def test_the_register_has_a_row_per_member_with_the_years_counts() -> None:
    data = example_attendance_register(per_meeting=False)
    document = open_docx(build_attendance_register(data))
    assert table_headed(document, *SUMMARY) == [
        [CHAIR, "4", "4", "0", "0", "0"],
        ["Dr Ruth Adair", "4", "2", "1", "1", "0"],
        ["Mr Gareth Lowry", "4", "1", "1", "0", "2"],
        ["Mrs Helen Boyd", "2", "2", "0", "0", "0"],
    ]
    assert len(document.tables) == 1
    lines = body_lines(document)
    assert "Reporting year: 1 April 2026 to 31 March 2027" in lines
    assert "Produced: Monday 23 November 2026" in lines


def test_per_meeting_columns_mark_each_members_attendance_at_each_meeting() -> None:
    document = open_docx(build_attendance_register(example_attendance_register()))
    by_meeting = tables(document)[1]
    assert by_meeting == [
        ["Member", "2 Apr 26", "7 May 26", "4 Jun 26", "2 Jul 26"],
        [CHAIR, "P", "P", "P", "P"],
        ["Dr Ruth Adair", "P", "A", "D", "P"],
        ["Mr Gareth Lowry", "X", "X", "A", "P"],
        ["Mrs Helen Boyd", "–", "–", "P", "P"],
    ]
    assert any(line.startswith("P: present; A: apologies; D: a deputy attended") for line in body_lines(document))


def test_marks_that_do_not_match_the_meetings_are_refused() -> None:
    data = example_attendance_register()
    short = AttendanceRow("Mr Tom Reid", 1, 1, 0, 0, 0, ("present",))
    with pytest.raises(ValueError, match="Mr Tom Reid: 1 marks for 4 meetings"):
        replace(data, rows=(*data.rows, short))
