"""Where you are signed in: your live sessions, signing out everywhere, and changing your password,
which ends every session but the new one of the browser that changed it (``govapp.services.sessions``)."""

from __future__ import annotations

from flask import current_app
from flask import flash
from flask import redirect
from flask import render_template
from flask import request
from flask import session
from flask import url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from flask_login import login_required
from flask_login import login_user
from flask_login import logout_user
from flask_wtf import FlaskForm

from govapp import clock
from govapp.account.forms import ChangePasswordForm
from govapp.account.views import bp
from govapp.auth.views import SESSION_KEY
from govapp.services import sessions as service
from govapp.services.accounts import change_password
from govapp.web import attempt


def _limits() -> dict[str, int]:
    return {
        "idle_minutes": current_app.config["SESSION_IDLE_MINUTES"],
        "max_hours": current_app.config["SESSION_MAX_HOURS"],
    }


@bp.route("/account/sessions")
@login_required
def sessions() -> ResponseReturnValue:
    current = service.find_session(session.get("sid"))
    return render_template(
        "account/sessions.html",
        live=service.live_sessions(current_user, clock.now(), **_limits()),
        current_id=current.id if current else None,
        form=FlaskForm(),
        **_limits(),
    )


@bp.route("/account/sessions/end-all", methods=["POST"])
@login_required
def end_all_sessions() -> ResponseReturnValue:
    """Sign out everywhere, this browser too: every copy of every session cookie stops working."""
    form = FlaskForm()
    if not form.validate_on_submit():
        return redirect(url_for("account.sessions"))
    ended = service.end_all_sessions(current_user, service.SIGNED_OUT_EVERYWHERE, now=clock.now())
    logout_user()
    session.clear()
    flash(f"You have signed out everywhere ({ended} session{'s' if ended != 1 else ''} ended).", "success")
    return redirect(url_for("auth.sign_in"))


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def password() -> ResponseReturnValue:
    form = ChangePasswordForm()
    if form.validate_on_submit():
        user = current_user._get_current_object()
        now = clock.now()
        with attempt(form) as done:
            change_password(user, form.current_password.data or "", form.new_password.data or "", now=now)
        if done:
            # Every session has ended, this one too; this browser carries on in a new one.
            session.clear()
            _record, secret = service.start_session(
                user, now=now, address=request.remote_addr, user_agent=request.user_agent.string
            )
            session[SESSION_KEY] = secret
            login_user(user)
            flash("Your password is changed. You have been signed out everywhere else.", "success")
            return redirect(url_for("account.index"))
    return render_template("account/password.html", form=form)
