"""Before the meeting: apologies, deputies and officers in attendance, and the Chair's pending requests."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import abort
from flask import flash
from flask import redirect
from flask import render_template
from flask import url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from werkzeug.exceptions import Forbidden

from govapp import clock
from govapp.models import Committee
from govapp.models import DeputyRequest
from govapp.models import Meeting
from govapp.models import MeetingStatus
from govapp.models import OfficerRequest
from govapp.models import Person
from govapp.permissions import Action
from govapp.proceedings.common import bp
from govapp.proceedings.common import chosen
from govapp.proceedings.common import find_or_add_person
from govapp.proceedings.common import meeting_page
from govapp.proceedings.common import members_of
from govapp.proceedings.common import signed_in_access
from govapp.proceedings.forms import ApologiesForm
from govapp.proceedings.forms import DecideRequestForm
from govapp.proceedings.forms import DeputyRequestForm
from govapp.proceedings.forms import OfficerRequestForm
from govapp.proceedings.forms import people_choices
from govapp.services import proceedings as service
from govapp.web import View
from govapp.web import attempt
from govapp.web import committee_route
from govapp.web import loader
from govapp.web import loading_route
from govapp.web import meeting_route
from govapp.web import submitted

# --- before the meeting: apologies, deputies, officers -------------------------------------------


def _require_upcoming(meeting: Meeting) -> None:
    if meeting.status == MeetingStatus.CANCELLED:
        raise Forbidden("This meeting was cancelled.")


@dataclass(frozen=True)
class _ForWhom:
    """Whom a form sent before a meeting is for: the member signed in, or the member the secretariat
    chooses on it."""

    members: list[Person]
    on_behalf: bool
    form: Any

    def member(self) -> Person:
        return chosen(self.members, self.form.member.data) if self.on_behalf else current_user.person


def _for_whom(meeting: Meeting, form: Any, doing: str) -> _ForWhom:
    """Members do this for themselves; the secretariat on a member's behalf (choosing the member)."""
    found = signed_in_access(meeting.committee).require(Action.SEND_APOLOGIES)
    _require_upcoming(meeting)
    members = members_of(meeting)
    on_behalf = found.can(Action.ACT_FOR_MEMBERS)
    if not on_behalf and current_user.person_id not in {p.id for p in members}:
        raise Forbidden(f"Only members of {meeting.committee.name} on the day of the meeting {doing}.")
    if on_behalf:
        form.member.choices = people_choices(members, blank="Choose a member")
    else:
        del form.member
    return _ForWhom(members, on_behalf, form)


@meeting_route(bp, "/meetings/<int:meeting_id>/apologies", methods=["GET", "POST"])
def send_apologies(meeting: Meeting) -> ResponseReturnValue:
    form = ApologiesForm()
    whom = _for_whom(meeting, form, "send apologies for it")

    def change() -> str:
        person = whom.member()
        service.send_apologies(current_user, meeting, person, form.reason.data, now=clock.now())
        who = "Your apologies" if person.id == current_user.person_id else f"Apologies from {person.full_name}"
        return f"{who} for the meeting on {meeting.meeting_date:%-d %B %Y} are recorded"

    done = submitted(form, change, meeting_page(meeting))
    if done:
        return done
    sent = service.apologies_for(meeting)
    return render_template(
        "proceedings/apologies.html",
        form=form,
        meeting=meeting,
        on_behalf=whom.on_behalf,
        own_apology=sent.get(current_user.person_id),
        sent=sorted(sent.values(), key=lambda a: a.person.full_name) if whom.on_behalf else [],
    )


@meeting_route(bp, "/meetings/<int:meeting_id>/apologies/withdraw", Action.SEND_APOLOGIES, methods=["POST"])
def withdraw_apologies(meeting: Meeting) -> ResponseReturnValue:
    """A member withdraws their own apologies (they will attend after all), until the meeting begins."""
    apology = service.apologies_for(meeting).get(current_user.person_id)
    if apology is None:
        abort(404, "You have no apologies recorded for this meeting.")
    with attempt(None) as done:
        service.withdraw_apologies(current_user, apology, now=clock.now())
    if done:
        flash(f"Your apologies for the meeting on {meeting.meeting_date:%-d %B %Y} are withdrawn", "success")
    return redirect(meeting_page(meeting))


