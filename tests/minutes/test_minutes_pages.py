"""Minutes in the browser's terms: drafted from the record, circulated, commented on, signed and locked,
and the Word documents parsed back."""

from __future__ import annotations

import hashlib
import io
import shutil
import subprocess
from datetime import UTC
from datetime import date
from datetime import datetime
from datetime import time
from typing import Any

import docx
import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from govapp.extensions import db
from govapp.models import Attendance
from govapp.models import Meeting
from govapp.models import Minutes
from govapp.models import OutboxMessage
from govapp.models import Person
from govapp.models import User
from govapp.models import VoteChoice
from govapp.services.outcomes import add_action
from govapp.services.proceedings import record_attendance
from govapp.services.proceedings import record_declaration
from govapp.services.voting import close_vote
from govapp.services.voting import give_casting_vote
from govapp.services.voting import open_vote
from govapp.services.voting import propose_motion
from govapp.services.voting import record_vote
from tests.conftest import World
from tests.conftest import csrf_token_from
from tests.conftest import get_page
from tests.conftest import sign_in

HELD = date(2026, 10, 1)  # a world meeting in the past; the next one (5 November 2026) has also taken place
AT = datetime(2026, 10, 1, 10, 30, tzinfo=UTC)


def _approve_at(app: Flask, day: date) -> None:
    """At the meeting on ``day``: a roll call of the Chair and members, and the approval of the previous
    meeting's minutes recorded as the outcome of its standing item."""
    from govapp.models import OutcomeKind
    from govapp.services.outcomes import record_outcome

    with app.app_context():
        meeting = db.session.scalar(select(Meeting).where(Meeting.meeting_date == day))
        assert meeting is not None
        secretary = _user_by_role(meeting, "secretariat")
        for membership in meeting.committee.members_on(day):
            record_attendance(secretary, meeting, membership.person, Attendance.PRESENT, arrived_at=time(10))
        item = next(i for i in meeting.agenda_items if i.approves_previous_minutes)
        on_the_day = datetime.combine(day, time(10, 15), tzinfo=UTC)
        text = "The minutes of the previous meeting were agreed, with the amendment recorded."
        record_outcome(secretary, item, OutcomeKind.DECISION, text, now=on_the_day)
        db.session.commit()


def _user_by_role(meeting: Meeting, role: str) -> User:
    post = next(p for p in meeting.committee.secretariat_posts if p.is_current(meeting.meeting_date))
    assert post.person.account is not None
    return post.person.account


def _record_meeting(app: Flask) -> dict[str, Any]:
    """Roll call, a declaration, a carried motion and a tied motion decided by the casting vote."""
    with app.app_context():
        meeting = db.session.scalar(select(Meeting).where(Meeting.meeting_date == HELD))
        committee = meeting.committee
        secretary = db.session.scalar(select(User).join(Person).where(Person.email == "helen.nesbitt@example.org"))
        chair_user = db.session.scalar(select(User).join(Person).where(Person.email == "morgan.adair@example.org"))
        members = [m.person for m in committee.members_on(HELD)]
        for person in members[:11]:
            record_attendance(secretary, meeting, person, Attendance.PRESENT, arrived_at=time(10))
        record_attendance(secretary, meeting, members[11], Attendance.APOLOGIES)
        from govapp.models import AgendaItem

        item = AgendaItem(meeting=meeting, position=5, title="Notification: Child Q (pseudonym)")
        db.session.add(item)
        db.session.flush()
        record_declaration(secretary, item, members[3], "Line manager of the social worker", now=AT)
        first = propose_motion(secretary, item, "That the Panel recommends a CMR to the Board.", members[1])
        open_vote(secretary, first, now=AT)
        voters = [p for i, p in enumerate(members[:11]) if i != 3]
        for index, person in enumerate(voters):
            record_vote(secretary, first, person, VoteChoice.FOR if index < 7 else VoteChoice.AGAINST, now=AT)
        close_vote(secretary, first, now=AT)
        second = propose_motion(secretary, item, "That the agency is asked for a chronology.", members[2])
        open_vote(secretary, second, now=AT)
        for index, person in enumerate(voters[:8]):
            record_vote(secretary, second, person, VoteChoice.FOR if index % 2 else VoteChoice.AGAINST, now=AT)
        close_vote(secretary, second, now=AT)
        give_casting_vote(chair_user, second, "for", now=AT)
        add_action(secretary, item, "Write to the Board with the recommendation", members[0], date(2026, 10, 15))
        db.session.commit()
        return {"meeting_id": meeting.id, "item_id": item.id, "declared": members[3].full_name}


def _post(client: FlaskClient, page_url: str, url: str, data: dict[str, Any] | None = None) -> Any:
    token = csrf_token_from(client.get(page_url).get_data(as_text=True))
    return client.post(url, data={"csrf_token": token, **(data or {})})


def _document(response: Any) -> str:
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment")
    document = docx.Document(io.BytesIO(response.data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text for cell in row.cells))
    for section in document.sections:
        parts += [p.text for p in section.header.paragraphs]
    return "\n".join(parts)


