"""The secretariat corrects when a member withdrew from an item and returned, as an amendment with a
reason: the times before stay in the audit record, and signed minutes lock it."""

from __future__ import annotations

from datetime import time

import pytest
from flask import Flask
from sqlalchemy import select

from govapp import rules
from govapp.extensions import db
from govapp.models import Attendance
from govapp.models import AuditEvent
from govapp.models import Declaration
from govapp.services import ServiceError
from govapp.services.proceedings import correct_withdrawal_times
from govapp.services.proceedings import record_attendance
from govapp.services.proceedings import record_declaration
from govapp.services.proceedings import record_return
from tests.conftest import csrf_token_from
from tests.conftest import get_page
from tests.conftest import sign_in
from tests.factories import PASSWORD
from tests.proceedings.conftest import MEETING_DAY
from tests.proceedings.conftest import NOW
from tests.proceedings.conftest import Panel


@pytest.fixture
def at_the_meeting(monkeypatch: pytest.MonkeyPatch) -> None:
    """The clock during the meeting, for page tests that build their own committee."""
    from govapp import clock

    monkeypatch.setattr(clock, "now", lambda: NOW)


def _declared(panel: Panel):  # type: ignore[no-untyped-def]
    panel.present(*panel.everyone)
    declaration = record_declaration(panel.secretary, panel.item, panel.members[0], "A family connection", now=NOW)
    record_return(panel.secretary, declaration, now=NOW)
    db.session.flush()
    return declaration


def _local(moment):  # type: ignore[no-untyped-def]
    return moment.astimezone(rules.LONDON).time()


def test_corrected_times_replace_the_recorded_ones_and_the_old_ones_stay_in_the_audit_record(panel: Panel) -> None:
    declaration = _declared(panel)
    recorded = declaration.withdrew_at.isoformat()
    correct_withdrawal_times(
        panel.secretary,
        declaration,
        withdrew_at=time(10, 5),
        returned_at=time(10, 40),
        reason="The clerk's note shows she left when the item was introduced.",
        now=NOW,
    )
    db.session.flush()
    assert (_local(declaration.withdrew_at), _local(declaration.returned_at)) == (time(10, 5), time(10, 40))
    assert declaration.times_correction == "The clerk's note shows she left when the item was introduced."
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "correct_withdrawal_times"))
    assert event is not None and event.before is not None and event.after is not None
    assert event.before["withdrew_at"] == recorded
    assert event.after["times_correction"] == declaration.times_correction


@pytest.mark.parametrize(
    ("withdrew", "returned", "reason", "words"),
    [
        (time(10, 40), time(10, 5), "Clerk's note", "The return must be at or after the withdrawal"),
        (time(10, 5), None, "   ", "Give the reason for the correction"),
    ],
)
def test_impossible_corrections_are_refused_with_words(
    panel: Panel, withdrew: time, returned: time | None, reason: str, words: str
) -> None:
    declaration = _declared(panel)
    before = (declaration.withdrew_at, declaration.returned_at)
    with pytest.raises(ServiceError, match=words):
        correct_withdrawal_times(
            panel.secretary, declaration, withdrew_at=withdrew, returned_at=returned, reason=reason, now=NOW
        )
    assert (declaration.withdrew_at, declaration.returned_at) == before


def _declared_on_a_page(app: Flask) -> tuple[int, int, str, str]:
    """A meeting today with a member's declaration recorded; the meeting, the declaration and two logins
    (the secretariat's email and another member's), made and committed outside the test's requests."""
    from tests.factories import make_committee
    from tests.factories import make_item
    from tests.factories import make_meeting

    with app.app_context():
        setup = make_committee(members=8)
        assert setup.secretariat is not None
        meeting = make_meeting(setup.committee, on=MEETING_DAY)
        item = make_item(meeting)
        for person in setup.everyone:
            record_attendance(setup.secretariat.user, meeting, person, Attendance.PRESENT, arrived_at=time(10))
        declaration = record_declaration(
            setup.secretariat.user, item, setup.members[0].person, "A family connection", now=NOW
        )
        db.session.commit()
        return meeting.id, declaration.id, setup.secretariat.email, setup.members[1].email


def _times(app: Flask, declaration_id: int) -> tuple[time | None, time | None]:
    with app.app_context():
        found = db.session.get(Declaration, declaration_id)
        assert found is not None
        return (
            _local(found.withdrew_at) if found.withdrew_at else None,
            _local(found.returned_at) if found.returned_at else None,
        )


def test_the_secretariat_corrects_the_times_from_the_console(app: Flask, at_the_meeting: None) -> None:
    meeting_id, declaration_id, secretary, _member = _declared_on_a_page(app)
    client = app.test_client()
    sign_in(client, secretary, PASSWORD)
    address = f"/declarations/{declaration_id}/times"
    assert address in client.get(f"/meetings/{meeting_id}/console").get_data(as_text=True)
    page = get_page(client, address)
    recorded = page.soup.find("input", attrs={"name": "withdrew_at"})
    withdrew, _returned = _times(app, declaration_id)
    assert recorded is not None and withdrew is not None and recorded["value"] == withdrew.strftime("%H:%M")
    answer = client.post(
        address,
        data={
            "csrf_token": csrf_token_from(page.html),
            "withdrew_at": "10:05",
            "returned_at": "10:40am",
            "reason": "The clerk's note shows the times.",
        },
    )
    assert answer.status_code == 302
    assert _times(app, declaration_id) == (time(10, 5), time(10, 40))
    console = get_page(client, f"/meetings/{meeting_id}/console")
    assert "Times corrected: The clerk's note shows the times." in console.text()


def test_a_member_cannot_correct_the_times(app: Flask, at_the_meeting: None) -> None:
    _meeting_id, declaration_id, _secretary, member = _declared_on_a_page(app)
    client = app.test_client()
    sign_in(client, member, PASSWORD)
    assert client.get(f"/declarations/{declaration_id}/times").status_code == 403
    assert client.post(f"/declarations/{declaration_id}/times", data={}).status_code in (400, 403)
