from __future__ import annotations

from flask import Blueprint

bp = Blueprint("proceedings", __name__)
