"""Before and at the meeting: apologies, deputies and officers (and the Chair's pending requests), the
meeting console (roll call, quorum, declarations, withdrawals, motions and votes, outcomes, actions,
matters arising), a member's own vote, the Chair's casting vote, corrections of results, absence
follow-up and the attendance report.

Every change is a plain POST that redirects back to the console at the item's anchor; no JavaScript.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from sqlalchemy import select
from werkzeug.exceptions import Forbidden, NotFound

from govapp import clock, rules
from govapp.extensions import db
from govapp.models import (
    ActionPoint,
    ActionStatus,
    AgendaItem,
    Attendance,
    AttendanceRecord,
    Committee,
    Declaration,
    DeclarationKind,
    DeputyRequest,
    ItemOutcome,
    Meeting,
    MeetingStatus,
    Motion,
    MotionResult,
    MotionStatus,
    OfficerRequest,
    OutcomeKind,
    Person,
    RequestDecision,
    Vote,
    VoteChoice,
)
from govapp.permissions import Access, Action, access
from govapp.proceedings.forms import (
    AbsenceReasonForm,
    ActionForm,
    ApologiesForm,
    AttendeeForm,
    ButtonForm,
    CastingVoteForm,
    CorrectionForm,
    DecideRequestForm,
    DeclarationForm,
    DeputyRequestForm,
    MotionForm,
    OfficerRequestForm,
    OutcomeForm,
    VoteForm,
    people_choices,
    roll_call_form,
    show_of_hands_form,
)
from govapp.services import ConflictError, ServiceError
from govapp.services import absences as absences_service
from govapp.services import outcomes as outcomes_service
from govapp.services import proceedings as service
from govapp.services import voting as voting_service
from govapp.services.accounts import add_person, find_person
from govapp.web import attempt, form_error, load_committee, load_meeting

bp = Blueprint("proceedings", __name__)

F = TypeVar("F", bound=FlaskForm)


# --- helpers ---------------------------------------------------------------------------------------


def _access(committee: Committee, meeting: Meeting | None = None) -> Access:
    """The signed-in person's access to ``committee`` today (and to ``meeting``, for its own roles)."""
    return access(current_user, committee, clock.today(), meeting)


def _members(meeting: Meeting) -> list[Person]:
    """The members on the day of the meeting, the Chair first."""
    return [m.person for m in meeting.committee.members_on(meeting.meeting_date)]


def _chair(meeting: Meeting) -> Person | None:
    chair = meeting.committee.chair_on(meeting.meeting_date)
    return chair.person if chair else None


def _label(meeting: Meeting, person: Person) -> str:
    chair = _chair(meeting)
    return f"{person.full_name} (Chair)" if chair is not None and chair.id == person.id else person.full_name


def _chosen(people: list[Person], value: str | None) -> Person:
    by_id = {str(p.id): p for p in people}
    if value not in by_id:
        abort(400, "Choose someone from the list.")
    return by_id[value]  # type: ignore[index]


def _load_item(item_id: int) -> AgendaItem:
    return db.get_or_404(AgendaItem, item_id, description="There is no such agenda item.")


def _load_motion(motion_id: int) -> Motion:
    return db.get_or_404(Motion, motion_id, description="There is no such motion.")


def _meeting_url(meeting: Meeting) -> str:
    return url_for("meetings.show", meeting_id=meeting.id)


def _console_url(meeting: Meeting, anchor: str | None = None) -> str:
    return url_for("proceedings.console", meeting_id=meeting.id, _anchor=anchor)


def _find_or_add_person(full_name: str, email: str, organisation: str) -> Person:
    """The person with this email address, or a new record of them."""
    person = find_person(email)
    if person is None:
        person = add_person(current_user, full_name=full_name, email=email, organisation=organisation)
    return person


@bp.app_template_global()
def proceedings_links(meeting: Meeting) -> list[tuple[str, str]]:
    """Links from the meeting page to this area's pages that the signed-in person may use."""
    if not current_user.is_authenticated:
        return []
    found = _access(meeting.committee, meeting)
    links: list[tuple[str, str]] = []
    if found.can(Action.VIEW_CONSOLE):
        links.append(("Meeting console: attendance, declarations, votes and outcomes", _console_url(meeting)))
    upcoming = meeting.status == MeetingStatus.SCHEDULED and meeting.meeting_date >= clock.today()
    if upcoming and found.can(Action.SEND_APOLOGIES):
        links.append(("Send apologies", url_for("proceedings.send_apologies", meeting_id=meeting.id)))
        links.append(("Ask for a deputy", url_for("proceedings.request_deputy", meeting_id=meeting.id)))
        links.append(("Ask for an officer to attend", url_for("proceedings.request_officer", meeting_id=meeting.id)))
    if found.can(Action.APPROVE_ATTENDANCE):
        links.append(
            ("Requests waiting for your decision", url_for("proceedings.pending_requests", slug=meeting.committee.slug))
        )
    # Motions name the business: only those with a vote here see them (members, the Chair, deputies).
    if found.can(Action.CAST_VOTE):
        for motion in voting_service.open_motions([meeting.committee_id]):
            if motion.agenda_item.meeting_id == meeting.id:
                links.append(
                    (f"Vote on the motion: {motion.text[:80]}", url_for("proceedings.vote", motion_id=motion.id))
                )
    return links


