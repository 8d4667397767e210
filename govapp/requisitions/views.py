from __future__ import annotations

from flask import Blueprint

bp = Blueprint("requisitions", __name__)
