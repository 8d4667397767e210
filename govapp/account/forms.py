"""Forms on the account page: making and revoking calendar links and API tokens."""

from __future__ import annotations

from govapp.forms import Form, button, password_input, text_input


class CalendarLinkForm(Form):
    name = text_input(
        "Name for the calendar link",
        hint="So you can tell your links apart, for example 'Work Outlook' or 'Phone'",
        default="My calendar",
        required="Enter a name for the calendar link",
        max_length=100,
        too_long="The name must be 100 characters or fewer",
    )
    submit = button("Make a calendar link")


class ApiTokenForm(Form):
    name = text_input(
        "Name for the API token",
        hint="What will use it, for example 'Board reporting spreadsheet'",
        required="Enter a name for the API token",
        max_length=100,
        too_long="The name must be 100 characters or fewer",
    )
    submit = button("Make an API token")


class RevokeTokenForm(Form):
    """A POST with a CSRF token, one per token on the page."""


class ChangePasswordForm(Form):
    current_password = password_input("Current password", required="Enter your current password")
    new_password = password_input(
        "New password",
        hint="At least 12 characters. Three or four random words together make a strong password.",
        required="Enter a new password",
    )
    submit = button("Change password")