# --- before the meeting: apologies, deputies, officers -------------------------------------------


def _require_upcoming(meeting: Meeting) -> None:
    if meeting.status == MeetingStatus.CANCELLED:
        raise Forbidden("This meeting was cancelled.")


def _for_whom(meeting: Meeting, form: Any, doing: str) -> tuple[list[Person], bool]:
    """Members do this for themselves; the secretariat on a member's behalf (choosing the member)."""
    found = _access(meeting.committee).require(Action.SEND_APOLOGIES)
    _require_upcoming(meeting)
    members = _members(meeting)
    on_behalf = found.can(Action.ACT_FOR_MEMBERS)
    if not on_behalf and current_user.person_id not in {p.id for p in members}:
        raise Forbidden(f"Only members of {meeting.committee.name} on the day of the meeting {doing}.")
    if on_behalf:
        form.member.choices = people_choices(members, blank="Choose a member")
    else:
        del form.member
    return members, on_behalf


@bp.route("/meetings/<int:meeting_id>/apologies", methods=["GET", "POST"])
@login_required
def send_apologies(meeting_id: int) -> ResponseReturnValue:
    meeting = load_meeting(meeting_id)
    form = ApologiesForm()
    members, on_behalf = _for_whom(meeting, form, "send apologies for it")
    if form.validate_on_submit():
        person = _chosen(members, form.member.data) if on_behalf else current_user.person
        with attempt(form) as done:
            service.send_apologies(current_user, meeting, person, form.reason.data, now=clock.now())
        if done:
            who = "Your apologies" if person.id == current_user.person_id else f"Apologies from {person.full_name}"
            flash(f"{who} for the meeting on {meeting.meeting_date:%-d %B %Y} are recorded", "success")
            return redirect(_meeting_url(meeting))
    sent = service.apologies_for(meeting)
    return render_template(
        "proceedings/apologies.html",
        form=form,
        meeting=meeting,
        on_behalf=on_behalf,
        own_apology=sent.get(current_user.person_id),
        sent=sorted(sent.values(), key=lambda a: a.person.full_name) if on_behalf else [],
    )


@bp.route("/meetings/<int:meeting_id>/deputy-requests/new", methods=["GET", "POST"])
@login_required
def request_deputy(meeting_id: int) -> ResponseReturnValue:
    meeting = load_meeting(meeting_id)
    form = DeputyRequestForm()
    members, on_behalf = _for_whom(meeting, form, "ask for a deputy")
    if form.validate_on_submit():
        member = _chosen(members, form.member.data) if on_behalf else current_user.person
        with attempt(form, {"deputy": "email"}) as done:
            deputy = _find_or_add_person(form.full_name.data, form.email.data, form.agency.data)
            service.request_deputy(current_user, meeting, member, deputy, form.reason.data, now=clock.now())
        if done:
            flash(f"The request for {deputy.full_name} to deputise is sent to the Chair", "success")
            return redirect(_meeting_url(meeting))
    return render_template(
        "proceedings/deputy_request.html",
        form=form,
        meeting=meeting,
        on_behalf=on_behalf,
        requests=[
            r
            for r in service.deputy_requests_for(meeting)
            if on_behalf
            or _access(meeting.committee).can(Action.APPROVE_ATTENDANCE)
            or r.member_id == current_user.person_id
        ],
    )


@bp.route("/meetings/<int:meeting_id>/officer-requests/new", methods=["GET", "POST"])
@login_required
def request_officer(meeting_id: int) -> ResponseReturnValue:
    """A member asks for an officer of their own agency to attend; the secretariat for any agency."""
    meeting = load_meeting(meeting_id)
    found = _access(meeting.committee).require(Action.REQUEST_OFFICER)
    _require_upcoming(meeting)
    own = next(
        (m for m in meeting.committee.members_on(meeting.meeting_date) if m.person_id == current_user.person_id),
        None,
    )
    on_behalf = found.can(Action.ACT_FOR_MEMBERS)
    if not on_behalf and own is None:
        raise Forbidden(f"Only members of {meeting.committee.name} on the day of the meeting ask for an officer.")
    items = sorted(meeting.agenda_items, key=lambda i: i.position)
    form = OfficerRequestForm()
    form.item.choices = [("", "Choose an item")] + [(str(i.id), f"{i.position}. {i.title}") for i in items]
    agency = None if on_behalf or own is None else (own.agency or "")
    if agency is not None:
        del form.agency
    if form.validate_on_submit():
        item = next((i for i in items if str(i.id) == form.item.data), None)
        if item is None:
            abort(400, "Choose an item from the list.")
        chosen_agency = agency if agency is not None else form.agency.data
        with attempt(form, {"officer": "email"}) as done:
            officer = _find_or_add_person(form.full_name.data, form.email.data, chosen_agency)
            service.request_officer_attendance(
                current_user, item, officer, chosen_agency, form.reason.data, now=clock.now()
            )
        if done:
            flash(
                f"The request for {officer.full_name} to attend for item {item.position} is sent to the Chair",
                "success",
            )
            return redirect(_meeting_url(meeting))
    return render_template(
        "proceedings/officer_request.html", form=form, meeting=meeting, agency=agency, on_behalf=on_behalf
    )


