"""The API for motions and votes: put a motion, open and close the vote, vote, the casting vote.

The same services and checks as the console and the vote page. A member's own vote is checked with
the same permission row, for the same meeting, as the vote page (an approved deputy reaches it; a
former member and an officer in attendance do not), and then by the same eligibility rule; the
request boundary turns a refusal into a 400, 403 or 409 with the service's words.
"""

from __future__ import annotations

from typing import Any

from flask import request
from flask import url_for
from flask.typing import ResponseReturnValue
from sqlalchemy import select
from werkzeug.exceptions import BadRequest

from govapp import clock
from govapp.api.auth import api_user
from govapp.api.proceedings import _person
from govapp.api.routing import READ_BUSINESS
from govapp.api.routing import api_access
from govapp.api.routing import api_route
from govapp.api.routing import created
from govapp.api.routing import creating_route
from govapp.api.routing import json_body
from govapp.api.serialisers import iso
from govapp.api.serialisers import person
from govapp.extensions import db
from govapp.models import AgendaItem
from govapp.models import Motion
from govapp.models import VoteChoice
from govapp.permissions import Action
from govapp.services import voting


def _motionjson_body(m: Motion) -> dict[str, Any]:
    return {
        "id": m.id,
        "item_id": m.agenda_item_id,
        "text": m.text,
        "proposer": person(m.proposer),
        "seconder": person(m.seconder) if m.seconder else None,
        "status": m.status.value,
        "awaiting_casting_vote": voting.awaiting_casting_vote(m),
        "votes": [
            {"member": person(v.member), "cast_by": person(v.cast_by), "choice": v.choice.value} for v in m.votes
        ],
        "results": [
            {
                "votes_for": r.votes_for,
                "votes_against": r.votes_against,
                "abstentions": r.abstentions,
                "casting_vote": r.casting_vote,
                "casting_vote_declined": r.casting_vote_declined,
                "outcome": r.outcome,
                "corrects_id": r.corrects_id,
                "correction_reason": r.correction_reason,
                "recorded_at": iso(r.recorded_at),
            }
            for r in m.results
        ],
    }


# --- motions and votes ---------------------------------------------------------------------------


@api_route("/agenda-items/<int:item_id>/motions", response="MotionList", tag="meeting", needs=READ_BUSINESS)
def motions(item: AgendaItem) -> ResponseReturnValue:
    """The motions on an agenda item.

    Each with its votes by name and every recorded result.
    """
    found = db.session.scalars(select(Motion).where(Motion.agenda_item_id == item.id).order_by(Motion.id))
    return {"item_id": item.id, "motions": [_motionjson_body(m) for m in found]}


@creating_route("/agenda-items/<int:item_id>/motions", "Motion", "meeting", Action.RECORD_PROCEEDINGS)
def propose(item: AgendaItem) -> ResponseReturnValue:
    """Put a motion.

    The secretariat records the motion with its proposer (and seconder where the committee's standing orders want
    one).
    """
    user = api_user()
    data = json_body({"text": (str, True), "proposer_id": (int, True), "seconder_id": (int, False)})
    proposer = _person(data["proposer_id"])
    seconder = _person(data["seconder_id"]) if data.get("seconder_id") is not None else None
    made = voting.propose_motion(user, item, data["text"], proposer, seconder)
    return created(_motionjson_body(made), url_for("api.motion", motion_id=made.id))


@api_route("/motions/<int:motion_id>", response="Motion", tag="meeting", needs=READ_BUSINESS)
def motion(motion: Motion) -> ResponseReturnValue:
    """A motion.

    Its votes by name and every recorded result (a correction is a new result).
    """
    return _motionjson_body(motion)


@api_route("/motions/<int:motion_id>/open", "POST", response="Motion", tag="meeting", needs=(Action.RUN_VOTE,))
def open_motion_vote(motion: Motion) -> ResponseReturnValue:
    """Open the vote.

    Refused while the item is inquorate. Chair or secretariat. No request body.
    """
    voting.open_vote(api_user(), motion, now=clock.now())
    return _motionjson_body(motion)


@api_route("/motions/<int:motion_id>/close", "POST", response="Motion", tag="meeting", needs=(Action.RUN_VOTE,))
def close_motion_vote(motion: Motion) -> ResponseReturnValue:
    """Close the vote and record the result.

    The result comes from the standing orders' rule; on a tie the Chair's casting vote is awaited. Chair or
    secretariat. No request body.
    """
    voting.close_vote(api_user(), motion, now=clock.now())
    return _motionjson_body(motion)


@creating_route("/motions/<int:motion_id>/votes", "Motion", "meeting", body="NewVote")
def vote(motion: Motion) -> ResponseReturnValue:
    """Vote.

    Cast your own vote while the vote is open, or (Chair or secretariat) record a show of hands for voter_id.
    Refused with the reason for a member who declared an interest, is absent or has left, whose deputy attends in
    their place, or an officer in attendance. A second vote counts once (409).
    """
    found = motion
    user = api_user()
    # As on the vote page: the same rows, for this meeting; then the eligibility rule says whose vote it is.
    permit = api_access(found.agenda_item.meeting.committee, found.agenda_item.meeting)
    data = json_body({"choice": (str, True), "voter_id": (int, False)})
    try:
        choice = VoteChoice(data["choice"])
    except ValueError:
        raise BadRequest("'choice' must be one of: for, against, abstain.") from None
    if data.get("voter_id") is None:
        permit.require(Action.CAST_VOTE)
        voter = user.person
    else:
        permit.require(Action.RUN_VOTE)
        voter = _person(data["voter_id"])
    voting.record_vote(user, found, voter, choice, now=clock.now())
    return created(_motionjson_body(found), url_for("api.motion", motion_id=found.id))


@creating_route("/motions/<int:motion_id>/casting-vote", "Motion", "meeting", Action.CASTING_VOTE, body="CastingVote")
def casting_vote(motion: Motion) -> ResponseReturnValue:
    """The Chair's casting vote.

    On a tie only: 'for' or 'against', or null to decline (then the motion is not carried).
    """
    found = motion
    user = api_user()
    data = json_body({"choice": (str, False)})
    if "choice" not in (request.get_json(silent=True) or {}):  # null declines; leaving it out is a mistake
        raise BadRequest("Give 'choice': 'for', 'against', or null to decline the casting vote.")
    voting.give_casting_vote(user, found, data["choice"], now=clock.now())
    return created(_motionjson_body(found), url_for("api.motion", motion_id=found.id))
