"""Personal API tokens: ``Authorization: Bearer <secret>``. No session cookies, so no CSRF."""

from __future__ import annotations

from datetime import datetime
from functools import partial

from flask import Response
from flask import g
from flask import request
from sqlalchemy import update
from werkzeug.exceptions import Unauthorized

from govapp.extensions import db
from govapp.models import PersonalToken
from govapp.models import TokenKind
from govapp.models import User
from govapp.services.tokens import find_active_token
from govapp.web import on_rollback

MISSING = (
    "Send your personal API token in the Authorization header, as 'Authorization: Bearer <token>'. "
    "You can create one on your account page."
)
REFUSED = "That API token is not recognised, or it has been revoked. Create a new one on your account page."


def authenticate() -> None:
    """Set ``g.api_user`` from the bearer token, or refuse with a 401 that says why. The token's last
    use, noted by ``find_active_token``, is committed with the rest of the request by the boundary, and
    kept even if the request is refused."""
    header = request.headers.get("Authorization", "")
    scheme, _, secret = header.partition(" ")
    if not header:
        g.api_auth_error = None
        raise Unauthorized(MISSING)
    if scheme.lower() != "bearer" or not secret.strip():
        g.api_auth_error = "invalid_request"
        raise Unauthorized(MISSING)
    token = find_active_token(secret.strip(), TokenKind.API)
    if token is None:
        g.api_auth_error = "invalid_token"
        raise Unauthorized(REFUSED)
    if token.last_used_at is not None:
        on_rollback(partial(_note_use, token.id, token.last_used_at))
    g.api_user = token.user


def _note_use(token_id: int, when: datetime) -> None:
    db.session.execute(update(PersonalToken).where(PersonalToken.id == token_id).values(last_used_at=when))


def api_user() -> User:
    user: User = g.api_user
    return user


def add_challenge(response: Response) -> Response:
    """Every 401 from the API says how to authenticate (RFC 6750)."""
    if response.status_code == 401:
        challenge = 'Bearer realm="govapp"'
        error = g.get("api_auth_error")
        if error:
            challenge += f', error="{error}"'
        response.headers["WWW-Authenticate"] = challenge
    return response