@bp.route("/committees/<slug>/requests")
@login_required
def pending_requests(slug: str) -> ResponseReturnValue:
    """The Chair's one page of requests waiting for a decision, across the committee's meetings to come."""
    committee = load_committee(slug)
    today = clock.today()
    _access(committee).require(Action.APPROVE_ATTENDANCE)
    from govapp.services.agenda import late_requests_awaiting

    deputies, officers = service.pending_attendance_requests([committee.id], today)
    return render_template(
        "proceedings/pending_requests.html",
        committee=committee,
        deputies=[(r, DecideRequestForm(prefix=f"deputy-{r.id}", formdata=None)) for r in deputies],
        officers=[(r, DecideRequestForm(prefix=f"officer-{r.id}", formdata=None)) for r in officers],
        agenda_requests=late_requests_awaiting([committee.id], today=today),
    )


def _decide(request_: DeputyRequest | OfficerRequest, kind: str) -> ResponseReturnValue:
    meeting = request_.meeting
    committee = meeting.committee
    _access(committee).require(Action.APPROVE_ATTENDANCE)
    form = DecideRequestForm(prefix=f"{kind}-{request_.id}")
    if form.validate_on_submit():
        approve = form.decision.data == "approve"
        with attempt(form, conflicts_on_form=False) as done:
            if isinstance(request_, DeputyRequest):
                service.decide_deputy_request(current_user, request_, approve, form.reason.data, now=clock.now())
            else:
                service.decide_officer_request(current_user, request_, approve, form.reason.data, now=clock.now())
        if done:
            who = request_.deputy.full_name if isinstance(request_, DeputyRequest) else request_.officer.full_name
            flash(f"The request for {who} is {'approved' if approve else 'refused'}", "success")
            return redirect(url_for("proceedings.pending_requests", slug=committee.slug))
    return render_template("proceedings/decide_request.html", form=form, attendance_request=request_, kind=kind)


@bp.route("/deputy-requests/<int:request_id>/decide", methods=["GET", "POST"])
@login_required
def decide_deputy(request_id: int) -> ResponseReturnValue:
    return _decide(db.get_or_404(DeputyRequest, request_id, description="There is no such deputy request."), "deputy")


@bp.route("/officer-requests/<int:request_id>/decide", methods=["GET", "POST"])
@login_required
def decide_officer(request_id: int) -> ResponseReturnValue:
    return _decide(
        db.get_or_404(OfficerRequest, request_id, description="There is no such officer request."), "officer"
    )


# --- the meeting console ---------------------------------------------------------------------------


def _console_access(meeting: Meeting) -> Access:
    return _access(meeting.committee, meeting).require(Action.VIEW_CONSOLE)


@dataclass
class MotionView:
    motion: Motion
    votes: list[Vote]
    results: list[MotionResult]
    awaiting_casting: bool
    hands: FlaskForm | None
    voters: list[tuple[Person, Person]]
    open_form: FlaskForm
    close_form: FlaskForm


@dataclass
class ItemView:
    item: AgendaItem
    quorum: service.QuorumState
    declarations: list[Declaration]
    motions: list[MotionView]
    outcomes: list[ItemOutcome]
    actions: list[ActionPoint]
    forms: dict[str, FlaskForm] = field(default_factory=dict)


class _Forms:
    """The console's forms, each with its own prefix; the one that failed keeps what was typed."""

    def __init__(self, failed: FlaskForm | None) -> None:
        self.failed = failed

    def get(self, make: Callable[..., F], prefix: str, **kwargs: Any) -> F:
        if self.failed is not None and self.failed._prefix == f"{prefix}-":
            return self.failed  # type: ignore[return-value]
        return make(prefix=prefix, formdata=None, **kwargs)


def _owners(meeting: Meeting) -> list[Person]:
    secretariat = [p.person for p in meeting.committee.secretariat_posts if p.is_current(meeting.meeting_date)]
    return _members(meeting) + sorted(secretariat, key=lambda p: p.full_name)


def _item_choices(meeting: Meeting) -> list[tuple[str, str]]:
    items = sorted(meeting.agenda_items, key=lambda i: i.position)
    return [("", "Choose an item")] + [(str(i.id), f"{i.position}. {i.title}") for i in items]


def _motion_form(meeting: Meeting, forms: _Forms, item: AgendaItem) -> MotionForm:
    form = forms.get(MotionForm, f"motion-{item.id}")
    members = _members(meeting)
    form.proposer.choices = people_choices(members, blank="Choose a member")
    seconder_blank = "Choose a member" if meeting.committee.standing_orders.seconder_required else "No seconder"
    form.seconder.choices = people_choices(members, blank=seconder_blank)
    return form


def _action_form(meeting: Meeting, forms: _Forms, item: AgendaItem) -> ActionForm:
    form = forms.get(ActionForm, f"action-{item.id}")
    form.owner.choices = people_choices(_owners(meeting), blank="Choose who owns it")
    return form


