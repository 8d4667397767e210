"""Forms of the administrator's pages."""

from __future__ import annotations

import dataclasses
from fractions import Fraction
from typing import Any

from govuk_frontend_wtf.wtforms_widgets import GovSelect
from wtforms import HiddenField
from wtforms import SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired
from wtforms.validators import Length

from govapp.forms import Form
from govapp.forms import button
from govapp.forms import checkbox
from govapp.forms import choose
from govapp.forms import date_input
from govapp.forms import email_input
from govapp.forms import file_input
from govapp.forms import radios
from govapp.forms import text_area
from govapp.forms import text_input
from govapp.models import AGENCY_KINDS
from govapp.models import COMMITTEE_KINDS
from govapp.rules.orders import StandingOrders
from govapp.rules.orders import setting_label


class InviteForm(Form):
    full_name = text_input("Full name", required="Enter the person's full name", max_length=200)
    email = email_input(
        "Email address", required="Enter the person's email address", hint="The invitation is sent here."
    )
    organisation = text_input("Organisation (optional)", max_length=200, hint="For example, the agency they work for.")
    job_title = text_input("Job title (optional)", max_length=200)
    is_admin = checkbox("An administrator: sets up accounts, agencies and committees (and sees no case business)")
    submit = button("Send the invitation")


class AccountActionForm(Form):
    """A button on an account: deactivate, reactivate, send the invitation again, reset the second factor."""


def _kind_choices(labels: dict[Any, str]) -> list[SelectChoice]:
    return [SelectChoice(kind.value, label) for kind, label in labels.items()]


class AgencyForm(Form):
    name = text_input("Name", required="Enter the agency's name", max_length=200)
    kind = radios("Kind of body", _kind_choices(AGENCY_KINDS), required="Choose the kind of body")
    senior_representative = SelectField(
        "Nominated senior representative (optional)", choices=[], widget=GovSelect(), validate_choice=False
    )
    active = checkbox("In use for new memberships", default=True)
    submit = button("Save the agency")


class CommitteeForm(Form):
    name = text_input("Name", required="Enter the committee's name", max_length=200)
    short_name = text_input(
        "Short name",
        required="Enter the committee's short name",
        max_length=50,
        hint="As it appears in email subjects and lists, for example 'CMR Panel'.",
    )
    slug = text_input(
        "Web address (optional)",
        max_length=60,
        hint="Letters, numbers and hyphens, used in /committees/<address>. Left blank, it comes from the short name.",
    )
    kind = radios("Kind of committee", _kind_choices(COMMITTEE_KINDS), required="Choose the kind of committee")
    description = text_area("Description (optional)", max_length=2000)
    submit = button("Save the committee")


class MemberForm(Form):
    person = choose("Person", required="Choose the person")
    agency = SelectField("Agency they represent", choices=[], widget=GovSelect(), validate_choice=False)
    starts_on = date_input(
        "From", what="start date", required="Enter the date the membership starts", hint="For example, 1 4 2027"
    )
    submit = button("Add the member")


class ChairForm(Form):
    person = choose("New Chair", required="Choose the new Chair")
    agency = SelectField("Agency they represent (optional)", choices=[], widget=GovSelect(), validate_choice=False)
    starts_on = date_input("Chairs from", what="start date", required="Enter the date they take the chair")
    submit = button("Appoint the Chair")


class EndForm(Form):
    ends_on = date_input("Last day", required="Enter the last day", hint="They are a member until the end of this day.")
    submit = button("End it")


class SecretariatForm(Form):
    person = choose("Person", required="Choose the person")
    title = text_input("Post", required="Enter the post, for example Professional Officer", max_length=200)
    starts_on = date_input("From", what="start date", required="Enter the date the post starts")
    submit = button("Add to the secretariat")


def orders_form(orders: StandingOrders, **kwargs: Any) -> Form:
    """A form of every standing-order setting, filled with ``orders``; ``govapp.rules`` checks what is
    typed (``orders_from_text``)."""

    class _Orders(Form):
        submit = button("Save the standing orders")

    data: dict[str, Any] = {}
    for field in dataclasses.fields(StandingOrders):
        value = getattr(orders, field.name)
        label = setting_label(field.name)
        if isinstance(value, bool):
            setattr(_Orders, field.name, checkbox(label[:1].upper() + label[1:]))
            data[field.name] = value
        elif isinstance(value, tuple):
            setattr(_Orders, field.name, text_area(label, hint="One item per line, in agenda order.", max_length=2000))
            data[field.name] = "\n".join(value)
        else:
            hint = 'A fraction, like "2/3".' if isinstance(value, Fraction) else "A whole number."
            required = f"Enter {label[:1].lower()}{label[1:]}"
            setattr(_Orders, field.name, text_input(label, required=required, max_length=10, hint=hint))
            data[field.name] = f"{value.numerator}/{value.denominator}" if isinstance(value, Fraction) else str(value)
    return _Orders(data=data, **kwargs)


ORDERS_FIELDS = tuple(field.name for field in dataclasses.fields(StandingOrders))


class ImportForm(Form):
    file = file_input(
        "CSV file",
        hint="Columns: name, email, agency, committee, role (chair, member or secretariat), start date.",
        required="Choose the CSV file",
    )
    submit = button("Check the file")


class ConfirmImportForm(Form):
    """The checked file travels back, encoded, so that what is saved is exactly what was previewed."""

    content = HiddenField(validators=[InputRequired(), Length(max=2 * 1024 * 1024)])
    submit = button("Import these people")


class RepresentativeForm(Form):
    person = choose("Person", required="Choose the person")
    starts_on = date_input("From", what="start date", required="Enter the date they start")
    submit = button("Appoint the representative")
