"""Forms on the account page: making and revoking calendar links and API tokens."""

from __future__ import annotations

from wtforms import StringField

from govapp.forms import Form
from govapp.forms import button
from govapp.forms import new_password_input
from govapp.forms import password_input
from govapp.forms import text_input


def _name_for(what: str, hint: str, default: str | None = None) -> StringField:
    """The name someone gives their calendar link or API token, to tell them apart."""
    return text_input(
        f"Name for the {what}", hint=hint, default=default, required=f"Enter a name for the {what}", max_length=100
    )


class CalendarLinkForm(Form):
    name = _name_for(
        "calendar link", "So you can tell your links apart, for example 'Work Outlook' or 'Phone'", "My calendar"
    )
    submit = button("Make a calendar link")


class ApiTokenForm(Form):
    name = _name_for("API token", "What will use it, for example 'Board reporting spreadsheet'")
    submit = button("Make an API token")


class RevokeTokenForm(Form):
    """A POST with a CSRF token, one per token on the page."""


class ChangePasswordForm(Form):
    current_password = password_input("Current password", required="Enter your current password")
    new_password = new_password_input("New password", required="Enter a new password")
    submit = button("Change password")