def _declaration_form(meeting: Meeting, forms: _Forms) -> DeclarationForm:
    form = forms.get(DeclarationForm, "declare")
    form.item.choices = _item_choices(meeting)
    form.member.choices = people_choices(_members(meeting), blank="Choose a member")
    return form


def _roll_call(meeting: Meeting, forms: _Forms) -> FlaskForm:
    members = _members(meeting)
    if forms.failed is not None and forms.failed._prefix == "roll-":
        return forms.failed
    records = service.attendance_of(meeting)
    apologies = service.apologies_for(meeting)
    data: dict[str, Any] = {}
    for person in members:
        record = records.get(person.id)
        if record is not None:
            data[f"status_{person.id}"] = record.status.value
            data[f"arrived_{person.id}"] = record.arrived_at
            data[f"departed_{person.id}"] = record.departed_at
        elif person.id in apologies:
            data[f"status_{person.id}"] = Attendance.APOLOGIES.value
    return roll_call_form([(p, _label(meeting, p)) for p in members], prefix="roll", formdata=None, data=data)


def _motion_views(meeting: Meeting, item: AgendaItem, forms: _Forms) -> list[MotionView]:
    views = []
    motions = db.session.scalars(select(Motion).where(Motion.agenda_item_id == item.id).order_by(Motion.id))
    for motion in motions:
        voters = voting_service.eligible_voters(motion) if motion.status == MotionStatus.OPEN else []
        voted = {v.member_id for v in motion.votes}
        waiting = [(voter, member) for voter, member in voters if member.id not in voted]
        hands = None
        if motion.status == MotionStatus.OPEN and waiting:
            labels = [
                (
                    voter,
                    voter.full_name if voter.id == member.id else f"{voter.full_name}, deputy for {member.full_name}",
                )
                for voter, member in waiting
            ]
            if forms.failed is not None and forms.failed._prefix == f"hands-{motion.id}-":
                hands = forms.failed
            else:
                hands = show_of_hands_form(labels, prefix=f"hands-{motion.id}", formdata=None)
        views.append(
            MotionView(
                motion=motion,
                votes=list(motion.votes),
                results=list(motion.results),
                awaiting_casting=voting_service.awaiting_casting_vote(motion),
                hands=hands,
                voters=voters,
                open_form=forms.get(ButtonForm, f"open-{motion.id}"),
                close_form=forms.get(ButtonForm, f"close-{motion.id}"),
            )
        )
    return views


def _console_page(meeting: Meeting, failed: FlaskForm | None = None) -> ResponseReturnValue:
    found = _console_access(meeting)
    forms = _Forms(failed)
    items = sorted(meeting.agenda_items, key=lambda i: i.position)
    views = []
    for item in items:
        view = ItemView(
            item=item,
            quorum=service.item_quorum(item),
            declarations=sorted(item.declarations, key=lambda d: d.person.full_name),
            motions=_motion_views(meeting, item, forms),
            outcomes=list(
                db.session.scalars(
                    select(ItemOutcome).where(ItemOutcome.agenda_item_id == item.id).order_by(ItemOutcome.id)
                )
            ),
            actions=list(
                db.session.scalars(
                    select(ActionPoint).where(ActionPoint.agenda_item_id == item.id).order_by(ActionPoint.id)
                )
            ),
        )
        view.forms = {
            "motion": _motion_form(meeting, forms, item),
            "outcome": forms.get(OutcomeForm, f"outcome-{item.id}"),
            "defer": forms.get(ButtonForm, f"defer-{item.id}"),
            "action": _action_form(meeting, forms, item),
        }
        for declaration in view.declarations:
            view.forms[f"return-{declaration.id}"] = forms.get(ButtonForm, f"return-{declaration.id}")
        views.append(view)
    records = service.attendance_of(meeting)
    deputies = service.deputy_requests_for(meeting, RequestDecision.APPROVED)
    officers: list[OfficerRequest] = []
    officer_items: dict[int, list[int]] = {}  # an officer may present several items
    for officer_request in service.officer_requests_for(meeting, RequestDecision.APPROVED):
        if officer_request.officer_id not in officer_items:
            officers.append(officer_request)
            officer_items[officer_request.officer_id] = []
        officer_items[officer_request.officer_id].append(officer_request.agenda_item.position)
    attendees = {}
    for person_id in {r.deputy_id for r in deputies} | {r.officer_id for r in officers}:
        record = records.get(person_id)
        data = {"arrived_at": record.arrived_at, "departed_at": record.departed_at} if record else {}
        attendees[person_id] = forms.get(AttendeeForm, f"attendee-{person_id}", data=data)
    registered = [
        d for v in views for d in v.declarations if d.kind == DeclarationKind.REGISTERED and d.confirmed_at is None
    ]
    arising = outcomes_service.matters_arising(meeting)
    arising_item = next((i for i in items if i.is_standing and i.title.lower() == "matters arising"), None)
    return render_template(
        "proceedings/console.html",
        form=failed,
        meeting=meeting,
        committee=meeting.committee,
        can_record=found.can(Action.RECORD_PROCEEDINGS),
        can_run_vote=found.can(Action.RUN_VOTE),
        is_chair=found.can(Action.CASTING_VOTE),
        chair=_chair(meeting),
        members=_members(meeting),
        records=records,
        apologies=service.apologies_for(meeting),
        roll_call=_roll_call(meeting, forms),
        deputies=deputies,
        officers=officers,
        officer_items=officer_items,
        attendees=attendees,
        quorum=service.meeting_quorum(meeting),
        items=views,
        registered=registered,
        confirm_forms={d.id: forms.get(ButtonForm, f"confirm-{d.id}") for d in registered},
        declaration_form=_declaration_form(meeting, forms),
        arising=arising,
        arising_item=arising_item,
        done_forms={a.id: forms.get(ButtonForm, f"done-{a.id}") for a in arising},
        awaiting_casting=[m for v in views for m in v.motions if m.awaiting_casting],
        label=lambda person: _label(meeting, person),
    )


