"""Papers: type checked by content, kept outside the web root, served only to the right people."""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from datetime import date
from pathlib import Path

import docx
import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from govapp.extensions import db
from govapp.models import AgendaItem
from govapp.models import AuditEvent
from govapp.models import Meeting
from govapp.models import Paper
from govapp.papers_storage import PaperStore
from govapp.papers_storage import current_store
from govapp.papers_storage import store_for
from govapp.services import ServiceError
from govapp.services.agenda import register_interest
from govapp.services.papers import DOCX
from govapp.services.papers import ODT
from govapp.services.papers import PDF
from govapp.services.papers import WRONG_TYPE
from govapp.services.papers import XLSX
from govapp.services.papers import Upload
from govapp.services.papers import check_upload
from govapp.services.papers import detect_paper_type
from tests.agenda.conftest import EXE_START
from tests.agenda.conftest import HTML_PAGE
from tests.agenda.conftest import docx_bytes
from tests.agenda.conftest import london
from tests.agenda.conftest import meeting_in
from tests.agenda.conftest import odt_bytes
from tests.agenda.conftest import pdf_bytes
from tests.agenda.conftest import post_form
from tests.agenda.conftest import user
from tests.agenda.conftest import xlsx_bytes
from tests.conftest import World
from tests.conftest import get_page
from tests.conftest import sign_in


@pytest.mark.parametrize(
    ("make", "expected"),
    [(pdf_bytes, PDF), (docx_bytes, DOCX), (xlsx_bytes, XLSX), (odt_bytes, ODT)],
    ids=["pdf", "docx", "xlsx", "odt"],
)
def test_real_papers_are_recognised_by_their_content(make, expected) -> None:  # type: ignore[no-untyped-def]
    assert detect_paper_type(make()) == expected
    # The name does not matter: a real PDF called "minutes.txt" is still a PDF.
    assert check_upload(Upload("minutes.txt", make())) == expected


