"""The request boundary every page and API route passes through, and the helpers views share.

How a request flows (the README tells it at more length):

1. The view loads what the address names (:func:`load_committee`, :func:`load_meeting`, or
   ``db.get_or_404``) and asks ``govapp.permissions`` whether this person may act.
2. It validates its form and calls a service inside :class:`attempt`. A service's refusal
   (:class:`~govapp.services.ServiceError`) becomes an error on the form, and the half-done change
   is undone; a refusal that is not about the form's content (a 403, 404 or 409) goes on up.
3. :func:`transactional`, wrapped round every view when the app is built, commits once when the
   view returns, and rolls back on any exception. A refusal that reaches it becomes a 400, 403, 404
   or 409 with the service's words, for pages and the API alike (``govapp.errors`` renders it).

Views therefore never commit or roll back, and services never do either.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import wraps
from types import TracebackType
from typing import Any, TypeVar

from flask import Flask, current_app, g, request
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from werkzeug.exceptions import BadRequest, Conflict, Forbidden, HTTPException, NotFound

from govapp.extensions import db
from govapp.models import Committee, Meeting
from govapp.services import ConflictError, NotFoundError, RefusedError, ServiceError

V = TypeVar("V", bound=Callable[..., Any])

#: Said when the database refuses a change because someone made the same one a moment before.
RACE_MESSAGE = (
    "Someone else has just made the same change, so nothing more was changed. Reload the page to see the record."
)


def http_error(error: ServiceError) -> HTTPException:
    """The one mapping from a service's refusal to an HTTP answer with its words."""
    if isinstance(error, RefusedError):
        return Forbidden(error.message)
    if isinstance(error, NotFoundError):
        return NotFound(error.message)
    if isinstance(error, ConflictError):
        return Conflict(error.message)
    return BadRequest(error.message)


def transactional(view: V) -> V:
    """Run ``view`` as one unit of work: commit after it returns, roll back on any exception."""

    @wraps(view)
    def run(*args: Any, **kwargs: Any) -> Any:
        g.after_commit = []
        try:
            result = view(*args, **kwargs)
            db.session.commit()
        except ServiceError as error:
            db.session.rollback()
            raise http_error(error) from error
        except IntegrityError as error:
            db.session.rollback()
            raise Conflict(RACE_MESSAGE) from error
        except BaseException:
            db.session.rollback()
            raise
        for callback in g.pop("after_commit", []):
            callback()
        return result

    return run  # type: ignore[return-value]


def after_commit(callback: Callable[[], object]) -> None:
    """Run ``callback`` once the request's change is committed (and never if it is rolled back):
    for what is outside the database, such as deleting a removed paper's file."""
    g.setdefault("after_commit", []).append(callback)


def install_boundary(app: Flask) -> None:
    """Wrap every view function of ``app`` in :func:`transactional` (call once blueprints are registered)."""
    for endpoint, view in list(app.view_functions.items()):
        if endpoint != "static" and not getattr(view, "_boundary", False):
            wrapped = transactional(view)
            wrapped._boundary = True  # type: ignore[attr-defined]
            app.view_functions[endpoint] = wrapped


class attempt:
    """Run a service call for a form; its refusal becomes an error on the form.

    ::

        with attempt(form) as done:
            service.send_apologies(current_user, meeting, person, reason, now=clock.now())
        if done:
            flash("Your apologies are recorded", "success")
            return redirect(...)

    On a :class:`ServiceError` the change so far is undone, the message is put on the field the
    service named (``fields`` maps a service's field name to the form's), and ``done`` is false.
    Refusals that are not about what was typed (403, 404, and 409 unless ``conflicts_on_form``) go
    on to the request boundary.
    """

    def __init__(
        self, form: FlaskForm, fields: Mapping[str, str] | None = None, *, conflicts_on_form: bool = True
    ) -> None:
        self.form = form
        self.fields = fields or {}
        self.conflicts_on_form = conflicts_on_form
        self.error: ServiceError | None = None

    def __enter__(self) -> attempt:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, _tb: TracebackType | None
    ) -> bool:
        if not isinstance(error, ServiceError) or isinstance(error, RefusedError | NotFoundError):
            return False
        if isinstance(error, ConflictError) and not self.conflicts_on_form:
            return False
        db.session.rollback()
        if error.field in self.fields:
            error = ServiceError(error.message, field=self.fields[error.field])
        form_error(self.form, error)
        self.error = error
        return True

    def __bool__(self) -> bool:
        return self.error is None


def record_refusal(kind: str, status: int, message: str) -> None:
    """Keep a security event for a refused request (a 403, or a 429 from throttling), in its own
    transaction, since the request's own was rolled back. Never makes the refusal itself fail."""
    from govapp.services.audit import record_security_event

    user = current_user if current_user and current_user.is_authenticated else g.get("api_user")
    # Calendar feed addresses carry a secret: record which page, never the secret.
    path = "/calendar/<secret>.ics" if request.path.startswith("/calendar/") else request.path
    try:
        db.session.rollback()
        record_security_event(
            kind,
            user=user,
            detail={
                "status": status,
                "method": request.method,
                "path": path,
                "address": request.remote_addr,
                "message": message,
            },
        )
        db.session.commit()
    except Exception:  # the refusal stands even if it cannot be recorded
        db.session.rollback()
        current_app.logger.exception("Could not record the security event %s for %s", kind, path)


def load_committee(slug: str) -> Committee:
    return db.first_or_404(select(Committee).where(Committee.slug == slug), description="There is no such committee.")


def load_meeting(meeting_id: int) -> Meeting:
    return db.get_or_404(Meeting, meeting_id, description="There is no such meeting.")


def form_error(form: FlaskForm, error: ServiceError, default_field: str | None = None) -> None:
    """Show a service's refusal on the field it concerns (or the first field), for the error summary."""
    name = error.field if error.field and error.field in form._fields else default_field
    if name is None:
        name = next(iter(n for n in form._fields if n != "csrf_token"), None)
    if name is None:
        raise error
    field = form._fields[name]
    field.errors = [*field.errors, error.message] if isinstance(field.errors, list) else [error.message]
