"""Setting a password without knowing one: accepting an invitation, and resetting a forgotten
password by an emailed link (``govapp.services.onboarding``). These pages need no sign-in; asking for
a reset is throttled, and answers the same whether or not the address has an account."""

from __future__ import annotations

from flask import current_app
from flask import flash
from flask import redirect
from flask import render_template
from flask import url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from govapp import clock
from govapp.auth.forms import ForgottenPasswordForm
from govapp.auth.forms import SetPasswordForm
from govapp.auth.views import bp
from govapp.extensions import limiter
from govapp.models import TokenKind
from govapp.services import onboarding
from govapp.services.onboarding import LinkRefused
from govapp.web import attempt


def _reset_limit() -> str:
    return str(current_app.config["SIGN_IN_FAILURE_LIMIT"])


def _set_password_page(secret: str, *, invitation: bool) -> ResponseReturnValue:
    now = clock.now()
    kind = TokenKind.INVITATION if invitation else TokenKind.PASSWORD_RESET
    try:
        user = onboarding.link_user(secret, kind, now=now)
    except LinkRefused as refused:
        return render_template("auth/link_refused.html", message=refused.message, invitation=invitation), 400
    form = SetPasswordForm()
    if form.validate_on_submit():
        with attempt(form, default_field="new_password") as done:
            onboarding.set_password_by_link(secret, kind, form.new_password.data or "", now=now)
        if done:
            flash("Your password is set. Sign in with your email address and your new password.", "success")
            return redirect(url_for("auth.sign_in"))
    return render_template("auth/set_password.html", form=form, person=user, invitation=invitation)


@bp.route("/welcome/<secret>", methods=["GET", "POST"])
def accept_invitation(secret: str) -> ResponseReturnValue:
    """The invited person sets their password."""
    return _set_password_page(secret, invitation=True)


@bp.route("/reset-password/<secret>", methods=["GET", "POST"])
def reset_password(secret: str) -> ResponseReturnValue:
    return _set_password_page(secret, invitation=False)


@bp.route("/forgotten-password", methods=["GET", "POST"])
@limiter.limit(_reset_limit, methods=["POST"], scope="password-reset")
def forgotten_password() -> ResponseReturnValue:
    if current_user.is_authenticated:
        return redirect(url_for("account.password"))
    form = ForgottenPasswordForm()
    if form.validate_on_submit():
        onboarding.request_password_reset(form.email.data or "", now=clock.now())
        # The same answer whether or not the address has an account.
        return render_template("auth/reset_sent.html", email=form.email.data, hours=onboarding.RESET_HOURS)
    return render_template("auth/forgotten_password.html", form=form, hours=onboarding.RESET_HOURS)