@bp.route("/meetings/<int:meeting_id>/console")
@login_required
def console(meeting_id: int) -> ResponseReturnValue:
    return _console_page(load_meeting(meeting_id))


def _submit(
    meeting: Meeting, form: FlaskForm, anchor: str, change: Callable[[], str], field_map: dict[str, str] | None = None
) -> ResponseReturnValue:
    """Validate ``form``, make the change and go back to the console at ``anchor`` (the boundary commits);
    a refusal re-displays the console with the message on the form."""
    if form.validate_on_submit():
        message = ""
        with attempt(form, field_map) as done:
            message = change()
        if done:
            flash(message, "success")
            return redirect(_console_url(meeting, anchor))
    return _console_page(meeting, failed=form)


def _require_record(meeting: Meeting) -> None:
    _access(meeting.committee).require(Action.RECORD_PROCEEDINGS)


def _require_run_vote(meeting: Meeting) -> None:
    _access(meeting.committee).require(Action.RUN_VOTE)


@bp.route("/meetings/<int:meeting_id>/console/roll-call", methods=["POST"])
@login_required
def record_roll_call(meeting_id: int) -> ResponseReturnValue:
    meeting = load_meeting(meeting_id)
    _require_record(meeting)
    members = _members(meeting)
    form = roll_call_form([(p, _label(meeting, p)) for p in members], prefix="roll")
    if not form.validate_on_submit():
        return _console_page(meeting, failed=form)
    records = service.attendance_of(meeting)
    changed = 0
    with attempt(form) as done:
        changed = _save_roll_call(meeting, members, records, form)
    if not done:
        return _console_page(meeting, failed=form)
    flash(f"Roll call saved ({changed} change{'s' if changed != 1 else ''})", "success")
    return redirect(_console_url(meeting, "roll-call"))


def _save_roll_call(
    meeting: Meeting, members: list[Person], records: dict[int, AttendanceRecord], form: FlaskForm
) -> int:
    """Record each member whose roll-call line changed; a refusal names the member and their line."""
    changed = 0
    for person in members:
        status = form[f"status_{person.id}"].data
        if not status:
            continue
        arrived = form[f"arrived_{person.id}"].time
        departed = form[f"departed_{person.id}"].time
        record = records.get(person.id)
        if record is not None and (record.status.value, record.arrived_at, record.departed_at) == (
            status,
            arrived,
            departed,
        ):
            continue
        try:
            service.record_attendance(
                current_user, meeting, person, Attendance(status), arrived_at=arrived, departed_at=departed
            )
        except ServiceError as error:
            target = f"departed_{person.id}" if error.field == "departed_at" else f"status_{person.id}"
            raise ServiceError(f"{person.full_name}: {error.message}", field=target) from error
        changed += 1
    return changed


@bp.route("/meetings/<int:meeting_id>/console/attendees/<int:person_id>", methods=["POST"])
@login_required
def record_attendee(meeting_id: int, person_id: int) -> ResponseReturnValue:
    """An approved deputy or officer in attendance arrives (or leaves)."""
    meeting = load_meeting(meeting_id)
    _require_record(meeting)
    deputy = next(
        (r for r in service.deputy_requests_for(meeting, RequestDecision.APPROVED) if r.deputy_id == person_id), None
    )
    officer = next(
        (r for r in service.officer_requests_for(meeting, RequestDecision.APPROVED) if r.officer_id == person_id), None
    )
    if deputy is None and officer is None:
        raise NotFound("That person has no approved request to attend this meeting.")
    form = AttendeeForm(prefix=f"attendee-{person_id}")

    def change() -> str:
        if deputy is not None:
            service.record_attendance(
                current_user,
                meeting,
                deputy.deputy,
                Attendance.DEPUTY,
                deputy_for=deputy.member,
                arrived_at=form.arrived_at.time,
                departed_at=form.departed_at.time,
            )
            return f"{deputy.deputy.full_name} is recorded as deputy for {deputy.member.full_name}"
        assert officer is not None
        service.record_attendance(
            current_user,
            meeting,
            officer.officer,
            Attendance.OFFICER,
            arrived_at=form.arrived_at.time,
            departed_at=form.departed_at.time,
        )
        return f"{officer.officer.full_name} is recorded as an officer in attendance"

    return _submit(meeting, form, "attendees", change)


