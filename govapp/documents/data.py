"""What the Word documents are built from: plain, frozen data. No Flask, no SQLAlchemy, no models.
When and where a meeting is comes from :mod:`govapp.whenwhere`.

The app maps its records onto these classes; the builders in :mod:`govapp.documents` turn them into
``.docx`` bytes. Names are given as people are to be named in the document ("Dr Jane Smith"); dates
and times are plain :class:`~datetime.date` and :class:`~datetime.time` values (Europe/London local
time), formatted by the builders. Sequences may be lists or tuples; they are shown in the order given
unless a class says otherwise.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from datetime import time
from typing import Literal

from govapp.whenwhere import WhenAndWhere

# --- Every meeting document ----------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class MeetingParticulars(WhenAndWhere):
    """What every document about a meeting says of it: whose meeting, when and where. (Its fields
    are given by name, as are those of the documents built on it.)"""

    committee_name: str


# --- Notice of meeting -------------------------------------------------------------------------


@dataclass(frozen=True)
class BusinessItem:
    """One item of the business a notice specifies."""

    number: int
    title: str
    #: "decision", "discussion", "information" (shown as "For decision", ...).
    purpose: str


@dataclass(frozen=True, kw_only=True)
class NoticeData(MeetingParticulars):
    """A notice of meeting, signed by the Chair or by a person the Chair has authorised."""

    business: Sequence[BusinessItem]
    signed_by: str
    #: "Chair" or "on behalf of the Chair".
    signed_capacity: str
    signed_on: date
    version: int = 1
    served_late: bool = False
    late_reason: str | None = None
    #: The committee's standing order (``orders.notice_clear_days``); shown, never computed with here.
    notice_clear_days: int = 7


# --- Agenda pack -------------------------------------------------------------------------------


@dataclass(frozen=True)
class PaperLine:
    """A paper listed under an agenda item (the file itself is served by govapp, not embedded)."""

    title: str
    file_name: str
    size_bytes: int


@dataclass(frozen=True)
class AgendaPackItem:
    number: int
    title: str
    #: "decision", "discussion", "information".
    purpose: str
    presenter: str | None = None
    description: str | None = None
    is_standing: bool = False
    papers: Sequence[PaperLine] = ()


@dataclass(frozen=True, kw_only=True)
class AgendaPackData(MeetingParticulars):
    """The agenda and the list of papers despatched to members. Standing items are shown first (a
    stable reordering: the numbers are the app's, shown as given)."""

    items: Sequence[AgendaPackItem]
    despatched_on: date | None = None


# --- Minutes -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class DeputyLine:
    """A deputy attending in a member's place, with the Chair's prior agreement."""

    name: str
    deputising_for: str


@dataclass(frozen=True)
class OfficerLine:
    """An officer in attendance (no speaking or voting rights, never counted for quorum)."""

    name: str
    agency: str | None = None
    #: Which item(s) the officer attended for, as it should read: "Item 4" or "Items 4 and 5".
    items: str | None = None


@dataclass(frozen=True)
class DeclarationLine:
    """A declaration of interest, with the member's withdrawal from and return to the meeting."""

    member: str
    #: The item as it should read: "Item 4: Case review CMR-2026-07".
    item: str
    nature: str
    withdrew_at: time | None = None
    returned_at: time | None = None


@dataclass(frozen=True)
class VoteLine:
    """A vote by name. ``vote`` is "for", "against" or "abstain"; ``cast_by`` names a deputy who
    cast it in the member's place."""

    member: str
    vote: str
    cast_by: str | None = None


@dataclass(frozen=True)
class ResultCorrection:
    """A correction of a motion's result, recorded later as a new record (never a silent edit)."""

    recorded_on: date
    votes_for: int
    votes_against: int
    abstentions: int
    #: As ``govapp.rules.decide`` gives it: "carried", "lost", or "tied" (not carried).
    result: str
    reason: str
    casting_vote: str | None = None
    casting_vote_declined: bool = False


@dataclass(frozen=True)
class MotionLine:
    """A motion put to the meeting. The counts and result are those first recorded at the meeting;
    ``corrections`` follow in the order they were recorded, the last being the result in force."""

    text: str
    proposer: str
    seconder: str | None
    votes_for: int
    votes_against: int
    abstentions: int
    #: As ``govapp.rules.decide`` gives it: "carried", "lost", or "tied" (not carried).
    result: str
    votes: Sequence[VoteLine] = ()
    #: "for" or "against" when the Chair's casting vote decided an equality of votes.
    casting_vote: str | None = None
    casting_vote_declined: bool = False
    corrections: Sequence[ResultCorrection] = ()


@dataclass(frozen=True)
class ActionLine:
    description: str
    owner: str
    due_on: date | None = None


@dataclass(frozen=True)
class MinutesItem:
    number: int
    title: str
    #: Free text; paragraphs are separated by blank lines (single line breaks are kept).
    summary: str = ""
    motions: Sequence[MotionLine] = ()
    #: What the item came to, as it should read: "Decision: the Panel agreed ..." or "Noted.".
    outcome: str | None = None
    actions: Sequence[ActionLine] = ()
    #: The item's quorum, in the words of ``rules.explain_quorum`` (members withdrawn for an interest
    #: are not counted); ``None`` before any roll call.
    quorum: str | None = None


@dataclass(frozen=True)
class Signature:
    """The Chair's signature of approved minutes."""

    name: str
    signed_on: date
    capacity: str = "Chair"


@dataclass(frozen=True)
class AmendmentLine:
    """An amendment agreed and recorded at a later meeting."""

    agreed_on: date
    text: str
    #: The item amended, as it should read: "Item 4"; None for the minutes as a whole.
    item: str | None = None


MinutesStatus = Literal["draft", "approved"]


@dataclass(frozen=True, kw_only=True)
class MinutesData(MeetingParticulars):
    """Draft or approved minutes. Draft minutes carry a version and (once circulated) the date of
    circulation; approved minutes carry the Chair's signature."""

    version: int
    status: MinutesStatus
    #: The Chair of the meeting; named first among those present, marked "(Chair)".
    chair: str | None = None
    circulated_on: date | None = None
    present: Sequence[str] = ()
    apologies: Sequence[str] = ()
    absent: Sequence[str] = ()
    deputies: Sequence[DeputyLine] = ()
    officers: Sequence[OfficerLine] = ()
    declarations: Sequence[DeclarationLine] = ()
    items: Sequence[MinutesItem] = ()
    signature: Signature | None = None
    amendments: Sequence[AmendmentLine] = ()

    def __post_init__(self) -> None:
        if self.status not in ("draft", "approved"):
            raise ValueError(f"Minutes status must be 'draft' or 'approved', not {self.status!r}")
        if self.status == "approved" and self.signature is None:
            raise ValueError("Approved minutes need the Chair's signature")
        if self.status == "draft" and self.signature is not None:
            raise ValueError("Draft minutes are not signed")


# --- Attendance register -----------------------------------------------------------------------

#: How a member stood at one meeting, for the per-meeting columns.
AttendanceMark = Literal["present", "apologies", "deputised", "absent", "not expected"]


@dataclass(frozen=True)
class AttendanceRow:
    """One member's attendance over the reporting year. ``marks`` (optional) line up with
    :attr:`AttendanceRegisterData.meetings`."""

    member: str
    expected: int
    attended: int
    apologies: int
    deputised: int
    absent: int = 0
    marks: Sequence[AttendanceMark] = ()


@dataclass(frozen=True)
class AttendanceRegisterData:
    committee_name: str
    #: As it should read: "1 April 2026 to 31 March 2027".
    reporting_year: str
    rows: Sequence[AttendanceRow]
    produced_on: date
    #: The meetings of the year, for per-meeting columns; empty for the summary table only.
    meetings: Sequence[date] = ()

    def __post_init__(self) -> None:
        for row in self.rows:
            if row.marks and len(row.marks) != len(self.meetings):
                raise ValueError(f"{row.member}: {len(row.marks)} marks for {len(self.meetings)} meetings")


# --- Action log --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ActionLogLine:
    meeting_date: date
    #: As it should read: "Item 4: Case review".
    item: str
    description: str
    owner: str
    due_on: date | None
    #: "open" or "done" (or any status the app shows, written as given).
    status: str
    completed_on: date | None = None


@dataclass(frozen=True)
class ActionLogData:
    committee_name: str
    produced_on: date
    actions: Sequence[ActionLogLine]
