"""The committee's record, as the plain data the Word documents are built from.

This is the only place models are mapped onto :mod:`govapp.documents.data`; the builders never see a
model and the views never assemble a document by hand.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

from sqlalchemy import select

from govapp import rules
from govapp.documents import data as doc
from govapp.extensions import db
from govapp.formatting import clock_time
from govapp.models import ActionPoint
from govapp.models import AgendaItem
from govapp.models import Apology
from govapp.models import Attendance
from govapp.models import AttendanceRecord
from govapp.models import Committee
from govapp.models import Declaration
from govapp.models import ItemOutcome
from govapp.models import Meeting
from govapp.models import Minutes
from govapp.models import MinutesStatus
from govapp.models import Motion
from govapp.models import Notice
from govapp.models import OfficerRequest
from govapp.models import Paper
from govapp.models import RequestDecision
from govapp.services.absences import attendance_report
from govapp.services.business import Business
from govapp.services.business import business_of
from govapp.services.minutes import minutes_for
from govapp.services.minutes import previous_meeting
from govapp.services.notices import Particulars
from govapp.services.proceedings import roll_of


def _item_label(item: AgendaItem) -> str:
    return f"Item {item.position}: {item.title}"


def minutes_data(meeting: Meeting, minutes: Minutes | None = None) -> doc.MinutesData:
    """Draft or approved minutes of ``meeting`` drawn from the record."""
    minutes = minutes or minutes_for(meeting)
    committee = meeting.committee
    members = committee.members_on(meeting.meeting_date)
    chair = committee.chair_on(meeting.meeting_date)
    records = {
        r.person_id: r
        for r in db.session.scalars(select(AttendanceRecord).where(AttendanceRecord.meeting_id == meeting.id))
    }
    apologised = {a.person_id for a in db.session.scalars(select(Apology).where(Apology.meeting_id == meeting.id))}
    marks = rules.member_attendance(roll_of(meeting), apologised)
    present, apologies, absent = [], [], []
    for membership in members:
        mark = marks[membership.person_id]
        name = membership.person.full_name
        if mark == Attendance.PRESENT:
            present.append(name + _arrival_and_departure(records.get(membership.person_id), meeting))
        elif mark == Attendance.APOLOGIES:
            apologies.append(name)
        elif mark == Attendance.ABSENT:
            absent.append(name)
        # a member whose deputy attended is shown among the deputies
    names = {m.person_id: m.person.full_name for m in members}
    deputies = [
        doc.DeputyLine(r.person.full_name, names.get(r.deputy_for_id or 0, ""))
        for r in records.values()
        if r.status == Attendance.DEPUTY
    ]
    officer_items: dict[int, list[int]] = {}
    for request in db.session.scalars(
        select(OfficerRequest).where(
            OfficerRequest.meeting_id == meeting.id, OfficerRequest.status == RequestDecision.APPROVED
        )
    ):
        officer_items.setdefault(request.officer_id, []).append(request.agenda_item.position)
    officers = [
        doc.OfficerLine(
            r.person.full_name,
            r.person.organisation,
            _items_phrase(officer_items.get(r.person_id, [])),
        )
        for r in records.values()
        if r.status == Attendance.OFFICER
    ]
    items = sorted(meeting.agenda_items, key=lambda i: i.position)
    item_ids = [i.id for i in items]
    previous_minutes = _previous_minutes_outcome(meeting)
    declarations = [
        doc.DeclarationLine(
            d.person.full_name,
            _item_label(d.agenda_item),
            d.nature,
            d.withdrew_at.astimezone(rules.LONDON).time() if d.withdrew_at else None,
            d.returned_at.astimezone(rules.LONDON).time() if d.returned_at else None,
        )
        for d in db.session.scalars(
            select(Declaration).where(Declaration.agenda_item_id.in_(item_ids)).order_by(Declaration.id)
        )
    ]
    summaries = {e.agenda_item_id: e.summary for e in minutes.item_minutes} if minutes else {}
    business = business_of(items)
    roll = roll_of(meeting) if records else None
    minutes_items = [
        doc.MinutesItem(
            number=item.position,
            title=item.title,
            summary=summaries.get(item.id, ""),
            motions=[_motion_line(m) for m in business.motions.get(item.id, [])],
            # The standing item that approved the previous minutes says so in full (amendments agreed,
            # signature); that statement stands for the approval recorded as its outcome.
            outcome=(
                previous_minutes
                if item.approves_previous_minutes and previous_minutes
                else _outcome_text(business.current_outcome(item.id))
            ),
            actions=[
                doc.ActionLine(a.description, a.owner.full_name, a.due_on) for a in business.actions.get(item.id, [])
            ],
            quorum=_item_quorum(roll, business, item).explain() if roll is not None else None,
        )
        for item in items
    ]
    signed = minutes is not None and minutes.status == MinutesStatus.SIGNED and minutes.signature is not None
    circulated_on = None
    if minutes is not None and minutes.circulations:
        circulated_on = minutes.circulations[-1].circulated_at.astimezone(rules.LONDON).date()
    signature = None
    if signed and minutes is not None and minutes.signature is not None:
        signature = doc.Signature(
            minutes.signature.signed_by.full_name, minutes.signature.signed_at.astimezone(rules.LONDON).date()
        )
    amendments = [
        doc.AmendmentLine(
            a.agreed_at_meeting.meeting_date if a.agreed_at_meeting else a.recorded_at.date(),
            a.text,
        )
        for a in (minutes.amendments if minutes else [])
    ]
    return doc.MinutesData(
        **_particulars(meeting),
        version=max(minutes.version, 1) if minutes else 1,
        status="approved" if signed else "draft",
        chair=chair.person.full_name if chair else None,
        circulated_on=circulated_on,
        present=present,
        apologies=apologies,
        absent=absent,
        deputies=deputies,
        officers=officers,
        declarations=declarations,
        items=minutes_items,
        signature=signature,
        amendments=amendments,
    )


def approved_minutes_data(meeting: Meeting, minutes: Minutes, *, chair_name: str, signed_on: date) -> doc.MinutesData:
    """The document the Chair signs: the record as it stands, with the signature block."""
    return dataclasses.replace(
        minutes_data(meeting, minutes),
        status="approved",
        signature=doc.Signature(chair_name, signed_on),
        version=max(minutes.version, 1),
    )


def _join(*parts: str | None) -> str | None:
    text = " ".join(p for p in parts if p)
    return text or None


def _previous_minutes_outcome(meeting: Meeting) -> str | None:
    """What this meeting agreed about the previous meeting's minutes: amendments, and the signature."""
    previous = previous_meeting(meeting)
    earlier = minutes_for(previous) if previous is not None else None
    if previous is None or earlier is None:
        return None
    amendments = [a.text for a in earlier.amendments if a.agreed_at_meeting_id == meeting.id and not a.after_signing]
    signed_here = earlier.signature is not None and earlier.signature.signed_at_meeting_id == meeting.id
    if not amendments and not signed_here:
        return None
    when = f"{previous.meeting_date.day} {previous.meeting_date:%B %Y}"
    text = f"The minutes of the meeting on {when} were agreed"
    if amendments:
        text += " with these amendments: " + "; ".join(amendments)
    return text + (", and signed by the Chair." if signed_here else ".")


