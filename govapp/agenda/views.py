"""The agenda of a meeting: items, papers, members' agenda requests and interests registered in advance.

Who sees the agenda page: the committee's Chair, members and secretariat. An administrator who holds
none of those roles gets a 403: item titles name the matters the Panel considers (often cases), so
they are treated as confidential like the papers (docs/permissions.md: the admin sees case papers only
with another role). Officers get a 403 too; per-item access for deputies and officers in attendance
is not built yet.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from collections.abc import Sequence
from datetime import datetime
from functools import partial
from functools import wraps
from typing import Any

from flask import Blueprint
from flask import abort
from flask import current_app
from flask import flash
from flask import redirect
from flask import render_template
from flask import request
from flask import send_file
from flask import url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from flask_login import login_required
from sqlalchemy import select
from werkzeug.datastructures import FileStorage
from werkzeug.exceptions import Forbidden
from werkzeug.exceptions import NotFound
from werkzeug.routing import BuildError

from govapp import clock
from govapp import rules
from govapp.agenda import todos  # noqa: F401 - registers the area's sections of the home page
from govapp.agenda.forms import AgendaItemForm
from govapp.agenda.forms import AgendaRequestForm
from govapp.agenda.forms import ConfirmForm
from govapp.agenda.forms import DecisionForm
from govapp.agenda.forms import InterestForm
from govapp.agenda.forms import PaperForm
from govapp.extensions import db
from govapp.models import AgendaItem
from govapp.models import AgendaRequest
from govapp.models import Declaration
from govapp.models import ItemPurpose
from govapp.models import Meeting
from govapp.models import Paper
from govapp.models import RequestStatus
from govapp.papers_storage import current_store
from govapp.permissions import READS_BUSINESS
from govapp.permissions import Access
from govapp.permissions import Action
from govapp.permissions import access
from govapp.rules import LONDON
from govapp.services import ServiceError
from govapp.services import agenda as agenda_service
from govapp.services import papers as papers_service
from govapp.web import View
from govapp.web import after_commit
from govapp.web import attempt
from govapp.web import loader
from govapp.web import loading_route
from govapp.web import meeting_route
from govapp.web import on_rollback
from govapp.web import refusals_as
from govapp.web import submitted

bp = Blueprint("agenda", __name__)

#: A page about one agenda item of a meeting.
ItemView = Callable[[Meeting, AgendaItem], ResponseReturnValue]


def _access(meeting: Meeting) -> Access:
    return access(current_user, meeting.committee, clock.today())


def _agenda_reader(meeting: Meeting) -> Access:
    """The viewer's access, if they may see this meeting's agenda (its titles are the business before
    the committee, confidential like the papers); otherwise a 403 with words."""
    found = _access(meeting)
    for action in READS_BUSINESS:
        found.require(action)
    return found


def _load_item(meeting: Meeting, item_id: int) -> AgendaItem:
    item = db.session.get(AgendaItem, item_id)
    if item is None or item.meeting_id != meeting.id:
        raise NotFound("There is no such item on this meeting's agenda.")
    return item


def _uploads(files: list[FileStorage] | None) -> list[papers_service.Upload]:
    return [papers_service.Upload(f.filename or "", f.read()) for f in files or [] if f and f.filename]


def _max_paper_bytes() -> int:
    return int(current_app.config.get("MAX_PAPER_BYTES") or papers_service.DEFAULT_MAX_BYTES)


def _agenda_of(meeting: Meeting) -> str:
    return url_for("agenda.show", meeting_id=meeting.id)


def _back_to_agenda(meeting: Meeting) -> ResponseReturnValue:
    return redirect(_agenda_of(meeting))


def _meeting_page(meeting: Meeting) -> str:
    """The meeting's page, or the committee's page while there is none."""
    try:
        return url_for("meetings.show", meeting_id=meeting.id)
    except BuildError:
        return url_for("committees.show", slug=meeting.committee.slug)


@bp.context_processor
def _helpers() -> dict[str, Any]:
    return {"meeting_url_for": _meeting_page}


def _meeting_starts(meeting: Meeting) -> datetime:
    return datetime.combine(meeting.meeting_date, meeting.starts_at, tzinfo=LONDON)


# --- the agenda page ---------------------------------------------------------------------------


@meeting_route(bp, "/meetings/<int:meeting_id>/agenda")
def show(meeting: Meeting) -> ResponseReturnValue:
    viewer = _agenda_reader(meeting)
    today, now = clock.today(), clock.now()
    items = sorted(meeting.agenda_items, key=lambda i: i.position)
    person_id = current_user.person_id
    my_interests = {d.agenda_item_id: d for i in items for d in i.declarations if d.person_id == person_id}
    requests = db.session.scalars(
        select(AgendaRequest).where(AgendaRequest.meeting_id == meeting.id).order_by(AgendaRequest.received_at)
    ).all()
    can_build = viewer.can(Action.BUILD_AGENDA)
    locked = papers_service.agenda_locked_reason(meeting, today)
    return render_template(
        "agenda/show.html",
        meeting=meeting,
        items=items,
        registers_interests=viewer.can(Action.REGISTER_INTEREST),
        can_build=can_build and not locked,
        can_upload=viewer.can(Action.UPLOAD_PAPERS) and not locked,
        can_request=viewer.can(Action.REQUEST_AGENDA_ITEM) and not locked,
        can_register=viewer.can(Action.REGISTER_INTEREST) and not locked and now < _meeting_starts(meeting),
        is_chair=viewer.can(Action.DECIDE_LATE_REQUEST),
        sees_all_requests=viewer.can(Action.SEE_ALL_REQUESTS),
        locked=locked,
        my_interests=my_interests,
        my_requests=[r for r in requests if r.requested_by_id == person_id],
        requests=requests,
        pending=[r for r in requests if r.status == RequestStatus.PENDING],
        stale_notice=agenda_service.notice_out_of_date(meeting) if can_build else None,
        request_deadline=rules.agenda_request_deadline(meeting.meeting_date, orders=meeting.committee.standing_orders),
        withheld={p.id for i in items for p in i.papers if i.id in my_interests},
    )


# --- building the agenda -----------------------------------------------------------------------


def item_route(tail: str, *needs: Action, methods: Sequence[str] = ("GET", "POST")) -> Callable[[ItemView], ItemView]:
    """Declare a page about one item of a meeting's agenda, ``/meetings/<id>/agenda/items/<item_id>/<tail>``
    (see ``govapp.web.meeting_route``): the view gets the meeting and the item, or it is a 404 when the
    item is not on that meeting's agenda."""

    def decorator(view: ItemView) -> ItemView:
        @wraps(view)
        def with_item(meeting: Meeting, item_id: int) -> ResponseReturnValue:
            return view(meeting, _load_item(meeting, item_id))

        rule = f"/meetings/<int:meeting_id>/agenda/items/<int:item_id>/{tail}"
        meeting_route(bp, rule, *needs, methods=methods)(with_item)
        return view

    return decorator


