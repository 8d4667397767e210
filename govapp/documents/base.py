"""What every govapp Word document shares: A4 page, margins, Arial, the header and footer with the
protective marking and "Page X of Y", the core properties, and small writing helpers.

Fields (PAGE, NUMPAGES) are written as complex fields (``w:fldChar`` begin/separate/end around a
``w:instrText``), with a cached result so a reader that does not compute fields still shows a number;
Word and LibreOffice compute them when laying out the page.
"""

from __future__ import annotations

import dataclasses
import io
import re
import zipfile
from collections.abc import Sequence
from typing import TypeVar
from typing import cast

from docx import Document as new_docx
from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.table import CT_Row
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm
from docx.shared import Pt
from docx.shared import RGBColor
from docx.table import Table
from docx.text.paragraph import Paragraph

from govapp import ORGANISATION

MARKING = "OFFICIAL-SENSITIVE"

# Characters a Word document cannot hold (XML 1.0): C0 controls other than tab, newline and return.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

T = TypeVar("T")


def xml_safe(data: T) -> T:
    """``data`` with every string freed of characters a .docx cannot hold (dataclasses, tuples and
    lists followed), so text typed into govapp can never stop a document being built."""
    if isinstance(data, str):
        return cast(T, _NOT_XML.sub("", data))
    if dataclasses.is_dataclass(data) and not isinstance(data, type):
        changes = {f.name: xml_safe(getattr(data, f.name)) for f in dataclasses.fields(data)}
        return cast(T, dataclasses.replace(data, **changes))
    if isinstance(data, list | tuple):
        return cast(T, type(data)(xml_safe(item) for item in data))
    return data


FONT = "Arial"
#: EMU in a centimetre.
CM = Cm(1)
A4_WIDTH = Cm(21.0)
A4_HEIGHT = Cm(29.7)
BLACK = RGBColor(0x0B, 0x0C, 0x0C)

#: The styles the documents use, all built in; each is set to Arial (theme fonts removed).
_STYLES = ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "List Number", "Header", "Footer")
_HEADING_SIZES = {"Title": 20, "Heading 1": 16, "Heading 2": 13, "Heading 3": 11}


def new_document(
    committee_name: str,
    heading: str | None = None,
    *,
    subject: str,
    title: str | None = None,
    extra_marking: str | None = None,
    landscape: bool = False,
) -> Document:
    """A new A4 document with govapp's styles, header, footer and core properties.

    ``heading`` is the title on its first page; the document's own title (its properties) is
    ``title``, or else "<committee>: <heading>". ``extra_marking`` (e.g. "DRAFT") is shown next to
    the protective marking in the header.
    """
    if title is None:
        assert heading is not None, "a document needs a title or a heading"
        title = f"{committee_name}: {heading[:1].lower()}{heading[1:]}"
    document = new_docx()
    _set_styles(document)
    _set_page(document, landscape=landscape)
    _set_tab_stops(document)
    _set_header(document, committee_name, extra_marking)
    _set_footer(document)
    _set_core_properties(document, title=title, subject=subject)
    if heading is not None:
        document.add_paragraph(heading, style="Title")
    return document


def to_bytes(document: Document) -> bytes:
    """The document as .docx bytes. The same content always gives the same bytes (every part of the
    ZIP is dated 1 January 1980), so a document's SHA-256 names its content: the Chair can be shown the
    hash of the minutes before signing, and identical copies are recognised."""
    buffer = io.BytesIO()
    document.save(buffer)
    fixed = io.BytesIO()
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            part = zipfile.ZipInfo(entry.filename, date_time=(1980, 1, 1, 0, 0, 0))
            part.compress_type = zipfile.ZIP_DEFLATED
            part.external_attr = entry.external_attr
            target.writestr(part, source.read(entry))
    return fixed.getvalue()


# --- writing helpers ---------------------------------------------------------------------------


