"""Calendar invites and feeds for meetings, through the outbox.

- **Invites.** Every member on the meeting's date gets an invite (``METHOD:REQUEST``) when the
  meeting is called, an update (same UID, higher SEQUENCE) when it is rescheduled, and a cancellation
  (``METHOD:CANCEL``) when it is cancelled, all through the outbox in the same transaction. The
  organiser is ``MAIL_FROM`` (the secretariat's mailbox), named "<committee> secretariat", so replies
  go to the secretariat rather than to the Chair, who is also an attendee.
- **Links** in invites are built from ``BASE_URL`` (:func:`meeting_url`), never from a request's host.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from datetime import datetime
from datetime import timedelta
from email.utils import parseaddr

from flask import current_app
from flask import has_app_context
from sqlalchemy import select

from govapp import calendar as ics
from govapp.extensions import db
from govapp.extensions import rows
from govapp.formatting import clock_time
from govapp.formatting import long_date
from govapp.formatting import place
from govapp.links import meeting_url
from govapp.models import Committee
from govapp.models import DeputyRequest
from govapp.models import Meeting
from govapp.models import MeetingStatus
from govapp.models import Membership
from govapp.models import Person
from govapp.models import RequestDecision
from govapp.models import SecretariatPost
from govapp.services.outbox import Attachment
from govapp.services.outbox import queue_email


def calendar_meeting(meeting: Meeting) -> ics.CalendarMeeting:
    return ics.CalendarMeeting(
        uid=meeting.ics_uid,
        sequence=meeting.ics_sequence,
        committee_short_name=meeting.committee.short_name,
        **meeting.when_and_where(),
        cancelled=meeting.status == MeetingStatus.CANCELLED,
        page_url=meeting_url(meeting) if meeting.id is not None else None,
    )


def organiser_of(committee: Committee, day: date) -> ics.Person:
    """The invite's organiser: ``MAIL_FROM`` as the committee's secretariat, else the Chair."""
    configured = str(current_app.config.get("MAIL_FROM") or "") if has_app_context() else ""
    _name, address = parseaddr(configured)
    if "@" in address:
        return ics.Person(f"{committee.short_name} secretariat", address)
    chair = committee.chair_on(day)
    if chair is not None:
        return ics.Person(chair.person.full_name, chair.person.email)
    return ics.Person(f"{committee.short_name} secretariat", "govapp@localhost")


def approved_deputies(meeting: Meeting) -> list[Person]:
    """The deputies the Chair approved to attend ``meeting`` in a member's place, by name."""
    return rows(
        select(Person)
        .join(DeputyRequest, DeputyRequest.deputy_id == Person.id)
        .where(DeputyRequest.meeting_id == meeting.id, DeputyRequest.status == RequestDecision.APPROVED)
        .order_by(Person.full_name)
    )


def invite_attendees(meeting: Meeting) -> list[Person]:
    """Who is invited, and sent the notice and the agenda and papers: the members (the Chair included)
    on the meeting's date, and the deputies the Chair approved to attend in a member's place."""
    members = [m.person for m in meeting.committee.members_on(meeting.meeting_date)]
    known = {p.id for p in members}
    return members + [d for d in approved_deputies(meeting) if d.id not in known]


def meeting_invite(meeting: Meeting, *, now: datetime) -> bytes:
    """The meeting's current invite: a request, or a cancellation once it is cancelled."""
    return ics.build_invite(
        calendar_meeting(meeting),
        organiser=organiser_of(meeting.committee, meeting.meeting_date),
        attendees=[ics.Person(p.full_name, p.email) for p in invite_attendees(meeting)],
        stamp=now,
    )


def _when(meeting: Meeting) -> str:
    return f"{long_date(meeting.meeting_date)} at {clock_time(meeting.starts_at)}"


