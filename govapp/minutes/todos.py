"""Minutes on the home page: minutes to sign, draft minutes to check, and draft minutes due."""

from __future__ import annotations

from sqlalchemy import or_
from sqlalchemy import select

from govapp import rules
from govapp.extensions import db
from govapp.extensions import rows
from govapp.formatting import long_date
from govapp.home.todo import BLUE
from govapp.home.todo import MINUTES_REMINDER_WORKING_DAYS
from govapp.home.todo import ORANGE
from govapp.home.todo import RED
from govapp.home.todo import YELLOW
from govapp.home.todo import Link
from govapp.home.todo import Tag
from govapp.home.todo import ToDo
from govapp.home.todo import Viewer
from govapp.home.todo import ids
from govapp.home.todo import meeting_name
from govapp.home.todo import meeting_todo
from govapp.home.todo import todo_source
from govapp.models import Committee
from govapp.models import Meeting
from govapp.models import MeetingStatus
from govapp.models import Minutes
from govapp.models import MinutesComment
from govapp.models import MinutesStatus
from govapp.permissions import Action
from govapp.services.calendars import working_calendar
from govapp.services.minutes import approval_of
from govapp.services.minutes import minutes_due


@todo_source(50, "minutes-to-sign", "Minutes to sign", Action.SIGN_MINUTES)
def minutes_to_sign_section(viewer: Viewer, chaired: list[Committee]) -> list[ToDo]:
    entries = []
    for minutes in _minutes_with_status(chaired, MinutesStatus.CIRCULATED):
        approval = approval_of(minutes, viewer.today)
        if approval.refusal is not None or approval.meeting is None:
            continue  # not approved (yet): the minutes page says why
        approving = approval.meeting
        entries.append(
            ToDo(
                title=f"Sign the approved minutes of the {meeting_name(minutes.meeting)}",
                link=Link("minutes.show", {"meeting_id": minutes.meeting_id}),
                hint=f"Submitted for approval at the meeting on {long_date(approving.meeting_date)}",
                tag=Tag("To sign", BLUE),
            )
        )
    return entries


def _minutes_with_status(committees: list[Committee], status: MinutesStatus) -> list[Minutes]:
    return rows(
        select(Minutes)
        .join(Meeting, Minutes.meeting_id == Meeting.id)
        .where(Meeting.committee_id.in_(ids(committees)), Minutes.status == status)
        .order_by(Meeting.meeting_date),
        within=committees,
    )


@todo_source(100, "minutes-to-check", "Draft minutes to check", Action.ACT_AS_MEMBER)
def minutes_to_check_section(viewer: Viewer, membered: list[Committee]) -> list[ToDo]:
    """Circulated draft minutes the person has not commented on since they were circulated."""
    entries = []
    for minutes in _minutes_with_status(membered, MinutesStatus.CIRCULATED):
        commented = db.session.scalar(
            select(MinutesComment.id)
            .where(
                MinutesComment.minutes_id == minutes.id,
                MinutesComment.author_id == viewer.user.person_id,
                MinutesComment.version == minutes.version,
            )
            .limit(1)
        )
        if commented is not None:
            continue
        circulated = max((c.circulated_at for c in minutes.circulations), default=None)
        entries.append(
            ToDo(
                title=f"Check the draft minutes of the {meeting_name(minutes.meeting)}",
                link=Link("minutes.show", {"meeting_id": minutes.meeting_id}),
                hint=(f"Circulated on {long_date(circulated)}. " if circulated else "")
                + "Comment on their accuracy before the next meeting.",
                tag=Tag("To check", BLUE),
            )
        )
    return entries


@todo_source(150, "minutes-due", "Draft minutes due", Action.SECRETARIAT_WORK)
def minutes_due_section(viewer: Viewer, served: list[Committee]) -> list[ToDo]:
    """Meetings held without circulated minutes: a reminder within five working days of the due date,
    overdue after it."""
    if not served:
        return []
    reminder_from = rules.add_working_days(viewer.today, MINUTES_REMINDER_WORKING_DAYS, calendar=working_calendar())
    # Only the open ones are read: meetings held (not cancelled or inquorate) whose minutes have not
    # been circulated, so the cost does not grow with the years of meetings behind them.
    held = db.session.execute(
        select(Meeting, Minutes)
        .outerjoin(Minutes, Minutes.meeting_id == Meeting.id)
        .where(
            Meeting.committee_id.in_(ids(served)),
            Meeting.meeting_date < viewer.today,
            Meeting.status.not_in([MeetingStatus.CANCELLED, MeetingStatus.INQUORATE]),
            or_(Minutes.id.is_(None), Minutes.status == MinutesStatus.DRAFT),
        )
        .order_by(Meeting.meeting_date)
    ).tuples()
    entries = []
    for meeting, minutes in held:
        due = minutes_due(meeting)
        if due > reminder_from:
            continue
        if due < viewer.today:
            tag = Tag("Overdue", RED)
        elif due == viewer.today:
            tag = Tag("Due today", ORANGE)
        else:
            tag = Tag("Due soon", YELLOW)
        entries.append(
            meeting_todo(
                meeting,
                "minutes.show",
                f"Circulate the draft minutes of the {meeting_name(meeting)}",
                hint=f"Due by {long_date(due)}" + ("" if minutes is None else " (a draft is started)"),
                tag=tag,
            )
        )
    return entries