def test_the_secretariat_drafts_circulates_and_the_chair_signs_the_minutes(app: Flask, world: World) -> None:
    record = _record_meeting(app)
    page = f"/meetings/{record['meeting_id']}/minutes"
    secretariat = app.test_client()
    sign_in(secretariat, world.email("secretariat"), world.password)
    get_page(secretariat, page)
    assert _post(secretariat, page, page + "/start").status_code == 302

    # A member cannot read the working draft before it is circulated.
    member = app.test_client()
    sign_in(member, world.email("member"), world.password)
    assert "not been circulated yet" in get_page(member, page, status=403).text()

    shown = get_page(secretariat, page)
    assert "Line manager" not in shown.text()  # natures of interest are in the document, not the summary
    item_form = shown.soup.find("form", action=f"{page}/items/{record['item_id']}")
    version = item_form.find("input", attrs={"name": f"item-{record['item_id']}-version"})["value"]
    save = _post(
        secretariat,
        page,
        f"{page}/items/{record['item_id']}",
        {
            f"item-{record['item_id']}-summary": "The Panel considered the notification.",
            f"item-{record['item_id']}-version": version,
        },
    )
    assert save.status_code == 302

    # A second editor who opened the same version gets a clear conflict, with both texts on the page.
    clash = _post(
        secretariat,
        page,
        f"{page}/items/{record['item_id']}",
        {f"item-{record['item_id']}-summary": "My competing words.", f"item-{record['item_id']}-version": version},
    )
    assert clash.status_code == 409
    html = clash.get_data(as_text=True)
    assert "Someone else saved this item" in html
    assert "The Panel considered the notification." in html and "My competing words." in html

    assert _post(secretariat, page, page + "/circulate").status_code == 302
    with app.app_context():
        sent = db.session.scalars(select(OutboxMessage).where(OutboxMessage.kind == "minutes")).all()
        assert len(sent) == 12  # every member of the Panel
    draft = _document(member.get(page.replace("/minutes", "/minutes.docx")))
    for expected in (
        "DRAFT",
        "Notification: Child Q (pseudonym)",
        "The Panel considered the notification.",
        record["declared"],
        "Line manager of the social worker",
        "For: 7. Against: 3. Abstentions: 0.",
        "For: 4. Against: 4. Abstentions: 0.",
        "The Chair used the casting vote: for.",
        "Write to the Board with the recommendation",
        "Morgan Adair (Chair)",  # present, the Chair first
    ):
        assert expected in draft, expected
    with app.app_context():
        meeting = db.session.get(Meeting, record["meeting_id"])
        names = [m.person.full_name for m in meeting.committee.members_on(HELD)]
    assert names[11] in draft  # the member who sent apologies
    # Votes by name: every voter appears in the vote tables with how they voted.
    assert f"{names[1]} | For" in draft and f"{names[8]} | Against" in draft

    comment = _post(member, page, page + "/comments", {"comment-text": "Item 5: the notifying agency was the Trust."})
    assert comment.status_code == 302
    assert "the notifying agency was the Trust" in get_page(secretariat, page).text()

    amended = _post(
        secretariat, page, page + "/amendments", {"amendment-text": "Item 5: 'school' replaced by 'Trust'."}
    )
    assert amended.status_code == 302
    chair = app.test_client()
    sign_in(chair, world.email("chair"), world.password)
    # Not yet: at the meeting of 5 November no quorum was recorded for the item that approves them.
    refusal = get_page(chair, page).soup.find(id="not-yet-signable")
    assert refusal is not None and "was not quorate, so the minutes were not approved" in refusal.get_text()
    assert chair.get(page + "/sign").status_code == 403
    _approve_at(app, date(2026, 11, 5))
    # Signing is confirmed on a page that shows the approval and the hash of what is signed.
    confirm = get_page(chair, page + "/sign", title="Sign the minutes of Thursday 1 October 2026")
    assert "The minutes of the previous meeting were agreed" in confirm.text()
    shown = confirm.soup.find(id="sha256").get_text()
    token = csrf_token_from(confirm.html)
    assert chair.post(page + "/sign", data={"csrf_token": token, "sha256": shown}).status_code == 302
    with app.app_context():
        minutes = db.session.scalar(select(Minutes).where(Minutes.meeting_id == record["meeting_id"]))
        signature = minutes.signature
        assert signature.signed_at_meeting.meeting_date == date(2026, 11, 5)
        digest = signature.sha256
        assert digest == shown  # exactly the document the Chair was shown
    # The approving meeting's own minutes record the amendment and the signature under its standing item.
    with app.app_context():
        from govapp.services.records import minutes_data

        approving = db.session.scalar(select(Meeting).where(Meeting.meeting_date == date(2026, 11, 5)))
        item = next(i for i in minutes_data(approving).items if i.title == "Minutes of the previous meeting")
        assert item.outcome == (
            "The minutes of the meeting on 1 October 2026 were agreed with these amendments: "
            "Item 5: 'school' replaced by 'Trust'., and signed by the Chair."
        )
    approved = member.get(page.replace("/minutes", "/minutes.docx"))
    assert hashlib.sha256(approved.data).hexdigest() == digest
    assert "Signed" in _document(approved) and "Morgan Adair" in _document(approved)

    # Signed minutes are refused for editing, and nothing changes.
    locked = _post(
        secretariat,
        page,
        f"{page}/items/{record['item_id']}",
        {f"item-{record['item_id']}-summary": "A silent change.", f"item-{record['item_id']}-version": "2"},
    )
    assert locked.status_code == 409
    assert "cannot be edited" in locked.get_data(as_text=True)
    assert "A silent change." not in get_page(member, page).text()