@meeting_route(bp, "/meetings/<int:meeting_id>/deputy-requests/new", methods=["GET", "POST"])
def request_deputy(meeting: Meeting) -> ResponseReturnValue:
    form = DeputyRequestForm()
    whom = _for_whom(meeting, form, "ask for a deputy")

    def change() -> str:
        deputy = find_or_add_person(form.full_name.data, form.email.data, form.agency.data)
        service.request_deputy(current_user, meeting, whom.member(), deputy, form.reason.data, now=clock.now())
        return f"The request for {deputy.full_name} to deputise is sent to the Chair"

    done = submitted(form, change, meeting_page(meeting), {"deputy": "email"})
    if done:
        return done
    return render_template(
        "proceedings/deputy_request.html",
        form=form,
        meeting=meeting,
        on_behalf=whom.on_behalf,
        requests=[
            r
            for r in service.deputy_requests_for(meeting)
            if whom.on_behalf
            or signed_in_access(meeting.committee).can(Action.APPROVE_ATTENDANCE)
            or r.member_id == current_user.person_id
        ],
    )


@meeting_route(bp, "/meetings/<int:meeting_id>/officer-requests/new", methods=["GET", "POST"])
def request_officer(meeting: Meeting) -> ResponseReturnValue:
    """A member asks for an officer of their own agency to attend; the secretariat for any agency."""
    found = signed_in_access(meeting.committee).require(Action.REQUEST_OFFICER)
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

    def change() -> str:
        item = next((i for i in items if str(i.id) == form.item.data), None)
        if item is None:
            abort(400, "Choose an item from the list.")
        chosen_agency = agency if agency is not None else form.agency.data
        officer = find_or_add_person(form.full_name.data, form.email.data, chosen_agency)
        reason = form.reason.data
        service.request_officer_attendance(current_user, item, officer, chosen_agency, reason, now=clock.now())
        return f"The request for {officer.full_name} to attend for item {item.position} is sent to the Chair"

    done = submitted(form, change, meeting_page(meeting), {"officer": "email"})
    return done or render_template(
        "proceedings/officer_request.html", form=form, meeting=meeting, agency=agency, on_behalf=on_behalf
    )


@committee_route(bp, "/committees/<slug>/requests", Action.APPROVE_ATTENDANCE)
def pending_requests(committee: Committee) -> ResponseReturnValue:
    """The Chair's one page of requests waiting for a decision, across the committee's meetings to come."""
    today = clock.today()
    from govapp.services.agenda import interest_withdrawals_awaiting
    from govapp.services.agenda import late_requests_awaiting

    deputies, officers = service.pending_attendance_requests([committee.id], today)
    return render_template(
        "proceedings/pending_requests.html",
        committee=committee,
        deputies=[(r, DecideRequestForm(prefix=f"deputy-{r.id}", formdata=None)) for r in deputies],
        officers=[(r, DecideRequestForm(prefix=f"officer-{r.id}", formdata=None)) for r in officers],
        agenda_requests=late_requests_awaiting([committee.id], today=today),
        withdrawals=interest_withdrawals_awaiting([committee.id]),
    )


def _decide(request_: DeputyRequest | OfficerRequest, kind: str) -> ResponseReturnValue:
    form = DecideRequestForm(prefix=f"{kind}-{request_.id}")

    def change() -> str:
        approve, reason = form.decision.data == "approve", form.reason.data
        if isinstance(request_, DeputyRequest):
            service.decide_deputy_request(current_user, request_, approve, reason, now=clock.now())
            who = request_.deputy.full_name
        else:
            service.decide_officer_request(current_user, request_, approve, reason, now=clock.now())
            who = request_.officer.full_name
        return f"The request for {who} is {'approved' if approve else 'refused'}"

    back = url_for("proceedings.pending_requests", slug=request_.meeting.committee.slug)
    done = submitted(form, change, back, conflicts_on_form=False)
    return done or render_template("proceedings/decide_request.html", form=form, attendance_request=request_, kind=kind)


def _request_route(kind: str, model: type[DeputyRequest] | type[OfficerRequest]) -> Callable[[View], View]:
    """The Chair's page deciding one ``kind`` of request (``/<kind>-requests/<id>/decide``)."""

    return loading_route(
        bp,
        f"/{kind}-requests/<int:request_id>/decide",
        Action.APPROVE_ATTENDANCE,
        param="request_id",
        load=loader(model, f"{kind} request"),
        to="request_",
        methods=["GET", "POST"],
    )


@_request_route("deputy", DeputyRequest)
def decide_deputy(request_: DeputyRequest) -> ResponseReturnValue:
    return _decide(request_, "deputy")


@_request_route("officer", OfficerRequest)
def decide_officer(request_: OfficerRequest) -> ResponseReturnValue:
    return _decide(request_, "officer")
