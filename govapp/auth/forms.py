from __future__ import annotations

from govapp.forms import Form, button, password_input, text_input


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