@bp.route("/meetings/<int:meeting_id>/console/declarations", methods=["POST"])
@login_required
def record_declaration(meeting_id: int) -> ResponseReturnValue:
    meeting = load_meeting(meeting_id)
    _require_record(meeting)
    form = DeclarationForm(prefix="declare")
    form.item.choices = _item_choices(meeting)
    form.member.choices = people_choices(_members(meeting), blank="Choose a member")

    def change() -> str:
        item = next((i for i in meeting.agenda_items if str(i.id) == form.item.data), None)
        if item is None:
            abort(400, "Choose an item from the list.")
        person = _chosen(_members(meeting), form.member.data)
        service.record_declaration(current_user, item, person, form.nature.data, now=clock.now())
        return (
            f"{person.full_name}'s declaration of interest in item {item.position} is recorded; they withdraw from it"
        )

    return _submit(meeting, form, "declarations", change)


def _load_declaration(declaration_id: int) -> Declaration:
    return db.get_or_404(Declaration, declaration_id, description="There is no such declaration.")


@bp.route("/declarations/<int:declaration_id>/confirm", methods=["POST"])
@login_required
def confirm_declaration(declaration_id: int) -> ResponseReturnValue:
    declaration = _load_declaration(declaration_id)
    item = declaration.agenda_item
    meeting = item.meeting
    _require_record(meeting)
    form = ButtonForm(prefix=f"confirm-{declaration.id}")

    def change() -> str:
        service.record_declaration(current_user, item, declaration.person, declaration.nature, now=clock.now())
        return f"{declaration.person.full_name}'s interest in item {item.position} is confirmed; they withdraw from it"

    return _submit(meeting, form, "declarations", change)


@bp.route("/declarations/<int:declaration_id>/return", methods=["POST"])
@login_required
def record_return(declaration_id: int) -> ResponseReturnValue:
    declaration = _load_declaration(declaration_id)
    item = declaration.agenda_item
    meeting = item.meeting
    _require_record(meeting)
    form = ButtonForm(prefix=f"return-{declaration.id}")

    def change() -> str:
        service.record_return(current_user, declaration, now=clock.now())
        return f"{declaration.person.full_name} has returned after item {item.position}"

    return _submit(meeting, form, f"item-{item.id}", change)


@bp.route("/agenda-items/<int:item_id>/motions", methods=["POST"])
@login_required
def propose_motion(item_id: int) -> ResponseReturnValue:
    item = _load_item(item_id)
    meeting = item.meeting
    _require_record(meeting)
    form = MotionForm(prefix=f"motion-{item.id}")
    members = _members(meeting)
    form.proposer.choices = people_choices(members, blank="Choose a member")
    form.seconder.choices = people_choices(members, blank="No seconder")

    def change() -> str:
        proposer = _chosen(members, form.proposer.data)
        seconder = _chosen(members, form.seconder.data) if form.seconder.data else None
        voting_service.propose_motion(current_user, item, form.text.data, proposer, seconder)
        return f"The motion on item {item.position} is recorded"

    return _submit(meeting, form, f"item-{item.id}", change)


@bp.route("/motions/<int:motion_id>/open", methods=["POST"])
@login_required
def open_vote(motion_id: int) -> ResponseReturnValue:
    motion = _load_motion(motion_id)
    meeting = motion.agenda_item.meeting
    _require_run_vote(meeting)
    form = ButtonForm(prefix=f"open-{motion.id}")

    def change() -> str:
        voting_service.open_vote(current_user, motion, now=clock.now())
        return "The vote is open: members may vote on their own devices, or record a show of hands"

    return _submit(meeting, form, f"motion-{motion.id}", change)


@bp.route("/motions/<int:motion_id>/show-of-hands", methods=["POST"])
@login_required
def show_of_hands(motion_id: int) -> ResponseReturnValue:
    motion = _load_motion(motion_id)
    meeting = motion.agenda_item.meeting
    _require_run_vote(meeting)
    voters = voting_service.eligible_voters(motion) if motion.status == MotionStatus.OPEN else []
    form = show_of_hands_form([(voter, voter.full_name) for voter, _ in voters], prefix=f"hands-{motion.id}")

    def change() -> str:
        recorded = 0
        now = clock.now()
        for voter, member in voters:
            choice = form[f"vote_{voter.id}"].data
            if choice in (None, "", "none") or voting_service.vote_of(motion, member) is not None:
                continue
            voting_service.record_vote(current_user, motion, voter, VoteChoice(choice), now=now)
            recorded += 1
        return f"{recorded} vote{'s' if recorded != 1 else ''} recorded by show of hands"

    if not voters:
        form.validate_on_submit()
        form_error(form, ServiceError("Voting on this motion is not open, or nobody present can vote on it."))
        return _console_page(meeting, failed=form)
    return _submit(meeting, form, f"motion-{motion.id}", change)


@bp.route("/motions/<int:motion_id>/close", methods=["POST"])
@login_required
def close_vote(motion_id: int) -> ResponseReturnValue:
    motion = _load_motion(motion_id)
    meeting = motion.agenda_item.meeting
    _require_run_vote(meeting)
    form = ButtonForm(prefix=f"close-{motion.id}")

    def change() -> str:
        result = voting_service.close_vote(current_user, motion, now=clock.now())
        if result is None:
            return "The vote is closed and tied: the Chair is asked for the casting vote"
        counts = f"{result.votes_for} for, {result.votes_against} against"
        return f"The vote is closed: the motion is {result.outcome} ({counts})"

    return _submit(meeting, form, f"motion-{motion.id}", change)


