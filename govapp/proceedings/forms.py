"""Forms for before and at the meeting: apologies, deputies, officers, the roll call, declarations,
motions and votes, outcomes, actions and the Chair's follow-up of absences."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from govuk_frontend_wtf.wtforms_widgets import GovRadioInput, GovSelect, GovSubmitInput, GovTextArea, GovTextInput
from wtforms import IntegerField, RadioField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Email, InputRequired, Length, NumberRange, Optional, ValidationError

from govapp.forms import Form, GovDateField
from govapp.meetings.forms import TimeText
from govapp.models import Attendance, OutcomeKind, Person

#: (value, label) pairs for a select of people.
Choices = Sequence[tuple[str, str]]


def people_choices(people: Sequence[Person], *, blank: str | None = None) -> list[tuple[str, str]]:
    choices = [("", blank)] if blank is not None else []
    return choices + [(str(p.id), p.full_name) for p in people]


class ApologiesForm(Form):
    member = SelectField("Member sending apologies", choices=[], widget=GovSelect(), validate_choice=False)
    reason = TextAreaField(
        "Reason (optional)",
        widget=GovTextArea(),
        description="Members see apologies in the minutes. Do not include personal or case details.",
        validators=[Optional(), Length(max=2000, message="The reason must be 2,000 characters or fewer")],
    )
    submit = SubmitField("Send apologies", widget=GovSubmitInput())

    def validate_member(self, field: SelectField) -> None:
        if not field.data:
            raise ValidationError("Choose the member sending apologies")


class DeputyRequestForm(Form):
    member = SelectField("Member the deputy attends for", choices=[], widget=GovSelect(), validate_choice=False)
    full_name = StringField(
        "Deputy's full name",
        widget=GovTextInput(),
        validators=[
            InputRequired(message="Enter the deputy's full name"),
            Length(max=200, message="The name must be 200 characters or fewer"),
        ],
    )
    email = StringField(
        "Deputy's email address",
        widget=GovTextInput(),
        description="If govapp already knows this person, their record is used.",
        validators=[
            InputRequired(message="Enter the deputy's email address"),
            Email(message="Enter an email address in the correct format, like name@example.org"),
        ],
    )
    agency = StringField(
        "Deputy's agency",
        widget=GovTextInput(),
        validators=[
            InputRequired(message="Enter the agency the deputy works for"),
            Length(max=200, message="The agency must be 200 characters or fewer"),
        ],
    )
    reason = TextAreaField(
        "The exceptional circumstances",
        widget=GovTextArea(),
        description="A deputy attends only in exceptional circumstances and with the Chair's agreement beforehand.",
        validators=[InputRequired(message="Explain the exceptional circumstances that need a deputy")],
    )
    submit = SubmitField("Ask the Chair", widget=GovSubmitInput())


class OfficerRequestForm(Form):
    item = SelectField("Agenda item the officer presents", choices=[], widget=GovSelect(), validate_choice=False)
    full_name = StringField(
        "Officer's full name",
        widget=GovTextInput(),
        validators=[
            InputRequired(message="Enter the officer's full name"),
            Length(max=200, message="The name must be 200 characters or fewer"),
        ],
    )
    email = StringField(
        "Officer's email address",
        widget=GovTextInput(),
        validators=[
            InputRequired(message="Enter the officer's email address"),
            Email(message="Enter an email address in the correct format, like name@example.org"),
        ],
    )
    agency = StringField(
        "Agency the officer represents",
        widget=GovTextInput(),
        validators=[
            InputRequired(message="Enter the agency the officer represents"),
            Length(max=200, message="The agency must be 200 characters or fewer"),
        ],
    )
    reason = TextAreaField("Why the officer should attend (optional)", widget=GovTextArea(), validators=[Optional()])
    submit = SubmitField("Ask the Chair", widget=GovSubmitInput())

    def validate_item(self, field: SelectField) -> None:
        if not field.data:
            raise ValidationError("Choose the agenda item the officer presents")


class DecideRequestForm(Form):
    decision = RadioField(
        "Your decision",
        choices=[SelectChoice("approve", "Approve"), SelectChoice("refuse", "Refuse")],
        widget=GovRadioInput(),
        validators=[InputRequired(message="Select whether to approve or refuse the request")],
    )
    reason = TextAreaField(
        "Reason (needed to refuse)",
        widget=GovTextArea(),
        description="The person who asked sees this reason.",
        validators=[Optional(), Length(max=2000, message="The reason must be 2,000 characters or fewer")],
    )
    submit = SubmitField("Record decision", widget=GovSubmitInput())


ROLL_CALL_STATUSES = [
    SelectChoice(Attendance.PRESENT.value, "Present"),
    SelectChoice(Attendance.APOLOGIES.value, "Apologies"),
    SelectChoice(Attendance.ABSENT.value, "Absent"),
]


class RollCallForm(Form):
    """Fields are added per member by ``roll_call_form``: status_<id>, arrived_<id>, departed_<id>."""

    submit = SubmitField("Save the roll call", widget=GovSubmitInput())


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
        setattr(_RollCall, f"arrived_{person.id}", TimeText("Arrived (optional)", what="arrival time"))
        setattr(_RollCall, f"departed_{person.id}", TimeText("Left (optional)", what="departure time"))
    return _RollCall(**kwargs)


class AttendeeForm(Form):
    """A deputy or an officer in attendance: arrival and departure."""

    arrived_at = TimeText("Arrived", what="arrival time", validators=[InputRequired(message="Enter the arrival time")])
    departed_at = TimeText("Left (optional)", what="departure time")
    submit = SubmitField("Record attendance", widget=GovSubmitInput())


class DeclarationForm(Form):
    item = SelectField("Agenda item", choices=[], widget=GovSelect(), validate_choice=False)
    member = SelectField("Member declaring", choices=[], widget=GovSelect(), validate_choice=False)
    nature = TextAreaField(
        "Nature of the interest",
        widget=GovTextArea(),
        validators=[InputRequired(message="Describe the nature of the interest")],
    )
    submit = SubmitField("Record declaration", widget=GovSubmitInput())

    def validate_item(self, field: SelectField) -> None:
        if not field.data:
            raise ValidationError("Choose the agenda item")

    def validate_member(self, field: SelectField) -> None:
        if not field.data:
            raise ValidationError("Choose the member declaring the interest")


class MotionForm(Form):
    text = TextAreaField(
        "Wording of the motion",
        widget=GovTextArea(),
        validators=[InputRequired(message="Enter the wording of the motion")],
    )
    proposer = SelectField("Proposed by", choices=[], widget=GovSelect(), validate_choice=False)
    seconder = SelectField("Seconded by", choices=[], widget=GovSelect(), validate_choice=False)
    submit = SubmitField("Record motion", widget=GovSubmitInput())

    def validate_proposer(self, field: SelectField) -> None:
        if not field.data:
            raise ValidationError("Choose the member proposing the motion")


VOTE_CHOICES = [SelectChoice("for", "For"), SelectChoice("against", "Against"), SelectChoice("abstain", "Abstain")]


class VoteForm(Form):
    choice = RadioField(
        "Your vote",
        choices=VOTE_CHOICES,
        widget=GovRadioInput(),
        validators=[InputRequired(message="Select For, Against or Abstain")],
    )
    submit = SubmitField("Cast your vote", widget=GovSubmitInput())


class ShowOfHandsForm(Form):
    """Fields are added per voter by ``show_of_hands_form``: vote_<person id>."""

    submit = SubmitField("Record these votes", widget=GovSubmitInput())


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
    choice = RadioField(
        "Your casting vote",
        choices=[
            SelectChoice("for", "For"),
            SelectChoice("against", "Against"),
            SelectChoice("decline", "Decline to use the casting vote (the motion is not carried)"),
        ],
        widget=GovRadioInput(),
        validators=[InputRequired(message="Select For, Against, or Decline")],
    )
    submit = SubmitField("Record casting vote", widget=GovSubmitInput())


class CorrectionForm(Form):
    votes_for = IntegerField(
        "Votes for",
        widget=GovTextInput(),
        validators=[
            InputRequired(message="Enter the number of votes for, as a whole number"),
            NumberRange(min=0, max=999, message="Enter the votes for as a number from 0 to 999"),
        ],
    )
    votes_against = IntegerField(
        "Votes against",
        widget=GovTextInput(),
        validators=[
            InputRequired(message="Enter the number of votes against, as a whole number"),
            NumberRange(min=0, max=999, message="Enter the votes against as a number from 0 to 999"),
        ],
    )
    abstentions = IntegerField(
        "Abstentions",
        widget=GovTextInput(),
        validators=[
            InputRequired(message="Enter the number of abstentions, as a whole number"),
            NumberRange(min=0, max=999, message="Enter the abstentions as a number from 0 to 999"),
        ],
    )
    casting_vote = RadioField(
        "Chair's casting vote",
        choices=[
            SelectChoice("none", "None given"),
            SelectChoice("for", "For"),
            SelectChoice("against", "Against"),
        ],
        default="none",
        widget=GovRadioInput(),
        validators=[InputRequired(message="Select the Chair's casting vote, or None given")],
    )
    reason = TextAreaField(
        "Reason for the correction",
        widget=GovTextArea(),
        description="The original result stays on the record beside the correction.",
        validators=[InputRequired(message="Give the reason for the correction")],
    )
    submit = SubmitField("Record corrected result", widget=GovSubmitInput())


OUTCOME_CHOICES = [
    SelectChoice(OutcomeKind.DECISION.value, "Decision"),
    SelectChoice(OutcomeKind.RECOMMENDATION.value, "Recommendation to the Board"),
    SelectChoice(OutcomeKind.NOTED.value, "Noted"),
    SelectChoice(OutcomeKind.DEFERRED.value, "Deferred"),
]


class OutcomeForm(Form):
    kind = RadioField(
        "Outcome",
        choices=OUTCOME_CHOICES,
        widget=GovRadioInput(),
        validators=[InputRequired(message="Select the outcome of the item")],
    )
    text = TextAreaField(
        "What was decided, recommended or noted",
        widget=GovTextArea(),
        validators=[InputRequired(message="Describe the outcome")],
    )
    submit = SubmitField("Record outcome", widget=GovSubmitInput())


class ActionForm(Form):
    description = TextAreaField(
        "Action", widget=GovTextArea(), validators=[InputRequired(message="Describe the action")]
    )
    owner = SelectField("Owner", choices=[], widget=GovSelect(), validate_choice=False)
    due_on = GovDateField("Due date (optional)", what="due date", description="For example, 17 12 2026")
    submit = SubmitField("Add action", widget=GovSubmitInput())

    def validate_owner(self, field: SelectField) -> None:
        if not field.data:
            raise ValidationError("Choose who owns the action")


class AbsenceReasonForm(Form):
    reason = TextAreaField(
        "Reason ascertained",
        widget=GovTextArea(),
        validators=[
            InputRequired(message="Enter the reason you ascertained"),
            Length(max=2000, message="The reason must be 2,000 characters or fewer"),
        ],
    )
    submit = SubmitField("Record reason", widget=GovSubmitInput())


class ButtonForm(Form):
    """A single button (open or close a vote, confirm a declaration, record a return, defer, mark done).

    Each has its own prefix on a page, so that a refusal shows beside the button it concerns."""

    submit = SubmitField("Confirm", widget=GovSubmitInput())
