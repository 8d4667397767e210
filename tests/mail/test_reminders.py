"""Reminders: meetings for members, the notice and minutes deadlines for the secretariat; each sent once,
and delivered over a real SMTP server."""

from __future__ import annotations

from datetime import UTC
from datetime import date
from datetime import datetime
from datetime import time

from flask import Flask
from sqlalchemy import select

from govapp.extensions import db
from govapp.mail import MailSettings
from govapp.mail import SmtpSender
from govapp.models import OutboxMessage
from govapp.models import WhenAndWhere
from govapp.services.convening import schedule_meeting
from govapp.services.minutes import circulate_minutes
from govapp.services.minutes import start_minutes
from govapp.services.notices import serve_notice
from govapp.services.notices import sign_notice
from govapp.services.outbox import deliver_due
from govapp.sources import queue_reminders
from tests.conftest import World
from tests.mail.smtp_server import SmtpServer
from tests.notices.helpers import CHAIR
from tests.notices.helpers import PROFESSIONAL_OFFICER
from tests.notices.helpers import meeting_on
from tests.notices.helpers import panel
from tests.notices.helpers import user

SECRETARIAT = {"helen.nesbitt@example.org", "jamie.orr@example.org"}


def _kinds(kind: str) -> list[OutboxMessage]:
    return list(db.session.scalars(select(OutboxMessage).where(OutboxMessage.kind == kind)))


def test_the_secretariat_is_reminded_of_the_notice_deadline_until_the_notice_is_served(
    app_ctx: Flask, world: World
) -> None:
    # Meeting 3 December 2026: notice by 25 November; the reminder comes from 22 November.
    assert queue_reminders(date(2026, 11, 21)).queued.get("notice-reminder") is None
    report = queue_reminders(date(2026, 11, 22))
    assert report.queued["notice-reminder"] == 2
    assert {m.to_address for m in _kinds("notice-reminder")} == SECRETARIAT
    assert "by Wednesday 25 November 2026" in _kinds("notice-reminder")[0].subject
    # Never twice.
    assert queue_reminders(date(2026, 11, 23)).queued.get("notice-reminder") is None
    # Once served, a later meeting's reminder is the only one.
    meeting = meeting_on(date(2026, 12, 3))
    serve_notice(
        user(CHAIR),
        sign_notice(user(CHAIR), meeting, now=datetime(2026, 11, 23, 9, tzinfo=UTC)),
        now=datetime(2026, 11, 23, 10, tzinfo=UTC),
    )
    assert len(_kinds("notice-reminder")) == 2


def test_members_are_reminded_two_days_before_the_meeting(app_ctx: Flask, world: World) -> None:
    report = queue_reminders(date(2026, 12, 1))
    assert report.queued["reminder"] == 12
    message = _kinds("reminder")[0]
    assert message.subject == "Reminder: CMR Panel meeting on Thursday 3 December 2026"
    assert "/meetings/" in message.body_text and "OFFICIAL-SENSITIVE" in message.body_text
    assert queue_reminders(date(2026, 12, 2)).queued.get("reminder") is None


def test_minutes_reminders_come_five_working_days_before_the_due_date_and_stop_once_circulated(
    app_ctx: Flask, world: World
) -> None:
    # The meeting of 1 October 2026: draft minutes due by 30 October 2026.
    held = meeting_on(date(2026, 10, 1))

    def reminded(meeting_id: int) -> list[OutboxMessage]:
        return [m for m in _kinds("minutes-reminder") if m.meeting_id == meeting_id]

    queue_reminders(date(2026, 10, 22))
    assert reminded(held.id) == []
    queue_reminders(date(2026, 10, 23))
    assert {m.to_address for m in reminded(held.id)} == SECRETARIAT
    assert reminded(held.id)[0].subject == (
        "Draft minutes due by Friday 30 October 2026: CMR Panel meeting on Thursday 1 October 2026"
    )
    # Circulated minutes are not reminded again; uncirculated ones of a later meeting are.
    secretary = user(PROFESSIONAL_OFFICER)
    circulate_minutes(
        secretary, start_minutes(secretary, held), b"draft", now=datetime(2026, 10, 26, tzinfo=UTC), link="x"
    )
    later = schedule_meeting(None, panel(), WhenAndWhere(date(2026, 10, 15), time(10)))
    queue_reminders(date(2026, 11, 9))
    assert len(reminded(held.id)) == 2
    assert {m.to_address for m in reminded(later.id)} == SECRETARIAT


def test_reminders_are_delivered_over_smtp(app_ctx: Flask, world: World, smtp_server: SmtpServer) -> None:
    queue_reminders(date(2026, 12, 1))
    db.session.commit()
    settings = MailSettings.from_config(smtp_server.config())
    assert settings is not None
    now = datetime(2026, 12, 1, 6, tzinfo=UTC)
    with SmtpSender(settings) as sender:
        while deliver_due(now, sender, limit=20, max_attempts=8).tried:
            db.session.commit()
    subjects = {r.message["Subject"] for r in smtp_server.received}
    assert "Reminder: CMR Panel meeting on Thursday 3 December 2026" in subjects
    assert len([r for r in smtp_server.received if r.message["Subject"].startswith("Reminder:")]) == 12


def test_the_reminders_command_says_what_it_wrote(app: Flask, world: World) -> None:
    result = app.test_cli_runner().invoke(args=["reminders", "send"])
    assert result.exit_code == 0, result.output
    # On 23 November 2026 the notice of the 3 December meeting is due by the 25th: the secretariat is reminded.
    assert "2 notice-reminder messages written to the outbox." in result.output
