from __future__ import annotations

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovDateInput, GovSelect, GovSubmitInput, GovTextArea
from wtforms import DateField, SelectField, SubmitField, TextAreaField
from wtforms.validators import InputRequired, Length

from govapp.services.requisitions import BUSINESS_MAX, PURPOSE_MAX, REASON_MAX

DATE_FORMAT = "%d %m %Y"


class GovDateField(DateField):
    """A date entered as day, month and year boxes; a form sent without the boxes reads as empty."""

    def process_formdata(self, valuelist: list[str]) -> None:
        values = [str(v).strip() for v in valuelist][:3]
        values += [""] * (3 - len(values))
        self.raw_data = values
        if not any(values):
            self.data = None
            return
        super().process_formdata(values)


class RequisitionForm(FlaskForm):
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


class SignatureForm(FlaskForm):
    """Sign, or withdraw a signature: a button with a CSRF token."""

    submit = SubmitField("Sign this requisition", widget=GovSubmitInput())


class PresentationForm(FlaskForm):
    presented_on = GovDateField(
        "Date it was presented to the Chair",
        format=DATE_FORMAT,
        widget=GovDateInput(),
        invalid_value_message="The date it was presented must be a real date, like 2 3 2026",
        validators=[InputRequired(message="Enter the date the requisition was presented to the Chair")],
    )
    submit = SubmitField("Record the presentation", widget=GovSubmitInput())


class MeetingCalledForm(FlaskForm):
    meeting_id = SelectField(
        "Meeting called",
        coerce=int,
        widget=GovSelect(),
        validators=[InputRequired(message="Choose the meeting called in answer to the requisition")],
    )
    submit = SubmitField("Record the meeting called", widget=GovSubmitInput())


class BoardApprovalForm(FlaskForm):
    approved_on = GovDateField(
        "Date the Board approved the reason",
        format=DATE_FORMAT,
        widget=GovDateInput(),
        invalid_value_message="The date the Board approved the reason must be a real date, like 2 3 2026",
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