def add_paragraphs(document: Document, text: str) -> None:
    """Free text as paragraphs: a blank line starts a new paragraph, a single line break is kept."""
    for block in text.replace("\r\n", "\n").split("\n\n"):
        lines = [line.rstrip() for line in block.strip("\n").split("\n")]
        if not any(lines):
            continue
        paragraph = document.add_paragraph()
        for index, line in enumerate(lines):
            run = paragraph.add_run(line)
            if index < len(lines) - 1:
                run.add_break()


def add_labelled(document: Document, label: str, value: str) -> Paragraph:
    """'Label: value' with the label in bold."""
    paragraph = document.add_paragraph()
    paragraph.add_run(f"{label}: ").bold = True
    paragraph.add_run(value)
    return paragraph


def add_table(
    document: Document,
    headings: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    widths: Sequence[float] | None = None,
    font_size: float | None = None,
) -> Table:
    """A "Table Grid" table with a bold heading row that repeats at the top of each page; rows are
    never split across pages.

    ``widths`` are in centimetres, one per column.
    """
    table: Table = document.add_table(rows=1 + len(rows), cols=len(headings))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    if widths is not None:
        table.autofit = False
        for column, width in zip(table.columns, widths, strict=True):
            column.width = Cm(width)  # the grid, which LibreOffice follows; cells below, which Word follows
    for index, (row, values) in enumerate(zip(table.rows, (headings, *rows), strict=True)):
        _keep_row_together(row._tr, heading=index == 0)
        for column, (cell, value) in enumerate(zip(row.cells, values, strict=True)):
            run = cell.paragraphs[0].add_run(value)
            if index == 0:
                run.bold = True
            if font_size is not None:
                run.font.size = Pt(font_size)
            if widths is not None:
                cell.width = Cm(widths[column])
    document.add_paragraph()  # space after the table, so two tables never merge
    return table


def add_field(paragraph: Paragraph, instruction: str, placeholder: str = "1") -> None:
    """A complex field (e.g. ``PAGE``) with ``placeholder`` as its cached result."""
    begin = paragraph.add_run()
    begin._r.append(_fld_char("begin"))
    instr = paragraph.add_run()
    instr_text = OxmlElement("w:instrText")
    instr_text.set(qn("xml:space"), "preserve")
    instr_text.text = f" {instruction} "
    instr._r.append(instr_text)
    separate = paragraph.add_run()
    separate._r.append(_fld_char("separate"))
    paragraph.add_run(placeholder)
    end = paragraph.add_run()
    end._r.append(_fld_char("end"))


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    return f"{count} {singular if count == 1 else (plural_form or singular + 's')}"


def purpose_label(purpose: str) -> str:
    """'decision' → 'For decision'."""
    return f"For {purpose}" if purpose else ""


def file_size(size_bytes: int) -> str:
    """'512 bytes', '12 KB', '1.4 MB'."""
    if size_bytes < 1024:
        return plural(size_bytes, "byte")
    if size_bytes < 1024 * 1024:
        return f"{round(size_bytes / 1024)} KB"
    return f"{size_bytes / (1024 * 1024):.1f} MB"


# --- page, styles, header, footer, properties --------------------------------------------------


def _fld_char(kind: str) -> BaseOxmlElement:
    element = OxmlElement("w:fldChar")
    element.set(qn("w:fldCharType"), kind)
    return element


def _keep_row_together(tr: CT_Row, *, heading: bool) -> None:
    """A row is never split across pages; the heading row repeats at the top of each page."""
    tr_pr = tr.get_or_add_trPr()
    cant_split = OxmlElement("w:cantSplit")
    tr_pr.append(cant_split)
    if heading:
        header = OxmlElement("w:tblHeader")
        tr_pr.append(header)


def _arial(r_pr: BaseOxmlElement) -> None:
    """Set Arial on an ``w:rPr``, removing the theme fonts that would otherwise win."""
    r_fonts = r_pr.find(qn("w:rFonts"))
    if r_fonts is None:
        r_fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, r_fonts)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        r_fonts.attrib.pop(qn(theme), None)
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        r_fonts.set(qn(attribute), FONT)


