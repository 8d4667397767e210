"""Forms for before and at the meeting: apologies, deputies, officers, the roll call, declarations,
motions and votes, outcomes, actions and the Chair's follow-up of absences."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from govuk_frontend_wtf.wtforms_widgets import GovRadioInput
from govuk_frontend_wtf.wtforms_widgets import GovSelect
from govuk_frontend_wtf.wtforms_widgets import GovTextInput
from wtforms import IntegerField
from wtforms import RadioField
from wtforms import SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired
from wtforms.validators import NumberRange
from wtforms.validators import Optional

from govapp.forms import Form
from govapp.forms import button
from govapp.forms import choose
from govapp.forms import date_input
from govapp.forms import email_input
from govapp.forms import radios
from govapp.forms import text_area
from govapp.forms import text_input
from govapp.forms import time_input
from govapp.models import Attendance
from govapp.models import OutcomeKind
from govapp.models import Person

#: (value, label) pairs for a select of people.
Choices = Sequence[tuple[str, str]]


def people_choices(people: Sequence[Person], *, blank: str | None = None) -> list[tuple[str, str]]:
    choices = [("", blank)] if blank is not None else []
    return choices + [(str(p.id), p.full_name) for p in people]


class ApologiesForm(Form):
    member = choose("Member sending apologies", required="Choose the member sending apologies")
    reason = text_area(
        "Reason (optional)",
        hint="Members see apologies in the minutes. Do not include personal or case details.",
        max_length=2000,
    )
    submit = button("Send apologies")


class DeputyRequestForm(Form):
    member = choose("Member the deputy attends for", required="Choose the member the deputy attends for")
    full_name = text_input("Deputy's full name", required="Enter the deputy's full name", max_length=200)
    email = email_input(
        "Deputy's email address",
        required="Enter the deputy's email address",
        hint="If govapp already knows this person, their record is used.",
    )
    agency = text_input("Deputy's agency", required="Enter the agency the deputy works for", max_length=200)
    reason = text_area(
        "The exceptional circumstances",
        hint="A deputy attends only in exceptional circumstances and with the Chair's agreement beforehand.",
        required="Explain the exceptional circumstances that need a deputy",
    )
    submit = button("Ask the Chair")


class OfficerRequestForm(Form):
    item = choose("Agenda item the officer presents", required="Choose the agenda item the officer presents")
    full_name = text_input("Officer's full name", required="Enter the officer's full name", max_length=200)
    email = email_input("Officer's email address", required="Enter the officer's email address")
    agency = text_input(
        "Agency the officer represents",
        required="Enter the agency the officer represents",
        max_length=200,
    )
    reason = text_area("Why the officer should attend (optional)")
    submit = button("Ask the Chair")


class DecideRequestForm(Form):
    decision = radios(
        "Your decision",
        [SelectChoice("approve", "Approve"), SelectChoice("refuse", "Refuse")],
        required="Select whether to approve or refuse the request",
    )
    reason = text_area("Reason (needed to refuse)", hint="The person who asked sees this reason.", max_length=2000)
    submit = button("Record decision")


ROLL_CALL_STATUSES = [
    SelectChoice(Attendance.PRESENT.value, "Present"),
    SelectChoice(Attendance.APOLOGIES.value, "Apologies"),
    SelectChoice(Attendance.ABSENT.value, "Absent"),
]


class RollCallForm(Form):
    """Fields are added per member by ``roll_call_form``: status_<id>, arrived_<id>, departed_<id>."""

    submit = button("Save the roll call")


def roll_call_form(members: Sequence[tuple[Person, str]], **kwargs: Any) -> RollCallForm:
    """A roll-call form for ``members`` given as (person, label), e.g. (the Chair, 'Morgan Adair (Chair)')."""

    class _RollCall(RollCallForm):
        pass

    for person, label in members:
        setattr(
            _RollCall,
            f"status_{person.id}",
            RadioField(label, choices=ROLL_CALL_STATUSES, widget=GovRadioInput(), validators=[Optional()]),
        )
        setattr(_RollCall, f"arrived_{person.id}", time_input("Arrived (optional)", what="arrival time"))
        setattr(_RollCall, f"departed_{person.id}", time_input("Left (optional)", what="departure time"))
    return _RollCall(**kwargs)


class AttendeeForm(Form):
    """A deputy or an officer in attendance: arrival and departure."""

    arrived_at = time_input("Arrived", what="arrival time", required="Enter the arrival time")
    departed_at = time_input("Left (optional)", what="departure time")
    submit = button("Record attendance")


class DeclarationForm(Form):
    item = choose("Agenda item", required="Choose the agenda item")
    member = choose("Member declaring", required="Choose the member declaring the interest")
    nature = text_area("Nature of the interest", required="Describe the nature of the interest")
    submit = button("Record declaration")


class MotionForm(Form):
    text = text_area("Wording of the motion", required="Enter the wording of the motion")
    proposer = choose("Proposed by", required="Choose the member proposing the motion")
    seconder = SelectField("Seconded by", choices=[], widget=GovSelect(), validate_choice=False)
    submit = button("Record motion")


VOTE_CHOICES = [SelectChoice("for", "For"), SelectChoice("against", "Against"), SelectChoice("abstain", "Abstain")]


class VoteForm(Form):
    choice = radios("Your vote", VOTE_CHOICES, required="Select For, Against or Abstain")
    submit = button("Cast your vote")


class ShowOfHandsForm(Form):
    """Fields are added per voter by ``show_of_hands_form``: vote_<person id>."""

    submit = button("Record these votes")


def show_of_hands_form(voters: Sequence[tuple[Person, str]], **kwargs: Any) -> ShowOfHandsForm:
    class _Hands(ShowOfHandsForm):
        pass

    choices = [*VOTE_CHOICES, SelectChoice("none", "Did not vote")]
    for person, label in voters:
        setattr(
            _Hands,
            f"vote_{person.id}",
            RadioField(label, choices=choices, default="none", widget=GovRadioInput(), validators=[Optional()]),
        )
    return _Hands(**kwargs)


class CastingVoteForm(Form):
    choice = radios(
        "Your casting vote",
        [
            SelectChoice("for", "For"),
            SelectChoice("against", "Against"),
            SelectChoice("decline", "Decline to use the casting vote (the motion is not carried)"),
        ],
        required="Select For, Against, or Decline",
    )
    submit = button("Record casting vote")


def _count(label: str, what: str) -> IntegerField:
    """A count of votes, 0 to 999."""
    return IntegerField(
        label,
        widget=GovTextInput(),
        validators=[
            InputRequired(message=f"Enter the number of {what}, as a whole number"),
            NumberRange(min=0, max=999, message=f"Enter the {what} as a number from 0 to 999"),
        ],
    )


class CorrectionForm(Form):
    votes_for = _count("Votes for", "votes for")
    votes_against = _count("Votes against", "votes against")
    abstentions = _count("Abstentions", "abstentions")
    casting_vote = radios(
        "Chair's casting vote",
        [SelectChoice("none", "None given"), SelectChoice("for", "For"), SelectChoice("against", "Against")],
        default="none",
        required="Select the Chair's casting vote, or None given",
    )
    reason = text_area(
        "Reason for the correction",
        hint="The original result stays on the record beside the correction.",
        required="Give the reason for the correction",
    )
    submit = button("Record corrected result")


OUTCOME_CHOICES = [
    SelectChoice(OutcomeKind.DECISION.value, "Decision"),
    SelectChoice(OutcomeKind.RECOMMENDATION.value, "Recommendation to the Board"),
    SelectChoice(OutcomeKind.NOTED.value, "Noted"),
    SelectChoice(OutcomeKind.DEFERRED.value, "Deferred"),
]


class OutcomeForm(Form):
    kind = radios("Outcome", OUTCOME_CHOICES, required="Select the outcome of the item")
    text = text_area("What was decided, recommended or noted", required="Describe the outcome")
    submit = button("Record outcome")


class ActionForm(Form):
    description = text_area("Action", required="Describe the action")
    owner = choose("Owner", required="Choose who owns the action")
    due_on = date_input("Due date (optional)", hint="For example, 17 12 2026")
    submit = button("Add action")


class AbsenceReasonForm(Form):
    reason = text_area("Reason ascertained", required="Enter the reason you ascertained", max_length=2000)
    submit = button("Record reason")


class WithdrawalTimesForm(Form):
    withdrew_at = time_input("Withdrew at", what="time they withdrew", required="Enter the time they withdrew")
    returned_at = time_input("Returned at (optional)", what="time they returned")
    reason = text_area(
        "Reason for the correction",
        hint="Kept with the declaration; the times before the correction stay in the audit record.",
        required="Give the reason for the correction",
        max_length=2000,
    )
    submit = button("Record the corrected times")


class ButtonForm(Form):
    """A single button (open or close a vote, confirm a declaration, record a return, defer, mark done).

    Each has its own prefix on a page, so that a refusal shows beside the button it concerns."""

    submit = button("Confirm")
