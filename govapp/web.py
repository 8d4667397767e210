"""The request boundary every page and API route passes through, and the helpers views share.

How a request flows (the README tells it at more length):

1. The record the address names is loaded (404 if there is none) and the permission table is
   asked whether this person may act (403 with words): declared once with :func:`meeting_route`,
   :func:`committee_route` or :func:`loading_route`, or by hand with :func:`load_committee`,
   :func:`load_meeting`, ``db.get_or_404`` and ``govapp.permissions.access``.
2. The view validates its form and calls a service inside :class:`attempt` (usually through
   :func:`submitted`, which also says what was done and moves on). A service's refusal
   (:class:`~govapp.services.ServiceError`) becomes an error on the form (or, with no form, a
   flashed message), and the half-done change is undone; a refusal that is not about the form's
   content (a 403, 404 or 409) goes on up. A call with no form that should answer a plain refusal
   as a 403 or 409 runs inside :func:`refusals_as`.
3. :func:`transactional`, wrapped round every view when the app is built, commits once when the
   view returns, and rolls back on any exception. A refusal that reaches it becomes a 400, 403, 404
   or 409 with the service's words, for pages and the API alike (``govapp.errors`` renders it), and
   an ``IntegrityError`` at the commit a 409 that says someone made the same change. Work outside
   the database waits for the outcome: :func:`after_commit` (delete a removed paper's file),
   :func:`on_rollback` (delete a stored upload; note a token's use).

Views therefore never commit or roll back, and services never do either.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from collections.abc import Iterator
from collections.abc import Mapping
from collections.abc import Sequence
from contextlib import contextmanager
from functools import wraps
from types import TracebackType
from typing import Any
from typing import TypeVar
from typing import cast

from flask import Blueprint
from flask import Flask
from flask import Response
from flask import current_app
from flask import flash
from flask import g
from flask import redirect
from flask import request
from flask.typing import ResponseReturnValue
from flask_login import current_user
from flask_login import login_required
from flask_wtf import FlaskForm
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from werkzeug.exceptions import BadRequest
from werkzeug.exceptions import Conflict
from werkzeug.exceptions import Forbidden
from werkzeug.exceptions import HTTPException
from werkzeug.exceptions import NotFound

from govapp import clock
from govapp.extensions import db
from govapp.formatting import clock_time
from govapp.forms import SUBMISSION_FIELD
from govapp.models import Committee
from govapp.models import FormSubmission
from govapp.models import Meeting
from govapp.permissions import Action
from govapp.permissions import access
from govapp.services import ConflictError
from govapp.services import NotFoundError
from govapp.services import RefusedError
from govapp.services import ServiceError

V = TypeVar("V", bound=Callable[..., Any])
_Record = TypeVar("_Record")

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


def after_commit(callback: Callable[[], object]) -> None:
    """Run ``callback`` once the request's change is committed (say, delete a removed paper's file)."""
    g.setdefault("_after_commit", []).append(callback)


def on_rollback(callback: Callable[[], object]) -> None:
    """Run ``callback`` if the request's change is rolled back (say, delete a file stored for it). What
    it records in the database is committed on its own (say, that a token was used, even by a request
    that was refused)."""
    g.setdefault("_on_rollback", []).append(callback)


def _run(name: str) -> None:
    for callback in g.pop(name, []):
        callback()


def _rollback() -> None:
    db.session.rollback()
    g.pop("_after_commit", None)
    if g.get("_on_rollback"):
        _run("_on_rollback")
        try:
            db.session.commit()
        except Exception:  # the request has already failed; say so, and answer with its own error
            db.session.rollback()
            current_app.logger.exception("Could not keep what was recorded after a rollback")


def transactional(view: V) -> V:
    """Run ``view`` as one unit of work: commit after it returns, roll back on any exception."""

    @wraps(view)
    def run(*args: Any, **kwargs: Any) -> Any:
        token = _submission_token()
        if token is not None:
            repeat = _repeated(token)
            if repeat is not None:
                return repeat
        try:
            result = view(*args, **kwargs)
            if token is not None:
                _remember(token, result)
            db.session.commit()
        except ServiceError as error:
            _rollback()
            raise http_error(error) from error
        except IntegrityError as error:
            _rollback()
            raise Conflict(RACE_MESSAGE) from error
        except BaseException:
            _rollback()
            raise
        g.pop("_on_rollback", None)
        _run("_after_commit")
        return result

    return cast(V, run)


def _submission_token() -> str | None:
    """The one-time token of the form this request sends, if it carries one."""
    if request.method != "POST":
        return None
    token = request.form.get(SUBMISSION_FIELD, "")
    return token if 16 <= len(token) <= 64 else None


def _repeated(token: str) -> Any:
    """If this form was already sent and did its work, say so and go where it led; nothing changes."""
    done = db.session.get(FormSubmission, token)
    if done is None:
        return None
    db.session.rollback()
    flash(f"You already sent this form, at {clock_time(done.created_at)}. Nothing was changed again.", "info")
    return redirect(done.location)


def _remember(token: str, result: Any) -> None:
    """A form that did its work (it answers with a redirect) is remembered, so it counts once. Two copies
    sent at the same instant both try to remember it: the database keeps one, the other is a 409."""
    response = result if isinstance(result, Response) else None
    if response is None or not 300 <= response.status_code < 400 or not response.location:
        return
    user_id = current_user.id if current_user and current_user.is_authenticated else None
    db.session.add(FormSubmission(token=token, user_id=user_id, location=response.location[:2000]))


#: The views already wrapped, so that installing twice wraps nothing twice.
_WRAPPED: weakref.WeakSet[Callable[..., Any]] = weakref.WeakSet()


def install_boundary(app: Flask) -> None:
    """Wrap every view function of ``app`` in :func:`transactional` (call once blueprints are registered)."""
    for endpoint, view in list(app.view_functions.items()):
        if endpoint != "static" and view not in _WRAPPED:
            wrapped = transactional(view)
            _WRAPPED.add(wrapped)
            app.view_functions[endpoint] = wrapped


class attempt:
    """Run a service call for a form; its refusal becomes an error on the form (with no form, an
    error message on the next page).

    ::

        with attempt(form) as done:
            service.send_apologies(current_user, meeting, person, reason, now=clock.now())
        if done:
            flash("Your apologies are recorded", "success")
            return redirect(...)

    On a :class:`ServiceError` the change so far is undone, the message is put on the field the
    service named (``fields`` maps a service's field name to the form's, and ``default_field`` names
    the field for a refusal that names none), and ``done`` is false. With no form the message is
    flashed, unless ``quiet`` (the view shows ``done.error`` itself).
    Refusals that are not about what was typed (403, 404, and 409 unless ``conflicts_on_form`` is
    true or names the kind of conflict) go on to the request boundary.
    """

    def __init__(
        self,
        form: FlaskForm | None,
        fields: Mapping[str, str] | None = None,
        *,
        conflicts_on_form: bool | tuple[type[ConflictError], ...] = True,
        default_field: str | None = None,
        quiet: bool = False,
    ) -> None:
        self.form = form
        self.fields = fields or {}
        self.conflicts_on_form = conflicts_on_form
        self.default_field = default_field
        self.quiet = quiet
        self.error: ServiceError | None = None

    def __enter__(self) -> attempt:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, _tb: TracebackType | None
    ) -> bool:
        if not isinstance(error, ServiceError) or isinstance(error, RefusedError | NotFoundError):
            return False
        if isinstance(error, ConflictError) and not (
            self.conflicts_on_form is True
            or (isinstance(self.conflicts_on_form, tuple) and isinstance(error, self.conflicts_on_form))
        ):
            return False
        db.session.rollback()
        if error.field is not None and error.field in self.fields:
            error = ServiceError(error.message, field=self.fields[error.field])
        if self.form is None:
            if not self.quiet:
                flash(error.message, "error")
        else:
            form_error(self.form, error, self.default_field)
        self.error = error
        return True

    def __bool__(self) -> bool:
        return self.error is None


def submitted(
    form: FlaskForm,
    change: Callable[[], str],
    then: str | Callable[[], str],
    fields: Mapping[str, str] | None = None,
    **options: Any,
) -> ResponseReturnValue | None:
    """The common shape of a page that changes the record. If ``form`` was sent and is valid, make the
    change inside :class:`attempt` (``fields`` and ``options`` as there); once it is made, flash the
    message ``change`` returns and go on to ``then`` (an address, or a function giving it once the
    change is made). Otherwise ``None``: the view shows its page, with any refusal on the form.

    ::

        def change() -> str:
            service.send_apologies(current_user, meeting, person, reason, now=clock.now())
            return "Your apologies are recorded"

        return submitted(form, change, meeting_page(meeting)) or render_template(...)
    """
    if not form.validate_on_submit():
        return None
    message = ""
    with attempt(form, fields, **options) as done:
        message = change()
    if not done:
        return None
    flash(message, "success")
    return redirect(then() if callable(then) else then)


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


@contextmanager
def refusals_as(answer: type[HTTPException]) -> Iterator[None]:
    """For a service call that is not about a form: its plain refusal (a :class:`ServiceError` that
    says nothing of its kind) is answered as ``answer`` (say, ``Conflict`` or ``Forbidden``) with its
    words. Refusals that name their kind keep it."""
    try:
        yield
    except (RefusedError, NotFoundError, ConflictError):
        raise
    except ServiceError as error:
        raise answer(error.message) from error


def before_id() -> int | None:
    """A newest-first list's cursor: show the rows older than this id (``?before=``), or ``None``."""
    value = request.args.get("before", "")
    return int(value) if value.isdigit() and int(value) < 2**62 else None