def _set_styles(document: Document) -> None:
    defaults = document.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        r_pr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
        if r_pr is not None:
            _arial(r_pr)
            lang = r_pr.find(qn("w:lang"))
            if lang is not None:
                lang.set(qn("w:val"), "en-GB")
                lang.set(qn("w:eastAsia"), "en-GB")
    for style in document.styles:
        r_pr = style.element.rPr
        if style.name in _STYLES or (r_pr is not None and r_pr.find(qn("w:rFonts")) is not None):
            _arial(style.element.get_or_add_rPr())
    for name in _STYLES:
        style = document.styles[name]
        font = style.font
        if name == "Normal":
            font.size = Pt(11)
        if name in _HEADING_SIZES:
            font.size = Pt(_HEADING_SIZES[name])
            font.color.rgb = BLACK
            font.bold = True
    normal_format = document.styles["Normal"].paragraph_format
    normal_format.space_after = Pt(6)
    document.styles["Title"].paragraph_format.space_after = Pt(12)
    # The template's Title has a coloured bottom border; a plain title reads better in print.
    title_p_pr = document.styles["Title"].element.pPr
    if title_p_pr is not None:
        for border in title_p_pr.findall(qn("w:pBdr")):
            title_p_pr.remove(border)
    title_r_pr = document.styles["Title"].element.rPr
    if title_r_pr is not None:  # nor letter-spacing and kerning
        for name in ("w:spacing", "w:kern"):
            for found in title_r_pr.findall(qn(name)):
                title_r_pr.remove(found)
    document.styles["Heading 1"].paragraph_format.space_before = Pt(18)
    document.styles["Heading 2"].paragraph_format.space_before = Pt(12)


def _set_page(document: Document, *, landscape: bool) -> None:
    section = document.sections[0]
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = A4_HEIGHT, A4_WIDTH
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = A4_WIDTH, A4_HEIGHT
    section.top_margin = section.bottom_margin = Cm(2.5)
    section.left_margin = section.right_margin = Cm(2.0)
    section.header_distance = section.footer_distance = Cm(1.25)


def _set_header(document: Document, committee_name: str, extra_marking: str | None) -> None:
    header = document.sections[0].header
    header.is_linked_to_previous = False
    marking = header.paragraphs[0]
    marking.alignment = WD_ALIGN_PARAGRAPH.CENTER
    marking.add_run(MARKING if extra_marking is None else f"{MARKING} – {extra_marking}").bold = True
    organisation = header.add_paragraph(style="Header")
    organisation.add_run(ORGANISATION)
    organisation.add_run(f"\t{committee_name}")


def _set_footer(document: Document) -> None:
    footer = document.sections[0].footer
    footer.is_linked_to_previous = False
    marking = footer.paragraphs[0]
    marking.alignment = WD_ALIGN_PARAGRAPH.CENTER
    marking.add_run(MARKING).bold = True
    pages = footer.add_paragraph(style="Footer")
    pages.alignment = WD_ALIGN_PARAGRAPH.CENTER
    pages.add_run("Page ")
    add_field(pages, "PAGE")
    pages.add_run(" of ")
    add_field(pages, "NUMPAGES")


def _set_tab_stops(document: Document) -> None:
    """One right-aligned tab stop at the right margin for the Header and Footer styles (the
    template's centre and right stops are for US Letter)."""
    section = document.sections[0]
    usable = section.page_width - section.left_margin - section.right_margin  # type: ignore[operator]
    for name in ("Header", "Footer"):
        stops = document.styles[name].paragraph_format.tab_stops
        stops.clear_all()
        stops.add_tab_stop(usable, WD_TAB_ALIGNMENT.RIGHT)


def _set_core_properties(document: Document, *, title: str, subject: str) -> None:
    properties = document.core_properties
    properties.title = title
    properties.subject = subject
    properties.author = ORGANISATION
    properties.last_modified_by = ORGANISATION
    properties.category = MARKING
    properties.keywords = MARKING
    properties.comments = ""
    properties.revision = 1
    # The template's 2013 dates would be false; Word fills them in when someone saves a copy.
    element = properties._element
    for name in ("dcterms:created", "dcterms:modified"):
        found = element.find(qn(name))
        if found is not None:
            element.remove(found)
