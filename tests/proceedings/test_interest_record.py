"""A registered interest withholds the item's papers from then on; what reached the member before it was
registered (papers they opened, the agenda pack) is kept in the record and shown at the meeting."""

from __future__ import annotations

from datetime import UTC
from datetime import datetime
from pathlib import Path

from flask import Flask
from sqlalchemy import select

from govapp.extensions import db
from govapp.models import AuditEvent
from govapp.models import User
from govapp.papers_storage import PaperStore
from govapp.services.agenda import register_interest
from govapp.services.interest_record import served_before
from govapp.services.papers import PaperAccessRefused
from govapp.services.papers import Upload
from govapp.services.papers import add_paper
from govapp.services.papers import open_paper
from tests.proceedings.conftest import Panel

UPLOADED = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
OPENED = datetime(2026, 11, 24, 18, 0, tzinfo=UTC)
REGISTERED = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)


def _pdf() -> bytes:
    from tests.agenda.conftest import pdf_bytes

    return pdf_bytes()


def _member_user(panel: Panel) -> User:
    user = panel.members[0].account
    assert user is not None
    return user


def test_papers_opened_before_an_interest_was_registered_are_on_the_record(panel: Panel, tmp_path: Path) -> None:
    store = PaperStore(tmp_path)
    chronology = add_paper(
        panel.secretary, panel.item, Upload("chronology.pdf", _pdf()), store=store, title="Chronology", now=UPLOADED
    )
    add_paper(panel.secretary, panel.item, Upload("plan.pdf", _pdf()), store=store, title="Plan", now=UPLOADED)
    member = _member_user(panel)
    open_paper(member, chronology, store=store, now=OPENED)

    declaration = register_interest(member, panel.item, nature="My sister is the child's teacher", now=REGISTERED)
    db.session.flush()

    earlier = served_before(declaration)
    assert [(paper.title, at.date()) for paper, at in earlier.papers] == [("Chronology", datetime.now(UTC).date())]
    assert earlier.pack_despatched_at is None
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "register_interest"))
    assert event is not None and event.after is not None
    assert [p["title"] for p in event.after["served_before"]["papers_opened"]] == ["Chronology"]

    # From now on the papers are withheld, and nothing opened later could join the record.
    try:
        open_paper(member, chronology, store=store, now=REGISTERED)
    except PaperAccessRefused:
        pass
    else:
        raise AssertionError("a member with a registered interest opened the item's paper")
    assert [paper.title for paper, _ in served_before(declaration).papers] == ["Chronology"]


def test_a_member_who_opened_nothing_has_a_clean_record(panel: Panel, tmp_path: Path) -> None:
    store = PaperStore(tmp_path)
    add_paper(panel.secretary, panel.item, Upload("plan.pdf", _pdf()), store=store, title="Plan", now=UPLOADED)
    other = panel.members[1].account
    assert other is not None
    add_paper(panel.secretary, panel.item, Upload("note.pdf", _pdf()), store=store, title="Note", now=UPLOADED)
    open_paper(other, panel.item.papers[0], store=store, now=OPENED)  # someone else's download does not count
    declaration = register_interest(_member_user(panel), panel.item, nature="A family connection", now=REGISTERED)
    assert not served_before(declaration)


def test_the_console_shows_what_reached_the_member_before_they_registered(
    app: Flask, panel: Panel, tmp_path: Path
) -> None:
    from tests.conftest import sign_in

    store = PaperStore(tmp_path)
    chronology = add_paper(
        panel.secretary, panel.item, Upload("chronology.pdf", _pdf()), store=store, title="Chronology", now=UPLOADED
    )
    open_paper(_member_user(panel), chronology, store=store, now=OPENED)
    declaration = register_interest(_member_user(panel), panel.item, nature="A family connection", now=REGISTERED)
    db.session.commit()
    client = app.test_client()
    sign_in(client, panel.secretary.email, "granite-heron-linen-falcon")
    page = client.get(f"/meetings/{panel.meeting.id}/console").get_data(as_text=True)
    assert f'id="served-before-{declaration.id}"' in page
    assert "they opened “Chronology”" in page