@bp.route("/agenda-items/<int:item_id>/outcome", methods=["POST"])
@login_required
def record_outcome(item_id: int) -> ResponseReturnValue:
    item = _load_item(item_id)
    meeting = item.meeting
    _require_record(meeting)
    form = OutcomeForm(prefix=f"outcome-{item.id}")

    def change() -> str:
        outcome = outcomes_service.record_outcome(
            current_user, item, OutcomeKind(form.kind.data), form.text.data, now=clock.now()
        )
        return f"The outcome of item {item.position} is recorded: {outcome.kind.value}"

    return _submit(meeting, form, f"item-{item.id}", change, {"text": "text"})


@bp.route("/agenda-items/<int:item_id>/defer", methods=["POST"])
@login_required
def defer_item(item_id: int) -> ResponseReturnValue:
    item = _load_item(item_id)
    meeting = item.meeting
    _require_record(meeting)
    form = ButtonForm(prefix=f"defer-{item.id}")

    def change() -> str:
        quorum = service.item_quorum(item)
        text = f"Deferred to a later meeting. {quorum.explain()}"
        outcomes_service.record_outcome(current_user, item, OutcomeKind.DEFERRED, text, now=clock.now())
        return f"Item {item.position} is deferred"

    return _submit(meeting, form, f"item-{item.id}", change)


@bp.route("/agenda-items/<int:item_id>/actions", methods=["POST"])
@login_required
def add_action(item_id: int) -> ResponseReturnValue:
    item = _load_item(item_id)
    meeting = item.meeting
    _require_record(meeting)
    owners = _owners(meeting)
    form = ActionForm(prefix=f"action-{item.id}")
    form.owner.choices = people_choices(owners, blank="Choose who owns it")

    def change() -> str:
        owner = _chosen(owners, form.owner.data)
        outcomes_service.add_action(current_user, item, form.description.data, owner, form.due_on.data)
        return f"Action for {owner.full_name} added to item {item.position}"

    return _submit(meeting, form, f"item-{item.id}", change)


@bp.route("/meetings/<int:meeting_id>/actions/<int:action_id>/done", methods=["POST"])
@login_required
def complete_action(meeting_id: int, action_id: int) -> ResponseReturnValue:
    meeting = load_meeting(meeting_id)
    _require_record(meeting)
    action = db.get_or_404(ActionPoint, action_id, description="There is no such action.")
    if action.committee_id != meeting.committee_id:
        raise NotFound("There is no such action.")
    form = ButtonForm(prefix=f"done-{action.id}")

    def change() -> str:
        if action.status == ActionStatus.DONE:
            raise ServiceError("This action is already marked done.")
        outcomes_service.complete_action(current_user, action, on=clock.today())
        return f"Action marked done: {action.description[:80]}"

    return _submit(meeting, form, "matters-arising", change)


# --- a member's own vote, the casting vote, corrections -------------------------------------------


def _may_open_vote_page(motion: Motion) -> None:
    """Members and the Chair, and an approved deputy for this meeting, reach the page (the same row as the
    API's vote route); the eligibility rule decides whether their vote counts. Nobody else sees the motion
    (officers in attendance never vote)."""
    meeting = motion.agenda_item.meeting
    _access(meeting.committee, meeting).require(Action.CAST_VOTE)


@bp.route("/motions/<int:motion_id>/vote", methods=["GET", "POST"])
@login_required
def vote(motion_id: int) -> ResponseReturnValue:
    motion = _load_motion(motion_id)
    _may_open_vote_page(motion)
    person = current_user.person
    try:
        member: Person | None = voting_service.voting_member_of(motion, person)
    except ServiceError:
        member = None
    existing = voting_service.vote_of(motion, member) if member is not None else None
    form = VoteForm()
    already = False
    if motion.status == MotionStatus.OPEN and existing is None and form.validate_on_submit():
        try:
            # A clash with a vote already recorded changes nothing (the service adds the vote in a savepoint).
            with attempt(form, {"choice": "choice"}, conflicts_on_form=False) as done:
                voting_service.record_vote(current_user, motion, person, VoteChoice(form.choice.data), now=clock.now())
        except ConflictError:
            already = True
        else:
            if done:
                flash("Your vote is recorded", "success")
                return redirect(url_for("proceedings.vote", motion_id=motion.id))
    elif request.method == "POST" and existing is not None:
        already = True
    return render_template(
        "proceedings/vote.html",
        form=form,
        motion=motion,
        meeting=motion.agenda_item.meeting,
        existing=existing,
        already=already,
        member=member,
    )


