"""Minutes, draft or approved.

Draft minutes carry a large DRAFT marking (also in the header), their version and the date they were
circulated. Approved minutes carry the Chair's signature. Corrections of a vote's result and
amendments agreed at a later meeting are shown as recorded additions, never folded into the text.
The SHA-256 of approved minutes is computed by the app from these bytes, so it is not inside them.
"""

from __future__ import annotations

from collections.abc import Sequence

from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from govapp.documents.base import add_labelled
from govapp.documents.base import add_paragraphs
from govapp.documents.base import add_table
from govapp.documents.base import new_document
from govapp.documents.base import to_bytes
from govapp.documents.base import xml_safe
from govapp.documents.data import MinutesData
from govapp.documents.data import MinutesItem
from govapp.documents.data import MotionLine
from govapp.documents.data import ResultCorrection
from govapp.documents.data import VoteLine
from govapp.formatting import clock_time
from govapp.formatting import long_date
from govapp.formatting import time_span

_RESULTS = {"carried": "carried", "lost": "lost", "tied": "not carried (equality of votes)"}
_VOTES = {"for": "For", "against": "Against", "abstain": "Abstained"}


def result_words(result: str) -> str:
    return _RESULTS.get(result, result)


def casting_vote_note(casting_vote: str | None, declined: bool) -> str | None:
    """The sentence the minutes record about the Chair's casting vote, if one was in question."""
    if casting_vote is not None:
        return f"The Chair used the casting vote: {casting_vote}."
    if declined:
        return "The Chair declined to use the casting vote; the motion was not carried."
    return None


def counts_line(votes_for: int, votes_against: int, abstentions: int) -> str:
    return f"For: {votes_for}. Against: {votes_against}. Abstentions: {abstentions}."


def present_in_order(data: MinutesData) -> list[str]:
    """Members present, the Chair first (marked), the others in the order given."""
    others = [name for name in data.present if name != data.chair]
    if data.chair is not None and data.chair in data.present:
        return [f"{data.chair} (Chair)", *others]
    return others


def build_minutes(data: MinutesData) -> bytes:
    data = xml_safe(data)
    draft = data.status == "draft"
    document = new_document(
        data.committee_name,
        title=f"{data.committee_name}: {'draft ' if draft else ''}minutes",
        subject=f"{'Draft minutes' if draft else 'Minutes'} of the meeting on {long_date(data.meeting_date)}",
        extra_marking="DRAFT" if draft else None,
    )
    if draft:
        _write_draft_marking(document, data)
    document.add_paragraph("Draft minutes" if draft else "Minutes", style="Title")
    place = f" at {data.location}" if data.location else ""
    document.add_paragraph(
        f"Minutes of the meeting of the {data.committee_name} held on {long_date(data.meeting_date)} "
        f"at {clock_time(data.starts_at)}{place}."
    )
    add_labelled(document, "Time", time_span(data.starts_at, data.ends_at))
    if not draft:
        add_labelled(document, "Version", str(data.version))

    _write_attendance(document, data)
    _write_declarations(document, data)
    document.add_heading("Business", level=1)
    for item in data.items:
        _write_item(document, item)
    _write_amendments(document, data)
    _write_signature(document, data)
    return to_bytes(document)


def _write_draft_marking(document: Document, data: MinutesData) -> None:
    marking = document.add_paragraph()
    marking.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = marking.add_run("DRAFT")
    run.bold = True
    run.font.size = Pt(40)
    circulated = (
        f"circulated on {long_date(data.circulated_on)}" if data.circulated_on is not None else "not yet circulated"
    )
    status = document.add_paragraph()
    status.alignment = WD_ALIGN_PARAGRAPH.CENTER
    status.add_run(f"Version {data.version}, {circulated}.").bold = True
    document.add_paragraph(
        "These minutes are a draft until they are agreed at the next meeting and signed by the Chair."
    )


def _write_names(document: Document, heading: str, names: Sequence[str], empty: str) -> None:
    document.add_heading(heading, level=2)
    if not names:
        document.add_paragraph(empty)
    for name in names:
        document.add_paragraph(name)


