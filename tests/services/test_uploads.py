"""Uploaded papers are looked inside: active PDFs, macros, external references, bombs and malware are
refused with words; ordinary papers are accepted. The malware test runs a real clamd."""

from __future__ import annotations

import hashlib
import io
import shutil
import subprocess
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from flask import Flask
from pypdf import PdfWriter
from pypdf.generic import DictionaryObject
from pypdf.generic import NameObject
from pypdf.generic import TextStringObject

from govapp.services import ServiceError
from govapp.services.papers import Upload
from govapp.services.papers import check_upload
from govapp.uploads import archive_problem
from govapp.uploads import content_problem
from govapp.uploads import scan_problem

EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
CLAMD = shutil.which("clamd") or "/usr/sbin/clamd"


def _pdf(change: object = None) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    if callable(change):
        change(writer)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _open_action(kind: str, key: str, value: str) -> object:
    """A document that does something when opened: the /OpenAction of its catalogue."""

    def change(writer: PdfWriter) -> None:
        action = DictionaryObject({NameObject("/S"): NameObject(kind), NameObject(key): TextStringObject(value)})
        writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)

    return change


def _docx(extra: dict[str, bytes] | None = None, *, content_types: bytes | None = None) -> bytes:
    document = docx.Document()
    document.add_paragraph("Briefing on Child A")
    buffer = io.BytesIO()
    document.save(buffer)
    if not extra and content_types is None:
        return buffer.getvalue()
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "[Content_Types].xml" and content_types is not None:
                data = data.replace(b"</Types>", content_types + b"</Types>")
            target.writestr(item, data)
        for name, data in (extra or {}).items():
            target.writestr(name, data)
    return out.getvalue()


def _rels(kind: str) -> bytes:
    return (
        b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
        b'package/2006/relationships"><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/'
        b"officeDocument/2006/relationships/" + kind.encode() + b'" Target="https://example.org/x" '
        b'TargetMode="External"/></Relationships>'
    )


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (_pdf(_open_action("/JavaScript", "/JS", "app.alert('hello');")), "contains JavaScript"),
        (_pdf(lambda w: w.add_attachment("notes.txt", b"secret")), "contains embedded files"),
        (_pdf(_open_action("/Launch", "/F", "calc.exe")), "an action that launches a program"),
        (_pdf(lambda w: w.encrypt("a-password")), "protected by a password"),
        (b"%PDF-1.7\nthis is not really a PDF", "not a readable PDF"),
    ],
    ids=["javascript", "attachment", "launch", "encrypted", "broken"],
)
def test_pdfs_with_active_content_or_no_structure_are_refused(data: bytes, words: str) -> None:
    with pytest.raises(ServiceError) as refused:
        check_upload(Upload("briefing.pdf", data))
    assert words in refused.value.message
    assert "briefing.pdf" in refused.value.message
    assert refused.value.field == "file"


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (_docx({"word/vbaProject.bin": b"\xd0\xcf\x11\xe0 macros"}), "contains macros"),
        (
            _docx(content_types=b'<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>'),
            "contains macros",
        ),
        (_docx({"word/_rels/settings.xml.rels": _rels("attachedTemplate")}), "a linked attachedTemplate"),
        (_docx({"word/_rels/extra.xml.rels": _rels("oleObject")}), "refers to content outside itself"),
        (_docx({"word/media/padding.bin": bytes(3 * 1024 * 1024)}), "expands to far more than its size"),
    ],
    ids=["vba-project", "vba-content-type", "remote-template", "linked-object", "zip-bomb"],
)
def test_office_files_with_macros_external_references_or_bombs_are_refused(data: bytes, words: str) -> None:
    with pytest.raises(ServiceError) as refused:
        check_upload(Upload("report.docx", data))
    assert words in refused.value.message


def test_ordinary_papers_and_hyperlinks_are_accepted() -> None:
    assert check_upload(Upload("paper.pdf", _pdf())).label == "PDF"
    assert check_upload(Upload("paper.docx", _docx())).label == "Word"
    with_link = _docx({"word/_rels/extra.xml.rels": _rels("hyperlink")})
    assert check_upload(Upload("paper.docx", with_link)).label == "Word"


def test_an_archive_expanding_past_the_limit_is_refused() -> None:
    plain = _docx()
    assert archive_problem(plain, "a.docx") is None
    assert archive_problem(plain, "a.docx", max_expanded=1000) is not None
    assert archive_problem(plain, "a.docx", max_entries=2) is not None


@pytest.fixture(scope="module")
def clamd_socket(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real clamd, on a signature database written here: one .hdb line for the EICAR test file."""
    if not Path(CLAMD).exists():
        pytest.skip("clamd is not installed (make test installs clamav-daemon)")
    folder = tmp_path_factory.mktemp("clamd")
    database = folder / "db"
    database.mkdir()
    (database / "govapp-test.hdb").write_text(f"{hashlib.md5(EICAR).hexdigest()}:{len(EICAR)}:Govapp.Test.EICAR\n")  # noqa: S324
    socket = folder / "clamd.sock"
    config = folder / "clamd.conf"
    config.write_text(
        f"LocalSocket {socket}\nDatabaseDirectory {database}\nForeground yes\nTemporaryDirectory {folder}\n"
        f"LogFile {folder / 'clamd.log'}\nPidFile {folder / 'clamd.pid'}\n"
    )
    output = (folder / "clamd.out").open("wb")
    process = subprocess.Popen([CLAMD, "--config-file", str(config)], stdout=output, stderr=output)
    try:
        deadline = time.monotonic() + 60
        while not socket.exists():
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"clamd did not start: {(folder / 'clamd.out').read_text()}")
            time.sleep(0.2)
        yield str(socket)
    finally:
        process.terminate()
        process.wait(timeout=30)
        output.close()


def test_the_eicar_file_is_refused_by_clamd_and_a_clean_paper_passes(clamd_socket: str, app: Flask) -> None:
    problem = scan_problem(EICAR, "eicar.txt", socket_path=clamd_socket)
    assert problem is not None and "Govapp.Test.EICAR" in problem
    assert scan_problem(_docx(), "clean.docx", socket_path=clamd_socket) is None

    infected = _docx({"word/media/eicar.txt": EICAR})
    assert content_problem(infected, "Word", "notes.docx", clamd_socket=clamd_socket) is not None
    with app.app_context():
        app.config["CLAMD_SOCKET"] = clamd_socket
        try:
            with pytest.raises(ServiceError) as refused:
                check_upload(Upload("notes.docx", infected))
            assert "the virus scanner found Govapp.Test.EICAR" in refused.value.message
            assert check_upload(Upload("clean.pdf", _pdf())).label == "PDF"
        finally:
            app.config["CLAMD_SOCKET"] = None


def test_an_unreachable_scanner_stores_nothing(tmp_path: Path) -> None:
    problem = content_problem(_docx(), "Word", "paper.docx", clamd_socket=str(tmp_path / "no-such.sock"))
    assert problem is not None and "could not be checked for viruses" in problem