def _item_details(form: AgendaItemForm) -> agenda_service.ItemDetails:
    """What the agenda item form says of an item."""
    purpose = ItemPurpose(form.purpose.data)
    return agenda_service.ItemDetails(form.title.data or "", purpose, form.presenter.data, form.description.data)


@meeting_route(bp, "/meetings/<int:meeting_id>/agenda/items/new", Action.BUILD_AGENDA, methods=["GET", "POST"])
def add_item(meeting: Meeting) -> ResponseReturnValue:
    form = AgendaItemForm()

    def change() -> str:
        item = agenda_service.add_agenda_item(current_user, meeting, _item_details(form), now=clock.now())
        return f"Item {item.position}, “{item.title}”, added to the agenda"

    done = submitted(form, change, _agenda_of(meeting))
    return done or render_template("agenda/item_form.html", form=form, meeting=meeting, item=None)


@item_route("edit", Action.BUILD_AGENDA)
def edit_item(meeting: Meeting, item: AgendaItem) -> ResponseReturnValue:
    form = AgendaItemForm(obj=item)
    if not form.is_submitted():
        form.purpose.data = item.purpose.value

    def change() -> str:
        agenda_service.edit_agenda_item(current_user, item, _item_details(form), now=clock.now())
        return f"Item {item.position}, “{item.title}”, saved"

    can_upload = _access(meeting).can(Action.UPLOAD_PAPERS)
    return submitted(form, change, _agenda_of(meeting)) or render_template(
        "agenda/item_form.html", form=form, meeting=meeting, item=item, can_upload=can_upload, csrf_only=ConfirmForm()
    )


@item_route("move-up", Action.BUILD_AGENDA, methods=["POST"])
def move_up(meeting: Meeting, item: AgendaItem) -> ResponseReturnValue:
    return _move(meeting, item, "up")