def load_committee(slug: str, description: str | None = None) -> Committee:
    """The committee ``slug`` names, or a 404 with ``description`` (words of its own by default)."""
    committee: Committee = db.first_or_404(
        select(Committee).where(Committee.slug == slug), description=description or "There is no such committee."
    )
    return committee


def load_meeting(meeting_id: int, description: str | None = None) -> Meeting:
    """The meeting ``meeting_id`` names, or a 404 with ``description`` (words of its own by default)."""
    return db.get_or_404(Meeting, meeting_id, description=description or "There is no such meeting.")


def form_error(form: FlaskForm, error: ServiceError, default_field: str | None = None) -> None:
    """Show a service's refusal on the field it concerns (or the first field), for the error summary."""
    name = error.field if error.field and error.field in form._fields else default_field
    if name is None:
        name = next(iter(n for n in form._fields if n != "csrf_token"), None)
    if name is None:
        raise error
    field = form._fields[name]
    field.errors = [*field.errors, error.message] if isinstance(field.errors, list) else [error.message]


View = Callable[..., ResponseReturnValue]


def loader(model: type[_Record], what: str) -> Callable[[int], _Record]:
    """Load the ``model`` record an address names by its id, or a 404 saying there is no such ``what``."""

    def load(record_id: int) -> _Record:
        found: _Record = db.get_or_404(model, record_id, description=f"There is no such {what}.")
        return found

    return load


