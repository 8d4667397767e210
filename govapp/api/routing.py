"""The API's blueprint and what its routes share: token authentication, :func:`api_route` (which records
each route for the OpenAPI document), the checked JSON body and the 201 answer.

Kept apart from the route modules (``views``, ``proceedings``, ``motions``) so that each imports it
and none imports another.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from flask import Blueprint
from flask import Response
from flask import jsonify
from flask import request
from flask.typing import ResponseReturnValue
from sqlalchemy import select
from werkzeug.exceptions import BadRequest
from werkzeug.exceptions import NotFound

from govapp import clock
from govapp.api.auth import add_challenge
from govapp.api.auth import api_user
from govapp.api.auth import authenticate
from govapp.api.openapi import OPERATIONS
from govapp.api.openapi import Operation
from govapp.extensions import csrf
from govapp.extensions import db
from govapp.models import AgendaItem
from govapp.models import Committee
from govapp.models import Meeting
from govapp.models import Motion
from govapp.models import Requisition
from govapp.permissions import READS_BUSINESS
from govapp.permissions import Access
from govapp.permissions import Action
from govapp.permissions import access
from govapp.text import read_json
from govapp.text import text_problem
from govapp.web import committee_of

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


@dataclass(frozen=True)
class Loader:
    """How a route's address names a record: the keyword the view receives it as, how it is found,
    and the meeting (if any) whose roles decide, with the committee's (``govapp.web.committee_of``),
    who reaches it."""

    to: str
    load: Callable[[Any], Any]
    meeting_of: Callable[[Any], Meeting | None] = lambda record: None


def _get(model: type, what: str) -> Callable[[int], Any]:
    def load(record_id: int) -> Any:
        return db.get_or_404(model, record_id, description=f"There is no {what} {record_id}.")

    return load


def _case(reference: str) -> Any:
    from govapp.services.cases import find_case

    found = find_case(reference)
    if found is None:
        raise NotFound(f"There is no case {reference}.")
    return found


def _committee(slug: str) -> Committee:
    found: Committee = db.first_or_404(
        select(Committee).where(Committee.slug == slug),
        description=f"There is no committee '{slug}'. GET /api/v1/committees lists the ones you can see.",
    )
    return found


#: The records an address can name, by the name of its part of the address.
LOADERS = {
    "slug": Loader("committee", _committee),
    "meeting_id": Loader("meeting", _get(Meeting, "meeting"), lambda m: m),
    "item_id": Loader("item", _get(AgendaItem, "agenda item"), lambda i: i.meeting),
    "motion_id": Loader("motion", _get(Motion, "motion"), lambda m: m.agenda_item.meeting),
    "requisition_id": Loader("requisition", _get(Requisition, "requisition")),
    "reference": Loader("case", _case),
}


#: The business before a committee is confidential to it (``govapp.permissions.READS_BUSINESS``).
READ_BUSINESS = READS_BUSINESS


def api_access(committee: Committee, meeting: Meeting | None = None) -> Access:
    """The token holder's access to ``committee``: the same table rows the pages ask."""
    return access(api_user(), committee, clock.today(), meeting)


def refusals(
    rule: str,
    method: str,
    *,
    needs: tuple[Action, ...],
    body: str | None,
    query: tuple[dict[str, Any], ...],
    public: bool,
    extra: tuple[int, ...] = (),
) -> tuple[int, ...]:
    """Every error status a route can answer, from how it is declared: 401 without a valid token, 404
    for a record the address names that does not exist, 403 for a permission row, 400 for a body or a
    query that is not as described (or a change the standing orders refuse), 409 for a change that
    clashes with the record, and 413 for a body over the size limit."""
    if public:
        return ()
    codes = {401, *extra}
    if "<" in rule:
        codes.add(404)
    if needs or "<" in rule:
        codes.add(403)
    if query or method != "GET":
        codes.add(400)
    if method != "GET":
        codes |= {409, 413}
    return tuple(sorted(codes))


def api_route(
    rule: str,
    method: str = "GET",
    *,
    response: str | None,
    tag: str,
    needs: tuple[Action, ...] = (),
    status: int = 200,
    body: str | None = None,
    query: tuple[dict[str, Any], ...] = (),
    errors: tuple[int, ...] = (),
    public: bool = False,
) -> Callable[[Callable[..., ResponseReturnValue]], Callable[..., ResponseReturnValue]]:
    """Register a route on the blueprint and record its description for the OpenAPI document.

    The record the address names (see :data:`LOADERS`) is loaded, or a 404 with words, and given to
    the view under its own name (``meeting``, ``item``...); each action in ``needs`` is asked of the
    permission table for the record's committee and meeting, or a 403 with words.

    The OpenAPI document takes the route's summary and description from the view's docstring (its
    first line, and the paragraph after it), and declares every refusal the route can give
    (:func:`refusals`); ``errors`` adds any the view gives itself."""

    def decorator(view: Callable[..., ResponseReturnValue]) -> Callable[..., ResponseReturnValue]:
        @wraps(view)
        def run(**values: Any) -> ResponseReturnValue:
            for name, loader in LOADERS.items():
                if name in values:
                    found = loader.load(values.pop(name))
                    if needs:
                        permit = api_access(committee_of(found), loader.meeting_of(found))
                        for action in needs:
                            permit.require(action)
                    values[loader.to] = found
            return view(**values)

        bp.add_url_rule(rule, view.__name__, run, methods=[method])
        summary, description = _summary_and_description(view)
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
                errors=refusals(rule, method, needs=needs, body=body, query=query, public=public, extra=errors),
                public=public,
                tags=(tag,),
            )
        )
        return view

    return decorator


def creating_route(
    rule: str, response: str, tag: str, *needs: Action, body: str | None = None
) -> Callable[[Callable[..., ResponseReturnValue]], Callable[..., ResponseReturnValue]]:
    """A POST route that makes a record from a JSON body (the schema ``body``, ``New<response>`` unless
    named) and answers 201 with the ``response`` (see :func:`api_route`)."""
    return api_route(rule, "POST", response=response, tag=tag, status=201, body=body or f"New{response}", needs=needs)


def _summary_and_description(view: Callable[..., Any]) -> tuple[str, str]:
    """A view's docstring as an OpenAPI summary (its first line, without the full stop) and
    description (the paragraph after it)."""
    doc = inspect.getdoc(view)
    if not doc:
        raise TypeError(f"The API view {view.__name__} needs a docstring: it is the route's OpenAPI summary.")
    summary, _, rest = doc.partition("\n\n")
    return summary.strip().removesuffix("."), " ".join(rest.split())


PAGE_PARAMETERS: tuple[dict[str, Any], ...] = (
    {
        "name": "page",
        "in": "query",
        "required": False,
        "description": "The page of the list (1 if left out).",
        "schema": {"type": "integer", "minimum": 1},
    },
    {
        "name": "limit",
        "in": "query",
        "required": False,
        "description": "How many on a page: 1 to 500 (100 if left out).",
        "schema": {"type": "integer", "minimum": 1, "maximum": 500},
    },
)


def page_args() -> tuple[int, int]:
    """The page and page size a list request asks for, checked: (page, limit)."""
    page_text, limit_text = request.args.get("page", "1"), request.args.get("limit", "100")
    if not (page_text.isdigit() and 0 < int(page_text) < 100_000):
        raise BadRequest("'page' must be a page number, 1 or more.")
    if not (limit_text.isdigit() and 0 < int(limit_text) <= 500):
        raise BadRequest("'limit' must be a whole number from 1 to 500.")
    return int(page_text), int(limit_text)


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
