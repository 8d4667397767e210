from __future__ import annotations

from govuk_frontend_wtf.wtforms_widgets import GovSelect, GovSubmitInput, GovTextArea
from wtforms import SelectField, SubmitField, TextAreaField
from wtforms.validators import InputRequired, Length

from govapp.forms import Form, GovDateField
from govapp.services.requisitions import BUSINESS_MAX, PURPOSE_MAX, REASON_MAX


class RequisitionForm(Form):
    purpose = TextAreaField(
        "Purpose of the meeting",
        widget=GovTextArea(),
        validators=[
            InputRequired(message="Enter the purpose of the meeting you are asking for"),
            Length(max=PURPOSE_MAX, message=f"The purpose must be {PURPOSE_MAX} characters or fewer"),
        ],
    )
    business = TextAreaField(
        "Business to be transacted",
        widget=GovTextArea(),
        validators=[
            InputRequired(message="Enter the business the meeting is to transact"),
            Length(max=BUSINESS_MAX, message=f"The business must be {BUSINESS_MAX} characters or fewer"),
        ],
    )
    submit = SubmitField("Start and sign the requisition", widget=GovSubmitInput())


class SignatureForm(Form):
    """Sign, or withdraw a signature: a button with a CSRF token."""

    submit = SubmitField("Sign this requisition", widget=GovSubmitInput())


class PresentationForm(Form):
    presented_on = GovDateField(
        "Date it was presented to the Chair",
        what="date it was presented",
        validators=[InputRequired(message="Enter the date the requisition was presented to the Chair")],
    )
    submit = SubmitField("Record the presentation", widget=GovSubmitInput())


class MeetingCalledForm(Form):
    meeting_id = SelectField(
        "Meeting called",
        coerce=int,
        widget=GovSelect(),
        validators=[InputRequired(message="Choose the meeting called in answer to the requisition")],
    )
    submit = SubmitField("Record the meeting called", widget=GovSubmitInput())


class BoardApprovalForm(Form):
    approved_on = GovDateField(
        "Date the Board approved the reason",
        what="date the Board approved the reason",
        validators=[InputRequired(message="Enter the date the Board approved the Chair's reason")],
    )
    reason = TextAreaField(
        "The Chair's reason for not calling the meeting",
        widget=GovTextArea(),
        validators=[
            InputRequired(message="Enter the Chair's reason for not calling the meeting"),
            Length(max=REASON_MAX, message=f"The reason must be {REASON_MAX} characters or fewer"),
        ],
    )
    submit = SubmitField("Record the Board's approval", widget=GovSubmitInput())
