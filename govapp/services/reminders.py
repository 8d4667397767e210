"""Reminders, written to the outbox by ``flask --app wsgi reminders send`` (run it once a day).

- **Members**: a reminder of each meeting two days before it (the papers are in govapp).
- **Secretariat**: the notice deadline three days ahead while no notice giving the meeting's date has
  been served; and the draft-minutes deadline five working days ahead (or once overdue) while no draft
  has been circulated.

Each reminder goes once: a reminder already in the outbox for that meeting and person is not repeated,
so running the command twice in a day, or every day, is safe.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import select

from govapp import rules
from govapp.extensions import db
from govapp.formatting import clock_time
from govapp.formatting import long_date
from govapp.links import meeting_url
from govapp.models import Committee
from govapp.models import Meeting
from govapp.models import MeetingStatus
from govapp.models import Minutes
from govapp.models import MinutesCirculation
from govapp.models import OutboxMessage
from govapp.models import Person
from govapp.services.calendars import working_calendar
from govapp.services.minutes import minutes_due
from govapp.services.notices import latest_served_notice
from govapp.services.notices import states_meeting_date
from govapp.services.outbox import queue_email
from govapp.services.timeline import DEADLINE_REACH
from govapp.sources import ReminderReport
from govapp.sources import reminder_source

MEETING_REMINDER_DAYS = 2
NOTICE_REMINDER_DAYS = 3
MINUTES_REMINDER_WORKING_DAYS = 5


def _already_sent(kind: str, meeting: Meeting, person: Person) -> bool:
    return (
        db.session.scalar(
            select(OutboxMessage.id).where(
                OutboxMessage.kind == kind, OutboxMessage.meeting_id == meeting.id, OutboxMessage.person_id == person.id
            )
        )
        is not None
    )


def _send(
    report: ReminderReport, kind: str, meeting: Meeting, people: Iterable[Person], subject: str, body: str
) -> None:
    for person in people:
        if not _already_sent(kind, meeting, person):
            queue_email(person, kind=kind, subject=subject, body_text=body, meeting=meeting)
            report.add(kind)


def _secretariat(committee: Committee, day: date) -> list[Person]:
    return [post.person for post in committee.secretariat_posts if post.is_current(day)]


@reminder_source
def meeting_reminders(today: date, report: ReminderReport) -> None:
    """The meetings area's reminders (flushed, not committed): to members of a meeting two days ahead,
    and to the secretariat of a notice or draft minutes coming due. ``govapp.sources.queue_reminders``
    walks this with every other registered source."""
    calendar = working_calendar()
    meetings = db.session.scalars(
        select(Meeting)
        .where(Meeting.status != MeetingStatus.CANCELLED, Meeting.meeting_date >= today - DEADLINE_REACH)
        .order_by(Meeting.meeting_date)
    ).all()
    for meeting in meetings:
        committee = meeting.committee
        orders = committee.standing_orders
        name = f"{committee.short_name} meeting on {long_date(meeting.meeting_date)}"
        upcoming = meeting.status == MeetingStatus.SCHEDULED and meeting.meeting_date >= today
        if upcoming and (meeting.meeting_date - today).days <= MEETING_REMINDER_DAYS:
            _send(
                report,
                "reminder",
                meeting,
                [m.person for m in committee.members_on(meeting.meeting_date)],
                f"Reminder: {name}",
                f"The {name} starts at {clock_time(meeting.starts_at)}"
                f"{', ' + meeting.location if meeting.location else ''}.\n\n"
                f"The agenda and papers are in govapp: {meeting_url(meeting)}\n\n"
                "If you cannot attend, send your apologies there.\n\nOFFICIAL-SENSITIVE\n",
            )
        notice_deadline = rules.notice_deadline(meeting.meeting_date, orders=orders)
        served = latest_served_notice(meeting)
        notice_missing = served is None or not states_meeting_date(served)
        if upcoming and notice_missing and 0 <= (notice_deadline - today).days <= NOTICE_REMINDER_DAYS:
            _send(
                report,
                "notice-reminder",
                meeting,
                _secretariat(committee, today),
                f"Notice due by {long_date(notice_deadline)}: {name}",
                f"No notice of the {name} has been served. The standing orders require it at least "
                f"{orders.notice_clear_days} clear days before the meeting: by {long_date(notice_deadline)}.\n\n"
                f"{meeting_url(meeting)}/notice\n",
            )
        if meeting.meeting_date < today and meeting.status != MeetingStatus.INQUORATE:
            circulated = db.session.scalar(
                select(MinutesCirculation.id)
                .join(Minutes, MinutesCirculation.minutes_id == Minutes.id)
                .where(Minutes.meeting_id == meeting.id)
            )
            due = minutes_due(meeting)
            if (
                circulated is None
                and rules.add_working_days(today, MINUTES_REMINDER_WORKING_DAYS, calendar=calendar) >= due
            ):
                overdue = today > due
                _send(
                    report,
                    "minutes-reminder",
                    meeting,
                    _secretariat(committee, today),
                    f"Draft minutes {'overdue' if overdue else 'due'} by {long_date(due)}: {name}",
                    f"The draft minutes of the {name} {'were' if overdue else 'are'} due to be circulated to every "
                    f"member by {long_date(due)} ({orders.minutes_working_days} working days after the meeting).\n\n"
                    f"{meeting_url(meeting)}/minutes\n",
                )
    db.session.flush()
