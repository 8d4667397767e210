"""``/healthz``: whether this instance can serve, for a load balancer or a process manager.

It needs no sign-in, sets no cookie and says nothing about the record: "ok" when the database answers
(and Redis, when ``REDIS_URL`` or a Redis ``RATELIMIT_STORAGE_URI`` is set, since the workers share
sign-in throttling through it), a 503 with words when one does not.
"""

from __future__ import annotations

from flask import Blueprint
from flask import current_app
from flask import jsonify
from flask.typing import ResponseReturnValue
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from govapp.extensions import db

bp = Blueprint("health", __name__)


def _redis_problem() -> str | None:
    url = str(current_app.config.get("RATELIMIT_STORAGE_URI") or "")
    if not url.startswith(("redis://", "rediss://")):
        return None
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1).ping()
    except redis.RedisError:
        return "Redis does not answer."
    return None


@bp.route("/healthz")
def healthz() -> ResponseReturnValue:
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        db.session.rollback()
        return jsonify({"status": "unavailable", "message": "The database does not answer."}), 503
    problem = _redis_problem()
    if problem:
        return jsonify({"status": "unavailable", "message": problem}), 503
    return jsonify({"status": "ok"})
