"""The meeting console: the page itself, roll call, deputies and officers arriving, declarations and
withdrawals. Every change is a plain POST that redirects back to the console at the item's anchor."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field
from typing import Any

from flask import abort
from flask import flash
from flask import redirect
from flask import render_template
from flask import request
from flask.typing import ResponseReturnValue
from flask_login import current_user
from flask_wtf import FlaskForm
from werkzeug.exceptions import NotFound

from govapp import clock
from govapp import rules
from govapp.models import ActionPoint
from govapp.models import AgendaItem
from govapp.models import Attendance
from govapp.models import AttendanceRecord
from govapp.models import Declaration
from govapp.models import DeclarationKind
from govapp.models import ItemOutcome
from govapp.models import Meeting
from govapp.models import Motion
from govapp.models import MotionResult
from govapp.models import MotionStatus
from govapp.models import OfficerRequest
from govapp.models import Person
from govapp.models import RequestDecision
from govapp.models import Vote
from govapp.permissions import Access
from govapp.permissions import Action
from govapp.proceedings.common import ConsoleForms
from govapp.proceedings.common import bp
from govapp.proceedings.common import chair_of
from govapp.proceedings.common import chosen
from govapp.proceedings.common import console_url
from govapp.proceedings.common import declaration_route
from govapp.proceedings.common import label_of
from govapp.proceedings.common import members_of
from govapp.proceedings.common import signed_in_access
from govapp.proceedings.forms import ActionForm
from govapp.proceedings.forms import AttendeeForm
from govapp.proceedings.forms import ButtonForm
from govapp.proceedings.forms import DeclarationForm
from govapp.proceedings.forms import MotionForm
from govapp.proceedings.forms import OutcomeForm
from govapp.proceedings.forms import people_choices
from govapp.proceedings.forms import roll_call_form
from govapp.proceedings.forms import show_of_hands_form
from govapp.services import ServiceError
from govapp.services import outcomes as outcomes_service
from govapp.services import proceedings as service
from govapp.services import voting as voting_service
from govapp.services.business import business_of
from govapp.services.interest_record import served_before
from govapp.web import attempt
from govapp.web import meeting_route
from govapp.web import submitted

# --- the meeting console ---------------------------------------------------------------------------


def _console_access(meeting: Meeting) -> Access:
    return signed_in_access(meeting.committee, meeting).require(Action.VIEW_CONSOLE)


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
    #: The item the console is working on: only it shows the forms to record a motion, the outcome
    #: and an action (see ``working_item``).
    working: bool = False


def owners_of(meeting: Meeting) -> list[Person]:
    secretariat = [p.person for p in meeting.committee.secretariat_posts if p.is_current(meeting.meeting_date)]
    return members_of(meeting) + sorted(secretariat, key=lambda p: p.full_name)


def item_choices(meeting: Meeting) -> list[tuple[str, str]]:
    items = sorted(meeting.agenda_items, key=lambda i: i.position)
    return [("", "Choose an item")] + [(str(i.id), f"{i.position}. {i.title}") for i in items]


def _motion_form(meeting: Meeting, forms: ConsoleForms, item: AgendaItem) -> MotionForm:
    form = forms.get(MotionForm, f"motion-{item.id}")
    members = members_of(meeting)
    form.proposer.choices = people_choices(members, blank="Choose a member")
    seconder_blank = "Choose a member" if meeting.committee.standing_orders.seconder_required else "No seconder"
    form.seconder.choices = people_choices(members, blank=seconder_blank)
    return form


def _action_form(meeting: Meeting, forms: ConsoleForms, item: AgendaItem) -> ActionForm:
    form = forms.get(ActionForm, f"action-{item.id}")
    form.owner.choices = people_choices(owners_of(meeting), blank="Choose who owns it")
    return form


def _declaration_form(meeting: Meeting, forms: ConsoleForms) -> DeclarationForm:
    form = forms.get(DeclarationForm, "declare")
    form.item.choices = item_choices(meeting)
    form.member.choices = people_choices(members_of(meeting), blank="Choose a member")
    return form


def _roll_call(meeting: Meeting) -> FlaskForm:
    """The roll call's form, filled in from what is recorded and from the apologies sent in advance."""
    members = members_of(meeting)
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
    return roll_call_form([(p, label_of(meeting, p)) for p in members], prefix="roll", formdata=None, data=data)


