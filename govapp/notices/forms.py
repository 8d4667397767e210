from __future__ import annotations

from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxInput,
    GovSelect,
    GovSubmitInput,
    GovTextArea,
)
from wtforms import BooleanField, SelectField, SubmitField, TextAreaField
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from govapp.forms import Form, GovDateField


class AuthorisationForm(Form):
    person_id = SelectField(
        "Who may sign notices on your behalf",
        coerce=int,
        widget=GovSelect(),
        validators=[
            InputRequired(message="Choose who may sign notices on your behalf"),
            NumberRange(min=1, message="Choose who may sign notices on your behalf"),
        ],
    )
    starts_on = GovDateField(
        "From",
        what="start date",
        description="For example, 1 4 2026",
        validators=[InputRequired(message="Enter the date the authorisation starts, for example 1 4 2026")],
    )
    ends_on = GovDateField(
        "Until (optional)", what="end date", description="For example, 31 3 2027", validators=[Optional()]
    )
    submit = SubmitField("Authorise", widget=GovSubmitInput())


class SignNoticeForm(Form):
    submit = SubmitField("Sign the notice", widget=GovSubmitInput())


class _LateForm(Form):
    confirm_late = BooleanField("I understand the notice is late", widget=GovCheckboxInput())
    late_reason = TextAreaField(
        "Why is it late?",
        widget=GovTextArea(),
        validators=[Length(max=2000, message="Keep the reason to 2000 characters or fewer")],
    )


class ServeNoticeForm(_LateForm):
    submit = SubmitField("Serve the notice on every member", widget=GovSubmitInput())


class DespatchPackForm(_LateForm):
    confirm_late = BooleanField("I understand the agenda and papers are late", widget=GovCheckboxInput())
    submit = SubmitField("Despatch the agenda and papers", widget=GovSubmitInput())
