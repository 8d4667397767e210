"""Draft and approved minutes: the DRAFT marking, attendance, declarations, votes by name, casting
votes, corrections, actions, amendments and the Chair's signature."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from govapp.documents import build_minutes
from govapp.documents.data import MinutesItem
from govapp.documents.data import MotionLine
from govapp.documents.data import Signature
from govapp.documents.examples import CHAIR
from govapp.documents.examples import example_approved_minutes
from govapp.documents.examples import example_minutes
from tests.documents.helpers import body_lines
from tests.documents.helpers import body_text
from tests.documents.helpers import headings
from tests.documents.helpers import open_docx
from tests.documents.helpers import table_headed


def _lines_under(lines: list[str], heading: str, next_heading: str) -> list[str]:
    return lines[lines.index(heading) + 1 : lines.index(next_heading)]


def test_draft_minutes_carry_a_big_draft_marking_with_version_and_date_circulated() -> None:
    document = open_docx(build_minutes(example_minutes()))
    first = document.paragraphs[0]
    assert first.text == "DRAFT"
    assert first.runs[0].bold
    assert first.runs[0].font.size.pt >= 36
    assert document.paragraphs[1].text == "Version 2, circulated on Monday 14 December 2026."
    assert "Draft minutes" in body_lines(document)


def test_draft_minutes_not_yet_circulated_say_so() -> None:
    document = open_docx(build_minutes(example_minutes(circulated_on=None, version=1)))
    assert document.paragraphs[1].text == "Version 1, not yet circulated."


def test_minutes_record_every_attendance_line_with_the_chair_first() -> None:
    lines = body_lines(open_docx(build_minutes(example_minutes())))
    assert _lines_under(lines, "Present", "Apologies") == [
        f"{CHAIR} (Chair)",
        "Mr Seán Murphy",
        "Mrs Grace Wilson",
        "Ms Orla Quinn",
        "Mr David Chambers",
        "Mr Tom Reid",
    ]
    assert _lines_under(lines, "Apologies", "Absent") == ["Dr Ruth Adair", "Mrs Helen Boyd"]
    assert _lines_under(lines, "Absent", "Deputies") == ["Mr Gareth Lowry"]
    assert _lines_under(lines, "Deputies", "Officers in attendance") == [
        "Mr Paul Hegarty, deputising for Dr Ruth Adair"
    ]
    assert _lines_under(lines, "Officers in attendance", "Declarations of interest") == [
        "Mr Ciarán Doyle (Health and Social Care Trust), for Item 3"
    ]


def test_empty_attendance_lists_say_none() -> None:
    data = example_minutes(apologies=(), absent=(), deputies=(), officers=())
    lines = body_lines(open_docx(build_minutes(data)))
    assert _lines_under(lines, "Apologies", "Absent") == ["None."]
    assert _lines_under(lines, "Officers in attendance", "Declarations of interest") == ["None."]


def test_minutes_record_every_declaration_with_withdrawal_and_return() -> None:
    rows = table_headed(
        open_docx(build_minutes(example_minutes())), "Member", "Item", "Nature of interest", "Withdrew", "Returned"
    )
    assert rows == [
        ["Mrs Helen Boyd", "Item 4: Learning from reviews", "Family member employed by the agency", "", ""],
        [
            "Mr David Chambers",
            "Item 3: Case review CMR-2026-07",
            "Previously managed the family's social worker",
            "10:40am",
            "11:05am",
        ],
    ]


def test_minutes_with_no_declarations_say_none_were_declared() -> None:
    text = body_text(open_docx(build_minutes(example_minutes(declarations=()))))
    assert "No interests were declared." in text


def test_each_item_has_its_number_title_and_summary_paragraphs() -> None:
    document = open_docx(build_minutes(example_minutes()))
    assert headings(document, 2)[-3:] == [
        "1. Apologies and declarations of interest",
        "2. Minutes of the meeting on Thursday 5 November 2026",
        "3. Case review CMR-2026-07",
    ]
    lines = body_lines(document)
    start = lines.index("3. Case review CMR-2026-07")
    assert lines[start + 1 : start + 3] == [
        "Mr Doyle presented the review report.",
        "Members discussed the recommendations at length.",
    ]


def test_motions_record_proposer_seconder_votes_by_name_and_counts() -> None:
    document = open_docx(build_minutes(example_minutes()))
    lines = body_lines(document)
    assert "Motion: That the Panel agrees the review's recommendations 1 to 6." in lines
    assert "Proposed by Mr Seán Murphy; seconded by Mrs Grace Wilson." in lines
    assert "Proposed by Ms Orla Quinn; not seconded." in lines
    assert table_headed(document, "Member", "Vote") == [
        [CHAIR, "For"],
        ["Mr Seán Murphy", "For"],
        ["Mrs Grace Wilson", "For"],
        ["Ms Orla Quinn", "Against"],
        ["Mr David Chambers", "Against"],
        ["Dr Ruth Adair", "Against (cast by Mr Paul Hegarty, deputy)"],
        ["Mr Tom Reid", "Abstained"],
    ]
    assert "For: 3. Against: 3. Abstentions: 1." in lines
    assert "For: 3. Against: 3. Abstentions: 0." in lines


def test_the_casting_vote_used_and_declined_are_both_recorded() -> None:
    lines = body_lines(open_docx(build_minutes(example_minutes())))
    used = lines.index("The Chair used the casting vote: for.")
    assert lines[used - 1] == "Result: carried."
    declined = lines.index("The Chair declined to use the casting vote; the motion was not carried.")
    assert lines[declined - 1] == "Result: not carried (equality of votes)."


def test_a_motion_decided_without_a_tie_has_no_casting_vote_note() -> None:
    motion = MotionLine("That the report is noted.", "Mr Tom Reid", "Ms Orla Quinn", 5, 1, 0, "carried")
    data = example_minutes(items=(MinutesItem(1, "Report", motions=(motion,)),))
    text = body_text(open_docx(build_minutes(data)))
    assert "Result: carried." in text
    assert "casting vote" not in text


def test_a_corrected_result_is_shown_as_a_later_recorded_correction() -> None:
    lines = body_lines(open_docx(build_minutes(example_minutes())))
    correction = lines.index(
        "Correction recorded on Thursday 10 December 2026: For: 4. Against: 3. Abstentions: 0. Result: carried."
    )
    assert correction > lines.index("The Chair used the casting vote: for.")
    assert lines[correction + 1] == "Reason for the correction: Mr Tom Reid's vote was for, not an abstention."


def test_items_record_their_outcome_and_actions_with_owner_and_due_date() -> None:
    document = open_docx(build_minutes(example_minutes()))
    assert "Outcome: Decision: recommendations 1 to 6 were agreed." in body_lines(document)
    assert table_headed(document, "Action", "Owner", "Due") == [
        ["Write to the Trust with the recommendations", "Ms Niamh Kelly", "Thursday 7 January 2027"],
        ["Add the review to the learning log", "Mr Tom Reid", "No date set"],
    ]


def test_amendments_agreed_later_are_listed_as_recorded_amendments() -> None:
    document = open_docx(build_minutes(example_approved_minutes()))
    assert "Amendments recorded at a later meeting" in headings(document, 1)
    amendment = next(p for p in document.paragraphs if p.text.startswith("Agreed on"))
    assert amendment.text == "Agreed on Thursday 7 January 2027 (Item 3): Mr Tom Reid's name was misspelled."
    assert amendment.style.name == "List Number"
    assert "Amendments" not in body_text(open_docx(build_minutes(example_minutes(amendments=()))))


def test_approved_minutes_carry_the_chairs_signature_and_no_draft_marking() -> None:
    document = open_docx(build_minutes(example_approved_minutes()))
    lines = body_lines(document)
    assert lines[-1] == f"Signed by {CHAIR}, Chair, on Thursday 7 January 2027"
    assert document.paragraphs[-1].runs[0].bold
    assert "DRAFT" not in body_text(document)
    assert "Minutes" in lines
    assert "Version: 2" in lines


def test_draft_minutes_have_no_signature() -> None:
    assert "Signed by" not in body_text(open_docx(build_minutes(example_minutes())))


def test_approved_minutes_without_a_signature_are_refused() -> None:
    with pytest.raises(ValueError, match="signature"):
        example_minutes(status="approved")


def test_draft_minutes_with_a_signature_are_refused() -> None:
    with pytest.raises(ValueError, match="not signed"):
        example_minutes(signature=Signature(CHAIR, date(2027, 1, 7)))


def test_minutes_of_a_meeting_with_no_business_still_build() -> None:
    data = replace(example_minutes(), items=(), present=(), declarations=(), amendments=())
    lines = body_lines(open_docx(build_minutes(data)))
    assert "No members were recorded as present." in lines
    assert lines[-1] == "Business"
