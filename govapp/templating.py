"""Template globals and filters shared by every page."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from flask import Flask, g
from govuk_frontend_wtf.main import WTFormsHelpers

from govapp import ORGANISATION, SERVICE_NAME
from govapp.clock import LONDON


def long_date(value: date | datetime | None) -> str:
    """'Thursday 3 December 2026', the way GOV.UK writes dates."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.astimezone(LONDON).date()
    return f"{value:%A} {value.day} {value:%B %Y}"


def short_date(value: date | None) -> str:
    if value is None:
        return ""
    return f"{value.day} {value:%b %Y}"


def clock_time(value: time | datetime | None) -> str:
    """'10am', '2:30pm'."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.astimezone(LONDON).time()
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    if value.hour == 12 and value.minute == 0:
        return "midday"
    return f"{hour}{suffix}" if value.minute == 0 else f"{hour}:{value.minute:02d}{suffix}"


ROLE_LABELS = {"chair": "Chair", "member": "Member", "secretariat": "Secretariat", "officer": "Officer"}


def role_names(roles: frozenset[str]) -> str:
    """'Chair' (a Chair is also a member, so 'Member' is not repeated), 'Member, Secretariat', ..."""
    shown = [label for key, label in ROLE_LABELS.items() if key in roles and not (key == "member" and "chair" in roles)]
    return ", ".join(shown) if shown else ("Administrator" if "admin" in roles else "")


def init_app(app: Flask) -> None:
    WTFormsHelpers(app)
    app.add_template_filter(long_date)
    app.add_template_filter(short_date)
    app.add_template_filter(clock_time)
    app.add_template_filter(role_names)

    @app.context_processor
    def _globals() -> dict[str, Any]:
        return {
            "service_name": SERVICE_NAME,
            "organisation": ORGANISATION,
            "cspNonce": g.get("csp_nonce"),
            "assetPath": "/static/govuk/assets",
        }
