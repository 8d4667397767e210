"""Each person's to-do list for the home page, from the other services and the rules.

One function, ``todo_list(user, today)``, asks every area what is waiting for this person in the
committees where they hold a role, and returns sections in order of urgency. Sections with nothing
in them are left out. Each entry names the page where the thing is done (a Flask endpoint and its
values, so this module needs no request), and a fallback page for areas that may not provide one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, select

from govapp import rules
from govapp.extensions import db
from govapp.formatting import long_date
from govapp.models import (
    AgendaItem,
    Apology,
    AttendanceRecord,
    Committee,
    Declaration,
    Meeting,
    MeetingStatus,
    Minutes,
    MinutesComment,
    MinutesStatus,
    Motion,
    Notice,
    User,
)
from govapp.permissions import Role, committees_for
from govapp.services import ServiceError
from govapp.services.absences import absence_alerts
from govapp.services.agenda import late_requests_awaiting
from govapp.services.calendars import working_calendar
from govapp.services.convening import awaiting_further_meeting, counts_as_held
from govapp.services.minutes import minutes_due, next_ensuing_meeting
from govapp.services.notices import latest_notice, latest_served_notice, outbox_failures_for
from govapp.services.proceedings import pending_attendance_requests
from govapp.services.requisitions import Stage, overdue_requisitions, requisition_state, requisitions_of
from govapp.services.signing import signing_capacity
from govapp.services.timeline import coming_deadlines
from govapp.services.voting import motions_awaiting_casting_vote, open_motions, vote_of, voting_member_of

#: Apologies are asked for meetings in the next four weeks (as far ahead as "coming deadlines" look).
APOLOGIES_HORIZON = timedelta(weeks=4)
#: A notice to sign is listed once its last day of service is three weeks away or nearer.
NOTICE_HORIZON = timedelta(weeks=3)
#: Draft minutes due within this many working days are a reminder; after the due date, overdue.
MINUTES_REMINDER_WORKING_DAYS = 5

RED, YELLOW, BLUE, GREY, ORANGE = "red", "yellow", "blue", "grey", "orange"


@dataclass(frozen=True)
class Link:
    """A page of govapp: a Flask endpoint, its values and an optional anchor."""

    endpoint: str
    values: dict[str, Any] = field(default_factory=dict)
    anchor: str | None = None


@dataclass(frozen=True)
class Tag:
    text: str
    colour: str


@dataclass(frozen=True)
class ToDo:
    """One thing to do: ``title`` links to where it is done (``link``, or ``fallback`` until that page exists)."""

    title: str
    link: Link
    fallback: Link | None = None
    hint: str | None = None
    lead: str | None = None  # shown in bold before the title (a deadline's date)
    tag: Tag | None = None
    deadline_state: str | None = None  # a timeline deadline's state, shown with the meeting page's tags


@dataclass(frozen=True)
class Section:
    key: str  # the section's id on the page
    title: str
    entries: list[ToDo]
    warning: str | None = None


@dataclass(frozen=True)
class ToDoList:
    sections: list[Section]
    next_meetings: list[Meeting]

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)


# --- the list ----------------------------------------------------------------------------------


def todo_list(user: User, today: date) -> ToDoList:
    """Everything waiting for ``user`` on ``today``, most urgent first; empty sections are left out."""
    mine = committees_for(user, today)
    chaired = [c for c, roles in mine if Role.CHAIR in roles]
    membered = [c for c, roles in mine if roles & {Role.CHAIR, Role.MEMBER}]
    served = [c for c, roles in mine if Role.SECRETARIAT in roles]
    running = [c for c, roles in mine if roles & {Role.CHAIR, Role.SECRETARIAT}]
    sections = [
        # The Chair's decisions, then what members do, then the secretariat's deadlines.
        _casting_votes(chaired),
        _late_agenda_requests(chaired, today),
        _attendance_requests(chaired, today),
        _notices_to_sign(user, running, today),
        _minutes_to_sign(chaired, today),
        _overdue_requisitions(running, today),
        _requisitions_to_answer(running, today),
        _absences(chaired, today),
        _open_votes(user, membered),
        _minutes_to_check(user, membered),
        _papers_to_read(user, membered, today),
        _interests_to_declare(user, membered, today),
        _apologies(user, membered, today),
        _outbox_failures(user, today),
        _minutes_due(served, today),
        _notices_to_serve(served, today),
        _further_meetings(running),
        _coming_deadlines(running, today),
    ]
    return ToDoList([s for s in sections if s.entries], _next_meetings([c.id for c, _ in mine], today))


def _ids(committees: Sequence[Committee]) -> list[int]:
    return [c.id for c in committees]


def _meeting_name(meeting: Meeting) -> str:
    return f"{meeting.committee.short_name} meeting on {long_date(meeting.meeting_date)}"


def _meeting_link(meeting: Meeting) -> Link:
    return Link("meetings.show", {"meeting_id": meeting.id})


def _upcoming(committees: Sequence[Committee], today: date, until: date | None = None) -> list[Meeting]:
    """The committees' scheduled meetings from ``today`` (to ``until``), soonest first."""
    if not committees:
        return []
    query = select(Meeting).where(
        Meeting.committee_id.in_(_ids(committees)),
        Meeting.meeting_date >= today,
        Meeting.status == MeetingStatus.SCHEDULED,
    )
    if until is not None:
        query = query.where(Meeting.meeting_date <= until)
    return list(db.session.scalars(query.order_by(Meeting.meeting_date, Meeting.starts_at)))


