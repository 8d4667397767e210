"""A member's own vote (an approved deputy's in the member's place), the Chair's casting vote, and
corrections of the record: a recorded result, and the times a member withdrew and returned."""

from __future__ import annotations

from datetime import datetime
from datetime import time

from flask import flash
from flask import redirect
from flask import render_template
from flask import request
from flask import url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from werkzeug.exceptions import NotFound

from govapp import clock
from govapp import rules
from govapp.forms import given
from govapp.models import Declaration
from govapp.models import Motion
from govapp.models import MotionStatus
from govapp.models import Person
from govapp.models import VoteChoice
from govapp.permissions import Action
from govapp.proceedings.common import console_url
from govapp.proceedings.common import declaration_route
from govapp.proceedings.common import motion_route
from govapp.proceedings.common import signed_in_access
from govapp.proceedings.forms import CastingVoteForm
from govapp.proceedings.forms import CorrectionForm
from govapp.proceedings.forms import VoteForm
from govapp.proceedings.forms import WithdrawalTimesForm
from govapp.services import ConflictError
from govapp.services import ServiceError
from govapp.services import proceedings as service
from govapp.services import voting as voting_service
from govapp.web import attempt
from govapp.web import submitted

# --- a member's own vote, the casting vote, corrections -------------------------------------------


def _may_open_vote_page(motion: Motion) -> None:
    """Members and the Chair, and an approved deputy for this meeting, reach the page (the same row as the
    API's vote route); the eligibility rule decides whether their vote counts. Nobody else sees the motion
    (officers in attendance never vote)."""
    meeting = motion.agenda_item.meeting
    signed_in_access(meeting.committee, meeting).require(Action.CAST_VOTE)


@motion_route("vote", methods=["GET", "POST"])
def vote(motion: Motion) -> ResponseReturnValue:
    _may_open_vote_page(motion)
    person = current_user.person
    cannot_vote: str | None = None
    try:
        member: Person | None = voting_service.voting_member_of(motion, person)
    except ServiceError as refused:
        member, cannot_vote = None, refused.message
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
        cannot_vote=cannot_vote,
    )


@motion_route("casting-vote", Action.CASTING_VOTE, methods=["GET", "POST"])
def casting_vote(motion: Motion) -> ResponseReturnValue:
    meeting = motion.agenda_item.meeting
    form = CastingVoteForm()

    def change() -> str:
        choice = None if form.choice.data == "decline" else form.choice.data
        result = voting_service.give_casting_vote(current_user, motion, choice, now=clock.now())
        return f"Your casting vote is recorded: the motion is {result.outcome}"

    done = submitted(form, change, console_url(meeting, f"motion-{motion.id}"), conflicts_on_form=False)
    if done:
        return done
    return render_template(
        "proceedings/casting_vote.html",
        form=form,
        motion=motion,
        meeting=meeting,
        awaiting=voting_service.awaiting_casting_vote(motion),
        count=voting_service.tally(motion),
    )


@motion_route("correct", Action.RUN_VOTE, methods=["GET", "POST"])
def correct_result(motion: Motion) -> ResponseReturnValue:
    meeting = motion.agenda_item.meeting
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

    def change() -> str:
        casting_vote = None if form.casting_vote.data == "none" else form.casting_vote.data
        counts = {name: form[name].data for name in ("votes_for", "votes_against", "abstentions")}
        voting_service.correct_result(
            current_user, motion, **counts, casting_vote=casting_vote, reason=form.reason.data, now=clock.now()
        )
        return "The corrected result is recorded beside the original"

    done = submitted(form, change, console_url(meeting, f"motion-{motion.id}"))
    return done or render_template("proceedings/correct_result.html", form=form, motion=motion, meeting=meeting)


@declaration_route("times", Action.RECORD_PROCEEDINGS, methods=["GET", "POST"])
def correct_withdrawal_times(declaration: Declaration) -> ResponseReturnValue:
    """The secretariat corrects when a member withdrew from an item and returned, with a reason."""
    item = declaration.agenda_item
    meeting = item.meeting
    data = {"withdrew_at": _local(declaration.withdrew_at), "returned_at": _local(declaration.returned_at)}
    form = WithdrawalTimesForm(data=data if request.method == "GET" else None)

    def change() -> str:
        withdrew_at, returned_at = given(form.withdrew_at.time), form.returned_at.time
        service.correct_withdrawal_times(
            current_user,
            declaration,
            withdrew_at=withdrew_at,
            returned_at=returned_at,
            reason=form.reason.data,
            now=clock.now(),
        )
        return f"{declaration.person.full_name}'s times for item {item.position} are corrected"

    return submitted(form, change, console_url(meeting, f"item-{item.id}")) or render_template(
        "proceedings/correct_times.html", form=form, declaration=declaration, item=item, meeting=meeting
    )


def _local(moment: datetime | None) -> time | None:
    return moment.astimezone(rules.LONDON).time().replace(second=0, microsecond=0) if moment else None
