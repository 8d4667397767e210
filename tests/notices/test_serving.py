"""Serving the notice on every member, late service, amended notices and the agenda pack."""

from __future__ import annotations

from datetime import UTC
from datetime import datetime
from datetime import timedelta

import pytest
from flask import Flask
from sqlalchemy import func
from sqlalchemy import select

from govapp.extensions import db
from govapp.models import Declaration
from govapp.models import DeclarationKind
from govapp.models import DeliveryStatus
from govapp.models import Notice
from govapp.models import NoticeService
from govapp.models import OutboxMessage
from govapp.models import WhenAndWhere
from govapp.services import ConflictError
from govapp.services import ServiceError
from govapp.services.notices import Late
from govapp.services.notices import serve_notice
from govapp.services.notices import sign_notice
from govapp.services.packs import despatch_pack
from govapp.services.packs import pack_despatched_late
from govapp.services.packs import pack_late_reason
from tests.conftest import World
from tests.notices.helpers import CHAIR
from tests.notices.helpers import LATE
from tests.notices.helpers import MEMBER
from tests.notices.helpers import ON_TIME
from tests.notices.helpers import PROFESSIONAL_OFFICER
from tests.notices.helpers import add_item
from tests.notices.helpers import add_paper
from tests.notices.helpers import meeting_on
from tests.notices.helpers import panel
from tests.notices.helpers import person
from tests.notices.helpers import user


def _count(model: type) -> int:
    return db.session.scalar(select(func.count()).select_from(model)) or 0


def test_serving_a_notice_writes_one_outbox_message_per_member_in_the_same_transaction(
    app_ctx: Flask, world: World
) -> None:
    meeting = meeting_on()
    notice = sign_notice(user(CHAIR), meeting, now=ON_TIME)
    serve_notice(user(PROFESSIONAL_OFFICER), notice, now=ON_TIME)
    db.session.commit()
    members = panel().members_on(meeting.meeting_date)
    assert len(members) == 12
    assert _count(OutboxMessage) == 12
    assert sorted(s.person.email for s in notice.services) == sorted(m.person.email for m in members)
    for service in notice.services:
        message = service.outbox_message
        assert message is not None
        assert message.kind == "notice" and message.status == DeliveryStatus.PENDING
        assert message.to_address == service.person.email
        assert message.meeting_id == meeting.id
        assert message.next_attempt_at == ON_TIME
    assert notice.served_at == ON_TIME
    assert notice.served_by == user(PROFESSIONAL_OFFICER)
    assert notice.served_late is False


def test_nothing_is_queued_or_recorded_if_the_transaction_rolls_back(app_ctx: Flask, world: World) -> None:
    meeting = meeting_on()
    notice = sign_notice(user(CHAIR), meeting, now=ON_TIME)
    db.session.commit()
    serve_notice(user(PROFESSIONAL_OFFICER), notice, now=ON_TIME)
    assert _count(OutboxMessage) == 12  # visible inside the transaction...
    db.session.rollback()
    assert _count(OutboxMessage) == 0  # ...and gone with it
    assert _count(NoticeService) == 0
    assert db.session.get(Notice, notice.id).served_at is None  # type: ignore[union-attr]


def test_a_member_cannot_serve_a_notice(app_ctx: Flask, world: World) -> None:
    notice = sign_notice(user(CHAIR), meeting_on(), now=ON_TIME)
    with pytest.raises(ServiceError, match="Only the Chair or the secretariat"):
        serve_notice(user(MEMBER), notice, now=ON_TIME)


def test_a_late_notice_needs_the_confirmation_and_a_reason_and_is_flagged(app_ctx: Flask, world: World) -> None:
    notice = sign_notice(user(CHAIR), meeting_on(), now=LATE)
    with pytest.raises(ServiceError, match="last day to serve notice was Wednesday 25 November 2026") as refused:
        serve_notice(user(PROFESSIONAL_OFFICER), notice, now=LATE)
    assert refused.value.field == "confirm_late"
    with pytest.raises(ServiceError, match="Enter why the notice is late") as no_reason:
        serve_notice(user(PROFESSIONAL_OFFICER), notice, now=LATE, late=Late("  "))
    assert no_reason.value.field == "late_reason"
    assert _count(OutboxMessage) == 0
    serve_notice(user(PROFESSIONAL_OFFICER), notice, now=LATE, late=Late("The Chair was unavailable."))
    assert notice.served_late is True
    assert notice.late_reason == "The Chair was unavailable."
    assert _count(OutboxMessage) == 12