def _next_meetings(committee_ids: list[int], today: date) -> list[Meeting]:
    if not committee_ids:
        return []
    return list(
        db.session.scalars(
            select(Meeting)
            .where(
                Meeting.committee_id.in_(committee_ids),
                Meeting.meeting_date >= today,
                Meeting.status != MeetingStatus.CANCELLED,
            )
            .order_by(Meeting.meeting_date, Meeting.starts_at)
            .limit(12)
        )
    )


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


# --- the Chair ---------------------------------------------------------------------------------


def _casting_votes(chaired: list[Committee]) -> Section:
    entries = [
        ToDo(
            title=f"Give your casting vote: {_short(motion.text)}",
            link=Link("proceedings.casting_vote", {"motion_id": motion.id}),
            fallback=_meeting_link(motion.agenda_item.meeting),
            hint=f"{_meeting_name(motion.agenda_item.meeting)}, item {motion.agenda_item.position}",
            tag=Tag("Tied", RED),
        )
        for motion in motions_awaiting_casting_vote(_ids(chaired))
    ]
    return Section(
        "casting-votes-awaited",
        "Casting votes awaited",
        entries,
        warning="Tied votes are waiting for your casting vote." if entries else None,
    )


def _late_agenda_requests(chaired: list[Committee], today: date) -> Section:
    entries = [
        ToDo(
            title=request.matter,
            link=Link("agenda.decide_request", {"request_id": request.id}),
            fallback=_meeting_link(request.meeting),
            hint=f"From {request.requested_by.full_name}, for the {_meeting_name(request.meeting)}",
            tag=Tag("Decide", YELLOW),
        )
        for request in late_requests_awaiting(_ids(chaired), today=today)
    ]
    return Section("late-agenda-requests", "Late agenda requests awaiting your decision", entries)


def _attendance_requests(chaired: list[Committee], today: date) -> Section:
    entries = []
    for committee in chaired:
        deputies, officers = pending_attendance_requests([committee.id], today)
        if not deputies and not officers:
            continue
        parts = [_plural(len(d), w) for d, w in ((deputies, "deputy request"), (officers, "officer request")) if d]
        entries.append(
            ToDo(
                title=f"{committee.short_name}: {_plural(len(deputies) + len(officers), 'request')}",
                link=Link("proceedings.pending_requests", {"slug": committee.slug}),
                hint=" and ".join(parts),
                tag=Tag("Decide", YELLOW),
            )
        )
    return Section("attendance-requests-waiting", "Deputy and officer requests awaiting your decision", entries)


def _notices_to_sign(user: User, committees: list[Committee], today: date) -> Section:
    """Meetings to come with no signed notice, whose last day of service is three weeks away or nearer,
    for the Chair and anyone the Chair has authorised to sign."""
    entries = []
    for committee in committees:
        if signing_capacity(committee, user.person, today) is None:
            continue
        for meeting in _upcoming([committee], today):
            deadline = rules.notice_deadline(meeting.meeting_date, orders=committee.standing_orders)
            if deadline > today + NOTICE_HORIZON or _has_signed_notice(meeting):
                continue
            entries.append(
                ToDo(
                    title=f"Sign the notice of the {_meeting_name(meeting)}",
                    link=Link("notices.show", {"meeting_id": meeting.id}),
                    fallback=_meeting_link(meeting),
                    hint=f"Notice must be served by {long_date(deadline)}",
                    tag=Tag("Late", RED) if deadline < today else Tag("To do", BLUE),
                )
            )
    return Section("notices-to-sign", "Notices to sign", entries)