@item_route("move-down", Action.BUILD_AGENDA, methods=["POST"])
def move_down(meeting: Meeting, item: AgendaItem) -> ResponseReturnValue:
    return _move(meeting, item, "down")


def _move(meeting: Meeting, item: AgendaItem, direction: str) -> ResponseReturnValue:
    ConfirmForm().validate_on_submit()  # the CSRF token itself is checked for every POST
    with attempt(None) as done:
        agenda_service.move_agenda_item(current_user, item, "up" if direction == "up" else "down", now=clock.now())
    if done:
        flash(f"“{item.title}” moved {direction}: it is now item {item.position}", "success")
    return _back_to_agenda(meeting)


@item_route("remove", Action.BUILD_AGENDA)
def remove_item(meeting: Meeting, item: AgendaItem) -> ResponseReturnValue:
    form = ConfirmForm()
    error_message = None
    if form.validate_on_submit():
        title = item.title
        with attempt(None, quiet=True) as done:
            agenda_service.remove_agenda_item(current_user, item, now=clock.now())
        if done:
            flash(f"“{title}” removed from the agenda", "success")
            return _back_to_agenda(meeting)
        error_message = done.error.message if done.error else None
    return render_template("agenda/remove_item.html", meeting=meeting, item=item, error_message=error_message)


# --- papers ------------------------------------------------------------------------------------


@item_route("papers/new", Action.UPLOAD_PAPERS)
def upload_paper(meeting: Meeting, item: AgendaItem) -> ResponseReturnValue:
    form = PaperForm()
    store = current_store()

    def change() -> str:
        uploads = _uploads([form.file.data])
        if not uploads:
            raise ServiceError("Choose the file of the paper", field="file")
        paper = papers_service.add_paper(
            current_user,
            item,
            uploads[0],
            store=store,
            title=form.title.data,
            max_bytes=_max_paper_bytes(),
            now=clock.now(),
        )
        on_rollback(partial(store.delete, paper.storage_key))
        return f"“{paper.title}” uploaded to item {item.position}, “{item.title}”"

    done = submitted(form, change, _agenda_of(meeting))
    return done or render_template("agenda/paper_form.html", form=form, meeting=meeting, item=item)


@bp.route("/papers/<int:paper_id>/remove", methods=["POST"])
@login_required
def remove_paper(paper_id: int) -> ResponseReturnValue:
    paper = db.get_or_404(Paper, paper_id, description="There is no such paper.")
    meeting = paper.meeting
    _access(meeting).require(Action.UPLOAD_PAPERS)
    ConfirmForm().validate_on_submit()
    title = paper.title
    with attempt(None) as done:
        key = papers_service.remove_paper(current_user, paper, now=clock.now())
    if done:
        after_commit(partial(current_store().delete, key))
        flash(f"“{title}” removed", "success")
    return _back_to_agenda(meeting)


