"""At the meeting, item by item: motions (put, opened, a show of hands, closed), outcomes, deferrals and
actions, with matters arising."""

from __future__ import annotations

from flask.typing import ResponseReturnValue
from flask_login import current_user, login_required
from werkzeug.exceptions import NotFound

from govapp import clock
from govapp.extensions import db
from govapp.models import ActionPoint, ActionStatus, MotionStatus, OutcomeKind, VoteChoice
from govapp.proceedings.common import (
    bp,
    chosen,
    load_item,
    load_motion,
    members_of,
    require_record,
    require_run_vote,
)
from govapp.proceedings.console import console_page, owners_of, submit_on_console
from govapp.proceedings.forms import ActionForm, ButtonForm, MotionForm, OutcomeForm, people_choices, show_of_hands_form
from govapp.services import ServiceError
from govapp.services import outcomes as outcomes_service
from govapp.services import proceedings as service
from govapp.services import voting as voting_service
from govapp.web import form_error, load_meeting


@bp.route("/agenda-items/<int:item_id>/motions", methods=["POST"])
@login_required
def propose_motion(item_id: int) -> ResponseReturnValue:
    item = load_item(item_id)
    meeting = item.meeting
    require_record(meeting)
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


@bp.route("/motions/<int:motion_id>/open", methods=["POST"])
@login_required
def open_vote(motion_id: int) -> ResponseReturnValue:
    motion = load_motion(motion_id)
    meeting = motion.agenda_item.meeting
    require_run_vote(meeting)
    form = ButtonForm(prefix=f"open-{motion.id}")

    def change() -> str:
        voting_service.open_vote(current_user, motion, now=clock.now())
        return "The vote is open: members may vote on their own devices, or record a show of hands"

    return submit_on_console(meeting, form, f"motion-{motion.id}", change, item=motion.agenda_item)


@bp.route("/motions/<int:motion_id>/show-of-hands", methods=["POST"])
@login_required
def show_of_hands(motion_id: int) -> ResponseReturnValue:
    motion = load_motion(motion_id)
    meeting = motion.agenda_item.meeting
    require_run_vote(meeting)
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


@bp.route("/motions/<int:motion_id>/close", methods=["POST"])
@login_required
def close_vote(motion_id: int) -> ResponseReturnValue:
    motion = load_motion(motion_id)
    meeting = motion.agenda_item.meeting
    require_run_vote(meeting)
    form = ButtonForm(prefix=f"close-{motion.id}")

    def change() -> str:
        result = voting_service.close_vote(current_user, motion, now=clock.now())
        if result is None:
            return "The vote is closed and tied: the Chair is asked for the casting vote"
        counts = f"{result.votes_for} for, {result.votes_against} against"
        return f"The vote is closed: the motion is {result.outcome} ({counts})"

    return submit_on_console(meeting, form, f"motion-{motion.id}", change, item=motion.agenda_item)


@bp.route("/agenda-items/<int:item_id>/outcome", methods=["POST"])
@login_required
def record_outcome(item_id: int) -> ResponseReturnValue:
    item = load_item(item_id)
    meeting = item.meeting
    require_record(meeting)
    form = OutcomeForm(prefix=f"outcome-{item.id}")

    def change() -> str:
        outcome = outcomes_service.record_outcome(
            current_user, item, OutcomeKind(form.kind.data), form.text.data, now=clock.now()
        )
        return f"The outcome of item {item.position} is recorded: {outcome.kind.value}"

    # With its outcome recorded, the console moves on to the next item that has none.
    return submit_on_console(meeting, form, f"item-{item.id}", change, {"text": "text"})


@bp.route("/agenda-items/<int:item_id>/defer", methods=["POST"])
@login_required
def defer_item(item_id: int) -> ResponseReturnValue:
    item = load_item(item_id)
    meeting = item.meeting
    require_record(meeting)
    form = ButtonForm(prefix=f"defer-{item.id}")

    def change() -> str:
        quorum = service.item_quorum(item)
        text = f"Deferred to a later meeting. {quorum.explain()}"
        outcomes_service.record_outcome(current_user, item, OutcomeKind.DEFERRED, text, now=clock.now())
        return f"Item {item.position} is deferred"

    return submit_on_console(meeting, form, f"item-{item.id}", change)


@bp.route("/agenda-items/<int:item_id>/actions", methods=["POST"])
@login_required
def add_action(item_id: int) -> ResponseReturnValue:
    item = load_item(item_id)
    meeting = item.meeting
    require_record(meeting)
    owners = owners_of(meeting)
    form = ActionForm(prefix=f"action-{item.id}")
    form.owner.choices = people_choices(owners, blank="Choose who owns it")

    def change() -> str:
        owner = chosen(owners, form.owner.data)
        outcomes_service.add_action(current_user, item, form.description.data, owner, form.due_on.data)
        return f"Action for {owner.full_name} added to item {item.position}"

    return submit_on_console(meeting, form, f"item-{item.id}", change, item=item)


@bp.route("/meetings/<int:meeting_id>/actions/<int:action_id>/done", methods=["POST"])
@login_required
def complete_action(meeting_id: int, action_id: int) -> ResponseReturnValue:
    meeting = load_meeting(meeting_id)
    require_record(meeting)
    action = db.get_or_404(ActionPoint, action_id, description="There is no such action.")
    if action.committee_id != meeting.committee_id:
        raise NotFound("There is no such action.")
    form = ButtonForm(prefix=f"done-{action.id}")

    def change() -> str:
        if action.status == ActionStatus.DONE:
            raise ServiceError("This action is already marked done.")
        outcomes_service.complete_action(current_user, action, on=clock.today())
        return f"Action marked done: {action.description[:80]}"

    return submit_on_console(meeting, form, "matters-arising", change)