def _motion_views(meeting: Meeting, motions: list[Motion], forms: ConsoleForms) -> list[MotionView]:
    views = []
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


#: The forms that record an item's business, by prefix; a failed one keeps the console on its item.
ITEM_FORMS = ("motion", "outcome", "action")


def working_item(items: list[AgendaItem], outcomes: dict[int, list[Any]], failed: FlaskForm | None) -> int | None:
    """The item the console works on, as a secretary works through the agenda: the item asked for
    (``?item=``), else the item whose form was refused (so its error shows), else the first item with
    no outcome yet. Only that item shows the forms to record a motion, the outcome and an action; every
    other item shows its record and a link to work on it. (Rendering those forms for every item cost
    more than the rest of the console together.) ``None`` once every item has an outcome."""
    ids = {item.id for item in items}
    asked = request.args.get("item", type=int)
    if asked in ids:
        return asked
    if failed is not None:
        kind, _, rest = failed._prefix.partition("-")
        number = rest.rstrip("-")
        if kind in ITEM_FORMS and number.isdigit() and int(number) in ids:
            return int(number)
    return next((item.id for item in items if not outcomes.get(item.id)), None)


def console_page(meeting: Meeting, failed: FlaskForm | None = None) -> ResponseReturnValue:
    found = _console_access(meeting)
    forms = ConsoleForms(failed)
    items = sorted(meeting.agenda_items, key=lambda i: i.position)
    # The whole agenda's record in one query per kind, whatever the number of items.
    business = business_of(items)
    working = working_item(items, business.outcomes, failed)
    roll = service.roll_of(meeting)
    records = service.attendance_of(meeting)
    orders = meeting.committee.standing_orders
    views = []
    for item in items:
        declarations = business.declarations.get(item.id, [])
        declared = {d.person_id for d in declarations if d.person_id in roll.members}
        view = ItemView(
            item=item,
            quorum=rules.quorum_of(roll, declared, orders=orders),
            declarations=sorted(declarations, key=lambda d: d.person.full_name),
            motions=_motion_views(meeting, business.motions.get(item.id, []), forms),
            outcomes=business.outcomes.get(item.id, []),
            actions=business.actions.get(item.id, []),
            working=item.id == working,
        )
        view.forms = {"defer": forms.get(ButtonForm, f"defer-{item.id}")} if records else {}
        if view.working:
            view.forms |= {
                "motion": _motion_form(meeting, forms, item),
                "outcome": forms.get(OutcomeForm, f"outcome-{item.id}"),
                "action": _action_form(meeting, forms, item),
            }
        for declaration in view.declarations:
            view.forms[f"return-{declaration.id}"] = forms.get(ButtonForm, f"return-{declaration.id}")
        views.append(view)
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
        chair=chair_of(meeting),
        members=members_of(meeting),
        records=records,
        apologies=service.apologies_for(meeting),
        deputies=deputies,
        officers=officers,
        officer_items=officer_items,
        attendees=attendees,
        quorum=service.meeting_quorum(meeting),
        items=views,
        registered=registered,
        served_before={d.id: served_before(d) for d in registered},
        confirm_forms={d.id: forms.get(ButtonForm, f"confirm-{d.id}") for d in registered},
        declaration_form=_declaration_form(meeting, forms),
        arising=arising,
        arising_item=arising_item,
        done_forms={a.id: forms.get(ButtonForm, f"done-{a.id}") for a in arising},
        awaiting_casting=[m for v in views for m in v.motions if m.awaiting_casting],
        label=lambda person: label_of(meeting, person),
    )


@meeting_route(bp, "/meetings/<int:meeting_id>/console")
def console(meeting: Meeting) -> ResponseReturnValue:
    return console_page(meeting)


def submit_on_console(
    meeting: Meeting,
    form: FlaskForm,
    anchor: str,
    change: Callable[[], str],
    field_map: dict[str, str] | None = None,
    *,
    item: AgendaItem | None = None,
) -> ResponseReturnValue:
    """Validate ``form``, make the change and go back to the console at ``anchor``, still working on
    ``item`` when one is given (the boundary commits); a refusal re-displays the console with the
    message on the form."""
    return submitted(form, change, console_url(meeting, anchor, item=item), field_map) or console_page(
        meeting, failed=form
    )