def _write_attendance(document: Document, data: MinutesData) -> None:
    document.add_heading("Attendance", level=1)
    _write_names(document, "Present", present_in_order(data), "No members were recorded as present.")
    _write_names(document, "Apologies", data.apologies, "None.")
    _write_names(document, "Absent", data.absent, "None.")
    _write_names(
        document,
        "Deputies",
        [f"{deputy.name}, deputising for {deputy.deputising_for}" for deputy in data.deputies],
        "None.",
    )
    officers = []
    for officer in data.officers:
        line = officer.name + (f" ({officer.agency})" if officer.agency else "")
        officers.append(line + (f", for {officer.items}" if officer.items else ""))
    _write_names(document, "Officers in attendance", officers, "None.")


def _write_declarations(document: Document, data: MinutesData) -> None:
    document.add_heading("Declarations of interest", level=1)
    if not data.declarations:
        document.add_paragraph("No interests were declared.")
        return
    document.add_paragraph(
        "A member who declared an interest took no part in the consideration, discussion or vote on the "
        "item and was not present for it."
    )
    add_table(
        document,
        ("Member", "Item", "Nature of interest", "Withdrew", "Returned"),
        [
            (
                line.member,
                line.item,
                line.nature,
                clock_time(line.withdrew_at) if line.withdrew_at else "",
                clock_time(line.returned_at) if line.returned_at else "",
            )
            for line in data.declarations
        ],
        widths=(3.2, 3.8, 5.0, 2.5, 2.5),
    )


def _write_item(document: Document, item: MinutesItem) -> None:
    document.add_heading(f"{item.number}. {item.title}", level=2)
    if item.summary.strip():
        add_paragraphs(document, item.summary)
    for motion in item.motions:
        _write_motion(document, motion)
    if item.quorum:
        add_labelled(document, "Quorum", item.quorum)
    if item.outcome:
        add_labelled(document, "Outcome", item.outcome)
    if item.actions:
        document.add_paragraph().add_run("Actions").bold = True
        add_table(
            document,
            ("Action", "Owner", "Due"),
            [
                (action.description, action.owner, long_date(action.due_on) if action.due_on else "No date set")
                for action in item.actions
            ],
            widths=(9.5, 4.0, 3.5),
        )


def _vote_words(vote: VoteLine) -> str:
    words = _VOTES.get(vote.vote, vote.vote)
    return f"{words} (cast by {vote.cast_by}, deputy)" if vote.cast_by else words


def _write_motion(document: Document, motion: MotionLine) -> None:
    add_labelled(document, "Motion", motion.text)
    seconded = f"; seconded by {motion.seconder}" if motion.seconder else "; not seconded"
    document.add_paragraph(f"Proposed by {motion.proposer}{seconded}.")
    if motion.votes:
        add_table(
            document,
            ("Member", "Vote"),
            [(vote.member, _vote_words(vote)) for vote in motion.votes],
            widths=(7.0, 10.0),
        )
    document.add_paragraph(counts_line(motion.votes_for, motion.votes_against, motion.abstentions))
    add_labelled(document, "Result", f"{result_words(motion.result)}.")
    note = casting_vote_note(motion.casting_vote, motion.casting_vote_declined)
    if note:
        document.add_paragraph(note)
    for correction in motion.corrections:
        _write_correction(document, correction)


def _write_correction(document: Document, correction: ResultCorrection) -> None:
    paragraph = document.add_paragraph()
    paragraph.add_run(f"Correction recorded on {long_date(correction.recorded_on)}: ").bold = True
    paragraph.add_run(
        f"{counts_line(correction.votes_for, correction.votes_against, correction.abstentions)} "
        f"Result: {result_words(correction.result)}."
    )
    note = casting_vote_note(correction.casting_vote, correction.casting_vote_declined)
    if note:
        paragraph.add_run(f" {note}")
    add_labelled(document, "Reason for the correction", correction.reason)


def _write_amendments(document: Document, data: MinutesData) -> None:
    if not data.amendments:
        return
    document.add_heading("Amendments recorded at a later meeting", level=1)
    document.add_paragraph(
        "These amendments were agreed and recorded after the minutes above were written; the text above "
        "is kept as it was."
    )
    for amendment in data.amendments:
        where = f" ({amendment.item})" if amendment.item else ""
        document.add_paragraph(
            f"Agreed on {long_date(amendment.agreed_on)}{where}: {amendment.text}", style="List Number"
        )


def _write_signature(document: Document, data: MinutesData) -> None:
    if data.signature is None:
        return
    signature = data.signature
    document.add_heading("Signature", level=1)
    paragraph = document.add_paragraph()
    paragraph.add_run(
        f"Signed by {signature.name}, {signature.capacity}, on {long_date(signature.signed_on)}"
    ).bold = True
