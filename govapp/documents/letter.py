"""Case letters: the Panel Chair's recommendation to the Board, the Board's decision to each party of
section 15, and a stand-down to each forewarned agency. Data in, .docx bytes out, in govapp's
document style; never a real name of the child or family, and never the case papers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from govapp.documents.base import add_labelled
from govapp.documents.base import add_paragraphs
from govapp.documents.base import add_table
from govapp.documents.base import new_document
from govapp.documents.base import to_bytes
from govapp.documents.base import xml_safe
from govapp.formatting import long_date


@dataclass(frozen=True)
class LetterData:
    """One letter: who it is from and to, the case it concerns, and what it says."""

    committee_name: str
    reference: str
    pseudonym: str
    dated: date
    addressee: str  # the body or post written to, e.g. "Department of Health"
    subject: str
    body: str  # paragraphs separated by blank lines
    signed_by: str  # the name and post of the signatory


def build_letter(data: LetterData) -> bytes:
    data = xml_safe(data)
    title, subject = f"{data.reference}: {data.subject}", f"{data.subject}, to {data.addressee}"
    document = new_document(data.committee_name, data.subject, title=title, subject=subject)
    add_labelled(document, "To", data.addressee)
    add_labelled(document, "Date", long_date(data.dated))
    add_labelled(document, "Case", f"{data.reference} ({data.pseudonym})")
    add_paragraphs(document, data.body)
    document.add_paragraph(f"Signed: {data.signed_by}")
    return to_bytes(document)


@dataclass(frozen=True)
class AnswerLine:
    member: str
    agency: str
    answer: str  # "Known", "Not known" or "Not answered"
    details: str


@dataclass(frozen=True)
class AnswersData:
    """The members' answers to "is the child or family known to your agency?", for the Panel's papers."""

    committee_name: str
    reference: str
    pseudonym: str
    produced_on: date
    lines: tuple[AnswerLine, ...]


#: The question each member answers on a notified case.
KNOWN_QUESTION = "Is the child or family known to your agency?"


def build_answers(data: AnswersData) -> bytes:
    data = xml_safe(data)
    title, subject = f"{data.reference}: known to the agencies?", f"The members' answers on {data.reference}"
    document = new_document(data.committee_name, KNOWN_QUESTION, title=title, subject=subject)
    add_labelled(document, "Case", f"{data.reference} ({data.pseudonym})")
    add_labelled(document, "Produced", long_date(data.produced_on))
    add_table(
        document,
        ("Member", "Agency", "Answer", "Details"),
        [(line.member, line.agency, line.answer, line.details) for line in data.lines],
    )
    return to_bytes(document)
