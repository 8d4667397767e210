"""Minutes: due dates, optimistic locking, circulation, approval at the next meeting, signing and locking."""

from __future__ import annotations

import hashlib
from datetime import UTC
from datetime import date
from datetime import datetime
from datetime import time

import pytest
from sqlalchemy import select

from govapp.extensions import db
from govapp.models import ClosureDay
from govapp.models import MeetingStatus
from govapp.models import MinutesStatus
from govapp.models import OutboxMessage
from govapp.models import WhenAndWhere
from govapp.services import ConflictError
from govapp.services import ServiceError
from govapp.services.convening import schedule_meeting
from govapp.services.minutes import EditConflict
from govapp.services.minutes import circulate_minutes
from govapp.services.minutes import comment_on_minutes
from govapp.services.minutes import minutes_due
from govapp.services.minutes import record_amendment
from govapp.services.minutes import save_item_summary
from govapp.services.minutes import sign_minutes
from govapp.services.minutes import start_minutes
from tests.proceedings.conftest import NOW
from tests.proceedings.conftest import Panel

LATER = datetime(2026, 12, 10, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("meeting_day", "due"),
    [
        (date(2026, 3, 5), date(2026, 4, 8)),  # 17 March, Good Friday and Easter Monday skipped
        (date(2026, 12, 10), date(2027, 1, 13)),  # Christmas Day, Boxing Day (substitute 28th) and New Year's Day
        (date(2027, 3, 4), date(2027, 4, 7)),  # 17 March, Good Friday (26 March) and Easter Monday 2027 skipped
    ],
)
def test_draft_minutes_are_due_within_21_working_days_across_easter_and_christmas(
    panel: Panel, meeting_day: date, due: date
) -> None:
    meeting = schedule_meeting(None, panel.committee, WhenAndWhere(meeting_day, time(10)))
    assert minutes_due(meeting) == due


def test_an_organisation_closure_day_moves_the_minutes_due_date(panel: Panel) -> None:
    before = minutes_due(panel.meeting)
    db.session.add(ClosureDay(day=date(2026, 12, 4), description="Office move"))
    db.session.flush()
    assert minutes_due(panel.meeting) > before


def test_two_concurrent_edits_give_one_clear_conflict_and_no_lost_text(panel: Panel) -> None:
    minutes = start_minutes(panel.secretary, panel.meeting)
    entry = next(e for e in minutes.item_minutes if e.agenda_item_id == panel.item.id)
    version = entry.row_version  # both writers opened the same version
    save_item_summary(
        panel.secretary, minutes, panel.item, "The Panel considered the notification.", based_on_version=version
    )
    with pytest.raises(EditConflict) as conflict:
        save_item_summary(
            panel.secretary, minutes, panel.item, "The Panel discussed the case.", based_on_version=version
        )
    assert conflict.value.theirs == "The Panel considered the notification."
    assert conflict.value.yours == "The Panel discussed the case."
    # Saving again on top of the current version works; the first writer's text was never overwritten silently.
    merged = "The Panel considered the notification and discussed the case."
    save_item_summary(panel.secretary, minutes, panel.item, merged, based_on_version=conflict.value.current_version)
    assert entry.summary == merged


def test_circulating_sends_the_draft_to_every_member_through_the_outbox(panel: Panel) -> None:
    minutes = start_minutes(panel.secretary, panel.meeting)
    circulation = circulate_minutes(panel.secretary, minutes, b"draft-docx", now=LATER, link="http://govapp/minutes/1")
    assert minutes.status == MinutesStatus.CIRCULATED
    assert (circulation.version, circulation.sha256) == (1, hashlib.sha256(b"draft-docx").hexdigest())
    messages = db.session.scalars(select(OutboxMessage).where(OutboxMessage.kind == "minutes")).all()
    assert sorted(m.to_address for m in messages) == sorted(p.email for p in panel.everyone)
    assert all("version 1" in m.subject and "http://govapp/minutes/1" in m.body_text for m in messages)
    comment = comment_on_minutes(
        panel.chair_user, minutes, "Item 5: the agency was the Trust, not the school.", now=LATER
    )
    assert comment.version == 1


def test_the_chair_signs_at_the_next_meeting_and_signed_minutes_are_locked(panel: Panel) -> None:
    minutes = start_minutes(panel.secretary, panel.meeting)
    save_item_summary(panel.secretary, minutes, panel.item, "Original text.", based_on_version=1)
    circulate_minutes(panel.secretary, minutes, b"draft", now=LATER, link="x")
    next_meeting = schedule_meeting(None, panel.committee, WhenAndWhere(date(2027, 1, 7), time(10)))
    with pytest.raises(ServiceError, match="next meeting, which has not taken place"):
        sign_minutes(panel.chair_user, minutes, b"approved", now=LATER, today=date(2026, 12, 10))
    with pytest.raises(ServiceError, match="Only the Chair"):
        sign_minutes(panel.secretary, minutes, b"approved", now=LATER, today=date(2027, 1, 7))
    record_amendment(
        panel.secretary, minutes, "Item 5: 'school' replaced by 'Trust'.", at_meeting=next_meeting, now=LATER
    )
    panel.approve_previous_minutes_at(next_meeting)
    signature = sign_minutes(
        panel.chair_user, minutes, b"approved-docx", now=datetime(2027, 1, 7, 12, tzinfo=UTC), today=date(2027, 1, 7)
    )
    assert signature.sha256 == hashlib.sha256(b"approved-docx").hexdigest()
    assert signature.signed_at_meeting == next_meeting
    assert minutes.is_locked
    with pytest.raises(ConflictError, match="approved and signed"):
        save_item_summary(panel.secretary, minutes, panel.item, "Silently changed.", based_on_version=2)
    entry = next(e for e in minutes.item_minutes if e.agenda_item_id == panel.item.id)
    assert entry.summary == "Original text."
    # A later correction is a new, recorded amendment.
    correction = record_amendment(
        panel.secretary, minutes, "Date of birth corrected.", at_meeting=next_meeting, now=LATER
    )
    assert correction.after_signing