def send_meeting_invites(
    meeting: Meeting, *, now: datetime, update: bool = False, to: Sequence[Person] | None = None
) -> None:
    """Queue the meeting's invite (or update, or cancellation) to every attendee, or only to ``to`` (a
    deputy approved after the invites went out), in this transaction. Everyone's invite has the same
    UID and SEQUENCE, so each calendar holds one event."""
    db.session.flush()
    data = meeting_invite(meeting, now=now)
    name = f"{meeting.committee.short_name} meeting"
    url = meeting_url(meeting)
    cancelled = meeting.status == MeetingStatus.CANCELLED
    if cancelled:
        kind, method = "invite-cancel", "CANCEL"
        subject = f"Cancelled: {name}, {_when(meeting)}"
        opening = f"The {name} on {_when(meeting)} has been cancelled."
        if meeting.cancelled_reason:
            opening += f"\n\nReason: {meeting.cancelled_reason}"
    else:
        kind, method = "invite", "REQUEST"
        subject = f"{'Updated' if update else 'Invitation'}: {name}, {_when(meeting)}"
        where = place(meeting.location, meeting.online_link)
        change = "has been rescheduled. It will now be held on" if update else "will be held on"
        opening = f"The {name} {change} {_when(meeting)}, {where}."
    body = opening
    if meeting.online_link and not cancelled:
        body += f"\n\nJoin online: {meeting.online_link}"
    body += "\n\nThe attached calendar file updates your calendar."
    if url:
        body += f"\n\nDetails, the agenda and papers (sign in to see them): {url}"
    body += "\n\nThis meeting is not open to the public. Do not forward this email."
    attachment = Attachment("meeting.ics", f"text/calendar; method={method}", data)
    for person in invite_attendees(meeting) if to is None else to:
        queue_email(
            person, kind=kind, subject=subject, body_text=body, attachments=[attachment], meeting=meeting, now=now
        )


def send_cancellation_to(meeting: Meeting, person: Person, *, now: datetime) -> None:
    """Take the meeting out of one person's calendar (they left the committee before it): a
    ``METHOD:CANCEL`` with the meeting's UID and SEQUENCE, naming only them, while the meeting stands
    for everyone else."""
    data = ics.build_invite(
        calendar_meeting(meeting),
        organiser=organiser_of(meeting.committee, meeting.meeting_date),
        attendees=[ics.Person(person.full_name, person.email)],
        stamp=now,
        cancel=True,
    )
    name = f"{meeting.committee.short_name} meeting"
    queue_email(
        person,
        kind="invite-cancel",
        subject=f"Removed from your calendar: {name}, {_when(meeting)}",
        body_text=(
            f"You are no longer a member of the {meeting.committee.name} on {long_date(meeting.meeting_date)}, "
            f"so the {name} on {_when(meeting)} is taken out of your calendar. The meeting itself goes ahead."
            "\n\nThe attached calendar file updates your calendar."
        ),
        attachments=[Attachment("meeting.ics", "text/calendar; method=CANCEL", data)],
        meeting=meeting,
        now=now,
    )


def meetings_for_person(person: Person, today: date, *, months_back: int = 12) -> list[Meeting]:
    """The meetings of the person's committees while they were a member or secretariat there.

    Meetings of the past ``months_back`` months and every future one, cancelled ones included.
    """
    since = today - timedelta(days=round(months_back * 365 / 12))
    places: list[tuple[int, date, date | None]] = []
    for membership in db.session.scalars(select(Membership).where(Membership.person_id == person.id)):
        places.append((membership.committee_id, membership.starts_on, membership.ends_on))
    for post in db.session.scalars(select(SecretariatPost).where(SecretariatPost.person_id == person.id)):
        places.append((post.committee_id, post.starts_on, post.ends_on))
    if not places:
        return []
    meetings = db.session.scalars(
        select(Meeting)
        .where(Meeting.committee_id.in_({c for c, _s, _e in places}), Meeting.meeting_date >= since)
        .order_by(Meeting.meeting_date, Meeting.starts_at)
    ).all()
    return [
        m
        for m in meetings
        if any(
            c == m.committee_id and start <= m.meeting_date and (end is None or m.meeting_date <= end)
            for c, start, end in places
        )
    ]


def person_feed(person: Person, today: date, *, now: datetime) -> bytes:
    """The person's calendar subscription feed."""
    meetings = [calendar_meeting(m) for m in meetings_for_person(person, today)]
    return ics.build_feed(meetings, name="Your committee meetings (govapp)", stamp=now)