@bp.route("/papers/<int:paper_id>/download")
@login_required
def download_paper(paper_id: int) -> ResponseReturnValue:
    paper = db.get_or_404(Paper, paper_id, description="There is no such paper.")
    with refusals_as(NotFound):  # a missing or altered file; a refusal to this person stays a 403
        data = papers_service.open_paper(current_user, paper, store=current_store(), now=clock.now())
    content_type = paper.content_type
    name = papers_service.safe_download_name(paper)
    response = send_file(
        io.BytesIO(data),
        mimetype=content_type,
        as_attachment=True,
        download_name=name,
        conditional=False,
        etag=False,
        max_age=0,
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "no-store"
    return response


# --- agenda requests ---------------------------------------------------------------------------


@meeting_route(
    bp, "/meetings/<int:meeting_id>/agenda-requests/new", Action.REQUEST_AGENDA_ITEM, methods=["GET", "POST"]
)
def new_request(meeting: Meeting) -> ResponseReturnValue:
    orders = meeting.committee.standing_orders
    now = clock.now()
    form = AgendaRequestForm()
    if form.validate_on_submit():
        store = current_store()
        with attempt(form) as done:
            request = agenda_service.request_agenda_item(
                current_user,
                meeting,
                matter=form.matter.data,
                supporting_information=form.supporting_information.data,
                proposed_motion=form.proposed_motion.data,
                attachments=_uploads(form.attachments.data),
                store=store,
                max_bytes=_max_paper_bytes(),
                received_at=now,
            )
        if done:
            keys = [p.storage_key for p in request.papers]
            for key in keys:
                on_rollback(partial(store.delete, key))
            if request.on_time:
                flash(f"Your agenda request was on time, so “{request.matter}” is on the agenda", "success")
            else:
                flash("Your agenda request was late, so the Chair will decide whether to include it", "success")
            return _back_to_agenda(meeting)
    return render_template(
        "agenda/request_form.html",
        form=form,
        meeting=meeting,
        deadline=rules.agenda_request_deadline(meeting.meeting_date, orders=orders),
        on_time_now=rules.agenda_request_on_time(meeting.meeting_date, now, orders=orders),
        closed=_request_closed_reason(meeting),
    )


def _request_closed_reason(meeting: Meeting) -> str | None:
    if meeting.is_cancelled:
        return "This meeting was cancelled, so it cannot take agenda requests."
    if papers_service.agenda_locked_reason(meeting, clock.today()):
        return "This meeting has already taken place, so it cannot take agenda requests."
    return None


@loading_route(
    bp,
    "/agenda-requests/<int:request_id>/decide",
    Action.DECIDE_LATE_REQUEST,
    param="request_id",
    load=loader(AgendaRequest, "agenda request"),
    to="agenda_request",
    methods=["GET", "POST"],
)
def decide_request(agenda_request: AgendaRequest) -> ResponseReturnValue:
    meeting = agenda_request.meeting
    form = DecisionForm()

    def change() -> str:
        include = form.decision.data == "include"
        agenda_service.decide_late_request(
            current_user, agenda_request, include=include, reason=form.reason.data, now=clock.now()
        )
        outcome = "included on the agenda" if agenda_request.status == RequestStatus.INCLUDED else "declined"
        return f"The agenda request “{agenda_request.matter}” was {outcome}"

    done = submitted(form, change, _agenda_of(meeting), conflicts_on_form=False)
    return done or render_template(
        "agenda/decide_request.html", form=form, meeting=meeting, agenda_request=agenda_request
    )


# --- interests registered in advance -----------------------------------------------------------


@item_route("interest", Action.REGISTER_INTEREST)
def register_interest(meeting: Meeting, item: AgendaItem) -> ResponseReturnValue:
    form = InterestForm()

    def change() -> str:
        agenda_service.register_interest(current_user, item, nature=form.nature.data, now=clock.now())
        return (
            f"Your interest in item {item.position}, “{item.title}”, is registered. Its papers are withheld "
            "from you, and you will confirm the interest at the meeting"
        )

    done = submitted(form, change, _agenda_of(meeting))
    return done or render_template("agenda/interest_form.html", form=form, meeting=meeting, item=item)


def interest_route(tail: str, need: Action) -> Callable[[View], View]:
    """Declare a button about an interest registered in advance, ``/declarations/<id>/<tail>`` (a
    POST; see ``govapp.web.loading_route``): the view gets the ``declaration``."""
    return loading_route(
        bp,
        f"/declarations/<int:declaration_id>/{tail}",
        need,
        param="declaration_id",
        load=loader(Declaration, "registered interest"),
        to="declaration",
        methods=["POST"],
    )


@interest_route("withdraw", Action.REGISTER_INTEREST)
def withdraw_interest(declaration: Declaration) -> ResponseReturnValue:
    item = declaration.agenda_item
    meeting = item.meeting
    if declaration.person_id != current_user.person_id:
        raise Forbidden("You can only withdraw an interest you registered yourself.")
    ConfirmForm().validate_on_submit()
    with attempt(None) as done:
        agenda_service.withdraw_interest(current_user, declaration, now=clock.now())
    if done:
        flash(
            f"You have asked to withdraw your interest in “{item.title}”. It stands, and the papers stay "
            "withheld, until the Chair agrees",
            "success",
        )
    return _back_to_agenda(meeting)


@interest_route("withdrawal", Action.APPROVE_ATTENDANCE)
def decide_withdrawal(declaration: Declaration) -> ResponseReturnValue:
    """The Chair agrees to, or refuses, a member's withdrawal of a registered interest."""
    committee = declaration.agenda_item.meeting.committee
    agree = request.form.get("decision") == "agree"
    if request.form.get("decision") not in {"agree", "keep"}:
        abort(400, "Choose whether you agree to the withdrawal.")
    name = declaration.person.full_name
    agenda_service.decide_interest_withdrawal(current_user, declaration, agree=agree, now=clock.now())
    flash(f"The interest of {name} is {'withdrawn' if agree else 'kept'}", "success")
    return redirect(url_for("proceedings.pending_requests", slug=committee.slug))
