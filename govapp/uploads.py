"""What is inside an uploaded paper: refusing active content, bombs and malware.

A paper's type is decided by ``govapp.services.papers`` from its bytes. This module then looks
inside it, and refuses with words a person can act on:

- **PDF**: it must parse (pypdf) and must not be encrypted (an encrypted file cannot be checked).
  It must carry no JavaScript (``/JavaScript``, ``/JS``), no launch actions (``/Launch``), no
  embedded or attached files (``/EmbeddedFiles``, ``/EmbeddedFile``, ``/GoToE``) and no rich media.
- **Word, Excel and OpenDocument** files: no macros (a VBA project, or OpenDocument ``Basic/`` and
  ``Scripts/``), and no external references (a relationship that fetches a template, an object,
  a linked workbook or a picture from elsewhere; ordinary hyperlinks are allowed).
- **Archives** (all of these formats are ZIP files): at most ``MAX_ENTRIES`` entries, expanding to at
  most ``MAX_EXPANDED_BYTES`` in all, and no entry compressed more than ``MAX_RATIO`` times.
- **Malware**: when ``CLAMD_SOCKET`` is set, every file is scanned by ClamAV's daemon through that
  socket. A file is refused if clamd finds something, and also if clamd cannot be reached: a file
  that could not be scanned is never stored.
"""

from __future__ import annotations

import io
import warnings
import zipfile
from typing import Any
from xml.etree import ElementTree

MAX_ENTRIES = 5000
MAX_EXPANDED_BYTES = 200 * 1024 * 1024
MAX_RATIO = 200
_MAX_PDF_OBJECTS = 200_000

#: PDF names that carry active content or other files, with what they are in words.
_PDF_REFUSED = {
    "/JavaScript": "JavaScript",
    "/JS": "JavaScript",
    "/Launch": "an action that launches a program",
    "/EmbeddedFiles": "embedded files",
    "/EmbeddedFile": "an embedded file",
    "/GoToE": "a link into an embedded file",
    "/RichMedia": "rich media",
}

_EXTERNAL_ALLOWED = ("/hyperlink",)

ACTIVE_PDF = "{name} contains {what}, which govapp does not accept in papers. Save it again without it (print to PDF)."
MACROS = (
    "{name} contains macros, which govapp does not accept in papers. Save it as an ordinary document without macros."
)
EXTERNAL = (
    "{name} refers to content outside itself ({what}), which govapp does not accept in papers. "
    "Save a copy with everything embedded."
)
BOMB = "{name} expands to far more than its size. It may be damaged or unsafe: govapp cannot accept it."
BROKEN_PDF = "{name} is not a readable PDF file. Save or export it as a PDF again."
ENCRYPTED_PDF = "{name} is protected by a password, so it cannot be checked. Save a copy without the password."
INFECTED = "{name} was refused: the virus scanner found {signature} in it. Tell your IT service desk."
UNSCANNED = "{name} could not be checked for viruses just now, so it was not stored. Try again in a few minutes."


def archive_problem(
    data: bytes,
    name: str,
    *,
    max_entries: int = MAX_ENTRIES,
    max_expanded: int = MAX_EXPANDED_BYTES,
    max_ratio: int = MAX_RATIO,
) -> str | None:
    """Why a ZIP-based file is unsafe to open (too many entries, or a bomb), or ``None``."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, NotImplementedError, RuntimeError, EOFError):
        return BOMB.format(name=name)
    if len(entries) > max_entries:
        return BOMB.format(name=name)
    if sum(entry.file_size for entry in entries) > max_expanded:
        return BOMB.format(name=name)
    for entry in entries:
        if entry.file_size > 1024 * 1024 and entry.file_size > max_ratio * max(entry.compress_size, 1):
            return BOMB.format(name=name)
    return None


def office_problem(data: bytes, name: str) -> str | None:
    """Why a Word, Excel or OpenDocument file is refused (macros, external references), or ``None``."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        lowered = [entry.lower() for entry in names]
        if any(
            entry.endswith(("vbaproject.bin", "vbadata.xml")) or entry.startswith(("basic/", "scripts/"))
            for entry in lowered
        ):
            return MACROS.format(name=name)
        if "[content_types].xml" in lowered:
            types = archive.read(names[lowered.index("[content_types].xml")]).decode("utf-8", "replace")
            if "macroEnabled" in types or "vbaProject" in types:
                return MACROS.format(name=name)
        for entry in names:
            if not entry.endswith(".rels"):
                continue
            try:
                # Python's expat refuses entity-expansion attacks and ElementTree fetches nothing.
                root = ElementTree.fromstring(archive.read(entry))  # noqa: S314
            except ElementTree.ParseError:
                return BOMB.format(name=name)
            for relationship in root.iter():
                if relationship.get("TargetMode") != "External":
                    continue
                kind = relationship.get("Type", "")
                if not kind.endswith(_EXTERNAL_ALLOWED):
                    what = kind.rsplit("/", 1)[-1] or "an external link"
                    return EXTERNAL.format(name=name, what=f"a linked {what}")
    return None


