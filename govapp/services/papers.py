"""Papers: checking uploads by their content, keeping them outside the web root, and opening them.

Callers (the agenda pages and the JSON API) first check the role with
``permissions.require(user, Action.UPLOAD_PAPERS, ...)`` for uploads and removals; opening a paper
is checked here in full by :func:`open_paper` (role, interest registered in the item, who may see a
paper of an agenda request that is not on the agenda), because the rule depends on the paper.

A file's type is decided by its content, never its name or the browser's word:

- PDF: starts with ``%PDF-``;
- Word (.docx) and Excel (.xlsx): a ZIP whose ``[Content_Types].xml`` declares the
  WordprocessingML or SpreadsheetML main part (macro-enabled variants are refused);
- OpenDocument text (.odt): a ZIP whose first entry is ``mimetype`` holding
  ``application/vnd.oasis.opendocument.text``.

Anything else (a renamed program, a web page, an image) is refused with :data:`WRONG_TYPE`. What
is inside an accepted type (active content, macros, external references, archive bombs, malware
when ``CLAMD_SOCKET`` is set) is checked by :mod:`govapp.uploads`.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass
from datetime import date
from datetime import datetime
from pathlib import PurePosixPath
from pathlib import PureWindowsPath
from xml.etree import ElementTree

from flask import current_app
from flask import has_app_context
from werkzeug.utils import secure_filename

from govapp.extensions import db
from govapp.models import AgendaItem
from govapp.models import AgendaRequest
from govapp.models import Meeting
from govapp.models import MeetingStatus
from govapp.models import Paper
from govapp.models import User
from govapp.papers_storage import PaperStore
from govapp.permissions import Action
from govapp.permissions import access
from govapp.permissions import refusal
from govapp.rules import london_date
from govapp.services import RefusedError
from govapp.services import ServiceError
from govapp.services.audit import record_change
from govapp.uploads import content_problem

WRONG_TYPE = "The file must be a PDF, Word (.docx), OpenDocument text (.odt) or Excel (.xlsx) file"
DEFAULT_MAX_BYTES = 15 * 1024 * 1024

_CONTENT_TYPES_LIMIT = 1024 * 1024  # a real [Content_Types].xml is a few kilobytes


@dataclass(frozen=True)
class PaperType:
    label: str
    content_type: str
    extension: str


PDF = PaperType("PDF", "application/pdf", ".pdf")
DOCX = PaperType("Word", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx")
XLSX = PaperType("Excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx")
ODT = PaperType("OpenDocument text", "application/vnd.oasis.opendocument.text", ".odt")

_OOXML_MAIN_PARTS = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": DOCX,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": XLSX,
}


@dataclass(frozen=True)
class Upload:
    """A file as it arrived: the name the person's computer gave it, and its bytes."""

    filename: str
    data: bytes


class PaperAccessRefused(RefusedError):
    """The person may not open this paper (shown as a 403 with the message)."""


class PaperFileMissing(ServiceError):
    """The paper's file is missing or does not match its recorded checksum."""


def detect_paper_type(data: bytes) -> PaperType | None:
    """The type of a paper from its content, or ``None`` if it is not one we accept."""
    if data.startswith(b"%PDF-"):
        return PDF
    if not data.startswith(b"PK"):
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
            if not entries:
                return None
            first = entries[0]
            if first.filename == "mimetype":
                if first.file_size > 100:
                    return None
                return ODT if archive.read(first).strip() == ODT.content_type.encode() else None
            try:
                info = archive.getinfo("[Content_Types].xml")
            except KeyError:
                return None
            if info.file_size > _CONTENT_TYPES_LIMIT:
                return None
            with archive.open(info) as handle:
                xml = handle.read(_CONTENT_TYPES_LIMIT + 1)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, NotImplementedError, RuntimeError, EOFError):
        return None
    if len(xml) > _CONTENT_TYPES_LIMIT:
        return None
    try:
        # Python's expat (2.4.1 and later) refuses entity-expansion attacks, and ElementTree never
        # fetches external entities; the part is also size-limited above.
        root = ElementTree.fromstring(xml)  # noqa: S314
    except ElementTree.ParseError:
        return None
    found = {_OOXML_MAIN_PARTS.get(element.get("ContentType", "")) for element in root.iter()}
    found.discard(None)
    return found.pop() if len(found) == 1 else None


