"""Signing in and out."""

from __future__ import annotations

from flask import Flask, current_app, flash, session

from govapp import clock
from govapp.auth.views import bp
from govapp.extensions import login_manager
from govapp.models import User
from govapp.services import sessions


def init_app(app: Flask) -> None:
    login_manager.login_view = "auth.sign_in"
    login_manager.login_message = "Sign in to see that page."
    login_manager.login_message_category = "info"
    login_manager.session_protection = "strong"

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


#: Where the session's secret is kept in the signed cookie.
SESSION_KEY = "sid"

__all__ = ["SESSION_KEY", "bp", "init_app"]
