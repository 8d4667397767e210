"""The notice of meeting: when and where, the business, and the signature of the Chair or of the
person the Chair has authorised to sign on their behalf."""

from __future__ import annotations

from docx.document import Document

from govapp.documents.base import add_labelled
from govapp.documents.base import add_table
from govapp.documents.base import new_document
from govapp.documents.base import plural
from govapp.documents.base import purpose_label
from govapp.documents.base import to_bytes
from govapp.documents.base import xml_safe
from govapp.documents.data import NoticeData
from govapp.formatting import clock_time
from govapp.formatting import long_date
from govapp.formatting import place
from govapp.formatting import time_span


def build_notice(data: NoticeData) -> bytes:
    data = xml_safe(data)
    subject = f"Notice of the meeting on {long_date(data.meeting_date)}"
    document = new_document(data.committee_name, "Notice of meeting", subject=subject)
    if data.version > 1:
        document.add_paragraph(f"Version {data.version}. This notice replaces any earlier notice of this meeting.")
    _write_meeting(document, data)
    _write_business(document, data)
    _write_signature(document, data)
    _write_service(document, data)
    return to_bytes(document)


def _write_meeting(document: Document, data: NoticeData) -> None:
    at = f" at {data.location}" if data.location else ""
    document.add_paragraph(
        f"Notice is given that a meeting of the {data.committee_name} will be held on "
        f"{long_date(data.meeting_date)} at {clock_time(data.starts_at)}{at}."
    )
    add_labelled(document, "Date", long_date(data.meeting_date))
    add_labelled(document, "Time", time_span(data.starts_at, data.ends_at))
    add_labelled(document, "Place", place(data.location, data.online_link))
    if data.online_link:
        add_labelled(document, "Join online", data.online_link)


def _write_business(document: Document, data: NoticeData) -> None:
    document.add_heading("Business to be transacted", level=1)
    if not data.business:
        document.add_paragraph("The business will be set out in the agenda.")
        return
    add_table(
        document,
        ("Item", "Business", "Purpose"),
        [(str(item.number), item.title, purpose_label(item.purpose)) for item in data.business],
        widths=(1.5, 11.0, 4.5),
    )


def _write_signature(document: Document, data: NoticeData) -> None:
    document.add_heading("Signature", level=1)
    add_labelled(document, "Signed", f"{data.signed_by}, {data.signed_capacity}")
    add_labelled(document, "Date", long_date(data.signed_on))


def _write_service(document: Document, data: NoticeData) -> None:
    days = plural(data.notice_clear_days, "clear day")
    document.add_heading("Service of this notice", level=1)
    document.add_paragraph(
        f"Under the standing orders, notice of a meeting must be served on each member at least {days} "
        "before the day of the meeting."
    )
    if data.served_late:
        late = document.add_paragraph()
        late.add_run(f"This notice was served late: fewer than {days} before the meeting. ").bold = True
        late.add_run("A failure to serve notice on a member does not invalidate the meeting.")
        if data.late_reason:
            add_labelled(document, "Reason", data.late_reason)
