"""One registry of error handlers: every error is a proper page (or JSON for the API) with words."""

from __future__ import annotations

from flask import Flask
from flask import render_template
from flask import request
from flask.typing import ResponseReturnValue
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException
from werkzeug.exceptions import InternalServerError

from govapp.extensions import db

TITLES = {
    400: "There is a problem with your request",
    401: "You need to show who you are",
    403: "You do not have permission to see this page",
    404: "Page not found",
    405: "That action is not allowed here",
    409: "That change clashes with the current record",
    413: "The file is too large",
    429: "Too many attempts",
    500: "Sorry, there is a problem with the service",
}

DEFAULT_MESSAGES = {
    400: "Check what you entered and try again.",
    403: "Your role on this committee does not allow this.",
    404: "If you typed the web address, check it is correct. If you pasted it, check you copied the entire address.",
    405: "Go back and use the page's own buttons and links.",
    409: "Someone else has changed this since you opened it. Reload the page to see the latest version.",
    413: "Choose a smaller file and try again.",
    429: "You have tried too many times. Wait 5 minutes, then try again.",
    500: "Try again later. Nothing you had already saved has been lost.",
}


def _describe(error: HTTPException) -> str:
    code = error.code or 500
    description = error.description or ""
    # Werkzeug's stock descriptions are for developers; show our own words unless a view gave some.
    stock = type(error).description
    if not description or description == stock:
        return DEFAULT_MESSAGES.get(code, DEFAULT_MESSAGES[500])
    return description


def _wants_json() -> bool:
    return request.path.startswith("/api/")


#: Refusals kept in the audit record as security events.
SECURITY_EVENTS = {403: "access_refused", 429: "throttled"}


def render_error(error: HTTPException) -> ResponseReturnValue:
    code = error.code or 500
    title = TITLES.get(code, error.name)
    message = _describe(error)
    if code == 429:
        message = DEFAULT_MESSAGES[429]
    if code in SECURITY_EVENTS:
        from govapp.web import record_refusal

        record_refusal(SECURITY_EVENTS[code], code, message)
    if _wants_json():
        return {"error": {"status": code, "title": title, "message": message}}, code
    return render_template("errors/error.html", status=code, title=title, message=message), code


def init_app(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def _csrf(error: CSRFError) -> ResponseReturnValue:
        error.description = (
            "This form has expired or was sent from another site. Go back, reload the page and try again. "
            "Nothing has been changed."
        )
        return render_error(error)

    @app.errorhandler(HTTPException)
    def _http(error: HTTPException) -> ResponseReturnValue:
        return render_error(error)

    @app.errorhandler(Exception)
    def _unexpected(error: Exception) -> ResponseReturnValue:
        db.session.rollback()
        # Calendar feed addresses carry a secret: log which page, never the secret.
        where = "/calendar/<secret>.ics" if request.path.startswith("/calendar/") else request.path
        app.logger.exception("Unhandled error on %s", where)
        if app.testing:
            raise error
        return render_error(InternalServerError())
