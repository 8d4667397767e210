from __future__ import annotations

from govapp.forms import Form
from govapp.forms import button
from govapp.forms import choose
from govapp.forms import date_input
from govapp.forms import text_area
from govapp.services.requisitions import BUSINESS_MAX
from govapp.services.requisitions import PURPOSE_MAX
from govapp.services.requisitions import REASON_MAX


class RequisitionForm(Form):
    purpose = text_area(
        "Purpose of the meeting",
        required="Enter the purpose of the meeting you are asking for",
        max_length=PURPOSE_MAX,
    )
    business = text_area(
        "Business to be transacted",
        required="Enter the business the meeting is to transact",
        max_length=BUSINESS_MAX,
    )
    submit = button("Start and sign the requisition")


class SignatureForm(Form):
    """Sign, or withdraw a signature: a button with a CSRF token."""

    submit = button("Sign this requisition")


class PresentationForm(Form):
    presented_on = date_input(
        "Date it was presented to the Chair",
        required="Enter the date the requisition was presented to the Chair",
    )
    submit = button("Record the presentation")


class MeetingCalledForm(Form):
    meeting_id = choose("Meeting called", required="Choose the meeting called in answer to the requisition", coerce=int)
    submit = button("Record the meeting called")


class BoardApprovalForm(Form):
    approved_on = date_input(
        "Date the Board approved the reason",
        required="Enter the date the Board approved the Chair's reason",
    )
    reason = text_area(
        "The Chair's reason for not calling the meeting",
        required="Enter the Chair's reason for not calling the meeting",
        max_length=REASON_MAX,
    )
    submit = button("Record the Board's approval")
