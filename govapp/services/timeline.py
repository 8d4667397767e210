"""Each meeting's timeline of standing-order deadlines, and the deadlines coming up across committees.

- **Deadline states.** From ``rules.deadline_state``. Agenda requests are not something anyone must
  do, so after their deadline the entry is *closed* rather than *missed*; it counts the requests
  received on time and late. Notice is done on the London date of the latest served notice, papers on
  the London date the agenda pack was despatched, minutes on the London date the first draft was circulated.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from datetime import timedelta

from sqlalchemy import select

from govapp import rules
from govapp.cache import remember
from govapp.extensions import db
from govapp.formatting import long_date
from govapp.models import AgendaRequest
from govapp.models import Meeting
from govapp.models import MeetingStatus
from govapp.models import Minutes
from govapp.models import MinutesCirculation
from govapp.models import Notice
from govapp.models import User
from govapp.services.convening import further_meeting_of
from govapp.services.convening import reconvene_deadline_of
from govapp.services.minutes import minutes_due
from govapp.sources import Deadline
from govapp.sources import deadline_source

#: The state of an agenda-request deadline once it has passed (nobody "misses" it).
CLOSED = "closed"


@dataclass(frozen=True)
class TimelineEntry:
    """One standing-order deadline of a meeting and how it stands."""

    key: str  # agenda_requests, notice, papers, minutes, further_meeting
    label: str
    deadline: date
    state: str  # a rules state (met, late, missed, due, to come) or CLOSED
    done_on: date | None = None
    done_by: str | None = None
    detail: str | None = None

    @property
    def is_open(self) -> bool:
        """Still to be done (or, for agenda requests, still open)."""
        return self.state in (rules.TO_COME, rules.DUE)


def _done_by_deadline(
    key: str, label: str, deadline: date, today: date, done_on: date | None, by: User | None, detail: str | None = None
) -> TimelineEntry:
    """A deadline for something done once (``done_on``, ``by`` someone), and how it stands ``today``."""
    state = rules.deadline_state(deadline, done_on, today)
    return TimelineEntry(key, label, deadline, state, done_on, by.name if by else None, detail)


def meeting_timeline(meeting: Meeting, today: date) -> list[TimelineEntry]:
    """Every deadline the standing orders set for ``meeting``, in date order. None for a cancelled meeting.
    Remembered until the record changes (``govapp.cache``); the list is shared, so callers only read it."""
    return remember(("timeline", meeting.id, today), lambda: _timeline(meeting, today))


def _timeline(meeting: Meeting, today: date) -> list[TimelineEntry]:
    if meeting.status == MeetingStatus.CANCELLED:
        return []
    orders = meeting.committee.standing_orders
    day = meeting.meeting_date
    entries: list[TimelineEntry] = []

    deadline = rules.agenda_request_deadline(day, orders=orders)
    requests = db.session.scalars(select(AgendaRequest).where(AgendaRequest.meeting_id == meeting.id)).all()
    on_time = sum(1 for r in requests if r.on_time)
    late = len(requests) - on_time
    state = rules.deadline_state(deadline, None, today)
    entries.append(
        TimelineEntry(
            key="agenda_requests",
            label="Agenda requests on time",
            deadline=deadline,
            state=CLOSED if state == rules.MISSED else state,
            detail=f"{on_time} received on time, {late} late",
        )
    )

    deadline = rules.notice_deadline(day, orders=orders)
    served = db.session.scalars(
        select(Notice)
        .where(Notice.meeting_id == meeting.id, Notice.served_at.is_not(None))
        .order_by(Notice.served_at, Notice.version)
    ).all()
    # Notice counts from the first served notice that gives the meeting's current date: after a
    # reschedule, the notices of the old date do not.
    current = day.isoformat()
    notice = next((n for n in served if n.particulars.get("meeting_date", current) == current), None)
    done_on = rules.london_date(notice.served_at) if notice and notice.served_at else None
    entries.append(
        _done_by_deadline(
            "notice",
            "Notice of meeting served",
            deadline,
            today,
            done_on,
            notice.served_by if notice else None,
            detail=(
                "The notice served gives an earlier date: serve an amended notice"
                if served and notice is None
                else None
            ),
        )
    )

    deadline = rules.papers_deadline(day, orders=orders)
    done_on = rules.london_date(meeting.pack_despatched_at) if meeting.pack_despatched_at else None
    despatcher = db.session.get(User, meeting.pack_despatched_by_id) if meeting.pack_despatched_by_id else None
    entries.append(_done_by_deadline("papers", "Agenda and papers despatched", deadline, today, done_on, despatcher))

    deadline = minutes_due(meeting)
    first = db.session.scalar(
        select(MinutesCirculation)
        .join(Minutes, MinutesCirculation.minutes_id == Minutes.id)
        .where(Minutes.meeting_id == meeting.id)
        .order_by(MinutesCirculation.version)
        .limit(1)
    )
    done_on = rules.london_date(first.circulated_at) if first else None
    circulator = db.session.get(User, first.circulated_by_id) if first and first.circulated_by_id else None
    entries.append(_done_by_deadline("minutes", "Draft minutes circulated", deadline, today, done_on, circulator))

    if meeting.status == MeetingStatus.INQUORATE:
        deadline = reconvene_deadline_of(meeting)
        further = further_meeting_of(meeting)
        # Done once the further meeting has taken place (and was quorate), not when it is called.
        held = further is not None and further.meeting_date <= today and further.status != MeetingStatus.INQUORATE
        held_on = further.meeting_date if further is not None and held else None
        entries.append(
            TimelineEntry(
                key="further_meeting",
                label="Further meeting held (the meeting was inquorate)",
                deadline=deadline,
                # A further meeting called for after the deadline is late already, held or not.
                state=rules.deadline_state(
                    deadline,
                    further.meeting_date if further is not None and (held or further.meeting_date > deadline) else None,
                    today,
                ),
                done_on=held_on,
                detail=(
                    "No further meeting has been called yet"
                    if further is None
                    else None
                    if held_on
                    else f"Further meeting called for {long_date(further.meeting_date)}"
                ),
            )
        )
    return sorted(entries, key=lambda e: e.deadline)


#: How far a meeting's deadlines reach from its date, either way: with the CMR Panel's orders, from
#: 15 days before (agenda requests) to about 5 weeks after (draft minutes, a further meeting). Used to
#: choose which meetings to look at; a committee with much longer periods would need more.
DEADLINE_REACH = timedelta(days=62)


#: Who acts on each of a meeting's deadlines.
WHO_ACTS = {
    "agenda_requests": "members",
    "notice": "the Chair and the secretariat",
    "papers": "the secretariat",
    "minutes": "the secretariat",
    "further_meeting": "the Chair",
}


@deadline_source
def meeting_deadlines(committee_ids: Sequence[int], today: date, until: date) -> list[Deadline]:
    """The meetings area's source of deadlines: each meeting's standing-order deadlines still open and
    falling from ``today`` to ``until``. Only meetings within ``DEADLINE_REACH`` of that window are read."""
    meetings = db.session.scalars(
        select(Meeting)
        .where(
            Meeting.committee_id.in_(committee_ids),
            Meeting.status != MeetingStatus.CANCELLED,
            Meeting.meeting_date >= today - DEADLINE_REACH,
            Meeting.meeting_date <= until + DEADLINE_REACH,
        )
        .order_by(Meeting.meeting_date)
    ).all()
    return [
        Deadline(
            day=entry.deadline,
            what=f"{entry.label}, for the {meeting.committee.short_name} meeting on {long_date(meeting.meeting_date)}",
            state=entry.state,
            who_acts=WHO_ACTS.get(entry.key, "the secretariat"),
            endpoint="meetings.show",
            values={"meeting_id": meeting.id},
        )
        for meeting in meetings
        for entry in meeting_timeline(meeting, today)
        if entry.is_open and today <= entry.deadline <= until
    ]