def _has_signed_notice(meeting: Meeting) -> bool:
    return (
        db.session.scalar(
            select(Notice.id).where(Notice.meeting_id == meeting.id, Notice.signed_at.is_not(None)).limit(1)
        )
        is not None
    )


def _minutes_to_sign(chaired: list[Committee], today: date) -> Section:
    entries = []
    for minutes in _minutes_with_status(chaired, MinutesStatus.CIRCULATED):
        approving = next_ensuing_meeting(minutes.meeting)
        if approving is None or approving.meeting_date > today:
            continue
        entries.append(
            ToDo(
                title=f"Sign the approved minutes of the {_meeting_name(minutes.meeting)}",
                link=Link("minutes.show", {"meeting_id": minutes.meeting_id}),
                hint=f"Submitted for approval at the meeting on {long_date(approving.meeting_date)}",
                tag=Tag("To sign", BLUE),
            )
        )
    return Section("minutes-to-sign", "Minutes to sign", entries)


def _minutes_with_status(committees: list[Committee], status: MinutesStatus) -> list[Minutes]:
    if not committees:
        return []
    return list(
        db.session.scalars(
            select(Minutes)
            .join(Meeting, Minutes.meeting_id == Meeting.id)
            .where(Meeting.committee_id.in_(_ids(committees)), Minutes.status == status)
            .order_by(Meeting.meeting_date)
        )
    )


def _overdue_requisitions(running: list[Committee], today: date) -> Section:
    entries = [
        ToDo(
            title=f"{requisition.committee.short_name}: {_short(requisition.purpose)}",
            link=Link("requisitions.show", {"requisition_id": requisition.id}),
            hint=f"The meeting had to be called by {long_date(state.deadline)}",
            tag=Tag("Overdue", RED),
        )
        for requisition, state in overdue_requisitions(running, today)
    ]
    return Section(
        "overdue-requisitions",
        "Overdue requisitions",
        entries,
        warning=(
            "The Chair had to call a meeting and has not, and the Board has not approved a reason." if entries else None
        ),
    )


def _requisitions_to_answer(running: list[Committee], today: date) -> Section:
    """Presented requisitions still waiting for their meeting to be called (and not yet overdue)."""
    entries = []
    for committee in running:
        for requisition in requisitions_of(committee):
            state = requisition_state(requisition, today)
            if state.stage != Stage.WAITING or not state.is_valid:
                continue
            entries.append(
                ToDo(
                    title=f"Call the meeting asked for: {_short(requisition.purpose)}",
                    link=Link("requisitions.show", {"requisition_id": requisition.id}),
                    hint=(
                        f"{committee.short_name}: presented on {long_date(state.presented_on)}; "
                        f"the meeting must be called by {long_date(state.deadline)}"
                    ),
                    tag=Tag("To call", YELLOW),
                )
            )
    return Section("requisitions-to-answer", "Requisitions: meetings to call", entries)


def _absences(chaired: list[Committee], today: date) -> Section:
    entries = [
        ToDo(
            title=alert.person.full_name,
            link=Link(
                "proceedings.absences",
                {"slug": alert.first.committee.slug},
                anchor=f"absence-{alert.person.id}-{alert.first.id}-{alert.second.id}",
            ),
            hint=(
                f"Did not attend on {long_date(alert.first.meeting_date)} or "
                f"{long_date(alert.second.meeting_date)}: record the reason"
            ),
            tag=Tag("Follow up", YELLOW),
        )
        for committee in chaired
        for alert in absence_alerts(committee, today)
        if alert.follow_up is None
    ]
    return Section("absence-alerts", "Absences to follow up", entries)


# --- members -----------------------------------------------------------------------------------


def _open_votes(user: User, membered: list[Committee]) -> Section:
    """Open votes the person may cast now (present, not conflicted) and has not cast yet."""
    entries = []
    for motion in open_motions(_ids(membered)):
        try:
            member = voting_member_of(motion, user.person)
        except ServiceError:
            continue
        if vote_of(motion, member) is not None:
            continue
        entries.append(_vote_entry(motion))
    return Section("open-votes", "Votes open now", entries)


