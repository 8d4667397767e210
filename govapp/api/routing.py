"""The API's blueprint and what its routes share: token authentication, :func:`api_route` (which records
each route for the OpenAPI document), the checked JSON body and the 201 answer.

Kept apart from the route modules (``views``, ``proceedings``, ``motions``) so that each imports it
and none imports another.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Blueprint, Response, jsonify, request
from flask.typing import ResponseReturnValue
from werkzeug.exceptions import BadRequest

from govapp import clock
from govapp.api.auth import add_challenge, authenticate
from govapp.api.openapi import OPERATIONS, Operation
from govapp.extensions import csrf, db
from govapp.models import Meeting, User
from govapp.permissions import Action, access
from govapp.text import read_json, text_problem

bp = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)

PUBLIC_ENDPOINTS = {"api.openapi"}


@bp.before_request
def _authenticate() -> None:
    if request.endpoint not in PUBLIC_ENDPOINTS:
        authenticate()


@bp.after_request
def _challenge(response: Response) -> Response:
    return add_challenge(response)


def api_route(
    rule: str,
    method: str = "GET",
    *,
    summary: str,
    description: str,
    response: str | None,
    tag: str,
    status: int = 200,
    body: str | None = None,
    query: tuple[dict[str, Any], ...] = (),
    errors: tuple[int, ...] = (401, 403, 404),
    public: bool = False,
) -> Callable[[Callable[..., ResponseReturnValue]], Callable[..., ResponseReturnValue]]:
    """Register a route on the blueprint and record its description for the OpenAPI document."""

    def decorator(view: Callable[..., ResponseReturnValue]) -> Callable[..., ResponseReturnValue]:
        bp.add_url_rule(rule, view.__name__, view, methods=[method])
        OPERATIONS.append(
            Operation(
                rule=rule,
                method=method,
                operation_id=view.__name__,
                summary=summary,
                description=description,
                response_schema=response,
                status=status,
                request_schema=body,
                query=query,
                errors=errors,
                public=public,
                tags=(tag,),
            )
        )
        return view

    return decorator


def json_body(fields: dict[str, tuple[type, bool]]) -> dict[str, Any]:
    """The request's JSON object, checked against ``fields`` (name → (type, required)). A field left
    out or null is None; a required one must be given (and, for text, not blank)."""
    try:
        data = read_json(request.get_data(cache=True)) if request.is_json else None
    except ValueError as error:
        raise BadRequest(
            f"{error} Send a JSON object in the request body, with the header 'Content-Type: application/json'."
        ) from None
    if not isinstance(data, dict):
        raise BadRequest("Send a JSON object in the request body, with the header 'Content-Type: application/json'.")
    unknown = sorted(set(data) - set(fields))
    if unknown:
        raise BadRequest(f"Unknown field {', '.join(repr(u) for u in unknown)}. The fields are: {', '.join(fields)}.")
    result: dict[str, Any] = {}
    for name, (kind, required) in fields.items():
        value = data.get(name)
        if value is not None and (isinstance(value, bool) or not isinstance(value, kind)):
            raise BadRequest(f"'{name}' must be {'a whole number' if kind is int else 'a string of text'}.")
        problem = text_problem(value, multiline=True) if isinstance(value, str) else None
        if problem:
            raise BadRequest(f"'{name}' {problem}")
        if required and (value is None or (isinstance(value, str) and not value.strip())):
            raise BadRequest(f"Give '{name}': it is required.")
        result[name] = value
    return result


def created(body: dict[str, Any], location: str) -> ResponseReturnValue:
    response = jsonify(body)
    response.status_code = 201
    response.headers["Location"] = location
    return response


def meeting_or_404(meeting_id: int) -> Meeting:
    return db.get_or_404(Meeting, meeting_id, description=f"There is no meeting {meeting_id}.")


def require_business(user: User, meeting: Meeting) -> None:
    """The meeting's business (attendance, declarations, motions) is for its Chair, members and secretariat."""
    found = access(user, meeting.committee, clock.today())
    found.require(Action.VIEW_COMMITTEE).require(Action.READ_BUSINESS)
