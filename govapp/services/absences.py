"""Absence: two consecutive missed meetings within 12 months alert the Chair, who records the reason.

An *occasion* is a meeting of the committee that was not cancelled, has taken place (its date is
before today, or today) and has a roll call recorded, during the person's membership. A member
attended when the eligibility rule ``govapp.rules.member_attendance`` marks them present (their
roll-call record says present); apologies, absence, a deputy in their place, or no record at all
count as not attending. The arithmetic is ``govapp.rules.absence_alerts``.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from datetime import datetime

from sqlalchemy import select

from govapp import rules
from govapp.extensions import db
from govapp.models import AbsenceFollowUp
from govapp.models import Attendance
from govapp.models import AttendanceRecord
from govapp.models import Committee
from govapp.models import Meeting
from govapp.models import MeetingStatus
from govapp.models import Person
from govapp.models import User
from govapp.services import ConflictError
from govapp.services import ServiceError
from govapp.services.audit import record_change


@dataclass(frozen=True)
class AbsenceAlert:
    person: Person
    first: Meeting
    second: Meeting
    follow_up: AbsenceFollowUp | None


def _occasions(committee: Committee, today: date, since: date | None = None) -> list[Meeting]:
    query = (
        select(Meeting)
        .where(
            Meeting.committee_id == committee.id,
            Meeting.status != MeetingStatus.CANCELLED,
            Meeting.meeting_date <= today,
        )
        .order_by(Meeting.meeting_date)
    )
    if since is not None:
        query = query.where(Meeting.meeting_date >= since)
    meetings = list(db.session.scalars(query))
    with_roll_call = set(
        db.session.scalars(
            select(AttendanceRecord.meeting_id).where(AttendanceRecord.meeting_id.in_([m.id for m in meetings]))
        )
    )
    return [m for m in meetings if m.id in with_roll_call]


def _histories(committee: Committee, meetings: list[Meeting]) -> dict[int, list[tuple[Meeting, bool]]]:
    """Each member's occasions, and whether they attended in person (the eligibility rule's record mark)."""
    entries: dict[int, list[rules.RollEntry]] = defaultdict(list)
    for r in db.session.scalars(
        select(AttendanceRecord).where(AttendanceRecord.meeting_id.in_([m.id for m in meetings]))
    ):
        entries[r.meeting_id].append(
            rules.RollEntry(r.person_id, r.status.value, r.deputy_for_id, r.departed_at is not None)
        )
    histories: dict[int, list[tuple[Meeting, bool]]] = defaultdict(list)
    for meeting in meetings:
        members = committee.members_on(meeting.meeting_date)
        roll = rules.Roll(frozenset(m.person_id for m in members), entries=tuple(entries[meeting.id]))
        marks = rules.member_attendance(roll)
        for membership in members:
            histories[membership.person_id].append((meeting, marks[membership.person_id] == Attendance.PRESENT))
    return histories


def absence_alerts(committee: Committee, today: date) -> list[AbsenceAlert]:
    meetings = _occasions(committee, today)
    follow_ups = {
        (f.person_id, f.first_meeting_id, f.second_meeting_id): f
        for f in db.session.scalars(select(AbsenceFollowUp).where(AbsenceFollowUp.committee_id == committee.id))
    }
    people = {m.person_id: m.person for m in committee.memberships}
    alerts = []
    orders = committee.standing_orders
    for person_id, history in _histories(committee, meetings).items():
        by_date = {m.meeting_date: m for m, _ in history}
        for first_day, second_day in rules.absence_alerts(
            [(m.meeting_date, attended) for m, attended in history], orders=orders
        ):
            first, second = by_date[first_day], by_date[second_day]
            alerts.append(
                AbsenceAlert(people[person_id], first, second, follow_ups.get((person_id, first.id, second.id)))
            )
    return sorted(alerts, key=lambda a: (a.second.meeting_date, a.person.full_name))


def record_absence_reason(
    actor: User | None,
    committee: Committee,
    person: Person,
    first: Meeting,
    second: Meeting,
    reason: str,
    *,
    now: datetime,
) -> AbsenceFollowUp:
    """The Chair records the reason ascertained for a member's consecutive absences."""
    chair = committee.chair_on(now.date())
    if actor is None or chair is None or chair.person_id != actor.person_id:
        raise ServiceError("Only the Chair records the reason for a member's absences.")
    if not reason.strip():
        raise ServiceError("Enter the reason the Chair ascertained.", field="reason")
    existing = db.session.scalar(
        select(AbsenceFollowUp).filter_by(person_id=person.id, first_meeting_id=first.id, second_meeting_id=second.id)
    )
    if existing is not None:
        raise ConflictError("A reason for these absences is already recorded.")
    follow_up = AbsenceFollowUp(
        committee_id=committee.id,
        person=person,
        first_meeting_id=first.id,
        second_meeting_id=second.id,
        reason=reason.strip(),
        recorded_at=now,
        recorded_by_id=actor.id,
    )
    db.session.add(follow_up)
    record_change(actor, "record_absence_reason", follow_up, committee_id=committee.id)
    return follow_up