def check_upload(upload: Upload, *, max_bytes: int = DEFAULT_MAX_BYTES) -> PaperType:
    """Refuse an empty, too large or unaccepted file with words; return its type."""
    name = display_filename(upload.filename) or "The selected file"
    if not upload.data:
        raise ServiceError(f"{name} is empty. Choose a file with the paper in it.", field="file")
    if len(upload.data) > max_bytes:
        raise ServiceError(
            f"{name} is {_megabytes(len(upload.data))}. A paper must be smaller than {_megabytes(max_bytes)}.",
            field="file",
        )
    paper_type = detect_paper_type(upload.data)
    if paper_type is None:
        raise ServiceError(f"{WRONG_TYPE}. {name} is not one of these.", field="file")
    socket = current_app.config.get("CLAMD_SOCKET") if has_app_context() else None
    problem = content_problem(upload.data, paper_type.label, name, clamd_socket=socket)
    if problem:
        raise ServiceError(problem, field="file")
    return paper_type


def display_filename(filename: str) -> str:
    """The last part of an uploaded name (browsers on Windows may send a whole path), trimmed."""
    base = PureWindowsPath(PurePosixPath(filename or "").name).name
    return "".join(ch for ch in base if ch.isprintable()).strip()[:255]


def safe_download_name(paper: Paper) -> str:
    """A filename safe for ``Content-Disposition``: ASCII, no path, the extension of the real type."""
    stem = secure_filename(PurePosixPath(display_filename(paper.original_filename)).stem)[:80]
    extension = next(
        (t.extension for t in (PDF, DOCX, XLSX, ODT) if t.content_type == paper.content_type),
        "",
    )
    return (stem or f"paper-{paper.id}") + extension


def agenda_locked_reason(meeting: Meeting, today: date) -> str | None:
    """Why the meeting's agenda (items, papers, requests, interests) can no longer change, if it cannot."""
    if meeting.status == MeetingStatus.CANCELLED:
        return "This meeting was cancelled, so its agenda can no longer be changed."
    if meeting.status in (MeetingStatus.HELD, MeetingStatus.INQUORATE) or meeting.meeting_date < today:
        return "This meeting has taken place, so its agenda can no longer be changed."
    return None


def store_paper(
    actor: User | None,
    meeting: Meeting,
    upload: Upload,
    *,
    store: PaperStore,
    title: str | None = None,
    item: AgendaItem | None = None,
    request: AgendaRequest | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    now: datetime,
) -> Paper:
    """Check ``upload``, write it to ``store`` under a random key and record it as a paper of ``meeting``.

    Low level: it does not check the meeting is open (see :func:`add_paper`). The file is written
    before the transaction commits; if the transaction is rolled back, the file is left unreferenced.
    """
    paper_type = check_upload(upload, max_bytes=max_bytes)
    original = display_filename(upload.filename) or f"paper{paper_type.extension}"
    title = (title or "").strip() or PurePosixPath(original).stem.strip() or "Paper"
    key = store.save(upload.data)
    paper = Paper(
        meeting=meeting,
        agenda_item=item,
        agenda_request=request,
        title=title[:300],
        original_filename=original,
        content_type=paper_type.content_type,
        size_bytes=len(upload.data),
        sha256=hashlib.sha256(upload.data).hexdigest(),
        storage_key=key,
        uploaded_by_id=actor.id if actor else None,
        uploaded_at=now,
    )
    db.session.add(paper)
    record_change(actor, "upload_paper", paper, committee_id=meeting.committee_id)
    return paper


def add_paper(
    actor: User,
    item: AgendaItem,
    upload: Upload,
    *,
    store: PaperStore,
    title: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    now: datetime,
) -> Paper:
    """Upload a paper to an agenda item (Chair or secretariat: ``Action.UPLOAD_PAPERS``)."""
    reason = agenda_locked_reason(item.meeting, london_date(now))
    if reason:
        raise ServiceError(reason, field="file")
    return store_paper(actor, item.meeting, upload, store=store, title=title, item=item, max_bytes=max_bytes, now=now)