def _arrival_and_departure(record: AttendanceRecord | None, meeting: Meeting) -> str:
    """ " (arrived 10:20am, left 11:45am)" as the roll call recorded them: an arrival after the start, a
    departure before the end; nothing when neither."""
    if record is None:
        return ""
    parts = []
    if record.arrived_at is not None and record.arrived_at > meeting.starts_at:
        parts.append(f"arrived {clock_time(record.arrived_at)}")
    if record.departed_at is not None:
        parts.append(f"left {clock_time(record.departed_at)}")
    return f" ({', '.join(parts)})" if parts else ""


def _items_phrase(positions: list[int]) -> str | None:
    if not positions:
        return None
    ordered = sorted(positions)
    if len(ordered) == 1:
        return f"Item {ordered[0]}"
    return "Items " + ", ".join(str(p) for p in ordered[:-1]) + f" and {ordered[-1]}"


def _item_quorum(roll: rules.Roll, business: Business, item: AgendaItem) -> rules.QuorumAnswer:
    """The item's quorum from the meeting's roll call and the item's declarations (as the console's)."""
    declared = {d.person_id for d in business.declarations.get(item.id, []) if d.person_id in roll.members}
    return rules.quorum_of(roll, declared, orders=item.meeting.committee.standing_orders)


def _motion_line(motion: Motion) -> doc.MotionLine:
    votes = [
        doc.VoteLine(v.member.full_name, v.choice.value, v.cast_by.full_name if v.cast_by_id != v.member_id else None)
        for v in motion.votes
    ]
    results = list(motion.results)
    first = results[0] if results else None
    corrections = [
        doc.ResultCorrection(
            recorded_on=r.recorded_at.astimezone(rules.LONDON).date(),
            votes_for=r.votes_for,
            votes_against=r.votes_against,
            abstentions=r.abstentions,
            result=r.outcome,
            reason=r.correction_reason or "",
            casting_vote=r.casting_vote,
            casting_vote_declined=r.casting_vote_declined,
        )
        for r in results[1:]
    ]
    tally_for = sum(v.vote == "for" for v in votes)
    tally_against = sum(v.vote == "against" for v in votes)
    tally_abstain = sum(v.vote == "abstain" for v in votes)
    return doc.MotionLine(
        text=motion.text,
        proposer=motion.proposer.full_name,
        seconder=motion.seconder.full_name if motion.seconder else None,
        votes_for=first.votes_for if first else tally_for,
        votes_against=first.votes_against if first else tally_against,
        abstentions=first.abstentions if first else tally_abstain,
        result=first.outcome if first else "not yet decided",
        votes=votes,
        casting_vote=first.casting_vote if first else None,
        casting_vote_declined=first.casting_vote_declined if first else False,
        corrections=corrections,
    )


