"""The attendance register: each member's attendance over a reporting year, and optionally a column
per meeting (the page turns to landscape A4 for those)."""

from __future__ import annotations

from docx.document import Document

from govapp.documents.base import CM
from govapp.documents.base import add_labelled
from govapp.documents.base import add_table
from govapp.documents.base import new_document
from govapp.documents.base import to_bytes
from govapp.documents.base import xml_safe
from govapp.documents.data import AttendanceMark
from govapp.documents.data import AttendanceRegisterData
from govapp.formatting import long_date

#: The letter shown in a per-meeting column, and what it means.
MARKS: dict[AttendanceMark, str] = {
    "present": "P",
    "apologies": "A",
    "deputised": "D",
    "absent": "X",
    "not expected": "–",
}
_MEANINGS: dict[AttendanceMark, str] = {
    "present": "present",
    "apologies": "apologies",
    "deputised": "a deputy attended",
    "absent": "absent without apologies",
    "not expected": "not a member at the time",
}
SUMMARY_HEADINGS = ("Member", "Expected", "Attended", "Apologies", "Deputised", "Absent")


def build_attendance_register(data: AttendanceRegisterData) -> bytes:
    data = xml_safe(data)
    per_meeting = bool(data.meetings)
    document = new_document(
        data.committee_name,
        title=f"{data.committee_name}: attendance register",
        subject=f"Attendance register, {data.reporting_year}",
        landscape=per_meeting,
    )
    section = document.sections[0]
    usable = (section.page_width - section.left_margin - section.right_margin) / CM  # type: ignore[operator]
    document.add_paragraph("Attendance register", style="Title")
    add_labelled(document, "Reporting year", data.reporting_year)
    add_labelled(document, "Produced", long_date(data.produced_on))
    document.add_paragraph(
        "Expected counts the meetings held while the person was a member; cancelled meetings are not "
        "counted. Attended counts the meetings the member was present at. Apologies and a deputy's "
        "attendance are counted separately: neither is attendance by the member."
    )
    document.add_heading("Summary", level=1)
    add_table(
        document,
        SUMMARY_HEADINGS,
        [
            (
                row.member,
                str(row.expected),
                str(row.attended),
                str(row.apologies),
                str(row.deputised),
                str(row.absent),
            )
            for row in data.rows
        ],
        widths=(min(8.0, usable - 5 * 2.4), *([2.4] * 5)),
        font_size=10,
    )
    if per_meeting:
        _write_per_meeting(document, data)
    return to_bytes(document)


def _write_per_meeting(document: Document, data: AttendanceRegisterData) -> None:
    document.add_heading("By meeting", level=1)
    document.add_paragraph("; ".join(f"{MARKS[mark]}: {meaning}" for mark, meaning in _MEANINGS.items()) + ".")
    headings = ("Member", *(f"{meeting.day} {meeting:%b %y}" for meeting in data.meetings))
    rows = [(row.member, *(MARKS[mark] for mark in row.marks)) for row in data.rows if row.marks]
    section = document.sections[0]
    usable = (section.page_width - section.left_margin - section.right_margin) / CM - 5.0  # type: ignore[operator]
    width = min(2.0, usable / len(data.meetings))
    add_table(document, headings, rows, widths=(5.0, *([width] * len(data.meetings))), font_size=9)
