"""Minutes pages and the committee's Word documents.

Minutes and documents are confidential to the committee's Chair, members and secretariat; an
administrator without one of those roles cannot open them. Members see draft minutes once a version
has been circulated; the secretariat sees the working draft. Every download is recorded.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
from datetime import date

from flask import Blueprint
from flask import abort
from flask import flash
from flask import redirect
from flask import render_template
from flask import request
from flask import send_file
from flask import url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from flask_login import login_required
from werkzeug.exceptions import Conflict
from werkzeug.exceptions import Forbidden
from werkzeug.exceptions import NotFound

from govapp import clock
from govapp import rules
from govapp.cache import remember
from govapp.documents import build_action_log
from govapp.documents import build_agenda_pack
from govapp.documents import build_attendance_register
from govapp.documents import build_minutes
from govapp.documents import build_notice
from govapp.documents.pdf import DocumentConversionError
from govapp.documents.pdf import convert_to_pdf
from govapp.documents.pdf import libreoffice_available
from govapp.extensions import db
from govapp.links import absolute
from govapp.minutes import todos  # noqa: F401 - registers the area's sections of the home page
from govapp.minutes.forms import ActionForm
from govapp.minutes.forms import AmendmentForm
from govapp.minutes.forms import CommentForm
from govapp.minutes.forms import ItemSummaryForm
from govapp.models import AgendaItem
from govapp.models import Base
from govapp.models import Committee
from govapp.models import Meeting
from govapp.models import Minutes
from govapp.models import MinutesStatus
from govapp.permissions import Access
from govapp.permissions import Action
from govapp.permissions import access
from govapp.services import minutes as minutes_service
from govapp.services.audit import record_change
from govapp.services.notices import latest_served_notice
from govapp.services.records import action_log_data
from govapp.services.records import agenda_pack_data
from govapp.services.records import approved_minutes_data
from govapp.services.records import attendance_register_data
from govapp.services.records import minutes_data
from govapp.services.records import notice_data
from govapp.web import attempt
from govapp.web import committee_route
from govapp.web import load_meeting
from govapp.web import meeting_route
from govapp.web import refusals_as
from govapp.web import submitted

bp = Blueprint("minutes", __name__)

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@bp.app_template_global()
def records_links(meeting: Meeting) -> list[tuple[str, str]]:
    """Links from a meeting's page to its minutes, the previous meeting's minutes (approved at this
    one: the standing item "Minutes of the previous meeting") and its Word documents, for those
    allowed to open them."""
    today = clock.today()
    return remember(("records links", current_user.id, meeting.id, today), lambda: _records_links(meeting, today))


def _records_links(meeting: Meeting, today: date) -> list[tuple[str, str]]:
    viewer = access(current_user, meeting.committee, today)
    if not viewer.can(Action.READ_MINUTES):
        return []
    drafter = viewer.can(Action.DRAFT_MINUTES)
    links: list[tuple[str, str]] = []
    previous = minutes_service.previous_meeting(meeting)
    if previous is not None:
        earlier = minutes_service.minutes_for(previous)
        if earlier is not None and (drafter or earlier.status != MinutesStatus.DRAFT):
            links.append(
                (
                    f"Minutes of the previous meeting ({previous.meeting_date:%d %B %Y}), for approval",
                    url_for("minutes.show", meeting_id=previous.id),
                )
            )
    minutes = minutes_service.minutes_for(meeting)
    if drafter or (minutes is not None and minutes.status != MinutesStatus.DRAFT):
        links.append(("Minutes of this meeting", url_for("minutes.show", meeting_id=meeting.id)))
    if latest_served_notice(meeting) is not None:
        links.append(("Notice of meeting (Word document)", url_for("minutes.notice_document", meeting_id=meeting.id)))
    links.append(("Agenda pack (Word document)", url_for("minutes.agenda_pack_document", meeting_id=meeting.id)))
    return links


@bp.app_template_global()
def previous_minutes_link(item: AgendaItem) -> tuple[str, str] | None:
    """For the standing item "Minutes of the previous meeting": a link to those minutes, for whoever
    may read them (members once circulated; the secretariat always)."""
    if not item.approves_previous_minutes:
        return None
    for text, href in records_links(item.meeting):
        if text.startswith("Minutes of the previous meeting"):
            return text, href
    return None


def _access(meeting: Meeting) -> Access:
    return access(current_user, meeting.committee, clock.today())


def _reader(meeting: Meeting) -> Access:
    return _access(meeting).require(Action.READ_MINUTES)


def _load(meeting_id: int) -> tuple[Meeting, Minutes | None, Access]:
    meeting = load_meeting(meeting_id)
    reader = _reader(meeting)
    minutes = minutes_service.minutes_for(meeting)
    if not reader.can(Action.DRAFT_MINUTES) and (minutes is None or minutes.status == MinutesStatus.DRAFT):
        raise Forbidden("The draft minutes of this meeting have not been circulated yet.")
    return meeting, minutes, reader


def _item(meeting: Meeting, item_id: int) -> AgendaItem:
    item = db.session.get(AgendaItem, item_id)
    if item is None or item.meeting_id != meeting.id:
        raise NotFound("There is no such item on this meeting's agenda.")
    return item


def _page(
    meeting: Meeting,
    minutes: Minutes | None,
    reader: Access,
    *,
    forms: dict[int, ItemSummaryForm] | None = None,
    **extra: object,
) -> str:
    today = clock.today()
    due = minutes_service.minutes_due(meeting)
    circulated_on = (
        minutes.circulations[0].circulated_at.astimezone(rules.LONDON).date()
        if minutes and minutes.circulations
        else None
    )
    approving = minutes_service.next_ensuing_meeting(meeting)
    # Whether the Chair may sign, and if not why (shown to the Chair while the minutes are circulated).
    signing = (
        minutes_service.approval_of(minutes, today)
        if minutes is not None and minutes.status == MinutesStatus.CIRCULATED and reader.can(Action.SIGN_MINUTES)
        else None
    )
    item_forms = {
        item.id: ItemSummaryForm(
            formdata=None,
            summary=entry.summary,
            version=entry.row_version,
            prefix=f"item-{item.id}",
        )
        for item in sorted(meeting.agenda_items, key=lambda i: i.position)
        if minutes is not None
        for entry in [minutes_service.item_minute(minutes, item)]
    }
    item_forms.update(forms or {})
    return render_template(
        "minutes/show.html",
        meeting=meeting,
        minutes=minutes,
        drafts=reader.can(Action.DRAFT_MINUTES),
        record=minutes_data(meeting, minutes),
        due=due,
        due_state=rules.deadline_state(due, circulated_on, today),
        circulated_on=circulated_on,
        approving=approving,
        can_sign=signing is not None and signing.refusal is None,
        signing=signing,
        item_forms=item_forms,
        action_form=ActionForm(),
        comment_form=extra.pop("comment_form", None) or CommentForm(formdata=None, prefix="comment"),
        amendment_form=extra.pop("amendment_form", None) or AmendmentForm(formdata=None, prefix="amendment"),
        pdf_available=libreoffice_available(),
        **extra,
    )


@bp.route("/meetings/<int:meeting_id>/minutes")
@login_required
def show(meeting_id: int) -> ResponseReturnValue:
    meeting, minutes, reader = _load(meeting_id)
    return _page(meeting, minutes, reader)


@meeting_route(bp, "/meetings/<int:meeting_id>/minutes/start", Action.DRAFT_MINUTES, methods=["POST"])
def start(meeting: Meeting) -> ResponseReturnValue:
    if not ActionForm().validate_on_submit():
        abort(400)
    with refusals_as(Conflict):
        minutes_service.start_minutes(current_user, meeting)
    flash("Draft minutes started. They are drawn from the meeting's record; write up each item.", "success")
    return redirect(url_for(".show", meeting_id=meeting.id))


@meeting_route(bp, "/meetings/<int:meeting_id>/minutes/items/<int:item_id>", Action.DRAFT_MINUTES, methods=["POST"])
def save_item(meeting: Meeting, item_id: int) -> ResponseReturnValue:
    minutes = minutes_service.minutes_for(meeting)
    if minutes is None:
        abort(409, "Start the draft minutes first.")
    item = _item(meeting, item_id)
    form = ItemSummaryForm(prefix=f"item-{item.id}")
    reader = _reader(meeting)
    if not form.validate_on_submit():
        return _page(meeting, minutes, reader, forms={item.id: form}, form=form), 400
    with attempt(form, conflicts_on_form=(minutes_service.EditConflict,)) as done:
        minutes_service.save_item_summary(
            current_user, minutes, item, form.summary.data or "", based_on_version=form.version.data
        )
    if done:
        flash(f"Item {item.position} saved.", "success")
        return redirect(url_for(".show", meeting_id=meeting.id, _anchor=f"item-{item.id}"))
    conflict = done.error
    if isinstance(conflict, minutes_service.EditConflict):
        fresh = ItemSummaryForm(
            formdata=None, summary=conflict.yours, version=conflict.current_version, prefix=f"item-{item.id}"
        )
        fresh.summary.errors = [conflict.message]
        return _page(
            meeting,
            minutes,
            reader,
            forms={item.id: fresh},
            form=fresh,
            conflict_item=item.id,
            conflict_theirs=conflict.theirs,
        ), 409
    return _page(meeting, minutes, reader, forms={item.id: form}, form=form), 400


def _draft_document(meeting: Meeting, minutes: Minutes, *, version: int, circulated_on: date | None) -> bytes:
    data = dataclasses.replace(minutes_data(meeting, minutes), version=version, circulated_on=circulated_on)
    return build_minutes(data)


@meeting_route(bp, "/meetings/<int:meeting_id>/minutes/circulate", Action.DRAFT_MINUTES, methods=["GET", "POST"])
def circulate(meeting: Meeting) -> ResponseReturnValue:
    """Circulating cannot be undone (every member is emailed, the document is kept): a page says what
    will be sent, to how many, as which version; the secretariat confirms there."""
    minutes = minutes_service.minutes_for(meeting)
    if minutes is None:
        abort(400, "Start the draft minutes before circulating them.")
    if request.method == "GET":
        if minutes.is_locked:
            abort(409, "These minutes are signed: they can no longer be circulated.")
        members = meeting.committee.members_on(meeting.meeting_date)
        return render_template("minutes/circulate.html", meeting=meeting, minutes=minutes, recipients=len(members))
    ActionForm().validate_on_submit()  # the CSRF token itself is checked for every POST
    now = clock.now()
    document = _draft_document(meeting, minutes, version=minutes.version + 1, circulated_on=clock.today())
    with refusals_as(Conflict):
        minutes_service.circulate_minutes(
            current_user, minutes, document, now=now, link=absolute(url_for(".show", meeting_id=meeting.id))
        )
    flash(f"Draft minutes version {minutes.version} circulated to every member.", "success")
    return redirect(url_for(".show", meeting_id=meeting.id))


@bp.route("/meetings/<int:meeting_id>/minutes/comments", methods=["POST"])
@login_required
def comment(meeting_id: int) -> ResponseReturnValue:
    meeting, minutes, reader = _load(meeting_id)
    if minutes is None:
        abort(409, "There are no minutes to comment on yet.")
    form = CommentForm(prefix="comment")
    found = minutes

    def change() -> str:
        minutes_service.comment_on_minutes(current_user, found, form.text.data or "", now=clock.now())
        return "Your comment has been recorded. The secretariat will consider it."

    done = submitted(form, change, url_for(".show", meeting_id=meeting.id, _anchor="comments"), default_field="text")
    if done:
        return done
    return _page(meeting, minutes, reader, comment_form=form, form=form), 400


@meeting_route(bp, "/meetings/<int:meeting_id>/minutes/amendments", Action.DRAFT_MINUTES, methods=["POST"])
def amend(meeting: Meeting) -> ResponseReturnValue:
    minutes = minutes_service.minutes_for(meeting)
    reader = _reader(meeting)
    # Before signing, amendments are agreed at the approving meeting; a correction after signing is
    # agreed at the latest meeting held since.
    approving = (
        minutes_service.latest_meeting_since(meeting, clock.today())
        if minutes is not None and minutes.is_locked
        else minutes_service.next_ensuing_meeting(meeting)
    )
    form = AmendmentForm(prefix="amendment")
    if minutes is None or approving is None:
        abort(409, "Amendments are agreed at the next meeting, which has not been scheduled.")
    found, at = minutes, approving

    def change() -> str:
        minutes_service.record_amendment(current_user, found, form.text.data or "", at_meeting=at, now=clock.now())
        return "Amendment recorded."

    done = submitted(form, change, url_for(".show", meeting_id=meeting.id, _anchor="amendments"), default_field="text")
    if done:
        return done
    return _page(meeting, minutes, reader, amendment_form=form, form=form), 400


@meeting_route(bp, "/meetings/<int:meeting_id>/minutes/sign", Action.SIGN_MINUTES, methods=["GET", "POST"])
def sign(meeting: Meeting) -> ResponseReturnValue:
    """Signing is irreversible: a page shows what will be locked, the approval it rests on and the SHA-256
    of the document to be signed; the Chair confirms there. The same document is built again on
    confirming (documents are byte-for-byte reproducible), and must have the hash the Chair saw."""
    minutes = minutes_service.minutes_for(meeting)
    if minutes is None:
        abort(400, "There are no draft minutes to sign.")
    today = clock.today()
    document = build_minutes(approved_minutes_data(meeting, minutes, chair_name=current_user.name, signed_on=today))
    if request.method == "POST":
        ActionForm().validate_on_submit()  # the CSRF token itself is checked for every POST
        with refusals_as(Forbidden):
            signature = minutes_service.sign_minutes(
                current_user,
                minutes,
                document,
                now=clock.now(),
                today=today,
                confirmed_sha256=request.form.get("sha256", ""),
            )
        flash(f"Minutes signed. SHA-256 of the approved document: {signature.sha256}", "success")
        return redirect(url_for(".show", meeting_id=meeting.id))
    approval = minutes_service.approval_of(minutes, today)
    if approval.refusal:
        raise Forbidden(approval.refusal)
    return render_template(
        "minutes/sign.html",
        meeting=meeting,
        minutes=minutes,
        approval=approval,
        sha256=hashlib.sha256(document).hexdigest(),
    )


def _send(data: bytes, name: str, entity: Base, what: str, committee_id: int) -> ResponseReturnValue:
    """Send a document (.docx, or PDF with ?format=pdf), and record the download."""
    mimetype = DOCX
    if request.args.get("format") == "pdf":
        if not libreoffice_available():
            raise NotFound("PDF copies are not available on this server. Download the Word document instead.")
        try:
            data = convert_to_pdf(data)
        except DocumentConversionError:
            raise NotFound("The PDF copy could not be made. Download the Word document instead.") from None
        name, mimetype = name.rsplit(".", 1)[0] + ".pdf", "application/pdf"
    record_change(current_user, f"download_{what}", entity, after={"document": name}, committee_id=committee_id)
    response = send_file(io.BytesIO(data), mimetype=mimetype, as_attachment=True, download_name=name, max_age=0)
    response.headers["Cache-Control"] = "no-store"
    return response


def _file_date(meeting: Meeting) -> str:
    return meeting.meeting_date.isoformat()


@bp.route("/meetings/<int:meeting_id>/minutes.docx")
@login_required
def download(meeting_id: int) -> ResponseReturnValue:
    meeting, minutes, reader = _load(meeting_id)
    if minutes is None:
        raise NotFound("There are no minutes of this meeting yet.")
    if minutes.signature is not None:
        data, kind = minutes.signature.document, "approved-minutes"
    elif reader.can(Action.DRAFT_MINUTES):
        data, kind = (
            _draft_document(meeting, minutes, version=max(minutes.version, 1), circulated_on=None),
            "draft-minutes",
        )
    else:
        data, kind = minutes.circulations[-1].document, "draft-minutes"
    return _send(
        data, f"{meeting.committee.slug}-{_file_date(meeting)}-{kind}.docx", meeting, "minutes", meeting.committee_id
    )


@meeting_route(bp, "/meetings/<int:meeting_id>/notice.docx", Action.READ_PAPERS)
def notice_document(meeting: Meeting) -> ResponseReturnValue:
    notice = latest_served_notice(meeting)
    if notice is None:
        raise NotFound("No notice of this meeting has been served yet.")
    data = build_notice(notice_data(notice))
    return _send(
        data, f"{meeting.committee.slug}-{_file_date(meeting)}-notice.docx", meeting, "notice", meeting.committee_id
    )


@meeting_route(bp, "/meetings/<int:meeting_id>/agenda-pack.docx", Action.READ_PAPERS)
def agenda_pack_document(meeting: Meeting) -> ResponseReturnValue:
    data = build_agenda_pack(agenda_pack_data(meeting))
    return _send(
        data,
        f"{meeting.committee.slug}-{_file_date(meeting)}-agenda.docx",
        meeting,
        "agenda_pack",
        meeting.committee_id,
    )


@committee_route(bp, "/committees/<slug>/attendance-register.docx", Action.READ_AUDIT)
def attendance_register_document(committee: Committee) -> ResponseReturnValue:
    today = clock.today()
    start, _end = rules.reporting_year(today)
    year = request.args.get("year", type=int)
    if year is not None:
        if not 2000 <= year <= 2100:
            abort(400, "Give the reporting year as the year it starts, for example 2026.")
        start = start.replace(year=year)
    data = build_attendance_register(attendance_register_data(committee, start, today))
    return _send(data, f"{committee.slug}-attendance-{start.year}.docx", committee, "attendance_register", committee.id)


@committee_route(bp, "/committees/<slug>/action-log.docx", Action.READ_PAPERS)
def action_log_document(committee: Committee) -> ResponseReturnValue:
    today = clock.today()
    data = build_action_log(action_log_data(committee, today))
    return _send(data, f"{committee.slug}-action-log.docx", committee, "action_log", committee.id)