@dataclass(frozen=True)
class AttendanceLine:
    person: Person
    expected: int
    attended: int
    apologies: int
    deputised: int

    @property
    def not_attended(self) -> int:
        """Meetings missed for any reason (apologies and deputising count as not attending)."""
        return self.expected - self.attended

    @property
    def absent(self) -> int:
        """Meetings missed with neither apologies nor a deputy."""
        return max(0, self.not_attended - self.apologies - self.deputised)


def attendance_report(committee: Committee, year_start: date, today: date) -> list[AttendanceLine]:
    """Each member's attendance over a reporting year (1 April to 31 March), for the annual report."""
    _start, end = rules.reporting_year(year_start)
    meetings = [m for m in _occasions(committee, min(today, end), since=year_start) if m.meeting_date <= end]
    records = {
        (r.meeting_id, r.person_id): r
        for r in db.session.scalars(
            select(AttendanceRecord).where(AttendanceRecord.meeting_id.in_([m.id for m in meetings]))
        )
    }
    deputised = {
        (r.meeting_id, r.deputy_for_id) for r in records.values() if r.status == Attendance.DEPUTY and r.deputy_for_id
    }
    lines: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    people: dict[int, Person] = {}
    for meeting in meetings:
        for membership in committee.members_on(meeting.meeting_date):
            pid = membership.person_id
            people[pid] = membership.person
            counts = lines[pid]
            counts[0] += 1
            record = records.get((meeting.id, pid))
            if record is not None and record.status == Attendance.PRESENT:
                counts[1] += 1
            elif record is not None and record.status == Attendance.APOLOGIES:
                counts[2] += 1
            if (meeting.id, pid) in deputised:
                counts[3] += 1
    return sorted(
        (AttendanceLine(people[pid], *counts) for pid, counts in lines.items()), key=lambda line: line.person.full_name
    )


REPORT_COLUMNS = ("Member", "Meetings expected", "Attended", "Apologies", "Deputy attended", "Not attended")


def report_year_label(year_start: date) -> str:
    """'2026-27' for the reporting year starting 1 April 2026."""
    return f"{year_start.year}-{(year_start.year + 1) % 100:02d}"


def attendance_report_csv(lines: list[AttendanceLine]) -> str:
    """The attendance report as CSV text (a header row, then one row per member)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(REPORT_COLUMNS)
    for line in lines:
        name = _csv_safe(line.person.full_name)
        writer.writerow([name, line.expected, line.attended, line.apologies, line.deputised, line.not_attended])
    return buffer.getvalue()


def _csv_safe(text: str) -> str:
    """Keep a spreadsheet from reading a name as a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def record_report_download(actor: User | None, committee: Committee, year_start: date) -> None:
    """The attendance report names members: its download is in the committee's audit record."""
    record_change(
        actor,
        "download_attendance_report",
        committee,
        after={"report": "attendance", "reporting_year": report_year_label(year_start), "format": "csv"},
        committee_id=committee.id,
    )