def test_a_cancelled_next_meeting_is_not_the_approving_meeting(panel: Panel) -> None:
    minutes = start_minutes(panel.secretary, panel.meeting)
    circulate_minutes(panel.secretary, minutes, b"draft", now=LATER, link="x")
    cancelled = schedule_meeting(None, panel.committee, WhenAndWhere(date(2027, 1, 7), time(10)))
    cancelled.status = MeetingStatus.CANCELLED
    approving = schedule_meeting(None, panel.committee, WhenAndWhere(date(2027, 2, 4), time(10)))
    panel.approve_previous_minutes_at(approving)
    signature = sign_minutes(panel.chair_user, minutes, b"signed", now=LATER, today=date(2027, 2, 4))
    assert signature.signed_at_meeting == approving


def _chair_asked_to_sign(panel: Panel, today: date) -> bool:
    """Whether the Chair's home page lists the minutes of the panel's meeting to sign."""
    from govapp.home.todo import todo_list

    sections = {s.key: s for s in todo_list(panel.chair_user, today).sections}
    titles = [e.title for e in sections["minutes-to-sign"].entries] if "minutes-to-sign" in sections else []
    return any("Sign the approved minutes" in title for title in titles)


def test_minutes_are_not_signed_unless_a_quorate_item_recorded_their_approval(panel: Panel) -> None:
    minutes = start_minutes(panel.secretary, panel.meeting)
    circulate_minutes(panel.secretary, minutes, b"draft", now=LATER, link="x")
    approving = schedule_meeting(None, panel.committee, WhenAndWhere(date(2027, 1, 7), time(10)))
    signed_on = {"now": datetime(2027, 1, 7, 12, tzinfo=UTC), "today": date(2027, 1, 7)}
    panel.approve_previous_minutes_at(approving, present=5, outcome="")  # inquorate, nothing recorded
    with pytest.raises(ServiceError, match="was not quorate, so the minutes were not approved"):
        sign_minutes(panel.chair_user, minutes, b"approved", **signed_on)  # type: ignore[arg-type]
    assert not _chair_asked_to_sign(panel, date(2027, 1, 7))
    panel.approve_previous_minutes_at(approving, present=9, outcome="")  # quorate now, still no approval
    with pytest.raises(ServiceError, match="No approval of these minutes is recorded"):
        sign_minutes(panel.chair_user, minutes, b"approved", **signed_on)  # type: ignore[arg-type]
    assert minutes.status == MinutesStatus.CIRCULATED
    assert not _chair_asked_to_sign(panel, date(2027, 1, 7)), "the home page offers only what may be signed"
    panel.approve_previous_minutes_at(approving, present=9)
    assert _chair_asked_to_sign(panel, date(2027, 1, 7))
    with pytest.raises(ConflictError, match="changed since you opened the page"):
        sign_minutes(panel.chair_user, minutes, b"approved", confirmed_sha256="0" * 64, **signed_on)  # type: ignore[arg-type]
    sha = hashlib.sha256(b"approved").hexdigest()
    assert sign_minutes(panel.chair_user, minutes, b"approved", confirmed_sha256=sha, **signed_on).sha256 == sha  # type: ignore[arg-type]


def test_the_minutes_record_arrivals_departures_and_each_items_quorum(panel: Panel) -> None:
    import io

    import docx

    from govapp.documents.minutes import build_minutes
    from govapp.models import Attendance
    from govapp.services.proceedings import record_attendance
    from govapp.services.proceedings import record_declaration
    from govapp.services.records import minutes_data

    late, leaver = panel.members[0], panel.members[1]
    for person in panel.everyone:
        arrived = time(10, 20) if person == late else time(10)
        departed = time(11, 45) if person == leaver else None
        record_attendance(
            panel.secretary, panel.meeting, person, Attendance.PRESENT, arrived_at=arrived, departed_at=departed
        )
    record_declaration(panel.secretary, panel.item, panel.members[2], "Line manager of the social worker", now=NOW)
    data = minutes_data(panel.meeting)
    assert f"{late.full_name} (arrived 10:20am)" in data.present
    assert f"{leaver.full_name} (left 11:45am)" in data.present
    (case,) = [item for item in data.items if item.title == panel.item.title]
    # Nine present, less the member who declared an interest and the one who has left: 7 (6 needed).
    assert case.quorum == "Quorate: 7 of the 6 members needed are present."
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(build_minutes(data))).paragraphs)
    assert "arrived 10:20am" in text and "left 11:45am" in text
    assert "Quorum: Quorate: 7 of the 6 members needed are present." in text


def test_the_circulated_copy_that_is_kept_says_when_it_was_circulated(panel: Panel) -> None:
    import dataclasses
    import io

    import docx

    from govapp.documents.minutes import build_minutes
    from govapp.services.records import minutes_data

    minutes = start_minutes(panel.secretary, panel.meeting)
    document = build_minutes(
        dataclasses.replace(minutes_data(panel.meeting, minutes), version=2, circulated_on=date(2026, 12, 14))
    )
    circulation = circulate_minutes(panel.secretary, minutes, document, now=LATER, link="x")
    kept = docx.Document(io.BytesIO(circulation.document))
    assert kept.paragraphs[1].text == "Version 2, circulated on Monday 14 December 2026."
