"""``/healthz``: whether this instance can serve, for a load balancer or a process manager.

It needs no sign-in, sets no cookie and says nothing about the record: "ok" when the database
answers, a 503 with words when it does not.
"""

from __future__ import annotations

from flask import Blueprint, jsonify
from flask.typing import ResponseReturnValue
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from govapp.extensions import db

bp = Blueprint("health", __name__)


@bp.route("/healthz")
def healthz() -> ResponseReturnValue:
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        db.session.rollback()
        return jsonify({"status": "unavailable", "message": "The database does not answer."}), 503
    return jsonify({"status": "ok"})
