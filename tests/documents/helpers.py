"""Reading the built documents back: the text of the body, header and footer, the tables, fields."""

from __future__ import annotations

import io

import docx
from docx.document import Document
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph


def open_docx(data: bytes) -> Document:
    return docx.Document(io.BytesIO(data))


def body_lines(document: Document) -> list[str]:
    """Every paragraph's text in body order, table cells included (one line per cell)."""
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            lines.append(block.text)
        else:
            lines.extend(cell for row in table_rows(block) for cell in row)
    return lines


def body_text(document: Document) -> str:
    return "\n".join(body_lines(document))


def table_rows(table: Table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def tables(document: Document) -> list[list[list[str]]]:
    return [table_rows(table) for table in document.tables]


def table_headed(document: Document, *headings: str) -> list[list[str]]:
    """The rows (heading row excluded) of the only table whose heading row is ``headings``."""
    found = [rows for rows in tables(document) if tuple(rows[0]) == headings]
    assert len(found) == 1, f"expected one table headed {headings}, found {len(found)}"
    return found[0][1:]


def header_lines(document: Document) -> list[str]:
    return [paragraph.text for paragraph in document.sections[0].header.paragraphs]


def footer_lines(document: Document) -> list[str]:
    return [paragraph.text for paragraph in document.sections[0].footer.paragraphs]


def field_instructions(paragraph: Paragraph) -> list[str]:
    """The instructions of the fields in a paragraph, complex or simple, in order."""
    element = paragraph._p
    complex_fields = [node.text.strip() for node in element.iter(qn("w:instrText")) if node.text]
    simple_fields = [node.get(qn("w:instr")).strip() for node in element.iter(qn("w:fldSimple"))]
    return complex_fields + simple_fields


def headings(document: Document, level: int) -> list[str]:
    return [p.text for p in document.paragraphs if p.style is not None and p.style.name == f"Heading {level}"]