def test_the_last_day_for_notice_is_on_time(app_ctx: Flask, world: World) -> None:
    last_evening = datetime(2026, 11, 25, 23, 30, tzinfo=UTC)  # still 25 November in Belfast (GMT)
    notice = sign_notice(user(CHAIR), meeting_on(), now=last_evening)
    serve_notice(user(CHAIR), notice, now=last_evening)
    assert notice.served_late is False


def test_a_changed_agenda_after_serving_gives_an_amended_notice(app_ctx: Flask, world: World) -> None:
    meeting = meeting_on()
    first = sign_notice(user(CHAIR), meeting, now=ON_TIME)
    serve_notice(user(CHAIR), first, now=ON_TIME)
    with pytest.raises(ConflictError, match="already specifies the meeting and its agenda"):
        sign_notice(user(CHAIR), meeting, now=ON_TIME)
    add_item(meeting, "Urgent notification")
    amended = sign_notice(user(PROFESSIONAL_OFFICER), meeting, now=ON_TIME + timedelta(hours=1))
    assert amended.id != first.id and amended.version == 2
    with pytest.raises(ConflictError, match="already served"):
        serve_notice(user(CHAIR), first, now=ON_TIME)
    serve_notice(user(CHAIR), amended, now=ON_TIME + timedelta(hours=2))
    subjects = {m.subject for m in db.session.scalars(select(OutboxMessage))}
    assert subjects == {
        "Notice of meeting: CMR Panel, Thursday 3 December 2026",
        "Amended notice of meeting: CMR Panel, Thursday 3 December 2026",
    }
    assert "AMENDED NOTICE OF MEETING (version 2)" in amended.services[0].outbox_message.body_text  # type: ignore[union-attr]


def test_a_notice_signed_before_the_agenda_changed_must_be_signed_again(app_ctx: Flask, world: World) -> None:
    meeting = meeting_on()
    notice = sign_notice(user(CHAIR), meeting, now=ON_TIME)
    add_item(meeting, "Another matter")
    with pytest.raises(ServiceError, match="Sign it again"):
        serve_notice(user(CHAIR), notice, now=ON_TIME)


def test_the_notice_email_names_the_business_the_signer_and_links_to_govapp(app_ctx: Flask, world: World) -> None:
    meeting = meeting_on()
    meeting.online_link = "https://meet.example.org/cmr-panel"
    add_item(meeting, "Notification 2026/14", presenter="Ruth Patterson")
    notice = sign_notice(user(PROFESSIONAL_OFFICER), meeting, now=ON_TIME)
    serve_notice(user(PROFESSIONAL_OFFICER), notice, now=ON_TIME)
    body = notice.services[0].outbox_message.body_text  # type: ignore[union-attr]
    assert body.startswith("OFFICIAL-SENSITIVE")
    assert "Date: Thursday 3 December 2026" in body
    assert "Time: 10am to 12:30pm" in body
    assert "Online: https://meet.example.org/cmr-panel" in body
    assert "1. Apologies (for information)" in body
    assert "5. Notification 2026/14 (for decision), presented by Ruth Patterson" in body
    assert "Signed: Helen Nesbitt, on behalf of the Chair (Morgan Adair)" in body
    assert f"http://127.0.0.1:5000/meetings/{meeting.id}" in body


