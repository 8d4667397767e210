"""Personal API tokens: ``Authorization: Bearer <secret>``. No session cookies, so no CSRF."""

from __future__ import annotations

from flask import Response, g, request
from werkzeug.exceptions import Unauthorized

from govapp.models import TokenKind, User
from govapp.services.tokens import find_active_token

MISSING = (
    "Send your personal API token in the Authorization header, as 'Authorization: Bearer <token>'. "
    "You can create one on your account page."
)
REFUSED = "That API token is not recognised, or it has been revoked. Create a new one on your account page."


def authenticate() -> None:
    """Set ``g.api_user`` from the bearer token, or refuse with a 401 that says why. The token's last
    use, noted by ``find_active_token``, is committed with the rest of the request by the boundary."""
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
    g.api_user = token.user


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
