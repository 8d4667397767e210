"""The application factory proper; ``govapp.create_app`` calls it."""

from __future__ import annotations

import secrets
import sqlite3
from typing import Any

from flask import Flask
from flask import g
from flask import has_request_context
from flask import request
from jinja2 import ChoiceLoader
from jinja2 import FileSystemLoader
from jinja2 import PackageLoader
from jinja2 import PrefixLoader
from sqlalchemy import event
from sqlalchemy.engine import Engine
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.routing import IntegerConverter
from werkzeug.routing import Map

from govapp.config import Config
from govapp.config import config_from_env
from govapp.extensions import csrf
from govapp.extensions import db
from govapp.extensions import limiter
from govapp.extensions import login_manager
from govapp.extensions import migrate


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """SQLite: write-ahead logging, a busy timeout instead of 'database is locked', foreign keys on."""
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={int(Config.SQLITE_BUSY_TIMEOUT_MS)}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()


def _writing() -> bool:
    """Whether this transaction belongs to a request that may write (commands begin as usual)."""
    return has_request_context() and request.method not in {"GET", "HEAD", "OPTIONS"}


@event.listens_for(Engine, "begin")
def _sqlite_begin(connection: Any) -> None:
    """SQLite: a request that may write takes the write lock when its transaction begins (BEGIN
    IMMEDIATE), so two at once wait their turn (up to the busy timeout) and each reads what the other
    wrote, instead of one failing on, or numbering from, a stale read. Pages that only read, and
    commands, keep the driver's own transactions and never wait."""
    if connection.dialect.name == "sqlite" and _writing():
        connection.exec_driver_sql("BEGIN IMMEDIATE")


class DatabaseId(IntegerConverter):
    """``<int:...>`` in addresses: a whole number that fits a database id. Anything larger is simply
    not found (404), rather than an overflow deep in the database driver."""

    def __init__(self, map: Map, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max", 2**31 - 1)
        super().__init__(map, *args, **kwargs)


def build_app(config: Config | None = None) -> Flask:
    """Build the application. ``config`` defaults to the one ``GOVAPP_ENV`` names."""
    config = config or config_from_env()
    app = Flask(__name__, instance_path=config.INSTANCE_PATH, template_folder="../templates")
    config.finalise(app.instance_path)
    app.url_map.converters["int"] = DatabaseId
    if config.TRUSTED_PROXIES:
        # Behind N proxies, the client's address and scheme are the ones the nearest N proxies forwarded.
        proxies = int(config.TRUSTED_PROXIES)
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)  # type: ignore[method-assign]
    app.config.from_object(config)
    app.config["GOVAPP_ENV"] = config.ENV_NAME

    app.jinja_loader = ChoiceLoader(
        [
            FileSystemLoader(app.root_path + "/../templates"),
            PrefixLoader(
                {
                    "govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja"),
                    "govuk_frontend_wtf": PackageLoader("govuk_frontend_wtf"),
                }
            ),
        ]
    )
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True

    db.init_app(app)
    migrate.init_app(app, db, directory=app.root_path + "/../migrations", render_as_batch=True, compare_type=True)
    csrf.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)

    from govapp import auth
    from govapp import cache
    from govapp import cli
    from govapp import errors
    from govapp import templating

    cache.init_app(app)
    auth.init_app(app)
    errors.init_app(app)
    templating.init_app(app)
    cli.init_app(app)

    import govapp.account.second_factor
    import govapp.account.sessions  # noqa: F401 - these register their pages on the account blueprint
    from govapp.account.views import bp as account_bp
    from govapp.admin.views import bp as admin_bp
    from govapp.agenda.views import bp as agenda_bp
    from govapp.api.views import bp as api_bp
    from govapp.cases.views import bp as cases_bp
    from govapp.committees.views import bp as committees_bp
    from govapp.health import bp as health_bp
    from govapp.home.views import bp as home_bp
    from govapp.meetings.views import bp as meetings_bp
    from govapp.minutes.views import bp as minutes_bp
    from govapp.notices.views import bp as notices_bp
    from govapp.proceedings.views import bp as proceedings_bp
    from govapp.requisitions.views import bp as requisitions_bp

    for blueprint in (
        auth.bp,
        home_bp,
        committees_bp,
        meetings_bp,
        agenda_bp,
        notices_bp,
        proceedings_bp,
        minutes_bp,
        requisitions_bp,
        cases_bp,
        health_bp,
        account_bp,
        api_bp,
        admin_bp,
    ):
        app.register_blueprint(blueprint)

    from govapp.web import install_boundary

    install_boundary(app)

    @app.before_request
    def _nonce() -> None:
        g.csp_nonce = secrets.token_urlsafe(16)

    @app.after_request
    def _security_headers(response: Any) -> Any:
        nonce = g.get("csp_nonce", "")
        response.headers.setdefault(
            "Content-Security-Policy",
            f"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self'; img-src 'self' data:; "
            "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
        )
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("Cache-Control", "no-store")
        if app.config.get("SESSION_COOKIE_SECURE"):
            response.headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
        return response

    return app
