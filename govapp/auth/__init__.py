"""Signing in and out."""

from __future__ import annotations

from flask import Flask
from flask import current_app
from flask import flash
from flask import redirect
from flask import request
from flask import session
from flask import url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from govapp import clock
from govapp.auth.views import SESSION_KEY
from govapp.auth.views import bp
from govapp.extensions import login_manager
from govapp.models import User
from govapp.services import sessions


def init_app(app: Flask) -> None:
    login_manager.login_view = "auth.sign_in"
    login_manager.login_message = "Sign in to see that page."
    login_manager.login_message_category = "info"
    login_manager.session_protection = "strong"

    @app.before_request
    def _second_factor_required() -> ResponseReturnValue | None:
        """With ``REQUIRE_TWO_FACTOR``, a person signed in without a second factor sets one up first."""
        if not current_app.config["REQUIRE_TWO_FACTOR"] or request.endpoint in SECOND_FACTOR_EXEMPT:
            return None
        if request.blueprint == "api" or not current_user.is_authenticated or current_user.has_second_factor:
            return None
        return redirect(url_for("account.two_factor", next=request.full_path.rstrip("?")))

    @login_manager.user_loader
    def _load_user(user_id: str) -> User | None:
        """The signed-in person, only while their server-side session is in force (see
        ``govapp.services.sessions``); a session that has ended signs the cookie's holder out."""
        if not user_id.isdigit():
            return None
        record = sessions.find_session(session.get(SESSION_KEY))
        if record is None or record.user_id != int(user_id):
            session.clear()
            return None
        now = clock.now()
        idle, hours = current_app.config["SESSION_IDLE_MINUTES"], current_app.config["SESSION_MAX_HOURS"]
        reason = sessions.expiry_reason(record, now, idle_minutes=idle, max_hours=hours)
        if reason is not None:
            sessions.end_session(record, reason, now=now)
            session.clear()
            if reason in sessions.EXPLANATIONS:
                flash(sessions.EXPLANATIONS[reason].format(idle=idle, hours=hours), "info")
            return None
        sessions.touch(record, now)
        return record.user


#: Pages a signed-in person without a second factor may still use when it is required.
SECOND_FACTOR_EXEMPT = frozenset({"account.two_factor", "auth.sign_out", "static"})

__all__ = ["SESSION_KEY", "bp", "init_app"]
