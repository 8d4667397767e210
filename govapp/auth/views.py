from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, g, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_limiter.util import get_remote_address
from flask_login import current_user, login_required, login_user, logout_user
from werkzeug.wrappers import Response

from govapp.auth.forms import SignInForm
from govapp.extensions import limiter
from govapp.services.accounts import authenticate, normalise_email, record_sign_in

bp = Blueprint("auth", __name__)

WRONG_CREDENTIALS = "Enter a correct email address and password. Both may be case-sensitive."


def _failure_limit() -> str:
    return str(current_app.config["SIGN_IN_FAILURE_LIMIT"])


def _account_key() -> str:
    return "account:" + normalise_email(request.form.get("email", ""))


def _address_key() -> str:
    return "address:" + (get_remote_address() or "unknown")


def _sign_in_failed(_response: Response) -> bool:
    return bool(g.get("sign_in_failed"))


def _safe_next(target: str | None) -> str:
    """Only follow a 'next' address on this site."""
    if target:
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc and target.startswith("/") and not target.startswith("//"):
            return target
    return url_for("home.index")


@bp.route("/sign-in", methods=["GET", "POST"])
@limiter.limit(
    _failure_limit, key_func=_address_key, methods=["POST"], deduct_when=_sign_in_failed, scope="sign-in-address"
)
@limiter.limit(
    _failure_limit, key_func=_account_key, methods=["POST"], deduct_when=_sign_in_failed, scope="sign-in-account"
)
def sign_in() -> ResponseReturnValue:
    if current_user.is_authenticated:
        return redirect(url_for("home.index"))
    form = SignInForm()
    if form.validate_on_submit():
        user = authenticate(form.email.data or "", form.password.data or "")
        if user is None:
            g.sign_in_failed = True
            form.password.errors = [WRONG_CREDENTIALS]
            return render_template("auth/sign_in.html", form=form), 200
        next_url = _safe_next(request.args.get("next"))
        # A new session on sign-in: nothing from before it survives (no session fixation).
        session.clear()
        login_user(user)
        record_sign_in(user)
        return redirect(next_url)
    return render_template("auth/sign_in.html", form=form)


@bp.route("/sign-out", methods=["POST"])
@login_required
def sign_out() -> ResponseReturnValue:
    logout_user()
    session.clear()
    flash("You have signed out.", "success")
    return redirect(url_for("auth.sign_in"))
