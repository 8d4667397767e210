"""The outbox worker delivers over a real SMTP server (aiosmtpd on loopback), retrying with back-off."""

from __future__ import annotations

from datetime import UTC
from datetime import datetime
from datetime import timedelta

import pytest
from flask import Flask
from icalendar import Calendar
from icalendar import Event
from sqlalchemy import select

from govapp.extensions import db
from govapp.mail import MailSettings
from govapp.mail import SmtpSender
from govapp.models import DeliveryStatus
from govapp.models import OutboxMessage
from govapp.services.notices import serve_notice
from govapp.services.notices import sign_notice
from govapp.services.outbox import Attachment
from govapp.services.outbox import backoff
from govapp.services.outbox import deliver_due
from govapp.services.outbox import queue_email
from tests.conftest import World
from tests.mail.smtp_server import SmtpServer
from tests.mail.smtp_server import free_port
from tests.notices.helpers import CHAIR
from tests.notices.helpers import ON_TIME
from tests.notices.helpers import PROFESSIONAL_OFFICER
from tests.notices.helpers import add_item
from tests.notices.helpers import meeting_on
from tests.notices.helpers import panel
from tests.notices.helpers import person
from tests.notices.helpers import user


def _settings(server: SmtpServer) -> MailSettings:
    settings = MailSettings.from_config(server.config())
    assert settings is not None
    return settings


def _deliver_all(sender: SmtpSender, now: datetime, max_attempts: int = 8) -> int:
    sent = 0
    while True:
        report = deliver_due(now, sender, limit=5, max_attempts=max_attempts)
        db.session.commit()
        sent += report.sent
        if not report.tried:
            return sent


def _serve(now: datetime = ON_TIME) -> list[OutboxMessage]:
    meeting = meeting_on()
    add_item(meeting, "Notification 2026/14: whether to recommend a CMR")
    notice = sign_notice(user(PROFESSIONAL_OFFICER), meeting, now=now)
    serve_notice(user(PROFESSIONAL_OFFICER), notice, now=now)
    db.session.commit()
    return [s.outbox_message for s in notice.services if s.outbox_message]


def _statuses() -> list[DeliveryStatus]:
    return [m.status for m in db.session.scalars(select(OutboxMessage).where(OutboxMessage.kind == "notice"))]


def test_the_worker_delivers_a_served_notice_to_every_member_and_marks_it_sent(
    app_ctx: Flask, world: World, smtp_server: SmtpServer
) -> None:
    messages = _serve()
    with SmtpSender(_settings(smtp_server)) as sender:
        assert _deliver_all(sender, ON_TIME) == 12
    assert set(_statuses()) == {DeliveryStatus.SENT}
    assert all(m.sent_at == ON_TIME and m.attempts == 1 for m in messages)
    received = smtp_server.received
    members = {m.person.email for m in panel().members_on(meeting_on().meeting_date)}
    assert sorted(r.rcpt_tos[0] for r in received) == sorted(members)
    assert all(len(r.rcpt_tos) == 1 and r.mail_from == "cmr-panel@sbni.example.org" for r in received)
    email = received[0].message
    assert email["Subject"] == "Notice of meeting: CMR Panel, Thursday 3 December 2026"
    assert email["To"] == received[0].rcpt_tos[0]
    body = email.get_content()
    assert "OFFICIAL-SENSITIVE" in body
    assert "5. Notification 2026/14: whether to recommend a CMR (for decision)" in body
    assert "Signed: Helen Nesbitt, on behalf of the Chair (Morgan Adair)" in body
    assert not list(email.iter_attachments())  # never papers