def remove_paper(actor: User, paper: Paper, *, now: datetime) -> str:
    """Remove a paper from the record; returns its storage key, for the caller to delete after commit."""
    reason = agenda_locked_reason(paper.meeting, london_date(now))
    if reason:
        raise ServiceError(reason)
    before = record_snapshot(paper)
    key = paper.storage_key
    committee_id = paper.meeting.committee_id
    db.session.delete(paper)
    record_change(actor, "remove_paper", paper, before=before, after={}, committee_id=committee_id)
    return key


def record_snapshot(paper: Paper) -> dict[str, object]:
    return {
        "paper_id": paper.id,
        "title": paper.title,
        "agenda_item_id": paper.agenda_item_id,
        "agenda_request_id": paper.agenda_request_id,
        "sha256": paper.sha256,
        "size_bytes": paper.size_bytes,
    }


def has_registered_interest(person_id: int, item: AgendaItem) -> bool:
    """Whether the person has registered (or declared) an interest in the item."""
    return any(d.person_id == person_id for d in item.declarations)


def paper_refusal(user: User, paper: Paper, *, on: date) -> str | None:
    """Why ``user`` may not open ``paper`` on ``on``, or ``None`` if they may.

    - only the committee's Chair, members and secretariat (an admin or officer with no other role
      may not; per-item access for deputies and officers in attendance is not built yet);
    - a member (the Chair included) with an interest registered in the item may not: its papers are
      withheld from them;
    - a paper of an agenda request that is not (yet) on the agenda: only the Chair, the secretariat
      and the member who made the request.
    """
    committee = paper.meeting.committee
    reader = access(user, committee, on)
    if not reader.can(Action.READ_PAPERS):
        return refusal(Action.READ_PAPERS, committee, reader.roles)
    item = paper.agenda_item
    if item is not None:
        if has_registered_interest(user.person_id, item):
            return (
                f"You have registered an interest in item {item.position}, “{item.title}”, "
                "so its papers are withheld from you. You can still open the papers of other items."
            )
        return None
    request = paper.agenda_request
    if reader.can(Action.SEE_ALL_REQUESTS):
        return None
    if request is not None and request.requested_by_id == user.person_id:
        return None
    return (
        "This paper goes with an agenda request that is not on the agenda. Only the Chair, the "
        "secretariat and the member who made the request can open it."
    )


def open_paper(actor: User, paper: Paper, *, store: PaperStore, now: datetime) -> bytes:
    """Return the paper's bytes for ``actor`` and record the download in the audit record.

    Raises :class:`PaperAccessRefused` (a 403) when ``actor`` may not open it (see
    :func:`paper_refusal`) and :class:`PaperFileMissing` when the file is gone or altered.
    """
    refusal = paper_refusal(actor, paper, on=london_date(now))
    if refusal:
        raise PaperAccessRefused(refusal)
    try:
        data = store.read(paper.storage_key)
    except (FileNotFoundError, ValueError):
        raise PaperFileMissing("The file of this paper is missing. Tell the committee's secretariat.") from None
    if hashlib.sha256(data).hexdigest() != paper.sha256:
        raise PaperFileMissing("The file of this paper has changed since it was uploaded. Tell the secretariat.")
    record_change(
        actor,
        "download_paper",
        paper,
        after={"paper_id": paper.id, "agenda_item_id": paper.agenda_item_id, "sha256": paper.sha256},
        committee_id=paper.meeting.committee_id,
    )
    return data


def _megabytes(size: int) -> str:
    megabytes = size / (1024 * 1024)
    return f"{megabytes:.1f} MB" if megabytes < 10 else f"{round(megabytes)} MB"


__all__ = [
    "DOCX",
    "ODT",
    "PDF",
    "WRONG_TYPE",
    "XLSX",
    "PaperAccessRefused",
    "PaperFileMissing",
    "PaperType",
    "Upload",
    "add_paper",
    "agenda_locked_reason",
    "check_upload",
    "detect_paper_type",
    "open_paper",
    "paper_refusal",
    "remove_paper",
    "safe_download_name",
    "store_paper",
]
