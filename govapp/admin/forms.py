"""Forms of the administrator's pages."""

from __future__ import annotations

from govuk_frontend_wtf.wtforms_widgets import GovCheckboxInput
from wtforms import BooleanField

from govapp.forms import Form, button, email_input, text_input


class InviteForm(Form):
    full_name = text_input("Full name", required="Enter the person's full name", max_length=200)
    email = email_input(
        "Email address", required="Enter the person's email address", hint="The invitation is sent here."
    )
    organisation = text_input("Organisation (optional)", max_length=200, hint="For example, the agency they work for.")
    job_title = text_input("Job title (optional)", max_length=200)
    is_admin = BooleanField(
        "An administrator: sets up accounts, agencies and committees (and sees no case business)",
        widget=GovCheckboxInput(),
    )
    submit = button("Send the invitation")


class AccountActionForm(Form):
    """A button on an account: deactivate, reactivate, send the invitation again, reset the second factor."""
