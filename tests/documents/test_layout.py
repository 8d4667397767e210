"""What every document shares: A4, the header and footer with the protective marking and page
numbers, Arial, and core properties that name the Board and nobody else."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from docx.oxml.ns import qn
from docx.shared import Cm

from govapp import ORGANISATION
from govapp.documents import build_action_log
from govapp.documents import build_agenda_pack
from govapp.documents import build_attendance_register
from govapp.documents import build_minutes
from govapp.documents import build_notice
from govapp.documents.examples import COMMITTEE
from govapp.documents.examples import example_action_log
from govapp.documents.examples import example_agenda_pack
from govapp.documents.examples import example_approved_minutes
from govapp.documents.examples import example_attendance_register
from govapp.documents.examples import example_minutes
from govapp.documents.examples import example_notice
from tests.documents.helpers import field_instructions
from tests.documents.helpers import footer_lines
from tests.documents.helpers import header_lines
from tests.documents.helpers import open_docx

DOCUMENTS: dict[str, Callable[[], bytes]] = {
    "notice": lambda: build_notice(example_notice()),
    "agenda pack": lambda: build_agenda_pack(example_agenda_pack()),
    "draft minutes": lambda: build_minutes(example_minutes()),
    "approved minutes": lambda: build_minutes(example_approved_minutes()),
    "attendance register": lambda: build_attendance_register(example_attendance_register(per_meeting=False)),
    "action log": lambda: build_action_log(example_action_log()),
}
each_document = pytest.mark.parametrize("build", DOCUMENTS.values(), ids=DOCUMENTS.keys())


def _cm(length: int | None) -> float:
    assert length is not None
    return round(length / Cm(1), 2)


@each_document
def test_every_document_is_portrait_a4_with_margins(build: Callable[[], bytes]) -> None:
    section = open_docx(build()).sections[0]
    assert (_cm(section.page_width), _cm(section.page_height)) == (21.0, 29.7)
    for margin in (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin):
        assert 1.5 <= _cm(margin) <= 3.0


def test_the_attendance_register_with_a_column_per_meeting_is_landscape_a4() -> None:
    section = open_docx(build_attendance_register(example_attendance_register(per_meeting=True))).sections[0]
    assert (_cm(section.page_width), _cm(section.page_height)) == (29.7, 21.0)


@each_document
def test_every_page_is_headed_with_the_marking_the_board_and_the_committee(build: Callable[[], bytes]) -> None:
    document = open_docx(build())
    lines = header_lines(document)
    assert lines[0].startswith("OFFICIAL-SENSITIVE")
    assert lines[1] == f"{ORGANISATION}\t{COMMITTEE}"
    assert not document.sections[0].different_first_page_header_footer


@each_document
def test_every_page_footer_has_the_marking_and_page_x_of_y(build: Callable[[], bytes]) -> None:
    document = open_docx(build())
    footer = document.sections[0].footer
    assert footer_lines(document)[0] == "OFFICIAL-SENSITIVE"
    pages = footer.paragraphs[1]
    assert pages.text == "Page 1 of 1"  # the cached results; Word and LibreOffice compute the fields
    assert field_instructions(pages) == ["PAGE", "NUMPAGES"]
    kinds = [node.get(qn("w:fldCharType")) for node in pages._p.iter(qn("w:fldChar"))]
    assert kinds == ["begin", "separate", "end"] * 2


@each_document
def test_text_is_set_in_arial_not_a_theme_font(build: Callable[[], bytes]) -> None:
    styles = open_docx(build()).styles
    for name in ("Normal", "Title", "Heading 1", "Heading 2", "List Number", "Header", "Footer"):
        fonts = styles[name].element.rPr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:ascii")) == fonts.get(qn("w:hAnsi")) == "Arial", name
        assert fonts.get(qn("w:asciiTheme")) is None, name


@each_document
def test_core_properties_name_the_board_and_nobody_else(build: Callable[[], bytes]) -> None:
    properties = open_docx(build()).core_properties
    assert properties.author == properties.last_modified_by == ORGANISATION
    assert properties.title.startswith(f"{COMMITTEE}: ")
    assert properties.subject
    assert properties.category == "OFFICIAL-SENSITIVE"
    assert properties.comments == ""
    assert properties.created is None  # not the template's made-up date


def test_draft_minutes_are_marked_draft_in_the_header_and_approved_minutes_are_not() -> None:
    draft = open_docx(build_minutes(example_minutes()))
    approved = open_docx(build_minutes(example_approved_minutes()))
    assert header_lines(draft)[0] == "OFFICIAL-SENSITIVE – DRAFT"
    assert header_lines(approved)[0] == "OFFICIAL-SENSITIVE"


@each_document
def test_table_heading_rows_repeat_on_each_page_and_rows_never_split(build: Callable[[], bytes]) -> None:
    document = open_docx(build())
    assert document.tables
    for table in document.tables:
        rows = [row._tr for row in table.rows]
        assert rows[0].find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
        assert all(row.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is None for row in rows[1:])
        assert all(row.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None for row in rows)
        assert table.style.name == "Table Grid"


def test_text_with_control_characters_never_stops_a_document_being_built() -> None:
    import io as _io
    from datetime import date

    import docx as _docx

    from govapp.documents import build_action_log
    from govapp.documents.data import ActionLogData
    from govapp.documents.data import ActionLogLine

    data = ActionLogData(
        committee_name="CMR Panel",
        produced_on=date(2026, 11, 23),
        actions=[
            ActionLogLine(date(2026, 11, 5), "Item 5: Child\x0b X", "Write\x00 to the Trust", "Owner\x1f", None, "open")
        ],
    )
    text = "\n".join(
        cell.text
        for table in _docx.Document(_io.BytesIO(build_action_log(data))).tables
        for row in table.rows
        for cell in row.cells
    )
    assert "Item 5: Child X" in text and "Write to the Trust" in text
