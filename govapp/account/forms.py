"""Forms on the account page: making and revoking calendar links and API tokens."""

from __future__ import annotations

from govuk_frontend_wtf.wtforms_widgets import GovPasswordInput, GovSubmitInput, GovTextInput
from wtforms import PasswordField, StringField, SubmitField
from wtforms.validators import InputRequired, Length

from govapp.forms import Form


class CalendarLinkForm(Form):
    name = StringField(
        "Name for the calendar link",
        widget=GovTextInput(),
        description="So you can tell your links apart, for example 'Work Outlook' or 'Phone'",
        default="My calendar",
        validators=[
            InputRequired(message="Enter a name for the calendar link"),
            Length(max=100, message="The name must be 100 characters or fewer"),
        ],
    )
    submit = SubmitField("Make a calendar link", widget=GovSubmitInput())


class ApiTokenForm(Form):
    name = StringField(
        "Name for the API token",
        widget=GovTextInput(),
        description="What will use it, for example 'Board reporting spreadsheet'",
        validators=[
            InputRequired(message="Enter a name for the API token"),
            Length(max=100, message="The name must be 100 characters or fewer"),
        ],
    )
    submit = SubmitField("Make an API token", widget=GovSubmitInput())


class RevokeTokenForm(Form):
    """A POST with a CSRF token, one per token on the page."""


class ChangePasswordForm(Form):
    current_password = PasswordField(
        "Current password",
        widget=GovPasswordInput(),
        validators=[InputRequired(message="Enter your current password"), Length(max=256)],
    )
    new_password = PasswordField(
        "New password",
        widget=GovPasswordInput(),
        description="At least 12 characters. Three or four random words together make a strong password.",
        validators=[
            InputRequired(message="Enter a new password"),
            Length(max=256, message="The new password must be 256 characters or fewer"),
        ],
    )
    submit = SubmitField("Change password", widget=GovSubmitInput())
