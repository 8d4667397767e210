"""A membership change flows to the meetings it touches: a member leaving gets a calendar cancellation
for the meetings after their last day; a member joining gets the invite (the same UID and SEQUENCE as
everyone's), the served notice (recorded as served late on them) and the papers; quorum figures follow."""

from __future__ import annotations

import base64
from datetime import UTC
from datetime import date
from datetime import datetime

import pytest
from flask import Flask
from icalendar import Calendar
from sqlalchemy import select

from govapp.extensions import db
from govapp.models import Agency
from govapp.models import AgencyKind
from govapp.models import MemberRole
from govapp.models import OutboxMessage
from govapp.models import Person
from govapp.rules import quorum_required
from govapp.services import ConflictError
from govapp.services import ServiceError
from govapp.services.accounts import add_person
from govapp.services.memberships import add_member
from govapp.services.memberships import appoint_chair
from govapp.services.memberships import end_membership
from govapp.services.notices import latest_served_notice
from govapp.services.notices import serve_notice
from govapp.services.notices import service_rows
from govapp.services.notices import sign_notice
from tests.factories import CommitteeSetup
from tests.factories import make_committee
from tests.factories import make_meeting

NOW = datetime(2026, 11, 23, 10, tzinfo=UTC)
DECEMBER = date(2026, 12, 10)
FEBRUARY = date(2027, 2, 4)


@pytest.fixture
def panel(app_ctx: Flask) -> CommitteeSetup:
    setup = make_committee(members=8)
    make_meeting(setup.committee, on=DECEMBER, send_invites=True)
    make_meeting(setup.committee, on=FEBRUARY, send_invites=True)
    db.session.flush()
    return setup


def _messages(person: Person, kind: str) -> list[OutboxMessage]:
    query = select(OutboxMessage).where(OutboxMessage.person_id == person.id, OutboxMessage.kind == kind)
    return list(db.session.scalars(query.order_by(OutboxMessage.id)))


def _event(message: OutboxMessage) -> tuple[str, str, int, list[str]]:
    (attachment,) = message.attachments
    calendar = Calendar.from_ical(base64.b64decode(attachment["data"]))
    (event,) = calendar.walk("VEVENT")
    attendees = event.get("ATTENDEE")
    attendees = attendees if isinstance(attendees, list) else [attendees]
    return str(calendar["METHOD"]), str(event["UID"]), int(event["SEQUENCE"]), [str(a) for a in attendees]


def test_a_member_leaving_gets_a_cancellation_for_each_meeting_after_their_last_day(panel: CommitteeSetup) -> None:
    leaver = panel.members[0]
    membership = next(m for m in panel.committee.memberships if m.person_id == leaver.person.id)
    (december_invite, february_invite) = _messages(leaver.person, "invite")
    end_membership(None, membership, ends_on=date(2026, 12, 31), now=NOW)
    db.session.flush()

    (cancel,) = _messages(leaver.person, "invite-cancel")
    method, uid, sequence, attendees = _event(cancel)
    assert method == "CANCEL"
    assert (uid, sequence) == _event(february_invite)[1:3], "the February event, by its UID"
    assert attendees == [f"mailto:{leaver.person.email}"]
    assert "goes ahead" in cancel.body_text
    assert leaver.person.id not in {m.person_id for m in panel.committee.members_on(FEBRUARY)}
    assert leaver.person.id in {m.person_id for m in panel.committee.members_on(DECEMBER)}
    assert _event(december_invite)[0] == "REQUEST"


def test_a_member_joining_gets_the_invites_notice_and_papers_already_sent(panel: CommitteeSetup) -> None:
    assert panel.secretariat is not None
    december = next(m for m in panel.committee.meetings if m.meeting_date == DECEMBER)
    notice = sign_notice(panel.chair.user, december, now=NOW)
    serve_notice(panel.secretariat.user, notice, now=NOW)
    a_member = panel.members[0].person
    required_before = quorum_required(len(panel.committee.members_on(DECEMBER)))

    agency = Agency(name="Youth Justice Agency", kind=AgencyKind.YOUTH_JUSTICE)
    db.session.add(agency)
    joiner = add_person(None, full_name="New Member", email="new@example.org")
    membership = add_member(None, panel.committee, joiner, agency=agency, starts_on=date(2026, 12, 1), now=NOW)
    db.session.flush()

    assert membership.agency == "Youth Justice Agency" and membership.represents is agency
    invites = _messages(joiner, "invite")
    assert len(invites) == 2
    theirs = {_event(m)[1]: _event(m) for m in invites}
    for existing in _messages(a_member, "invite"):
        method, uid, sequence, _ = _event(existing)
        assert theirs[uid][:3] == (method, uid, sequence), "the same event in every calendar"
    (served_on_them,) = _messages(joiner, "notice")
    assert served_on_them.body_text == _messages(a_member, "notice")[0].body_text
    served = latest_served_notice(december)
    assert served is not None
    row = next(r for r in service_rows(served) if r.person.id == joiner.id)
    assert row.served_late
    assert not next(r for r in service_rows(served) if r.person.id == a_member.id).served_late
    assert quorum_required(len(panel.committee.members_on(DECEMBER))) >= required_before


def test_a_member_joining_after_a_meeting_is_not_sent_it(panel: CommitteeSetup) -> None:
    joiner = add_person(None, full_name="Later Member", email="later@example.org")
    add_member(None, panel.committee, joiner, agency=None, starts_on=date(2027, 1, 1), now=NOW)
    db.session.flush()
    (only,) = _messages(joiner, "invite")
    assert "4 February 2027" in only.subject


def test_a_new_chair_takes_the_chair_from_a_date(panel: CommitteeSetup) -> None:
    incoming = panel.members[1].person
    chair = appoint_chair(None, panel.committee, incoming, agency=None, starts_on=date(2027, 1, 1), now=NOW)
    db.session.flush()
    assert chair.role == MemberRole.CHAIR
    assert panel.committee.is_chair(panel.chair.person.id, DECEMBER)
    assert panel.committee.is_chair(incoming.id, FEBRUARY)
    assert _messages(incoming, "invite-cancel") == [], "no gap: the new Chair's calendar is untouched"
    (cancel,) = _messages(panel.chair.person, "invite-cancel")
    assert "4 February 2027" in cancel.subject
    with pytest.raises(ConflictError, match="already the Chair"):
        appoint_chair(None, panel.committee, incoming, agency=None, starts_on=date(2027, 3, 1), now=NOW)


def test_an_impossible_end_date_is_refused_with_words(panel: CommitteeSetup) -> None:
    membership = panel.committee.memberships[1]
    with pytest.raises(ServiceError, match="on or after the membership began"):
        end_membership(None, membership, ends_on=date(2020, 1, 1), now=NOW)
