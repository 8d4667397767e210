"""Shared set-up for requisition tests: the test Panel, its people, signatures on fixed dates."""

from __future__ import annotations

from datetime import UTC
from datetime import date
from datetime import datetime
from datetime import time

from sqlalchemy import select

from govapp.extensions import db
from govapp.models import Committee
from govapp.models import Meeting
from govapp.models import Notice
from govapp.models import Person
from govapp.models import Requisition
from govapp.models import User
from govapp.models import WhenAndWhere
from govapp.services.requisitions import sign_requisition
from govapp.services.requisitions import start_requisition
from tests.conftest import World


def panel() -> Committee:
    committee = db.session.scalar(select(Committee).where(Committee.slug == "cmr-panel"))
    assert committee is not None
    return committee


def user(email: str) -> User:
    found = db.session.scalar(select(User).join(Person).where(Person.email == email))
    assert found is not None, email
    return found


def noon(day: date) -> datetime:
    return datetime.combine(day, time(12, 0), tzinfo=UTC)


def requisition_signed_by(world: World, signatures: int, *, on: date) -> Requisition:
    """A requisition started by the first member and signed by ``signatures`` members in all, on ``on``."""
    members = [user(email) for email in world.accounts["member"]]
    assert signatures <= len(members)
    requisition = start_requisition(
        members[0],
        panel(),
        purpose="To consider the serious incident notification received in February",
        business="Whether to recommend that the Board commission a Case Management Review",
        today=on,
        now=noon(on),
    )
    for member in members[1:signatures]:
        sign_requisition(member, requisition, today=on, now=noon(on))
    return requisition


def meeting_on(day: date) -> Meeting:
    meeting = db.session.scalar(select(Meeting).where(Meeting.meeting_date == day))
    if meeting is None:
        from govapp.services.convening import schedule_meeting

        meeting = schedule_meeting(None, panel(), WhenAndWhere(day, time(14, 0)))
    return meeting


def serve_notice(meeting: Meeting, on: date) -> Notice:
    """A served notice of ``meeting`` (the notices service's own steps are tested in its area)."""
    version = len(db.session.scalars(select(Notice).where(Notice.meeting_id == meeting.id)).all()) + 1
    notice = Notice(meeting=meeting, version=version, signed_capacity="Chair", signed_at=noon(on), served_at=noon(on))
    db.session.add(notice)
    db.session.flush()
    return notice
