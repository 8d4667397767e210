"""``flask outbox deliver``: sends what is due over SMTP; without SMTP it says so and loses nothing."""

from __future__ import annotations

import pytest
from flask import Flask
from sqlalchemy import select

from govapp.extensions import db
from govapp.models import DeliveryStatus
from govapp.models import OutboxMessage
from govapp.services.outbox import claim_due
from govapp.services.outbox import queue_email
from tests.factories import make_account
from tests.factories import make_committee
from tests.factories import make_meeting
from tests.mail.smtp_server import SmtpServer
from tests.notices.helpers import MEETING_DAY

#: The two people reminded: a member and the Professional Officer.
RECIPIENTS = {"Aoife Brennan": "aoife.brennan@example.org", "Helen Nesbitt": "helen.nesbitt@example.org"}


def _queue_two(app: Flask) -> None:
    """Two reminders for one meeting, one to each of the RECIPIENTS."""
    with app.app_context():
        meeting = make_meeting(make_committee(members=0).committee, on=MEETING_DAY)
        for name, email in RECIPIENTS.items():
            person = make_account(full_name=name, email=email).person
            queue_email(person, kind="reminder", subject="Reminder", body_text="A reminder.", meeting=meeting)
        db.session.commit()
        db.session.remove()


def _statuses(app: Flask) -> list[DeliveryStatus]:
    with app.app_context():
        statuses = [m.status for m in db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id))]
        db.session.remove()
    return statuses


def test_without_smtp_the_command_says_so_exits_non_zero_and_keeps_every_message(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(app.config, "SMTP_HOST", None)
    _queue_two(app)
    result = app.test_cli_runner().invoke(args=["outbox", "deliver", "--once"])
    assert result.exit_code != 0
    assert "SMTP is not configured" in result.output
    assert "2 message(s) wait in the outbox" in result.output
    assert _statuses(app) == [DeliveryStatus.PENDING, DeliveryStatus.PENDING]


def test_the_command_delivers_what_is_due_once_and_exits(
    app: Flask, smtp_server: SmtpServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    for key, value in smtp_server.config().items():
        monkeypatch.setitem(app.config, key, value)
    _queue_two(app)
    result = app.test_cli_runner().invoke(args=["outbox", "deliver", "--once", "--limit", "1"])
    assert result.exit_code == 0, result.output
    assert "Sent 1, will retry 0, failed 0" in result.output
    assert sorted(_statuses(app)) == [DeliveryStatus.PENDING, DeliveryStatus.SENT]
    result = app.test_cli_runner().invoke(args=["outbox", "deliver", "--once"])
    assert "Sent 1," in result.output
    assert _statuses(app) == [DeliveryStatus.SENT, DeliveryStatus.SENT]
    assert len(smtp_server.received) == 2
    assert sorted(r.rcpt_tos[0] for r in smtp_server.received) == sorted(RECIPIENTS.values())


def test_two_workers_never_claim_the_same_message_on_postgresql(app: Flask) -> None:
    _queue_two(app)
    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            pytest.skip("SQLite has no row locks: one worker is assumed there")
        from datetime import UTC
        from datetime import datetime
        from datetime import timedelta

        from sqlalchemy.orm import Session

        later = datetime.now(UTC) + timedelta(minutes=1)
        first = [m.id for m in claim_due(later, limit=1)]  # this worker holds the lock until it commits
        with Session(db.engine) as other:
            second = [m.id for m in claim_due(later, limit=2, session=other)]  # a second worker
            other.rollback()
        db.session.rollback()
        db.session.remove()
    assert len(first) == 1 and len(second) == 1
    assert first != second
