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
from govapp.services.proceedings import decide_deputy_request, request_deputy
from tests.proceedings.conftest import BEFORE, Panel


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