def console_button(
    meeting: Meeting, prefix: str, anchor: str, change: Callable[[], str], *, item: AgendaItem | None = None
) -> ResponseReturnValue:
    """A button on the console (its form named by ``prefix``) that makes ``change``, as :func:`submit_on_console`."""
    return submit_on_console(meeting, ButtonForm(prefix=prefix), anchor, change, item=item)


@meeting_route(bp, "/meetings/<int:meeting_id>/console/roll-call", Action.RECORD_PROCEEDINGS, methods=["GET", "POST"])
def record_roll_call(meeting: Meeting) -> ResponseReturnValue:
    """The roll call, on a page of its own: who is present, absent or has sent apologies, and when they
    arrived and left. (On the console it would be rendered on every visit, for every member.)"""
    members = members_of(meeting)
    if request.method == "GET":
        return _roll_call_page(meeting, members, _roll_call(meeting))
    form = roll_call_form([(p, label_of(meeting, p)) for p in members], prefix="roll")
    if not form.validate_on_submit():
        return _roll_call_page(meeting, members, form)
    records = service.attendance_of(meeting)
    changed = 0
    with attempt(form) as done:
        changed = _save_roll_call(meeting, members, records, form)
    if not done:
        return _roll_call_page(meeting, members, form)
    flash(f"Roll call saved ({changed} change{'s' if changed != 1 else ''})", "success")
    return redirect(console_url(meeting, "roll-call"))


def _roll_call_page(meeting: Meeting, members: list[Person], form: FlaskForm) -> ResponseReturnValue:
    return render_template(
        "proceedings/roll_call.html",
        meeting=meeting,
        members=members,
        form=form,
        label=lambda person: label_of(meeting, person),
    )


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


@meeting_route(
    bp, "/meetings/<int:meeting_id>/console/attendees/<int:person_id>", Action.RECORD_PROCEEDINGS, methods=["POST"]
)
def record_attendee(meeting: Meeting, person_id: int) -> ResponseReturnValue:
    """An approved deputy or officer in attendance arrives (or leaves)."""
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

    return submit_on_console(meeting, form, "attendees", change)


@meeting_route(bp, "/meetings/<int:meeting_id>/console/declarations", Action.RECORD_PROCEEDINGS, methods=["POST"])
def record_declaration(meeting: Meeting) -> ResponseReturnValue:
    form = DeclarationForm(prefix="declare")
    form.item.choices = item_choices(meeting)
    form.member.choices = people_choices(members_of(meeting), blank="Choose a member")

    def change() -> str:
        item = next((i for i in meeting.agenda_items if str(i.id) == form.item.data), None)
        if item is None:
            abort(400, "Choose an item from the list.")
        person = chosen(members_of(meeting), form.member.data)
        service.record_declaration(current_user, item, person, form.nature.data, now=clock.now())
        return (
            f"{person.full_name}'s declaration of interest in item {item.position} is recorded; they withdraw from it"
        )

    return submit_on_console(meeting, form, "declarations", change)


@declaration_route("confirm", Action.RECORD_PROCEEDINGS)
def confirm_declaration(declaration: Declaration) -> ResponseReturnValue:
    item = declaration.agenda_item
    meeting = item.meeting

    def change() -> str:
        service.record_declaration(current_user, item, declaration.person, declaration.nature, now=clock.now())
        return f"{declaration.person.full_name}'s interest in item {item.position} is confirmed; they withdraw from it"

    return console_button(meeting, f"confirm-{declaration.id}", "declarations", change)


@declaration_route("return", Action.RECORD_PROCEEDINGS)
def record_return(declaration: Declaration) -> ResponseReturnValue:
    item = declaration.agenda_item
    meeting = item.meeting

    def change() -> str:
        service.record_return(current_user, declaration, now=clock.now())
        return f"{declaration.person.full_name} has returned after item {item.position}"

    return console_button(meeting, f"return-{declaration.id}", f"item-{item.id}", change, item=item)
