"""The agenda pack: the agenda (standing items first), a contents table, and under each item its
purpose, presenter and the list of its papers. The papers themselves are separate files in govapp."""

from __future__ import annotations

from docx.document import Document

from govapp.documents.base import add_labelled
from govapp.documents.base import add_paragraphs
from govapp.documents.base import add_table
from govapp.documents.base import file_size
from govapp.documents.base import new_document
from govapp.documents.base import purpose_label
from govapp.documents.base import to_bytes
from govapp.documents.base import xml_safe
from govapp.documents.data import AgendaPackData
from govapp.documents.data import AgendaPackItem
from govapp.formatting import long_date
from govapp.formatting import place
from govapp.formatting import time_span


def ordered_items(data: AgendaPackData) -> list[AgendaPackItem]:
    """Standing items first; otherwise the order given."""
    return sorted(data.items, key=lambda item: not item.is_standing)


def build_agenda_pack(data: AgendaPackData) -> bytes:
    data = xml_safe(data)
    subject = f"Agenda and papers for the meeting on {long_date(data.meeting_date)}"
    document = new_document(data.committee_name, "Agenda and papers", subject=subject)
    items = ordered_items(data)
    add_labelled(document, "Meeting", data.committee_name)
    add_labelled(document, "Date", long_date(data.meeting_date))
    add_labelled(document, "Time", time_span(data.starts_at, data.ends_at))
    add_labelled(document, "Place", place(data.location, data.online_link))
    if data.online_link:
        add_labelled(document, "Join online", data.online_link)
    if data.despatched_on is not None:
        add_labelled(document, "Despatched", long_date(data.despatched_on))

    document.add_heading("Contents", level=1)
    add_table(
        document,
        ("Item", "Title", "Purpose", "Presenter", "Papers"),
        [
            (str(item.number), item.title, purpose_label(item.purpose), item.presenter or "", str(len(item.papers)))
            for item in items
        ],
        widths=(1.3, 7.2, 3.0, 3.8, 1.7),
    )
    document.add_heading("Agenda", level=1)
    for item in items:
        _write_item(document, item)
    return to_bytes(document)


def _write_item(document: Document, item: AgendaPackItem) -> None:
    document.add_heading(f"{item.number}. {item.title}", level=2)
    add_labelled(document, "Purpose", purpose_label(item.purpose) + (" (standing item)" if item.is_standing else ""))
    if item.presenter:
        add_labelled(document, "Presenter", item.presenter)
    if item.description:
        add_paragraphs(document, item.description)
    if not item.papers:
        document.add_paragraph("No papers for this item.")
        return
    document.add_paragraph().add_run("Papers").bold = True
    add_table(
        document,
        ("Title", "File", "Size"),
        [(paper.title, paper.file_name, file_size(paper.size_bytes)) for paper in item.papers],
        widths=(8.0, 6.5, 2.5),
    )
