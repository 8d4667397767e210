"""The meeting's proceedings on the home page: casting votes, deputy and officer requests, absences to
follow up, open votes, and apologies."""

from __future__ import annotations

from govapp.formatting import long_date
from govapp.home.todo import APOLOGIES_HORIZON
from govapp.home.todo import GREY
from govapp.home.todo import RED
from govapp.home.todo import YELLOW
from govapp.home.todo import Link
from govapp.home.todo import Tag
from govapp.home.todo import ToDo
from govapp.home.todo import Viewer
from govapp.home.todo import attendance_recorded
from govapp.home.todo import has_apologised
from govapp.home.todo import ids
from govapp.home.todo import meeting_link
from govapp.home.todo import meeting_name
from govapp.home.todo import meeting_todo
from govapp.home.todo import plural
from govapp.home.todo import short
from govapp.home.todo import todo_source
from govapp.home.todo import upcoming
from govapp.models import Committee
from govapp.models import Motion
from govapp.permissions import Action
from govapp.services import ServiceError
from govapp.services.absences import absence_alerts
from govapp.services.proceedings import pending_attendance_requests
from govapp.services.voting import motions_awaiting_casting_vote
from govapp.services.voting import open_motions
from govapp.services.voting import vote_of
from govapp.services.voting import voting_member_of


@todo_source(
    10,
    "casting-votes-awaited",
    "Casting votes awaited",
    Action.CASTING_VOTE,
    warning="Tied votes are waiting for your casting vote.",
)
def casting_votes_section(viewer: Viewer, chaired: list[Committee]) -> list[ToDo]:
    entries = [
        ToDo(
            title=f"Give your casting vote: {short(motion.text)}",
            link=Link("proceedings.casting_vote", {"motion_id": motion.id}),
            fallback=meeting_link(motion.agenda_item.meeting),
            hint=f"{meeting_name(motion.agenda_item.meeting)}, item {motion.agenda_item.position}",
            tag=Tag("Tied", RED),
        )
        for motion in motions_awaiting_casting_vote(ids(chaired))
    ]
    return entries


@todo_source(
    30, "attendance-requests-waiting", "Deputy and officer requests awaiting your decision", Action.APPROVE_ATTENDANCE
)
def attendance_requests_section(viewer: Viewer, chaired: list[Committee]) -> list[ToDo]:
    entries = []
    for committee in chaired:
        deputies, officers = pending_attendance_requests([committee.id], viewer.today)
        if not deputies and not officers:
            continue
        parts = [plural(len(d), w) for d, w in ((deputies, "deputy request"), (officers, "officer request")) if d]
        entries.append(
            ToDo(
                title=f"{committee.short_name}: {plural(len(deputies) + len(officers), 'request')}",
                link=Link("proceedings.pending_requests", {"slug": committee.slug}),
                hint=" and ".join(parts),
                tag=Tag("Decide", YELLOW),
            )
        )
    return entries


@todo_source(80, "absence-alerts", "Absences to follow up", Action.RECORD_ABSENCE_REASON)
def absences_section(viewer: Viewer, chaired: list[Committee]) -> list[ToDo]:
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
        for alert in absence_alerts(committee, viewer.today)
        if alert.follow_up is None
    ]
    return entries


@todo_source(90, "open-votes", "Votes open now", Action.ACT_AS_MEMBER)
def open_votes_section(viewer: Viewer, membered: list[Committee]) -> list[ToDo]:
    """Open votes the person may cast now (present, not conflicted), as a member or as a deputy the
    Chair approved for that meeting, and has not cast yet."""
    entries = []
    for motion in open_motions(ids(membered), deputy=viewer.user.person):
        try:
            member = voting_member_of(motion, viewer.user.person)
        except ServiceError:
            continue
        if vote_of(motion, member) is not None:
            continue
        entries.append(_vote_entry(motion))
    return entries


def _vote_entry(motion: Motion) -> ToDo:
    item = motion.agenda_item
    return ToDo(
        title=short(motion.text),
        link=Link("proceedings.vote", {"motion_id": motion.id}),
        fallback=meeting_link(item.meeting),
        hint=f"{item.meeting.committee.short_name}, item {item.position}: {item.title}",
        tag=Tag("Vote now", GREY),
    )


@todo_source(130, "apologies", "Apologies", Action.ACT_AS_MEMBER)
def apologies_section(viewer: Viewer, membered: list[Committee]) -> list[ToDo]:
    """Meetings in the next four weeks the person has neither sent apologies for nor been recorded at."""
    entries = []
    for meeting in upcoming(membered, viewer.today, until=viewer.today + APOLOGIES_HORIZON):
        if has_apologised(viewer.user, meeting) or attendance_recorded(viewer.user, meeting):
            continue
        if viewer.user.person_id not in {m.person_id for m in meeting.committee.members_on(meeting.meeting_date)}:
            continue
        entries.append(
            meeting_todo(
                meeting,
                "proceedings.send_apologies",
                f"Send apologies for the {meeting_name(meeting)} if you cannot attend",
                hint="You can also ask for a deputy to attend in your place.",
            )
        )
    return entries