def _zip(entries: dict[str, str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return out.getvalue()


@pytest.mark.parametrize(
    ("filename", "data"),
    [
        ("report.pdf", HTML_PAGE),
        ("report.docx", EXE_START),
        ("setup.exe", EXE_START),
        ("notes.odt", b"plain text, not a document"),
        ("archive.xlsx", _zip({"readme.txt": "just a zip"})),
        ("odt-the-wrong-kind.odt", _zip({"mimetype": "application/vnd.oasis.opendocument.spreadsheet"})),
        (
            "macros.docx",
            _zip(
                {
                    "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                    '<Override PartName="/word/document.xml" '
                    'ContentType="application/vnd.ms-word.document.macroEnabled.main+xml"/></Types>'
                }
            ),
        ),
        ("broken.docx", b"PK\x03\x04 not really a zip"),
    ],
    ids=["html", "exe-as-docx", "exe", "text", "plain-zip", "ods-as-odt", "docm", "broken-zip"],
)
def test_anything_else_is_refused_whatever_its_name(filename: str, data: bytes) -> None:
    assert detect_paper_type(data) is None
    with pytest.raises(ServiceError, match=re.escape(WRONG_TYPE)):
        check_upload(Upload(filename, data))


def test_an_empty_or_too_large_file_is_refused_with_words() -> None:
    with pytest.raises(ServiceError, match="is empty"):
        check_upload(Upload("empty.pdf", b""))
    with pytest.raises(ServiceError, match=r"big\.pdf is 0\.\d MB\. A paper must be smaller than"):
        check_upload(Upload("big.pdf", pdf_bytes() + bytes(200_000)), max_bytes=100_000)


def test_papers_must_be_kept_outside_the_web_root(app: Flask, tmp_path: Path) -> None:
    default = store_for(app)
    assert not default.root.is_relative_to(Path(app.static_folder or "").resolve())
    old = app.config["PAPERS_DIR"]
    try:
        app.config["PAPERS_DIR"] = str(Path(app.static_folder or "") / "papers")
        with pytest.raises(RuntimeError, match="outside the web root"):
            store_for(app)
    finally:
        app.config["PAPERS_DIR"] = old


def test_a_storage_key_cannot_name_another_file(tmp_path: Path) -> None:
    store = PaperStore(tmp_path)
    with pytest.raises(ValueError, match="not a storage key"):
        store.read("../../etc/passwd")


# --- uploading and opening through the pages ---------------------------------------------------


def _two_items_with_papers(app: Flask, client: FlaskClient, meeting_id: int) -> dict[str, int]:
    """The secretariat adds two items and uploads a paper to each; returns paper ids by item title."""
    for title in ("Notification A", "Notification B"):
        post_form(client, f"/meetings/{meeting_id}/agenda/items/new", {"title": title, "purpose": "decision"})
    with app.app_context():
        items = {
            i.title: i.id for i in db.session.scalars(select(AgendaItem).where(AgendaItem.meeting_id == meeting_id))
        }
    for title, make, name in (
        ("Notification A", pdf_bytes, "chronology A.pdf"),
        ("Notification B", docx_bytes, "brief.docx"),
    ):
        url = f"/meetings/{meeting_id}/agenda/items/{items[title]}/papers/new"
        response = post_form(client, url, {"file": (io.BytesIO(make()), name), "title": ""})
        assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    with app.app_context():
        return {p.agenda_item.title: p.id for p in db.session.scalars(select(Paper))}  # type: ignore[union-attr]


def test_an_uploaded_paper_is_stored_under_a_random_key_outside_the_web_root(
    app: Flask, client: FlaskClient, world: World, papers_dir: Path
) -> None:
    meeting_id = meeting_in(app, 30)
    sign_in(client, world.email("secretariat"), world.password)
    papers = _two_items_with_papers(app, client, meeting_id)
    with app.app_context():
        paper = db.session.get(Paper, papers["Notification A"])
        assert paper is not None
        stored = papers_dir / paper.storage_key
        assert stored.read_bytes() == pdf_bytes()
        assert paper.sha256 == hashlib.sha256(pdf_bytes()).hexdigest()
        assert paper.size_bytes == len(pdf_bytes())
        assert paper.original_filename == "chronology A.pdf"
        assert paper.title == "chronology A"
        assert "chronology" not in paper.storage_key
        static = Path(app.static_folder or "").resolve()
        assert not stored.resolve().is_relative_to(static)
        assert not any(static.rglob(paper.storage_key))
    assert client.get(f"/static/{paper.storage_key}").status_code == 404
    assert sorted(p.name for p in papers_dir.iterdir()) == sorted(
        [paper.storage_key, *(k for k in _keys(app) if k != paper.storage_key)]
    )


def _keys(app: Flask) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(select(Paper.storage_key)))


@pytest.mark.parametrize(
    ("filename", "data"),
    [("paper.pdf", HTML_PAGE), ("paper.pdf", EXE_START), ("paper.exe", EXE_START), ("page.html", HTML_PAGE)],
    ids=["html-renamed-pdf", "exe-renamed-pdf", "exe", "html"],
)
def test_a_renamed_html_or_exe_file_is_refused_with_the_message_and_nothing_is_stored(
    app: Flask, client: FlaskClient, world: World, papers_dir: Path, filename: str, data: bytes
) -> None:
    meeting_id = meeting_in(app, 30)
    with app.app_context():
        item_id = db.session.scalars(select(AgendaItem.id).where(AgendaItem.meeting_id == meeting_id)).first()
    sign_in(client, world.email("secretariat"), world.password)
    url = f"/meetings/{meeting_id}/agenda/items/{item_id}/papers/new"
    get_page(client, url, title="Upload a paper")
    response = post_form(client, url, {"file": (io.BytesIO(data), filename)})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert WRONG_TYPE in html
    assert "Error: Upload a paper" in html
    with app.app_context():
        assert db.session.scalars(select(Paper)).all() == []
    assert not papers_dir.exists() or list(papers_dir.iterdir()) == []


def test_a_download_is_an_attachment_with_the_stored_content_type_and_is_recorded(
    app: Flask, world: World, papers_dir: Path
) -> None:
    meeting_id = meeting_in(app, 30)
    secretariat, member = app.test_client(), app.test_client()
    sign_in(secretariat, world.email("secretariat"), world.password)
    papers = _two_items_with_papers(app, secretariat, meeting_id)
    sign_in(member, world.email("member"), world.password)
    page = get_page(member, f"/meetings/{meeting_id}/agenda")
    links = {a.get_text(strip=True): a["href"] for a in page.soup.find(id="agenda-items").find_all("a")}
    assert links["brief"] == f"/papers/{papers['Notification B']}/download"

    response = member.get(links["brief"])
    assert response.status_code == 200
    assert response.headers["Content-Type"] == DOCX.content_type
    assert response.headers["Content-Disposition"] == "attachment; filename=brief.docx"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert docx.Document(io.BytesIO(response.data)).paragraphs[0].text == "Briefing for the Panel"
    response = member.get(f"/papers/{papers['Notification A']}/download")
    assert response.headers["Content-Type"] == "application/pdf"
    assert response.headers["Content-Disposition"] == "attachment; filename=chronology_A.pdf"
    assert response.data == pdf_bytes()

    with app.app_context():
        events = db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "download_paper").order_by(AuditEvent.id)
        ).all()
        member_user = user(world.email("member"))
        assert [(e.actor_id, e.after["paper_id"]) for e in events] == [  # type: ignore[index]
            (member_user.id, papers["Notification B"]),
            (member_user.id, papers["Notification A"]),
        ]