def _vote_entry(motion: Motion) -> ToDo:
    item = motion.agenda_item
    return ToDo(
        title=_short(motion.text),
        link=Link("proceedings.vote", {"motion_id": motion.id}),
        fallback=_meeting_link(item.meeting),
        hint=f"{item.meeting.committee.short_name}, item {item.position}: {item.title}",
        tag=Tag("Vote now", GREY),
    )


def _minutes_to_check(user: User, membered: list[Committee]) -> Section:
    """Circulated draft minutes the person has not commented on since they were circulated."""
    entries = []
    for minutes in _minutes_with_status(membered, MinutesStatus.CIRCULATED):
        commented = db.session.scalar(
            select(MinutesComment.id)
            .where(
                MinutesComment.minutes_id == minutes.id,
                MinutesComment.author_id == user.person_id,
                MinutesComment.version == minutes.version,
            )
            .limit(1)
        )
        if commented is not None:
            continue
        circulated = max((c.circulated_at for c in minutes.circulations), default=None)
        entries.append(
            ToDo(
                title=f"Check the draft minutes of the {_meeting_name(minutes.meeting)}",
                link=Link("minutes.show", {"meeting_id": minutes.meeting_id}),
                hint=(f"Circulated on {long_date(circulated)}. " if circulated else "")
                + "Comment on their accuracy before the next meeting.",
                tag=Tag("To check", BLUE),
            )
        )
    return Section("minutes-to-check", "Draft minutes to check", entries)


def _papers_to_read(user: User, membered: list[Committee], today: date) -> Section:
    entries = []
    for meeting in _upcoming(membered, today):
        if meeting.pack_despatched_at is None:
            continue
        papers = sum(len(item.papers) for item in meeting.agenda_items)
        if not papers or _has_apologised(user, meeting):
            continue
        entries.append(
            ToDo(
                title=f"Read the papers for the {_meeting_name(meeting)}",
                link=Link("agenda.show", {"meeting_id": meeting.id}),
                fallback=_meeting_link(meeting),
                hint=f"{_plural(papers, 'paper')}, despatched on {long_date(meeting.pack_despatched_at)}",
                tag=Tag("To read", BLUE),
            )
        )
    return Section("papers-to-read", "Papers to read", entries)


def _interests_to_declare(user: User, membered: list[Committee], today: date) -> Section:
    """Meetings to come whose notice is served: their agenda is settled enough to check for interests."""
    entries = []
    for meeting in _upcoming(membered, today):
        if latest_served_notice(meeting) is None or _has_apologised(user, meeting):
            continue
        registered = db.session.scalar(
            select(func.count())
            .select_from(Declaration)
            .join(AgendaItem, Declaration.agenda_item_id == AgendaItem.id)
            .where(AgendaItem.meeting_id == meeting.id, Declaration.person_id == user.person_id)
        )
        entries.append(
            ToDo(
                title=f"Check the agenda of the {_meeting_name(meeting)} for interests to declare",
                link=Link("agenda.show", {"meeting_id": meeting.id}),
                fallback=_meeting_link(meeting),
                hint=(
                    f"You have registered {_plural(int(registered), 'interest')}."
                    if registered
                    else "Register any interest in an item before the meeting."
                ),
            )
        )
    return Section("interests-to-declare", "Interests to declare", entries)


def _apologies(user: User, membered: list[Committee], today: date) -> Section:
    """Meetings in the next four weeks the person has neither sent apologies for nor been recorded at."""
    entries = []
    for meeting in _upcoming(membered, today, until=today + APOLOGIES_HORIZON):
        if _has_apologised(user, meeting) or _attendance_recorded(user, meeting):
            continue
        if user.person_id not in {m.person_id for m in meeting.committee.members_on(meeting.meeting_date)}:
            continue
        entries.append(
            ToDo(
                title=f"Send apologies for the {_meeting_name(meeting)} if you cannot attend",
                link=Link("proceedings.send_apologies", {"meeting_id": meeting.id}),
                fallback=_meeting_link(meeting),
                hint="You can also ask for a deputy to attend in your place.",
            )
        )
    return Section("apologies", "Apologies", entries)


