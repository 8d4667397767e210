"""Signing in and out."""

from __future__ import annotations

from flask import Flask

from govapp.auth.views import bp
from govapp.extensions import db, login_manager
from govapp.models import User


def init_app(app: Flask) -> None:
    login_manager.login_view = "auth.sign_in"
    login_manager.login_message = "Sign in to see that page."
    login_manager.login_message_category = "info"
    login_manager.session_protection = "strong"

    @login_manager.user_loader
    def _load_user(user_id: str) -> User | None:
        if not user_id.isdigit():
            return None
        return db.session.get(User, int(user_id))


__all__ = ["bp", "init_app"]
