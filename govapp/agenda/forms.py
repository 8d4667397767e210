from __future__ import annotations

from wtforms.fields.choices import SelectChoice

from govapp.forms import OFFICE_FILE
from govapp.forms import Form
from govapp.forms import button
from govapp.forms import file_input
from govapp.forms import files_input
from govapp.forms import radios
from govapp.forms import text_area
from govapp.forms import text_input
from govapp.models import ItemPurpose

PURPOSES = [
    SelectChoice(ItemPurpose.DECISION.value, "For decision"),
    SelectChoice(ItemPurpose.DISCUSSION.value, "For discussion"),
    SelectChoice(ItemPurpose.INFORMATION.value, "For information"),
]


class AgendaItemForm(Form):
    title = text_input("Title", required="Enter the item's title", max_length=300)
    purpose = radios(
        "Purpose",
        PURPOSES,
        default=ItemPurpose.DISCUSSION.value,
        required="Select whether the item is for decision, discussion or information",
    )
    presenter = text_input("Presenter (optional)", max_length=200)
    description = text_area("Description (optional)")
    submit = button("Save item")


class ConfirmForm(Form):
    """A POST button: the CSRF token is the whole form (move up or down, remove, withdraw)."""


class PaperForm(Form):
    file = file_input("Paper", hint=OFFICE_FILE, required="Choose the file of the paper")
    title = text_input("Title (optional)", hint="Leave blank to use the file's name.", max_length=300)
    submit = button("Upload paper")


class AgendaRequestForm(Form):
    matter = text_input(
        "The matter you want on the agenda",
        required="Enter the matter you want on the agenda",
        max_length=300,
    )
    supporting_information = text_area("Supporting information (optional)")
    proposed_motion = text_area(
        "Proposed motion (optional)", hint="The decision you will ask the committee to make, if there is one."
    )
    attachments = files_input(
        "Papers (optional)", hint="PDF, Word (.docx), OpenDocument text (.odt) or Excel (.xlsx) files."
    )
    submit = button("Send agenda request to the Chair")


class DecisionForm(Form):
    decision = radios(
        "Your decision",
        [SelectChoice("include", "Include it on the agenda"), SelectChoice("decline", "Decline it")],
        required="Select whether to include or decline the request",
    )
    reason = text_area("Reason", hint="The member will see this reason.", required="Enter the reason for your decision")
    submit = button("Record decision")


class InterestForm(Form):
    nature = text_area(
        "The nature of your interest",
        hint="For example, a family connection with a person the item concerns.",
        required="Enter the nature of your interest",
    )
    submit = button("Register interest")
