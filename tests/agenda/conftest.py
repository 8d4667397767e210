"""Set-up for the agenda tests: a papers folder of the test's own, real files, and the test Panel."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from datetime import UTC
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from pathlib import Path

import docx
import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from govapp import clock
from govapp.extensions import db
from govapp.models import AgendaItem
from govapp.models import Committee
from govapp.models import Meeting
from govapp.models import MeetingStatus
from govapp.models import Person
from govapp.models import User
from govapp.models import WhenAndWhere
from govapp.services.convening import schedule_meeting
from tests.conftest import csrf_token_from


@pytest.fixture
def papers_dir(app: Flask, tmp_path: Path) -> Iterator[Path]:
    """Papers are written to a folder of this test's own, not the instance folder."""
    folder = tmp_path / "papers"
    old = app.config.get("PAPERS_DIR")
    app.config["PAPERS_DIR"] = str(folder)
    yield folder
    app.config["PAPERS_DIR"] = old


# --- real files --------------------------------------------------------------------------------


def pdf_bytes(text: str = "Serious incident notification") -> bytes:
    """A small, valid one-page PDF 1.4 (with a correct cross-reference table)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def docx_bytes(text: str = "Briefing for the Panel") -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def xlsx_bytes() -> bytes:
    """A minimal SpreadsheetML workbook, written by hand."""
    files = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            "</Types>"
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<sheets><sheet name="Actions" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
        ),
        "xl/worksheets/sheet1.xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Action log</t></is></c></row></sheetData>'
            "</worksheet>"
        ),
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return out.getvalue()


def odt_bytes() -> bytes:
    """A minimal OpenDocument text: ``mimetype`` first and stored, then the content."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(
            zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED
        )
        archive.writestr(
            "content.xml",
            '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
            'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
            'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
            "<office:body><office:text><text:p>Chronology</text:p></office:text></office:body>"
            "</office:document-content>",
            compress_type=zipfile.ZIP_DEFLATED,
        )
        archive.writestr(
            "META-INF/manifest.xml",
            '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
            'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
            '<manifest:file-entry manifest:full-path="/" '
            'manifest:media-type="application/vnd.oasis.opendocument.text"/>'
            '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
            "</manifest:manifest>",
            compress_type=zipfile.ZIP_DEFLATED,
        )
    return out.getvalue()


HTML_PAGE = b"<!DOCTYPE html><html><body><script>alert('x')</script></body></html>"
#: The start of a Windows program (an MZ header), as a renamed .exe would begin.
EXE_START = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + bytes(200)


# --- the test Panel ----------------------------------------------------------------------------


def panel() -> Committee:
    committee = db.session.scalar(select(Committee).where(Committee.slug == "cmr-panel"))
    assert committee is not None
    return committee


def user(email: str) -> User:
    found = db.session.scalar(select(User).join(Person).where(Person.email == email))
    assert found is not None, email
    return found


def meeting_on(day: date) -> Meeting:
    """The Panel's meeting on ``day`` (the test world's, or a new one at 2pm)."""
    meeting = db.session.scalar(
        select(Meeting).where(Meeting.meeting_date == day, Meeting.status != MeetingStatus.CANCELLED)
    )
    if meeting is None:
        meeting = schedule_meeting(None, panel(), WhenAndWhere(day, time(14, 0)))
    return meeting


def meeting_in(app: Flask, days: int) -> int:
    """The id of a Panel meeting ``days`` after today's real date, committed."""
    with app.app_context():
        meeting = meeting_on(clock.today() + timedelta(days=days))
        db.session.commit()
        meeting_id = meeting.id
        db.session.remove()
    return meeting_id


def london(day: date, hour: int, minute: int = 0) -> datetime:
    """A moment in Europe/London (November: London time is UTC)."""
    return datetime.combine(day, time(hour, minute), tzinfo=clock.LONDON).astimezone(UTC)


def item_titles(meeting: Meeting) -> list[str]:
    return [i.title for i in sorted(meeting.agenda_items, key=lambda i: i.position)]


def first_other_item(meeting: Meeting) -> AgendaItem:
    return next(i for i in sorted(meeting.agenda_items, key=lambda i: i.position) if not i.is_standing)


def post_form(client: FlaskClient, url: str, data: dict[str, object], *, page: str | None = None) -> object:
    """POST a form with the CSRF token taken from ``page`` (default: the form's own page)."""
    token = csrf_token_from(client.get(page or url).get_data(as_text=True))
    return client.post(url, data={**data, "csrf_token": token}, content_type="multipart/form-data")