def committee_of(record: Any) -> Committee:
    """The committee a record belongs to, for the permission table: a committee itself, or the
    committee of the record, of its meeting, or of its agenda item's meeting."""
    if isinstance(record, Committee):
        return record
    for path in (("committee",), ("meeting", "committee"), ("agenda_item", "meeting", "committee")):
        found = record
        for name in path:
            found = getattr(found, name, None)
        if isinstance(found, Committee):
            return found
    raise TypeError(f"{type(record).__name__} belongs to no committee")


def loading_route(
    bp: Blueprint,
    rule: str,
    *needs: Action,
    param: str,
    load: Callable[[Any], Any],
    to: str,
    methods: Sequence[str] = ("GET",),
) -> Callable[[View], View]:
    """Declare a page about one record: the person must be signed in; the record the address names
    (``param``) is loaded (by ``load``, often a :func:`loader`), or a 404; each action in ``needs`` is
    asked of the permission table for the record's committee (:func:`committee_of`), or a 403 with
    words; the view gets the record as ``to``. The view's endpoint keeps its name."""

    def decorator(view: View) -> View:
        @wraps(view)
        def run(**values: Any) -> ResponseReturnValue:
            found = load(values.pop(param))
            if needs:
                # A meeting's page also asks the roles held at that meeting (an approved deputy, an
                # officer in attendance).
                meeting = found if isinstance(found, Meeting) else None
                permit = access(current_user, committee_of(found), clock.today(), meeting)
                for action in needs:
                    permit.require(action)
            return view(**{to: found}, **values)

        bp.add_url_rule(rule, view.__name__, login_required(run), methods=list(methods))
        return view

    return decorator


def meeting_route(
    bp: Blueprint, rule: str, *needs: Action, methods: Sequence[str] = ("GET",)
) -> Callable[[View], View]:
    """A page about the meeting ``<int:meeting_id>`` names (see :func:`loading_route`)."""
    return loading_route(
        bp,
        rule,
        *needs,
        param="meeting_id",
        load=load_meeting,
        to="meeting",
        methods=methods,
    )


def committee_route(
    bp: Blueprint, rule: str, *needs: Action, methods: Sequence[str] = ("GET",)
) -> Callable[[View], View]:
    """A page about the committee ``<slug>`` names (see :func:`loading_route`)."""
    return loading_route(bp, rule, *needs, param="slug", load=load_committee, to="committee", methods=methods)
