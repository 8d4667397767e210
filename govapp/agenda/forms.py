from __future__ import annotations

from flask_wtf.file import FileField, FileRequired, MultipleFileField
from govuk_frontend_wtf.wtforms_widgets import (
    GovFileInput,
    GovRadioInput,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import RadioField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Optional

from govapp.forms import Form
from govapp.models import ItemPurpose

PURPOSES = [
    SelectChoice(ItemPurpose.DECISION.value, "For decision"),
    SelectChoice(ItemPurpose.DISCUSSION.value, "For discussion"),
    SelectChoice(ItemPurpose.INFORMATION.value, "For information"),
]


class AgendaItemForm(Form):
    title = StringField(
        "Title",
        widget=GovTextInput(),
        validators=[
            InputRequired(message="Enter the item's title"),
            Length(max=300, message="Enter the item's title in 300 characters or fewer"),
        ],
    )
    purpose = RadioField(
        "Purpose",
        choices=PURPOSES,
        default=ItemPurpose.DISCUSSION.value,
        widget=GovRadioInput(),
        validators=[InputRequired(message="Select whether the item is for decision, discussion or information")],
    )
    presenter = StringField(
        "Presenter (optional)",
        widget=GovTextInput(),
        validators=[Optional(), Length(max=200, message="Enter the presenter's name in 200 characters or fewer")],
    )
    description = TextAreaField("Description (optional)", widget=GovTextArea(), validators=[Optional()])
    submit = SubmitField("Save item", widget=GovSubmitInput())


class ConfirmForm(Form):
    """A POST button: the CSRF token is the whole form (move up or down, remove, withdraw)."""


class PaperForm(Form):
    file = FileField(
        "Paper",
        widget=GovFileInput(),
        validators=[FileRequired(message="Choose the file of the paper")],
        description="A PDF, Word (.docx), OpenDocument text (.odt) or Excel (.xlsx) file.",
    )
    title = StringField(
        "Title (optional)",
        widget=GovTextInput(),
        description="Leave blank to use the file's name.",
        validators=[Optional(), Length(max=300, message="Enter the title in 300 characters or fewer")],
    )
    submit = SubmitField("Upload paper", widget=GovSubmitInput())


class AgendaRequestForm(Form):
    matter = StringField(
        "The matter you want on the agenda",
        widget=GovTextInput(),
        validators=[
            InputRequired(message="Enter the matter you want on the agenda"),
            Length(max=300, message="Enter the matter in 300 characters or fewer"),
        ],
    )
    supporting_information = TextAreaField(
        "Supporting information (optional)", widget=GovTextArea(), validators=[Optional()]
    )
    proposed_motion = TextAreaField(
        "Proposed motion (optional)",
        widget=GovTextArea(),
        description="The decision you will ask the committee to make, if there is one.",
        validators=[Optional()],
    )
    attachments = MultipleFileField(
        "Papers (optional)",
        widget=GovFileInput(multiple=True),
        description="PDF, Word (.docx), OpenDocument text (.odt) or Excel (.xlsx) files.",
    )
    submit = SubmitField("Send agenda request to the Chair", widget=GovSubmitInput())


class DecisionForm(Form):
    decision = RadioField(
        "Your decision",
        choices=[SelectChoice("include", "Include it on the agenda"), SelectChoice("decline", "Decline it")],
        widget=GovRadioInput(),
        validators=[InputRequired(message="Select whether to include or decline the request")],
    )
    reason = TextAreaField(
        "Reason",
        widget=GovTextArea(),
        description="The member will see this reason.",
        validators=[InputRequired(message="Enter the reason for your decision")],
    )
    submit = SubmitField("Record decision", widget=GovSubmitInput())


class InterestForm(Form):
    nature = TextAreaField(
        "The nature of your interest",
        widget=GovTextArea(),
        description="For example, a family connection with a person the item concerns.",
        validators=[InputRequired(message="Enter the nature of your interest")],
    )
    submit = SubmitField("Register interest", widget=GovSubmitInput())
