"""The decision pages: the secretariat records the findings and the recommendation from the page, a
Board member agrees in writing from the Board page, and the letters download only for the Panel and
the Board, each download kept in the audit record."""

from __future__ import annotations

import io
from datetime import UTC
from datetime import date
from datetime import datetime
from datetime import time
from typing import Any

import pytest
from docx import Document
from flask import Flask
from sqlalchemy import select

from govapp import clock
from govapp.extensions import db
from govapp.models import Attendance
from govapp.models import AuditEvent
from govapp.models import Case
from govapp.models import CommitteeKind
from govapp.models import MemberRole
from govapp.models import VoteChoice
from govapp.services.committees import appoint_member
from govapp.services.committees import create_committee
from govapp.services.proceedings import record_attendance
from govapp.services.voting import close_vote
from govapp.services.voting import open_vote
from govapp.services.voting import propose_motion
from govapp.services.voting import record_vote
from tests.cases.conftest import _build
from tests.cases.conftest import notify_child_a
from tests.conftest import csrf_token_from
from tests.conftest import get_page
from tests.conftest import sign_in
from tests.factories import PASSWORD
from tests.factories import make_account

AT_THE_MEETING = datetime(2027, 1, 7, 11, tzinfo=UTC)


@pytest.fixture
def decided(app: Flask, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """A case on the 7 January agenda whose motion to recommend a review was carried, and a Board."""
    monkeypatch.setattr(clock, "now", lambda: AT_THE_MEETING)
    with app.app_context():
        built = _build()
        case = notify_child_a(built.trust_rep.user, built.panel, built.trust).case
        secretary = built.setup.secretariat
        assert secretary is not None
        for person in [built.setup.chair.person, *(m.person for m in built.setup.members)]:
            record_attendance(secretary.user, case.meeting, person, Attendance.PRESENT, arrived_at=time(10))
        members = built.setup.members
        motion = propose_motion(secretary.user, case.agenda_item, "That a review be recommended.", members[0].person)
        open_vote(secretary.user, motion, now=AT_THE_MEETING)
        for account in [built.setup.chair, *members]:
            record_vote(secretary.user, motion, account.person, VoteChoice.FOR, now=AT_THE_MEETING)
        close_vote(secretary.user, motion, now=AT_THE_MEETING)
        board = create_committee(None, name="Safeguarding Board", short_name="SBNI Board", kind=CommitteeKind.BOARD)
        board_members = [make_account(full_name=f"Board Member {n}") for n in range(3)]
        for n, account in enumerate(board_members):
            role = MemberRole.CHAIR if n == 0 else MemberRole.MEMBER
            appoint_member(None, board, account.person, role=role, agency=None, starts_on=date(2026, 4, 1))
        outsider = make_account(full_name="Outsider")
        db.session.commit()
        return {
            "reference": case.reference,
            "motion": str(motion.id),
            "secretary": secretary.email,
            "board": [a.email for a in board_members],
            "outsider": outsider.email,
        }


def _client(app: Flask, email: str) -> Any:
    client = app.test_client()
    sign_in(client, email, PASSWORD)
    return client


def test_the_secretariat_records_the_recommendation_and_the_board_agrees_in_writing(
    app: Flask, decided: dict[str, Any]
) -> None:
    reference = decided["reference"]
    office = _client(app, decided["secretary"])
    assert f"{reference}, Child A: record the Panel's findings and recommendation" in get_page(office, "/").text()
    url = f"/cases/{reference}/recommendation"
    page = get_page(office, url, title=f"Recommendation – {reference}")
    form = {
        "csrf_token": csrf_token_from(page.html),
        "motion": decided["motion"],
        "recommendation": "review",
        "terms_of_reference": "How the agencies worked together.",
        "methodology": "IARs and a chronology.",
        "involves_death_or_proceedings": "no",
        "family_to_be_told": "no",
        "finding_a": "yes",
        "finding_b_i": "yes",
        "finding_b_ii": "unknown",
        "finding_b_iii": "unknown",
        "finding_c": "no",
        "finding_d": "yes",
    }
    refused = office.post(url, data=form)
    assert refused.status_code == 200 and "the recorded findings give “notify only”" in refused.get_data(as_text=True)
    assert office.post(url, data={**form, "finding_c": "yes"}).status_code == 302
    assert "record the Panel's findings" not in get_page(office, "/").text()
    waiting = f"{reference}, Child A: the Panel recommends a review"
    assert waiting in get_page(_client(app, decided["board"][0]), "/").text()

    for email in decided["board"][:2]:
        member = _client(app, email)
        board_url = f"/cases/{reference}/board"
        board_page = get_page(member, board_url)
        answer = member.post(
            board_url,
            data={
                "agree-csrf_token": csrf_token_from(board_page.html),
                "agree-decision": "commission",
                "agree-agreed": "yes",
                "agree-submit": "Record my written agreement",
            },
        )
        assert answer.status_code == 302
    with app.app_context():
        case = db.session.scalar(select(Case))
        assert case is not None and case.board_decision == "commission" and case.board_route == "writing"
        letter_ids = [letter.id for letter in case.letters]
    assert letter_ids, "the letters are made"
    assert waiting not in get_page(_client(app, decided["board"][0]), "/").text()
    shown = get_page(_client(app, decided["board"][2]), f"/cases/{reference}")
    assert "Commissioned a review" in shown.html and 'id="answers"' not in shown.html, "the Board sees decisions only"
    clocks = get_page(office, f"/cases/{reference}").soup.find(id="clocks")
    assert clocks is not None and "The Board's decision (in writing)" in clocks.get_text(" ", strip=True)

    download = office.get(f"/cases/{reference}/letters/{letter_ids[-1]}")
    assert download.status_code == 200
    assert download.headers["Content-Type"].startswith("application/vnd.openxmlformats")
    text = "\n".join(p.text for p in Document(io.BytesIO(download.data)).paragraphs)
    assert reference in text and "decided to commission a Case Management Review" in text
    assert _client(app, decided["outsider"]).get(f"/cases/{reference}/letters/{letter_ids[-1]}").status_code == 403
    with app.app_context():
        assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "download_case_letter")) is not None
