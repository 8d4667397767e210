"""Example data for every document: fictional people and cases, used by the tests and by
``scripts/bench_documents.py`` (and handy for looking at a document without running the app)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from datetime import time
from typing import Any

from govapp.documents.data import ActionLine
from govapp.documents.data import ActionLogData
from govapp.documents.data import ActionLogLine
from govapp.documents.data import AgendaPackData
from govapp.documents.data import AgendaPackItem
from govapp.documents.data import AmendmentLine
from govapp.documents.data import AttendanceRegisterData
from govapp.documents.data import AttendanceRow
from govapp.documents.data import BusinessItem
from govapp.documents.data import DeclarationLine
from govapp.documents.data import DeputyLine
from govapp.documents.data import MinutesData
from govapp.documents.data import MinutesItem
from govapp.documents.data import MotionLine
from govapp.documents.data import NoticeData
from govapp.documents.data import OfficerLine
from govapp.documents.data import PaperLine
from govapp.documents.data import ResultCorrection
from govapp.documents.data import Signature
from govapp.documents.data import VoteLine

COMMITTEE = "Case Management Review Panel"
CHAIR = "Dr Aoife Brennan"
MEETING_DATE = date(2026, 12, 3)
PLACE = "Room 2, Linum Chambers, Belfast"
#: The example meeting's particulars, as every example document states them.
MEETING: dict[str, Any] = {
    "committee_name": COMMITTEE,
    "meeting_date": MEETING_DATE,
    "starts_at": time(10, 0),
    "ends_at": time(12, 30),
    "location": PLACE,
    "online_link": "https://meet.example.org/j/123456",
}


def example_notice(**changes: Any) -> NoticeData:
    data = NoticeData(
        **MEETING,
        business=(
            BusinessItem(1, "Apologies and declarations of interest", "information"),
            BusinessItem(2, "Minutes of the meeting on Thursday 5 November 2026", "decision"),
            BusinessItem(3, "Case review CMR-2026-07", "decision"),
            BusinessItem(4, "Learning from reviews: annual report", "discussion"),
        ),
        signed_by="Ms Niamh Kelly",
        signed_capacity="on behalf of the Chair",
        signed_on=date(2026, 11, 24),
    )
    return replace(data, **changes)


def example_agenda_pack() -> AgendaPackData:
    return AgendaPackData(
        **MEETING,
        despatched_on=date(2026, 11, 26),
        items=(
            AgendaPackItem(
                3,
                "Case review CMR-2026-07",
                "decision",
                presenter="Mr Ciarán Doyle, Health and Social Care Trust",
                description="The review panel's report and recommendations.\n\nThe Panel is asked to agree them.",
                papers=(
                    PaperLine("Review report", "cmr-2026-07-report.pdf", 1_482_113),
                    PaperLine("Chronology", "cmr-2026-07-chronology.docx", 48_640),
                ),
            ),
            AgendaPackItem(
                1, "Apologies and declarations of interest", "information", presenter=CHAIR, is_standing=True
            ),
            AgendaPackItem(
                2,
                "Minutes of the meeting on Thursday 5 November 2026",
                "decision",
                presenter=CHAIR,
                is_standing=True,
                papers=(PaperLine("Draft minutes, version 2", "minutes-2026-11-05-v2.docx", 30_720),),
            ),
            AgendaPackItem(4, "Learning from reviews: annual report", "discussion", presenter="Ms Niamh Kelly"),
        ),
    )


def example_minutes(**changes: Any) -> MinutesData:
    """Draft minutes (version 2, circulated) with every kind of line; pass ``status="approved"`` and a
    ``signature`` for approved minutes."""
    tie = MotionLine(
        text="That the Panel agrees the review's recommendations 1 to 6.",
        proposer="Mr Seán Murphy",
        seconder="Mrs Grace Wilson",
        votes=(
            VoteLine(CHAIR, "for"),
            VoteLine("Mr Seán Murphy", "for"),
            VoteLine("Mrs Grace Wilson", "for"),
            VoteLine("Ms Orla Quinn", "against"),
            VoteLine("Mr David Chambers", "against"),
            VoteLine("Dr Ruth Adair", "against", cast_by="Mr Paul Hegarty"),
            VoteLine("Mr Tom Reid", "abstain"),
        ),
        votes_for=3,
        votes_against=3,
        abstentions=1,
        result="carried",
        casting_vote="for",
        corrections=(
            ResultCorrection(
                recorded_on=date(2026, 12, 10),
                votes_for=4,
                votes_against=3,
                abstentions=0,
                result="carried",
                reason="Mr Tom Reid's vote was for, not an abstention.",
            ),
        ),
    )
    declined = MotionLine(
        text="That recommendation 7 is referred to the Board.",
        proposer="Ms Orla Quinn",
        seconder=None,
        votes_for=3,
        votes_against=3,
        abstentions=0,
        result="tied",
        casting_vote_declined=True,
    )
    data = MinutesData(
        **(MEETING | {"ends_at": time(12, 15), "online_link": None}),
        version=2,
        status="draft",
        circulated_on=date(2026, 12, 14),
        chair=CHAIR,
        present=("Mr Seán Murphy", "Mrs Grace Wilson", CHAIR, "Ms Orla Quinn", "Mr David Chambers", "Mr Tom Reid"),
        apologies=("Dr Ruth Adair", "Mrs Helen Boyd"),
        absent=("Mr Gareth Lowry",),
        deputies=(DeputyLine("Mr Paul Hegarty", "Dr Ruth Adair"),),
        officers=(OfficerLine("Mr Ciarán Doyle", "Health and Social Care Trust", "Item 3"),),
        declarations=(
            DeclarationLine(
                "Mrs Helen Boyd", "Item 4: Learning from reviews", "Family member employed by the agency", None, None
            ),
            DeclarationLine(
                "Mr David Chambers",
                "Item 3: Case review CMR-2026-07",
                "Previously managed the family's social worker",
                time(10, 40),
                time(11, 5),
            ),
        ),
        items=(
            MinutesItem(1, "Apologies and declarations of interest", "Apologies and declarations were recorded."),
            MinutesItem(
                2,
                "Minutes of the meeting on Thursday 5 November 2026",
                outcome="The minutes were agreed and signed by the Chair.",
            ),
            MinutesItem(
                3,
                "Case review CMR-2026-07",
                "Mr Doyle presented the review report.\n\nMembers discussed the recommendations at length.",
                motions=(tie, declined),
                outcome="Decision: recommendations 1 to 6 were agreed.",
                actions=(
                    ActionLine("Write to the Trust with the recommendations", "Ms Niamh Kelly", date(2027, 1, 7)),
                    ActionLine("Add the review to the learning log", "Mr Tom Reid"),
                ),
            ),
        ),
        amendments=(AmendmentLine(date(2027, 1, 7), "Mr Tom Reid's name was misspelled.", item="Item 3"),),
    )
    return replace(data, **changes)


def example_approved_minutes() -> MinutesData:
    return example_minutes(status="approved", signature=Signature(CHAIR, date(2027, 1, 7)), circulated_on=None)


def example_attendance_register(*, per_meeting: bool = True) -> AttendanceRegisterData:
    meetings = (date(2026, 4, 2), date(2026, 5, 7), date(2026, 6, 4), date(2026, 7, 2))
    rows = (
        AttendanceRow(CHAIR, 4, 4, 0, 0, 0, ("present", "present", "present", "present")),
        AttendanceRow("Dr Ruth Adair", 4, 2, 1, 1, 0, ("present", "apologies", "deputised", "present")),
        AttendanceRow("Mr Gareth Lowry", 4, 1, 1, 0, 2, ("absent", "absent", "apologies", "present")),
        AttendanceRow("Mrs Helen Boyd", 2, 2, 0, 0, 0, ("not expected", "not expected", "present", "present")),
    )
    if not per_meeting:
        return AttendanceRegisterData(
            COMMITTEE,
            "1 April 2026 to 31 March 2027",
            tuple(AttendanceRow(r.member, r.expected, r.attended, r.apologies, r.deputised, r.absent) for r in rows),
            produced_on=date(2026, 11, 23),
        )
    return AttendanceRegisterData(
        COMMITTEE, "1 April 2026 to 31 March 2027", rows, produced_on=date(2026, 11, 23), meetings=meetings
    )


def example_action_log() -> ActionLogData:
    return ActionLogData(
        committee_name=COMMITTEE,
        produced_on=date(2026, 11, 23),
        actions=(
            ActionLogLine(
                date(2026, 10, 1),
                "Item 3: Case review CMR-2026-05",
                "Send the report to the Board",
                "Ms Niamh Kelly",
                date(2026, 10, 15),
                "done",
                completed_on=date(2026, 10, 12),
            ),
            ActionLogLine(
                date(2026, 11, 5),
                "Item 4: Training",
                "Arrange the multi-agency learning event",
                "Mr Tom Reid",
                date(2027, 2, 4),
                "open",
            ),
            ActionLogLine(date(2026, 11, 5), "Item 5: Any other business", "Review the terms", CHAIR, None, "open"),
        ),
    )