def _outcome_text(outcome: ItemOutcome | None) -> str | None:
    if outcome is None:
        return None
    return f"{outcome.kind.value.capitalize()}: {outcome.text}"


def _particulars(meeting: Meeting, given: Particulars | None = None) -> dict[str, Any]:
    """What a document says of ``meeting`` (``doc.MeetingParticulars``): its date and place as the
    record has them, or as ``given`` (what a notice gave when it was signed)."""
    when = given or meeting
    return {"committee_name": meeting.committee.name, **{name: getattr(when, name) for name in Meeting.WHEN_AND_WHERE}}


def notice_data(notice: Notice) -> doc.NoticeData:
    meeting = notice.meeting
    given = Particulars.of(notice)  # the date and place the notice gave when it was signed
    return doc.NoticeData(
        **_particulars(meeting, given),
        business=[doc.BusinessItem(int(b["position"]), str(b["title"]), str(b["purpose"])) for b in notice.business],
        signed_by=notice.signed_by.full_name if notice.signed_by else "",
        signed_capacity=notice.signed_capacity or "",
        signed_on=(notice.signed_at or notice.created_at).astimezone(rules.LONDON).date(),
        version=notice.version,
        served_late=notice.served_late,
        late_reason=notice.late_reason,
        notice_clear_days=meeting.committee.standing_orders.notice_clear_days,
    )


def agenda_pack_data(meeting: Meeting) -> doc.AgendaPackData:
    items = sorted(meeting.agenda_items, key=lambda i: i.position)
    papers: dict[int, list[Paper]] = {}
    for paper in db.session.scalars(select(Paper).where(Paper.meeting_id == meeting.id).order_by(Paper.id)):
        if paper.agenda_item_id is not None:
            papers.setdefault(paper.agenda_item_id, []).append(paper)
    return doc.AgendaPackData(
        **_particulars(meeting),
        despatched_on=meeting.pack_despatched_at.astimezone(rules.LONDON).date()
        if meeting.pack_despatched_at
        else None,
        items=[
            doc.AgendaPackItem(
                number=item.position,
                title=item.title,
                purpose=item.purpose.value,
                presenter=item.presenter,
                description=item.description,
                is_standing=item.is_standing,
                papers=[doc.PaperLine(p.title, p.original_filename, p.size_bytes) for p in papers.get(item.id, [])],
            )
            for item in items
        ],
    )


def attendance_register_data(committee: Committee, year_start: date, today: date) -> doc.AttendanceRegisterData:
    start, end = rules.reporting_year(year_start)
    rows = [
        doc.AttendanceRow(
            member=line.person.full_name,
            expected=line.expected,
            attended=line.attended,
            apologies=line.apologies,
            deputised=line.deputised,
            absent=line.absent,
        )
        for line in attendance_report(committee, start, today)
    ]
    return doc.AttendanceRegisterData(
        committee_name=committee.name,
        reporting_year=f"{start.day} {start:%B %Y} to {end.day} {end:%B %Y}",
        rows=rows,
        produced_on=today,
    )


def action_log_data(committee: Committee, today: date) -> doc.ActionLogData:
    actions = db.session.scalars(
        select(ActionPoint)
        .join(AgendaItem, ActionPoint.agenda_item_id == AgendaItem.id)
        .join(Meeting, AgendaItem.meeting_id == Meeting.id)
        .where(ActionPoint.committee_id == committee.id)
        .order_by(Meeting.meeting_date, ActionPoint.id)
    )
    return doc.ActionLogData(
        committee_name=committee.name,
        produced_on=today,
        actions=[
            doc.ActionLogLine(
                meeting_date=a.agenda_item.meeting.meeting_date,
                item=_item_label(a.agenda_item),
                description=a.description,
                owner=a.owner.full_name,
                due_on=a.due_on,
                status=a.status.value,
                completed_on=a.completed_on,
            )
            for a in actions
        ],
    )