def _has_apologised(user: User, meeting: Meeting) -> bool:
    found = db.session.scalar(
        select(Apology.id).where(Apology.meeting_id == meeting.id, Apology.person_id == user.person_id).limit(1)
    )
    return found is not None


def _attendance_recorded(user: User, meeting: Meeting) -> bool:
    found = db.session.scalar(
        select(AttendanceRecord.id)
        .where(AttendanceRecord.meeting_id == meeting.id, AttendanceRecord.person_id == user.person_id)
        .limit(1)
    )
    return found is not None


# --- the secretariat (and the Chair, for the deadlines of the meetings they run) ----------------


def _outbox_failures(user: User, today: date) -> Section:
    entries = [
        ToDo(
            title=f"{committee.short_name}: {_plural(failed, 'email')} could not be sent",
            link=Link("notices.outbox", {"slug": committee.slug, "status": "failed"}),
            tag=Tag("Failed", RED),
        )
        for committee, failed in outbox_failures_for(user, today)
    ]
    return Section("outbox-failures", "Outbox failures", entries)


def _minutes_due(served: list[Committee], today: date) -> Section:
    """Meetings held without circulated minutes: a reminder within five working days of the due date,
    overdue after it."""
    if not served:
        return Section("minutes-due", "Draft minutes due", [])
    reminder_from = rules.add_working_days(today, MINUTES_REMINDER_WORKING_DAYS, calendar=working_calendar())
    held = db.session.scalars(
        select(Meeting)
        .where(Meeting.committee_id.in_(_ids(served)), Meeting.meeting_date < today)
        .order_by(Meeting.meeting_date)
    )
    circulated = {MinutesStatus.CIRCULATED, MinutesStatus.SIGNED}
    entries = []
    for meeting in held:
        if not counts_as_held(meeting, today):
            continue
        minutes = db.session.scalar(select(Minutes).where(Minutes.meeting_id == meeting.id))
        if minutes is not None and minutes.status in circulated:
            continue
        due = minutes_due(meeting)
        if due > reminder_from:
            continue
        if due < today:
            tag = Tag("Overdue", RED)
        elif due == today:
            tag = Tag("Due today", ORANGE)
        else:
            tag = Tag("Due soon", YELLOW)
        entries.append(
            ToDo(
                title=f"Circulate the draft minutes of the {_meeting_name(meeting)}",
                link=Link("minutes.show", {"meeting_id": meeting.id}),
                fallback=_meeting_link(meeting),
                hint=f"Due by {long_date(due)}" + ("" if minutes is None else " (a draft is started)"),
                tag=tag,
            )
        )
    return Section("minutes-due", "Draft minutes due", entries)


def _notices_to_serve(served: list[Committee], today: date) -> Section:
    entries = []
    for meeting in _upcoming(served, today):
        notice = latest_notice(meeting)
        if notice is None or notice.signed_at is None or notice.served_at is not None:
            continue
        deadline = rules.notice_deadline(meeting.meeting_date, orders=meeting.committee.standing_orders)
        entries.append(
            ToDo(
                title=f"Serve the notice of the {_meeting_name(meeting)}",
                link=Link("notices.serve", {"meeting_id": meeting.id}),
                fallback=_meeting_link(meeting),
                hint=f"Signed; to be served by {long_date(deadline)}",
                tag=Tag("Late", RED) if deadline < today else Tag("To serve", BLUE),
            )
        )
    return Section("notices-to-serve", "Notices to serve", entries)


def _further_meetings(running: list[Committee]) -> Section:
    entries = [
        ToDo(
            title=f"{_meeting_name(meeting)} was not quorate: call the further meeting",
            link=_meeting_link(meeting),
            tag=Tag("Inquorate", RED),
        )
        for meeting in awaiting_further_meeting(_ids(running))
    ]
    return Section("awaiting-further-meeting", "Inquorate meetings: a further meeting is needed", entries)


def _coming_deadlines(running: list[Committee], today: date) -> Section:
    entries = [
        ToDo(
            title=f"{coming.entry.label}, for the {_meeting_name(coming.meeting)}",
            link=_meeting_link(coming.meeting),
            lead=long_date(coming.entry.deadline),
            deadline_state=coming.entry.state,
        )
        for coming in coming_deadlines(_ids(running), today)
    ]
    return Section("coming-deadlines", "Coming deadlines", entries)


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
