from __future__ import annotations

from govuk_frontend_wtf.wtforms_widgets import GovSelect
from wtforms import SelectField
from wtforms.validators import InputRequired
from wtforms.validators import NumberRange

from govapp.forms import Form
from govapp.forms import button
from govapp.forms import checkbox
from govapp.forms import date_input
from govapp.forms import text_area


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
    starts_on = date_input(
        "From",
        what="start date",
        hint="For example, 1 4 2026",
        required="Enter the date the authorisation starts, for example 1 4 2026",
    )
    ends_on = date_input("Until (optional)", what="end date", hint="For example, 31 3 2027")
    submit = button("Authorise")


class SignNoticeForm(Form):
    submit = button("Sign the notice")


class _LateForm(Form):
    confirm_late = checkbox("I understand the notice is late")
    late_reason = text_area("Why is it late?", max_length=2000)


class ServeNoticeForm(_LateForm):
    submit = button("Serve the notice on every member")


class DespatchPackForm(_LateForm):
    confirm_late = checkbox("I understand the agenda and papers are late")
    submit = button("Despatch the agenda and papers")