def test_an_admin_without_a_committee_role_cannot_open_minutes(app: Flask, world: World) -> None:
    record = _record_meeting(app)
    admin = app.test_client()
    sign_in(admin, world.email("admin"), world.password)
    get_page(admin, f"/meetings/{record['meeting_id']}/minutes", status=403)
    assert admin.get(f"/meetings/{record['meeting_id']}/minutes.docx").status_code == 403


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed (make test installs it)")
def test_libreoffice_opens_and_renders_the_draft_minutes(app: Flask, world: World) -> None:
    record = _record_meeting(app)
    page = f"/meetings/{record['meeting_id']}/minutes"
    secretariat = app.test_client()
    sign_in(secretariat, world.email("secretariat"), world.password)
    _post(secretariat, page, page + "/start")
    response = secretariat.get(page.replace("/minutes", "/minutes.docx") + "?format=pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", "-", "-"], input=response.data, capture_output=True, check=True, timeout=60
        ).stdout.decode()
        assert "DRAFT" in text
        assert "casting vote" in text


def test_the_notice_agenda_pack_register_and_action_log_download_as_word(app: Flask, world: World) -> None:
    record = _record_meeting(app)
    secretariat = app.test_client()
    sign_in(secretariat, world.email("secretariat"), world.password)
    pack = _document(secretariat.get(f"/meetings/{record['meeting_id']}/agenda-pack.docx"))
    assert "Notification: Child Q (pseudonym)" in pack and "OFFICIAL-SENSITIVE" in pack
    register = _document(secretariat.get("/committees/cmr-panel/attendance-register.docx?year=2026"))
    assert "Morgan Adair" in register
    log = _document(secretariat.get("/committees/cmr-panel/action-log.docx"))
    assert "Write to the Board with the recommendation" in log
    assert secretariat.get("/committees/cmr-panel/attendance-register.docx?year=1").status_code == 400
    officer = app.test_client()
    sign_in(officer, world.email("officer"), world.password)
    assert officer.get(f"/meetings/{record['meeting_id']}/agenda-pack.docx").status_code == 403


def test_the_next_meetings_page_links_the_minutes_of_the_previous_meeting(app: Flask, world: World) -> None:
    record = _record_meeting(app)
    page = f"/meetings/{record['meeting_id']}/minutes"
    secretariat = app.test_client()
    sign_in(secretariat, world.email("secretariat"), world.password)
    _post(secretariat, page, page + "/start")
    _post(secretariat, page, page + "/circulate")
    with app.app_context():
        following = db.session.scalar(select(Meeting).where(Meeting.meeting_date == date(2026, 11, 5)))
        following_id = following.id
    member = app.test_client()
    sign_in(member, world.email("member"), world.password)
    shown = get_page(member, f"/meetings/{following_id}")
    link = shown.soup.find("a", string=lambda s: s and s.startswith("Minutes of the previous meeting"))
    assert link is not None and link["href"] == page
    # ... and so does the standing item on its agenda.
    agenda = get_page(member, f"/meetings/{following_id}/agenda")
    row = next(r for r in agenda.soup.find_all("tr") if "Minutes of the previous meeting" in r.get_text())
    assert row.find("a", href=page) is not None


def test_the_notice_document_names_its_signer_and_capacity_and_downloads_are_recorded(app: Flask, world: World) -> None:
    from govapp.models import AuditEvent
    from govapp.services.notices import serve_notice
    from govapp.services.notices import sign_notice

    with app.app_context():
        meeting = db.session.scalar(select(Meeting).where(Meeting.meeting_date == date(2026, 12, 3)))
        officer = db.session.scalar(select(User).join(Person).where(Person.email == world.email("secretariat")))
        notice = sign_notice(officer, meeting, now=datetime(2026, 11, 23, 9, tzinfo=UTC))
        serve_notice(officer, notice, now=datetime(2026, 11, 23, 10, tzinfo=UTC))
        db.session.commit()
        meeting_id = meeting.id
    member = app.test_client()
    sign_in(member, world.email("member"), world.password)
    text = _document(member.get(f"/meetings/{meeting_id}/notice.docx"))
    assert "Helen Nesbitt" in text and "on behalf of the Chair" in text
    assert "Thursday 3 December 2026" in text
    with app.app_context():
        events = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "download_notice")).all()
        assert [e.actor_label for e in events] == [world.email("member")]
