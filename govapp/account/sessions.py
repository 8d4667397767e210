"""Where you are signed in: your live sessions, and signing out everywhere (``govapp.services.sessions``)."""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, session, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_required, logout_user
from flask_wtf import FlaskForm

from govapp import clock
from govapp.account.views import bp
from govapp.services import sessions as service


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
