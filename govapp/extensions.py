"""Flask extensions, created once and bound to the app in ``create_app``."""

from __future__ import annotations

from collections.abc import Sized
from typing import TypeVar

from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect
from sqlalchemy import Select

from govapp.models.base import Base

db = SQLAlchemy(model_class=Base)
migrate = Migrate()
login_manager = LoginManager()
csrf = CSRFProtect()
# Limits are declared where they apply (the sign-in form); nothing is limited by default.
limiter = Limiter(key_func=get_remote_address, default_limits=[])


_Row = TypeVar("_Row")


def rows(query: Select[tuple[_Row]], *, within: Sized | None = None) -> list[_Row]:
    """The objects ``query`` selects, as a list. Given ``within`` (the ids or records the query is
    limited to) and nothing in it, none, without asking the database."""
    if within is not None and not within:
        return []
    return list(db.session.scalars(query))
