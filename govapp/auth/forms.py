from __future__ import annotations

from typing import Any

from wtforms.validators import ValidationError

from govapp.forms import Form
from govapp.forms import button
from govapp.forms import new_password_input
from govapp.forms import password_input
from govapp.forms import text_input


class SignInForm(Form):
    email = text_input("Email address", required="Enter your email address", max_length=320)
    password = password_input("Password", required="Enter your password")
    submit = button("Sign in")


class SignOutForm(Form):
    """Sign-out is a POST with a CSRF token, so another site cannot sign people out."""


class SecondFactorForm(Form):
    code = text_input(
        "Code",
        hint="The 6-digit code your authenticator app shows now, or one of your recovery codes",
        required="Enter the code from your authenticator app",
        max_length=20,
    )
    submit = button("Continue")


class SetPasswordForm(Form):
    """A new password, typed twice: accepting an invitation, or through a reset link."""

    new_password = new_password_input("Create a password", required="Enter a password")
    confirm_password = password_input("Confirm the password", required="Enter the password again")
    submit = button("Set my password")

    def validate_confirm_password(self, field: Any) -> None:
        if field.data != self.new_password.data:
            raise ValidationError("The passwords do not match. Type the same password twice.")


class ForgottenPasswordForm(Form):
    email = text_input("Email address", required="Enter your email address", max_length=320)
    submit = button("Send me a reset link")
