"""At the meeting, item by item: motions (put, opened, a show of hands, closed), outcomes, deferrals and
actions, with matters arising."""

from __future__ import annotations

from flask.typing import ResponseReturnValue
from flask_login import current_user
from werkzeug.exceptions import NotFound

from govapp import clock
from govapp.extensions import db
from govapp.models import ActionPoint
from govapp.models import ActionStatus
from govapp.models import AgendaItem
from govapp.models import Meeting
from govapp.models import Motion
from govapp.models import MotionStatus
from govapp.models import OutcomeKind
from govapp.models import VoteChoice
from govapp.permissions import Action
from govapp.proceedings.common import bp
from govapp.proceedings.common import chosen
from govapp.proceedings.common import item_route
from govapp.proceedings.common import members_of
from govapp.proceedings.common import motion_route
from govapp.proceedings.console import console_button
from govapp.proceedings.console import console_page
from govapp.proceedings.console import owners_of
from govapp.proceedings.console import submit_on_console
from govapp.proceedings.forms import ActionForm
from govapp.proceedings.forms import MotionForm
from govapp.proceedings.forms import OutcomeForm
from govapp.proceedings.forms import people_choices
from govapp.proceedings.forms import show_of_hands_form
from govapp.services import ServiceError
from govapp.services import outcomes as outcomes_service
from govapp.services import proceedings as service
from govapp.services import voting as voting_service
from govapp.web import form_error
from govapp.web import meeting_route


@item_route("motions", Action.RECORD_PROCEEDINGS)
def propose_motion(item: AgendaItem) -> ResponseReturnValue:
    meeting = item.meeting
    form = MotionForm(prefix=f"motion-{item.id}")
    members = members_of(meeting)
    form.proposer.choices = people_choices(members, blank="Choose a member")
    form.seconder.choices = people_choices(members, blank="No seconder")

    def change() -> str:
        proposer = chosen(members, form.proposer.data)
        seconder = chosen(members, form.seconder.data) if form.seconder.data else None
        voting_service.propose_motion(current_user, item, form.text.data, proposer, seconder)
        return f"The motion on item {item.position} is recorded"

    return submit_on_console(meeting, form, f"item-{item.id}", change, item=item)


@motion_route("open", Action.RUN_VOTE)
def open_vote(motion: Motion) -> ResponseReturnValue:
    meeting = motion.agenda_item.meeting

    def change() -> str:
        voting_service.open_vote(current_user, motion, now=clock.now())
        return "The vote is open: members may vote on their own devices, or record a show of hands"

    return console_button(meeting, f"open-{motion.id}", f"motion-{motion.id}", change, item=motion.agenda_item)


@motion_route("show-of-hands", Action.RUN_VOTE)
def show_of_hands(motion: Motion) -> ResponseReturnValue:
    meeting = motion.agenda_item.meeting
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
        return console_page(meeting, failed=form)
    return submit_on_console(meeting, form, f"motion-{motion.id}", change, item=motion.agenda_item)


@motion_route("close", Action.RUN_VOTE)
def close_vote(motion: Motion) -> ResponseReturnValue:
    meeting = motion.agenda_item.meeting

    def change() -> str:
        result = voting_service.close_vote(current_user, motion, now=clock.now())
        if result is None:
            return "The vote is closed and tied: the Chair is asked for the casting vote"
        counts = f"{result.votes_for} for, {result.votes_against} against"
        return f"The vote is closed: the motion is {result.outcome} ({counts})"

    return console_button(meeting, f"close-{motion.id}", f"motion-{motion.id}", change, item=motion.agenda_item)


@item_route("outcome", Action.RECORD_PROCEEDINGS)
def record_outcome(item: AgendaItem) -> ResponseReturnValue:
    meeting = item.meeting
    form = OutcomeForm(prefix=f"outcome-{item.id}")

    def change() -> str:
        outcome = outcomes_service.record_outcome(
            current_user, item, OutcomeKind(form.kind.data), form.text.data, now=clock.now()
        )
        return f"The outcome of item {item.position} is recorded: {outcome.kind.value}"

    # With its outcome recorded, the console moves on to the next item that has none.
    return submit_on_console(meeting, form, f"item-{item.id}", change, {"text": "text"})


@item_route("defer", Action.RECORD_PROCEEDINGS)
def defer_item(item: AgendaItem) -> ResponseReturnValue:
    meeting = item.meeting

    def change() -> str:
        quorum = service.item_quorum(item)
        text = f"Deferred to a later meeting. {quorum.explain()}"
        outcomes_service.record_outcome(current_user, item, OutcomeKind.DEFERRED, text, now=clock.now())
        return f"Item {item.position} is deferred"

    return console_button(meeting, f"defer-{item.id}", f"item-{item.id}", change)


@item_route("actions", Action.RECORD_PROCEEDINGS)
def add_action(item: AgendaItem) -> ResponseReturnValue:
    meeting = item.meeting
    owners = owners_of(meeting)
    form = ActionForm(prefix=f"action-{item.id}")
    form.owner.choices = people_choices(owners, blank="Choose who owns it")

    def change() -> str:
        owner = chosen(owners, form.owner.data)
        outcomes_service.add_action(current_user, item, form.description.data, owner, form.due_on.data)
        return f"Action for {owner.full_name} added to item {item.position}"

    return submit_on_console(meeting, form, f"item-{item.id}", change, item=item)


@meeting_route(
    bp, "/meetings/<int:meeting_id>/actions/<int:action_id>/done", Action.RECORD_PROCEEDINGS, methods=["POST"]
)
def complete_action(meeting: Meeting, action_id: int) -> ResponseReturnValue:
    action = db.get_or_404(ActionPoint, action_id, description="There is no such action.")
    if action.committee_id != meeting.committee_id:
        raise NotFound("There is no such action.")

    def change() -> str:
        if action.status == ActionStatus.DONE:
            raise ServiceError("This action is already marked done.")
        outcomes_service.complete_action(current_user, action, on=clock.today())
        return f"Action marked done: {action.description[:80]}"

    return console_button(meeting, f"done-{action.id}", "matters-arising", change)