@bp.route("/motions/<int:motion_id>/casting-vote", methods=["GET", "POST"])
@login_required
def casting_vote(motion_id: int) -> ResponseReturnValue:
    motion = _load_motion(motion_id)
    meeting = motion.agenda_item.meeting
    _access(meeting.committee).require(Action.CASTING_VOTE)
    form = CastingVoteForm()
    if form.validate_on_submit():
        choice = None if form.choice.data == "decline" else form.choice.data
        with attempt(form, conflicts_on_form=False) as done:
            result = voting_service.give_casting_vote(current_user, motion, choice, now=clock.now())
        if done:
            flash(f"Your casting vote is recorded: the motion is {result.outcome}", "success")
            return redirect(_console_url(meeting, f"motion-{motion.id}"))
    votes_for, votes_against = (
        sum(v.choice == VoteChoice.FOR for v in motion.votes),
        sum(v.choice == VoteChoice.AGAINST for v in motion.votes),
    )
    return render_template(
        "proceedings/casting_vote.html",
        form=form,
        motion=motion,
        meeting=meeting,
        awaiting=voting_service.awaiting_casting_vote(motion),
        votes_for=votes_for,
        votes_against=votes_against,
    )


@bp.route("/motions/<int:motion_id>/correct", methods=["GET", "POST"])
@login_required
def correct_result(motion_id: int) -> ResponseReturnValue:
    motion = _load_motion(motion_id)
    meeting = motion.agenda_item.meeting
    _require_run_vote(meeting)
    current = motion.result
    if current is None:
        raise NotFound("This motion has no recorded result to correct.")
    form = CorrectionForm(
        data={
            "votes_for": current.votes_for,
            "votes_against": current.votes_against,
            "abstentions": current.abstentions,
            "casting_vote": current.casting_vote or "none",
        }
        if request.method == "GET"
        else None
    )
    if form.validate_on_submit():
        with attempt(form) as done:
            voting_service.correct_result(
                current_user,
                motion,
                votes_for=form.votes_for.data,
                votes_against=form.votes_against.data,
                abstentions=form.abstentions.data,
                casting_vote=None if form.casting_vote.data == "none" else form.casting_vote.data,
                reason=form.reason.data,
                now=clock.now(),
            )
        if done:
            flash("The corrected result is recorded beside the original", "success")
            return redirect(_console_url(meeting, f"motion-{motion.id}"))
    return render_template("proceedings/correct_result.html", form=form, motion=motion, meeting=meeting)


# --- absence and attendance ----------------------------------------------------------------------


@bp.route("/committees/<slug>/absences", methods=["GET", "POST"])
@login_required
def absences(slug: str) -> ResponseReturnValue:
    """Members' consecutive absences, and the reasons the Chair ascertained."""
    committee = load_committee(slug)
    found = _access(committee).require(Action.SEE_ABSENCES)
    today = clock.today()
    alerts = absences_service.absence_alerts(committee, today)
    keys = {f"absence-{a.person.id}-{a.first.id}-{a.second.id}": a for a in alerts}
    failed: AbsenceReasonForm | None = None
    if request.method == "POST":
        found.require(Action.RECORD_ABSENCE_REASON)
        key = request.form.get("alert", "")
        alert = keys.get(key)
        if alert is None:
            raise NotFound("There is no such absence alert.")
        form = AbsenceReasonForm(prefix=key)
        if form.validate_on_submit():
            with attempt(form, conflicts_on_form=False) as done:
                absences_service.record_absence_reason(
                    current_user, committee, alert.person, alert.first, alert.second, form.reason.data, now=clock.now()
                )
            if done:
                flash(f"The reason for {alert.person.full_name}'s absences is recorded", "success")
                return redirect(url_for("proceedings.absences", slug=committee.slug))
        failed = form
    forms = _Forms(failed)
    return render_template(
        "proceedings/absences.html",
        form=failed,
        committee=committee,
        alerts=[(key, alert, forms.get(AbsenceReasonForm, key)) for key, alert in keys.items()],
        can_record=found.can(Action.RECORD_ABSENCE_REASON),
    )


def _year_start(raw: str | None, today: date) -> date:
    if not raw:
        return rules.reporting_year(today)[0]
    if not raw.isdigit() or not 2000 <= int(raw) <= 2100:
        abort(400, "Choose a reporting year, like 2026 for 1 April 2026 to 31 March 2027.")
    return date(int(raw), 4, 1)


@bp.route("/committees/<slug>/attendance-report")
@login_required
def attendance_report(slug: str) -> ResponseReturnValue:
    committee = load_committee(slug)
    _access(committee).require(Action.SEE_ATTENDANCE_REPORT)
    today = clock.today()
    year_start = _year_start(request.args.get("year"), today)
    lines = absences_service.attendance_report(committee, year_start, today)
    label = absences_service.report_year_label(year_start)
    if request.args.get("format") == "csv":
        absences_service.record_report_download(current_user, committee, year_start)
        filename = f"{committee.slug}-attendance-{label}.csv"
        return Response(
            absences_service.attendance_report_csv(lines),
            mimetype="text/csv",
            headers={"Content-Disposition": f'attachment; filename="{filename}"'},
        )
    this_year = rules.reporting_year(today)[0].year
    return render_template(
        "proceedings/attendance_report.html",
        committee=committee,
        lines=lines,
        year_start=year_start,
        year_end=rules.reporting_year(year_start)[1],
        label=label,
        years=list(range(this_year, this_year - 5, -1)),
    )
