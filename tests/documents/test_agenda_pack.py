"""The agenda pack: contents, standing items first, presenters, and the papers under each item."""

from __future__ import annotations

from dataclasses import replace

from govapp.documents import build_agenda_pack
from govapp.documents.data import AgendaPackItem
from govapp.documents.data import PaperLine
from govapp.documents.examples import example_agenda_pack
from tests.documents.helpers import body_lines
from tests.documents.helpers import headings
from tests.documents.helpers import open_docx
from tests.documents.helpers import table_headed
from tests.documents.helpers import tables


def test_the_contents_table_lists_every_item_with_standing_items_first() -> None:
    rows = table_headed(
        open_docx(build_agenda_pack(example_agenda_pack())), "Item", "Title", "Purpose", "Presenter", "Papers"
    )
    assert rows == [
        ["1", "Apologies and declarations of interest", "For information", "Dr Aoife Brennan", "0"],
        ["2", "Minutes of the meeting on Thursday 5 November 2026", "For decision", "Dr Aoife Brennan", "1"],
        ["3", "Case review CMR-2026-07", "For decision", "Mr Ciarán Doyle, Health and Social Care Trust", "2"],
        ["4", "Learning from reviews: annual report", "For discussion", "Ms Niamh Kelly", "0"],
    ]


def test_standing_items_come_first_whatever_the_order_given() -> None:
    data = example_agenda_pack()
    late_standing = AgendaPackItem(9, "Any other business", "discussion", is_standing=True)
    document = open_docx(build_agenda_pack(replace(data, items=(*data.items, late_standing))))
    assert headings(document, 2)[:3] == [
        "1. Apologies and declarations of interest",
        "2. Minutes of the meeting on Thursday 5 November 2026",
        "9. Any other business",
    ]
    assert headings(document, 2)[3] == "3. Case review CMR-2026-07"


def test_each_item_shows_its_purpose_presenter_and_description() -> None:
    lines = body_lines(open_docx(build_agenda_pack(example_agenda_pack())))
    start = lines.index("3. Case review CMR-2026-07")
    assert lines[start + 1 : start + 5] == [
        "Purpose: For decision",
        "Presenter: Mr Ciarán Doyle, Health and Social Care Trust",
        "The review panel's report and recommendations.",
        "The Panel is asked to agree them.",
    ]
    assert "Purpose: For information (standing item)" in lines


def test_the_papers_are_listed_under_their_item_with_file_name_and_size() -> None:
    document = open_docx(build_agenda_pack(example_agenda_pack()))
    paper_tables = [rows[1:] for rows in tables(document) if rows[0] == ["Title", "File", "Size"]]
    assert paper_tables == [
        [["Draft minutes, version 2", "minutes-2026-11-05-v2.docx", "30 KB"]],
        [
            ["Review report", "cmr-2026-07-report.pdf", "1.4 MB"],
            ["Chronology", "cmr-2026-07-chronology.docx", "48 KB"],
        ],
    ]
    lines = body_lines(document)
    assert lines.index("cmr-2026-07-report.pdf") > lines.index("3. Case review CMR-2026-07")
    assert lines.count("No papers for this item.") == 2


def test_small_papers_are_sized_in_bytes() -> None:
    data = example_agenda_pack()
    item = replace(data.items[0], papers=(PaperLine("Note", "note.txt", 900),))
    document = open_docx(build_agenda_pack(replace(data, items=(item,))))
    assert table_headed(document, "Title", "File", "Size") == [["Note", "note.txt", "900 bytes"]]


def test_the_pack_gives_the_meeting_and_the_despatch_date() -> None:
    lines = body_lines(open_docx(build_agenda_pack(example_agenda_pack())))
    assert "Date: Thursday 3 December 2026" in lines
    assert "Despatched: Thursday 26 November 2026" in lines
