from __future__ import annotations

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxInput,
    GovDateInput,
    GovSelect,
    GovSubmitInput,
    GovTextArea,
)
from wtforms import BooleanField, DateField, SelectField, SubmitField, TextAreaField
from wtforms.validators import InputRequired, Length, NumberRange, Optional


class DayMonthYearField(DateField):
    """A date entered as day, month and year (GovDateInput). Missing or extra parts are an error, not a crash."""

    def process_formdata(self, valuelist: list[str]) -> None:
        if not valuelist:
            self.raw_data = None
            return
        if len(valuelist) != 3:
            self.raw_data = None
            raise ValueError("Enter the date as a day, a month and a year")
        try:
            super().process_formdata(valuelist)
        except ValueError:
            raise ValueError("Enter a real date, for example 1 4 2026") from None


class AuthorisationForm(FlaskForm):
    person_id = SelectField(
        "Who may sign notices on your behalf",
        coerce=int,
        widget=GovSelect(),
        validators=[
            InputRequired(message="Choose who may sign notices on your behalf"),
            NumberRange(min=1, message="Choose who may sign notices on your behalf"),
        ],
    )
    starts_on = DayMonthYearField(
        "From",
        format="%d %m %Y",
        widget=GovDateInput(),
        validators=[InputRequired(message="Enter the date the authorisation starts, for example 1 4 2026")],
    )
    ends_on = DayMonthYearField(
        "Until (optional)",
        format="%d %m %Y",
        widget=GovDateInput(),
        validators=[Optional()],
    )
    submit = SubmitField("Authorise", widget=GovSubmitInput())


class SignNoticeForm(FlaskForm):
    submit = SubmitField("Sign the notice", widget=GovSubmitInput())


class _LateForm(FlaskForm):
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