def test_a_member_with_a_registered_interest_cannot_open_that_items_paper_but_can_open_another(
    app: Flask, world: World, papers_dir: Path
) -> None:
    meeting_id = meeting_in(app, 30)
    secretariat, member = app.test_client(), app.test_client()
    sign_in(secretariat, world.email("secretariat"), world.password)
    papers = _two_items_with_papers(app, secretariat, meeting_id)
    with app.app_context():
        meeting = db.session.get(Meeting, meeting_id)
        assert meeting is not None
        item = next(i for i in meeting.agenda_items if i.title == "Notification A")
        register_interest(
            user(world.email("member")),
            item,
            nature="My agency employs the family's social worker.",
            now=london(date(2026, 11, 1), 9),
        )
        db.session.commit()
    sign_in(member, world.email("member"), world.password)
    page = get_page(member, f"/papers/{papers['Notification A']}/download", status=403)
    assert "You have registered an interest in item 5" in page.text()
    assert "papers are withheld from you" in page.text()
    assert member.get(f"/papers/{papers['Notification B']}/download").status_code == 200
    agenda = get_page(member, f"/meetings/{meeting_id}/agenda")
    assert "withheld: you registered an interest" in agenda.text()
    # Another member, with no interest, opens both.
    other = app.test_client()
    sign_in(other, world.accounts["member"][1], world.password)
    assert other.get(f"/papers/{papers['Notification A']}/download").status_code == 200
    with app.app_context():
        refused = db.session.scalars(
            select(AuditEvent).where(
                AuditEvent.action == "download_paper", AuditEvent.actor_id == user(world.email("member")).id
            )
        ).all()
        assert [e.after["paper_id"] for e in refused] == [papers["Notification B"]]  # type: ignore[index]


def test_an_officer_or_an_admin_without_a_committee_role_gets_403_on_papers(
    app: Flask, world: World, papers_dir: Path
) -> None:
    meeting_id = meeting_in(app, 30)
    secretariat = app.test_client()
    sign_in(secretariat, world.email("secretariat"), world.password)
    papers = _two_items_with_papers(app, secretariat, meeting_id)
    for role in ("officer", "admin"):
        client = app.test_client()
        sign_in(client, world.email(role), world.password)
        page = get_page(client, f"/papers/{papers['Notification A']}/download", status=403)
        assert "Only the Chair, members and secretariat" in page.text(), role
    with app.app_context():
        assert (
            db.session.scalars(
                select(AuditEvent).where(AuditEvent.action == "download_paper").order_by(AuditEvent.id)
            ).all()
            == []
        )


def test_members_cannot_upload_papers_to_an_item(app: Flask, client: FlaskClient, world: World) -> None:
    meeting_id = meeting_in(app, 30)
    with app.app_context():
        item_id = db.session.scalars(select(AgendaItem.id).where(AgendaItem.meeting_id == meeting_id)).first()
    sign_in(client, world.email("member"), world.password)
    page = get_page(client, f"/meetings/{meeting_id}/agenda/items/{item_id}/papers/new", status=403)
    assert "You cannot upload papers" in page.text()


def test_a_paper_of_a_pending_late_request_is_seen_only_by_the_chair_secretariat_and_the_member(
    app_ctx: Flask, world: World, papers_dir: Path
) -> None:
    from govapp.services.agenda import request_agenda_item
    from govapp.services.papers import paper_refusal
    from tests.agenda.conftest import meeting_on

    meeting = meeting_on(date(2026, 12, 3))
    member = user(world.email("member"))
    request = request_agenda_item(
        member,
        meeting,
        matter="Late",
        attachments=[Upload("a.pdf", pdf_bytes())],
        store=current_store(),
        received_at=london(date(2026, 11, 20), 9),
    )
    paper = request.papers[0]
    today = date(2026, 11, 23)
    assert paper_refusal(member, paper, on=today) is None
    assert paper_refusal(user(world.email("chair")), paper, on=today) is None
    assert paper_refusal(user(world.email("secretariat")), paper, on=today) is None
    refusal = paper_refusal(user(world.accounts["member"][1]), paper, on=today)
    assert refusal is not None and "not on the agenda" in refusal


def test_the_secretariat_removes_a_paper_and_its_file_goes_too(
    app: Flask, client: FlaskClient, world: World, papers_dir: Path
) -> None:
    meeting_id = meeting_in(app, 30)
    sign_in(client, world.email("secretariat"), world.password)
    papers = _two_items_with_papers(app, client, meeting_id)
    with app.app_context():
        paper = db.session.get(Paper, papers["Notification A"])
        assert paper is not None
        key, item_id = paper.storage_key, paper.agenda_item_id
    edit = f"/meetings/{meeting_id}/agenda/items/{item_id}/edit"
    page = get_page(client, edit, title="Edit item 5")
    assert "chronology A" in page.text()
    # An item with papers cannot be removed until they are.
    response = post_form(client, f"/meetings/{meeting_id}/agenda/items/{item_id}/remove", {})
    assert "Remove the papers of “Notification A” first" in response.get_data(as_text=True)
    assert post_form(client, f"/papers/{papers['Notification A']}/remove", {}, page=edit).status_code == 302
    assert not (papers_dir / key).exists()
    with app.app_context():
        assert db.session.get(Paper, papers["Notification A"]) is None
        assert db.session.scalar(select(AuditEvent.action).where(AuditEvent.action == "remove_paper")) == "remove_paper"
    assert client.get(f"/papers/{papers['Notification A']}/download").status_code == 404
