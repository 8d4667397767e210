"""Helpers for the notice and mail tests: the test Panel, its people and a meeting with an agenda."""

from __future__ import annotations

from datetime import UTC
from datetime import date
from datetime import datetime
from datetime import time

from sqlalchemy import select

from govapp.extensions import db
from govapp.models import AgendaItem
from govapp.models import Committee
from govapp.models import ItemPurpose
from govapp.models import Meeting
from govapp.models import Paper
from govapp.models import Person
from govapp.models import User
from govapp.models import WhenAndWhere
from govapp.services.convening import schedule_meeting

#: The test Panel's meeting of Thursday 3 December 2026: notice by 25 November, papers by 26 November.
MEETING_DAY = date(2026, 12, 3)
ON_TIME = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
LATE = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)


def panel() -> Committee:
    committee = db.session.scalar(select(Committee).where(Committee.slug == "cmr-panel"))
    assert committee is not None
    return committee


def person(name: str) -> Person:
    found = db.session.scalar(select(Person).where(Person.full_name == name))
    assert found is not None, name
    return found


def user(name: str) -> User:
    account = person(name).account
    assert account is not None
    return account


CHAIR = "Morgan Adair"
PROFESSIONAL_OFFICER = "Helen Nesbitt"  # secretariat, authorised by the Chair from 1 April 2026
BUSINESS_SUPPORT = "Jamie Orr"  # secretariat, not authorised
MEMBER = "Aoife Brennan"


def meeting_on(day: date = MEETING_DAY) -> Meeting:
    committee = panel()
    found = db.session.scalar(select(Meeting).where(Meeting.committee_id == committee.id, Meeting.meeting_date == day))
    if found is None:
        found = schedule_meeting(None, committee, WhenAndWhere(day, time(10), ends_at=time(12, 30)))
    return found


def add_item(meeting: Meeting, title: str, *, presenter: str | None = None) -> AgendaItem:
    position = max((i.position for i in meeting.agenda_items), default=0) + 1
    item = AgendaItem(
        meeting=meeting, position=position, title=title, purpose=ItemPurpose.DECISION, presenter=presenter
    )
    db.session.add(item)
    db.session.flush()
    return item


def add_paper(item: AgendaItem, title: str) -> Paper:
    paper = Paper(
        meeting_id=item.meeting_id,
        agenda_item=item,
        title=title,
        original_filename="paper.pdf",
        content_type="application/pdf",
        size_bytes=1234,
        sha256="0" * 64,
        storage_key=f"test-{title.lower().replace(' ', '-')}",
    )
    db.session.add(paper)
    db.session.flush()
    return paper