def test_the_pack_lists_each_items_papers_by_title_with_links_and_withholds_a_conflicted_members(
    app_ctx: Flask, world: World
) -> None:
    meeting = meeting_on()
    item = add_item(meeting, "Notification 2026/14")
    paper = add_paper(item, "Chronology of agency involvement")
    db.session.add(
        Declaration(
            agenda_item=item,
            person_id=person("Owen Kerr").id,
            nature="Managed the case",
            kind=DeclarationKind.REGISTERED,
        )
    )
    with pytest.raises(ServiceError, match="Serve the notice of meeting first"):
        despatch_pack(user(PROFESSIONAL_OFFICER), meeting, now=ON_TIME)
    notice = sign_notice(user(CHAIR), meeting, now=ON_TIME)
    serve_notice(user(PROFESSIONAL_OFFICER), notice, now=ON_TIME)
    messages = despatch_pack(user(PROFESSIONAL_OFFICER), meeting, now=ON_TIME)
    assert len(messages) == 12
    assert all(m.kind == "pack" and m.attachments == [] for m in messages)
    by_person = {m.to_address: m.body_text for m in messages}
    link = f"http://127.0.0.1:5000/papers/{paper.id}/download"
    assert f"Paper: Chronology of agency involvement: {link}" in by_person[person(MEMBER).email]
    assert "5. Notification 2026/14 (for decision)" in by_person[person(MEMBER).email]
    assert link not in by_person[person("Owen Kerr").email]
    assert "Papers withheld" in by_person[person("Owen Kerr").email]
    assert meeting.pack_despatched_at == ON_TIME
    assert meeting.pack_despatched_by_id == user(PROFESSIONAL_OFFICER).id
    assert pack_despatched_late(meeting) is False


def test_a_late_pack_needs_confirmation_and_is_shown_late(app_ctx: Flask, world: World) -> None:
    meeting = meeting_on()
    notice = sign_notice(user(CHAIR), meeting, now=ON_TIME)
    serve_notice(user(CHAIR), notice, now=ON_TIME)
    with pytest.raises(ServiceError, match="Thursday 26 November 2026") as refused:
        despatch_pack(user(CHAIR), meeting, now=LATE)
    assert refused.value.field == "confirm_late"
    despatch_pack(user(CHAIR), meeting, now=LATE, late=Late("A paper arrived late."))
    assert pack_despatched_late(meeting) is True
    assert pack_late_reason(meeting) == "A paper arrived late."
    # Despatching again (a paper added) sends an updated pack and keeps the first despatch.
    again = despatch_pack(user(CHAIR), meeting, now=LATE + timedelta(days=1))
    assert again[0].subject.startswith("Updated agenda and papers")
    assert meeting.pack_despatched_at == LATE


def test_a_rescheduled_meeting_needs_an_amended_notice_and_the_first_keeps_its_date(
    app_ctx: Flask, world: World
) -> None:
    from datetime import date
    from datetime import time

    from govapp import rules
    from govapp.services.convening import reschedule_meeting
    from govapp.services.notices import agenda_changed_since
    from govapp.services.notices import notice_text
    from govapp.services.timeline import meeting_timeline

    meeting = meeting_on()
    first = sign_notice(user(CHAIR), meeting, now=ON_TIME)
    serve_notice(user(CHAIR), first, now=ON_TIME)
    reschedule_meeting(
        user(CHAIR),
        meeting,
        WhenAndWhere(date(2026, 12, 10), time(14, 0), ends_at=None, location="Another room", online_link=None),
        today=ON_TIME.date(),
        now=ON_TIME,
    )
    # What was served still says what members were sent.
    assert "Thursday 3 December 2026" in notice_text(first)
    assert agenda_changed_since(first)
    entry = next(e for e in meeting_timeline(meeting, ON_TIME.date()) if e.key == "notice")
    assert entry.done_on is None
    assert entry.detail == "The notice served gives an earlier date: serve an amended notice"
    amended = sign_notice(user(CHAIR), meeting, now=ON_TIME + timedelta(hours=1))
    assert amended.version == 2
    assert "Thursday 10 December 2026" in notice_text(amended) and "Another room" in notice_text(amended)
    serve_notice(user(CHAIR), amended, now=ON_TIME + timedelta(hours=2))
    entry = next(e for e in meeting_timeline(meeting, ON_TIME.date()) if e.key == "notice")
    assert entry.state == rules.MET