def test_no_message_is_lost_while_the_smtp_server_is_down(
    app_ctx: Flask, world: World, smtp_server: SmtpServer
) -> None:
    _serve()
    smtp_server.stop()
    with SmtpSender(_settings(smtp_server)) as sender:
        assert _deliver_all(sender, ON_TIME) == 0
        messages = db.session.scalars(select(OutboxMessage).where(OutboxMessage.kind == "notice")).all()
        assert {m.status for m in messages} == {DeliveryStatus.PENDING}
        assert {m.attempts for m in messages} == {1}
        assert {m.next_attempt_at for m in messages} == {ON_TIME + timedelta(minutes=1)}
        assert all("Could not reach the mail server" in (m.last_error or "") for m in messages)
        # Not due again until the back-off has passed.
        assert deliver_due(ON_TIME + timedelta(seconds=30), sender).tried == 0
        smtp_server.start()
        later = ON_TIME + timedelta(minutes=2)
        assert _deliver_all(sender, later) == 12
        assert _deliver_all(sender, later + timedelta(hours=1)) == 0
    assert {m.status for m in messages} == {DeliveryStatus.SENT}
    assert {m.attempts for m in messages} == {2}
    ids = [r.message["Message-ID"] for r in smtp_server.received]
    assert len(ids) == 12 and len(set(ids)) == 12  # every member's notice arrived exactly once


def test_after_the_last_attempt_a_message_is_failed_and_the_rest_still_go(
    app_ctx: Flask, world: World, smtp_server: SmtpServer
) -> None:
    _serve()
    closed = MailSettings(host="127.0.0.1", port=free_port(), mail_from="govapp@example.org", timeout=2)
    now = ON_TIME
    with SmtpSender(closed) as sender:
        for attempt in range(1, 4):
            report = deliver_due(now, sender, limit=50, max_attempts=3)
            db.session.commit()
            assert report.tried == 12
            now += backoff(attempt)
    assert set(_statuses()) == {DeliveryStatus.FAILED}
    with SmtpSender(_settings(smtp_server)) as sender:
        assert _deliver_all(sender, now + timedelta(days=1)) == 0  # a failed message is not retried on its own


def test_a_recipient_the_server_refuses_fails_at_once_and_the_others_are_sent(
    app_ctx: Flask, world: World, smtp_server: SmtpServer
) -> None:
    smtp_server.inbox.refuse.add(person("Owen Kerr").email)
    _serve()
    with SmtpSender(_settings(smtp_server)) as sender:
        assert _deliver_all(sender, ON_TIME) == 11
    refused = db.session.scalar(select(OutboxMessage).where(OutboxMessage.to_address == person("Owen Kerr").email))
    assert refused is not None and refused.status == DeliveryStatus.FAILED and refused.attempts == 1
    assert "550" in (refused.last_error or "")


def test_a_calendar_invite_carries_the_ics_as_a_text_calendar_request_part(
    app_ctx: Flask, world: World, smtp_server: SmtpServer
) -> None:
    meeting = meeting_on()
    calendar = Calendar()
    calendar.add("prodid", "-//govapp tests//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "REQUEST")
    event = Event()
    event.add("uid", meeting.ics_uid)
    event.add("summary", "CMR Panel meeting")
    event.add("dtstart", datetime(2026, 12, 3, 10, 0, tzinfo=UTC))
    calendar.add_component(event)
    queue_email(
        person(CHAIR),
        kind="invite",
        subject="Invitation: CMR Panel, Thursday 3 December 2026",
        body_text="You are invited.",
        attachments=[Attachment("invite.ics", "text/calendar; method=REQUEST", calendar.to_ical())],
        meeting=meeting,
        now=ON_TIME,
    )
    db.session.commit()
    with SmtpSender(_settings(smtp_server)) as sender:
        assert _deliver_all(sender, ON_TIME) == 1
    email = smtp_server.received[0].message
    parts = {part.get_content_type(): part for part in email.walk()}
    assert email.get_content_type() == "multipart/alternative"
    assert parts["text/plain"].get_content().strip() == "You are invited."
    ics = parts["text/calendar"]
    assert ics.get_param("method") == "REQUEST"
    parsed = Calendar.from_ical(ics.get_content())
    assert str(parsed["method"]) == "REQUEST"
    assert str(parsed.walk("VEVENT")[0]["uid"]) == meeting.ics_uid


@pytest.mark.parametrize(("attempts", "minutes"), [(0, 0), (1, 1), (2, 2), (3, 4), (4, 8), (6, 32), (7, 60), (30, 60)])
def test_the_back_off_doubles_and_is_capped_at_an_hour(attempts: int, minutes: int) -> None:
    assert backoff(attempts) == timedelta(minutes=minutes)
