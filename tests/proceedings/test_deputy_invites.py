"""An approved deputy is sent the meeting's invite (the same calendar event as everyone's), and the
member and the deputy are both told the Chair's decision."""

from __future__ import annotations

import base64

from icalendar import Calendar
from sqlalchemy import select

from govapp.extensions import db
from govapp.models import OutboxMessage
from govapp.services.accounts import add_person
from govapp.services.invites import send_meeting_invites
from govapp.services.proceedings import decide_deputy_request
from govapp.services.proceedings import request_deputy
from tests.proceedings.conftest import BEFORE
from tests.proceedings.conftest import Panel


def _event(message: OutboxMessage) -> tuple[str, int, list[str]]:
    """The attached invite's UID, SEQUENCE and attendees, parsed back."""
    (attachment,) = message.attachments
    calendar = Calendar.from_ical(base64.b64decode(attachment["data"]))
    (event,) = calendar.walk("VEVENT")
    attendees = event.get("ATTENDEE")
    attendees = attendees if isinstance(attendees, list) else [attendees]
    return str(event["UID"]), int(event["SEQUENCE"]), [str(a) for a in attendees]


def _messages(kind: str) -> list[OutboxMessage]:
    return list(db.session.scalars(select(OutboxMessage).where(OutboxMessage.kind == kind).order_by(OutboxMessage.id)))


def test_an_approved_deputy_receives_the_invite_and_both_are_told(panel: Panel) -> None:
    send_meeting_invites(panel.meeting, now=BEFORE)
    members_invites = _messages("invite")
    deputy = add_person(None, full_name="Deputy Person", email="deputy@example.org")
    request = request_deputy(None, panel.meeting, panel.members[0], deputy, "Member in court all day", now=BEFORE)
    decide_deputy_request(panel.chair_user, request, True, None, now=BEFORE)
    db.session.flush()

    invites = _messages("invite")
    (for_deputy,) = [m for m in invites if m.person_id == deputy.id]
    assert len(invites) == len(members_invites) + 1
    told = {m.person_id: m for m in _messages("deputy-decision")}
    assert set(told) == {panel.members[0].id, deputy.id}
    assert "has agreed that Deputy Person attends" in told[panel.members[0].id].body_text
    assert f"in place of {panel.members[0].full_name}" in told[deputy.id].body_text
    assert for_deputy.subject == members_invites[0].subject
    uid, sequence, attendees = _event(for_deputy)
    assert (uid, sequence) == _event(members_invites[0])[:2]  # the same event in every calendar
    assert "mailto:deputy@example.org" in attendees


def _serve_notice_and_pack(panel: Panel) -> None:
    from govapp.services.notices import serve_notice
    from govapp.services.notices import sign_notice
    from govapp.services.packs import despatch_pack

    notice = sign_notice(panel.chair_user, panel.meeting, now=BEFORE)
    serve_notice(panel.secretary, notice, now=BEFORE)
    despatch_pack(panel.secretary, panel.meeting, now=BEFORE)
    db.session.flush()


def test_a_deputy_approved_after_the_notice_and_pack_went_out_is_sent_both(panel: Panel) -> None:
    from govapp.services.notices import latest_served_notice
    from govapp.services.notices import service_rows

    send_meeting_invites(panel.meeting, now=BEFORE)
    _serve_notice_and_pack(panel)
    notices_before, packs_before = len(_messages("notice")), len(_messages("pack"))
    deputy = add_person(None, full_name="Deputy Person", email="deputy@example.org")
    request = request_deputy(None, panel.meeting, panel.members[0], deputy, "Member in court all day", now=BEFORE)
    decide_deputy_request(panel.chair_user, request, True, None, now=BEFORE)
    db.session.flush()

    (notice_to_deputy,) = [m for m in _messages("notice") if m.person_id == deputy.id]
    (pack_to_deputy,) = [m for m in _messages("pack") if m.person_id == deputy.id]
    assert len(_messages("notice")) == notices_before + 1 and len(_messages("pack")) == packs_before + 1
    assert notice_to_deputy.body_text == _messages("notice")[0].body_text  # the notice the members were served
    assert "Notification: Child A" in pack_to_deputy.body_text
    served = latest_served_notice(panel.meeting)
    assert served is not None
    assert "Deputy Person" in [row.person.full_name for row in service_rows(served)]


def test_a_deputy_refused_is_sent_neither_notice_nor_pack(panel: Panel) -> None:
    _serve_notice_and_pack(panel)
    deputy = add_person(None, full_name="Deputy Person", email="deputy@example.org")
    request = request_deputy(None, panel.meeting, panel.members[0], deputy, "Member in court all day", now=BEFORE)
    decide_deputy_request(panel.chair_user, request, False, "Not exceptional", now=BEFORE)
    db.session.flush()
    assert [m for m in _messages("notice") + _messages("pack") if m.person_id == deputy.id] == []


def test_a_deputy_approved_before_serving_is_served_with_the_members(panel: Panel) -> None:
    deputy = add_person(None, full_name="Deputy Person", email="deputy@example.org")
    request = request_deputy(None, panel.meeting, panel.members[0], deputy, "Member in court all day", now=BEFORE)
    decide_deputy_request(panel.chair_user, request, True, None, now=BEFORE)
    _serve_notice_and_pack(panel)
    recipients = {m.person_id for m in _messages("notice")}
    assert deputy.id in recipients and panel.members[0].id in recipients
    assert deputy.id in {m.person_id for m in _messages("pack")}


def test_an_approved_deputy_present_in_the_members_place_has_the_open_vote_on_their_list(panel: Panel) -> None:
    from datetime import time

    from govapp import clock
    from govapp.home.todo import todo_list
    from govapp.models import Attendance
    from govapp.services.accounts import create_account
    from govapp.services.proceedings import record_attendance
    from govapp.services.voting import open_vote
    from tests.factories import make_motion

    deputy = add_person(None, full_name="Deputy Person", email="deputy@example.org")
    deputy_user = create_account(None, deputy, "granite-heron-linen-falcon")
    request = request_deputy(None, panel.meeting, panel.members[0], deputy, "Member in court all day", now=BEFORE)
    decide_deputy_request(panel.chair_user, request, True, None, now=BEFORE)
    panel.present(panel.chair, *panel.members[1:6])
    record_attendance(
        panel.secretary, panel.meeting, deputy, Attendance.DEPUTY, deputy_for=panel.members[0], arrived_at=time(10)
    )
    motion = make_motion(panel.item, proposer=panel.members[1], seconder=panel.members[2])
    open_vote(panel.secretary, motion, now=clock.now())
    db.session.flush()

    sections = {s.key: s for s in todo_list(deputy_user, clock.today()).sections}
    assert "open-votes" in sections, "the deputy is asked to vote"
    assert [e.title for e in sections["open-votes"].entries] == ["That the Panel notes the report."]
    outsider = create_account(
        None, add_person(None, full_name="Other Person", email="other@example.org"), "granite-heron-linen-falcon"
    )
    assert "open-votes" not in {s.key for s in todo_list(outsider, clock.today()).sections}