def _walk_pdf(reader: Any) -> str | None:
    """Every object reachable from the trailer, looking for refused names; what was found, or ``None``."""
    from pypdf.generic import ArrayObject
    from pypdf.generic import DictionaryObject
    from pypdf.generic import IndirectObject
    from pypdf.generic import NameObject

    seen: set[tuple[int, int]] = set()
    stack: list[Any] = [reader.trailer]
    visited = 0
    while stack:
        item = stack.pop()
        visited += 1
        if visited > _MAX_PDF_OBJECTS:
            return "more objects than a paper has"
        if isinstance(item, IndirectObject):
            key = (item.idnum, item.generation)
            if key in seen:
                continue
            seen.add(key)
            try:
                item = item.get_object()
            except Exception:  # noqa: S112 - a dangling reference: nothing there to inspect
                continue
        if isinstance(item, DictionaryObject):
            for key, value in item.items():
                if str(key) in _PDF_REFUSED:
                    return _PDF_REFUSED[str(key)]
                if isinstance(value, NameObject) and str(value) in _PDF_REFUSED:
                    return _PDF_REFUSED[str(value)]
                stack.append(value)
        elif isinstance(item, ArrayObject):
            stack.extend(item)
        elif isinstance(item, NameObject) and str(item) in _PDF_REFUSED:
            return _PDF_REFUSED[str(item)]
    return None


def pdf_problem(data: bytes, name: str) -> str | None:
    """Why a PDF is refused (unreadable, encrypted, active content, embedded files), or ``None``."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted:
                return ENCRYPTED_PDF.format(name=name)
            if len(reader.pages) == 0:
                return BROKEN_PDF.format(name=name)
            found = _walk_pdf(reader)
        except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError, OSError):
            return BROKEN_PDF.format(name=name)
    if found is None:
        # Names written plainly in the file, in parts the reader does not reach (an unused object).
        for raw, what in _PDF_REFUSED.items():
            if raw.encode() + b" " in data or raw.encode() + b"(" in data or raw.encode() + b"<" in data:
                found = what
                break
    return ACTIVE_PDF.format(name=name, what=found) if found else None


def scan_problem(data: bytes, name: str, *, socket_path: str, timeout: float = 30) -> str | None:
    """Scan ``data`` with clamd through ``socket_path``: why it is refused, or ``None`` when clean."""
    from clamav_client.clamd import ClamdError
    from clamav_client.clamd import ClamdUnixSocket

    try:
        result = ClamdUnixSocket(path=socket_path, timeout=int(timeout)).instream(io.BytesIO(data))
    except (ClamdError, OSError):
        return UNSCANNED.format(name=name)
    status, signature = next(iter(result.values()), ("ERROR", None))
    if status == "OK":
        return None
    if status == "FOUND":
        return INFECTED.format(name=name, signature=signature or "malware")
    return UNSCANNED.format(name=name)


def content_problem(data: bytes, label: str, name: str, *, clamd_socket: str | None = None) -> str | None:
    """Why an upload of type ``label`` ("PDF", "Word", "Excel", "OpenDocument text") is refused, or ``None``."""
    zipped = label != "PDF"
    problem = (archive_problem(data, name) or office_problem(data, name)) if zipped else pdf_problem(data, name)
    if problem is None and clamd_socket:
        problem = scan_problem(data, name, socket_path=clamd_socket)
    return problem
