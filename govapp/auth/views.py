from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint
from flask import current_app
from flask import flash
from flask import g
from flask import redirect
from flask import render_template
from flask import request
from flask import session
from flask import url_for
from flask.typing import ResponseReturnValue
from flask_limiter.util import get_remote_address
from flask_login import current_user
from flask_login import login_required
from flask_login import login_user
from flask_login import logout_user
from werkzeug.wrappers import Response

from govapp import clock
from govapp.auth.forms import SecondFactorForm
from govapp.auth.forms import SignInForm
from govapp.extensions import db
from govapp.extensions import limiter
from govapp.models import User
from govapp.services import sessions
from govapp.services.accounts import authenticate
from govapp.services.accounts import normalise_email
from govapp.services.accounts import record_sign_in
from govapp.services.second_factor import check_second_factor

bp = Blueprint("auth", __name__)

WRONG_CREDENTIALS = "Enter a correct email address and password. Both may be case-sensitive."
WRONG_CODE = "That code is not right. Type the 6-digit code your app shows now, or one of your recovery codes."
#: Between the password and the second factor: whose sign-in it is, and since when (5 minutes at most).
PENDING_USER, PENDING_SINCE, PENDING_SECONDS = "pending_user", "pending_since", 300
SESSION_KEY = "sid"


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
        if user.has_second_factor:
            # The password is right; the sign-in completes only with the second factor.
            session.clear()
            session[PENDING_USER] = user.id
            session[PENDING_SINCE] = clock.now().timestamp()
            return redirect(url_for("auth.second_factor", next=request.args.get("next")))
        return _complete_sign_in(user, _safe_next(request.args.get("next")))
    return render_template("auth/sign_in.html", form=form)


def _complete_sign_in(user: User, next_url: str) -> ResponseReturnValue:
    """Start a new server-side session (nothing from before it survives: no session fixation)."""
    session.clear()
    _record, secret = sessions.start_session(
        user, now=clock.now(), address=request.remote_addr, user_agent=request.user_agent.string
    )
    session[SESSION_KEY] = secret
    login_user(user)
    record_sign_in(user)
    if user.has_second_factor:
        return redirect(next_url)
    if current_app.config["REQUIRE_TWO_FACTOR"]:
        return redirect(url_for("account.two_factor", next=next_url))
    if user.two_factor_offered_at is None:  # offered once, at the first sign-in
        user.two_factor_offered_at = clock.now()
        return redirect(url_for("account.two_factor", next=next_url))
    return redirect(next_url)


def _second_factor_key() -> str:
    return f"second-factor:{session.get(PENDING_USER, 'none')}"


@bp.route("/sign-in/second-factor", methods=["GET", "POST"])
@limiter.limit(
    _failure_limit, key_func=_second_factor_key, methods=["POST"], deduct_when=_sign_in_failed, scope="second-factor"
)
def second_factor() -> ResponseReturnValue:
    """The second step of signing in: a code from the authenticator app, or a recovery code."""
    user_id, since = session.get(PENDING_USER), session.get(PENDING_SINCE)
    user = db.session.get(User, user_id) if isinstance(user_id, int) else None
    fresh = isinstance(since, float) and clock.now().timestamp() - since < PENDING_SECONDS
    if user is None or not user.active or not fresh:
        session.pop(PENDING_USER, None)
        flash("Sign in with your email address and password first.", "info")
        return redirect(url_for("auth.sign_in"))
    form = SecondFactorForm()
    if form.validate_on_submit():
        if check_second_factor(user, form.code.data or "", now=clock.now()):
            return _complete_sign_in(user, _safe_next(request.args.get("next")))
        g.sign_in_failed = True
        form.code.errors = [WRONG_CODE]
    return render_template("auth/second_factor.html", form=form)


@bp.route("/sign-out", methods=["POST"])
@login_required
def sign_out() -> ResponseReturnValue:
    record = sessions.find_session(session.get(SESSION_KEY))
    if record is not None:
        sessions.end_session(record, sessions.SIGNED_OUT, now=clock.now())
    logout_user()
    session.clear()
    flash("You have signed out.", "success")
    return redirect(url_for("auth.sign_in"))


from govapp.auth import recovery as _recovery  # noqa: E402,F401  (registers the password-setting pages)
