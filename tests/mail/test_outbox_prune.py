"""The outbox does not grow without limit: the copies of messages sent long ago are dropped, the record
of their sending stays."""

from __future__ import annotations

from datetime import UTC
from datetime import datetime
from datetime import timedelta

from flask import Flask
from sqlalchemy import select

from govapp.extensions import db
from govapp.models import DeliveryStatus
from govapp.models import OutboxMessage
from govapp.services.outbox import PRUNED
from govapp.services.outbox import Attachment
from govapp.services.outbox import queue_email
from tests.factories import make_account

NOW = datetime(2026, 11, 23, 10, tzinfo=UTC)


def test_prune_drops_old_copies_and_keeps_the_record(app: Flask) -> None:
    with app.app_context():
        person = make_account(full_name="Member Person").person
        old = queue_email(
            person,
            kind="invite",
            subject="Invitation",
            body_text="The meeting will be held on ...",
            attachments=[Attachment("meeting.ics", "text/calendar", b"BEGIN:VCALENDAR")],
            now=NOW - timedelta(days=400),
        )
        recent = queue_email(person, kind="notice", subject="Notice", body_text="Notice of meeting", now=NOW)
        waiting = queue_email(person, kind="pack", subject="Pack", body_text="Agenda", now=NOW - timedelta(days=400))
        for message, sent in ((old, NOW - timedelta(days=400)), (recent, NOW - timedelta(days=10))):
            message.status, message.sent_at = DeliveryStatus.SENT, sent
        db.session.commit()
        ids = (old.id, recent.id, waiting.id)
    runner = app.test_cli_runner()
    result = runner.invoke(args=["outbox", "prune", "--older-than", "365"])
    assert result.exit_code == 0 and "Pruned 1 message(s)" in result.output
    again = runner.invoke(args=["outbox", "prune", "--older-than", "365"])
    assert "Pruned 0 message(s)" in again.output
    with app.app_context():
        old_row, recent_row, waiting_row = (db.session.get(OutboxMessage, i) for i in ids)
        assert old_row is not None and recent_row is not None and waiting_row is not None
        assert old_row.body_text == PRUNED and old_row.attachments == []
        assert (old_row.status, old_row.subject, old_row.to_address) == (
            DeliveryStatus.SENT,
            "Invitation",
            person_email(old_row),
        )
        assert recent_row.body_text == "Notice of meeting", "sent recently: kept"
        assert waiting_row.body_text == "Agenda", "never sent: kept whatever its age"
        assert db.session.scalar(select(OutboxMessage).where(OutboxMessage.body_text == PRUNED)) is not None


def person_email(message: OutboxMessage) -> str:
    assert message.person is not None
    return message.person.email
