"""Absolute links in what govapp sends (emails, calendar invites and feeds, documents, the account
page's feed address): always built from ``BASE_URL``, the address people reach govapp at, never from
the host a request happened to arrive on (behind a proxy, or from a worker, that would be wrong)."""

from __future__ import annotations

from flask import current_app
from flask import has_app_context

from govapp.models import Meeting

DEFAULT_BASE_URL = "http://127.0.0.1:5000"


def base_url() -> str:
    configured = current_app.config.get("BASE_URL") if has_app_context() else None
    return str(configured or DEFAULT_BASE_URL).rstrip("/")


def absolute(path: str) -> str:
    """``path`` (an address on this site, such as ``url_for`` gives) as an absolute link from ``BASE_URL``."""
    return base_url() + "/" + path.lstrip("/")


def meeting_url(meeting: Meeting) -> str:
    """The meeting's page."""
    return absolute(f"/meetings/{meeting.id}")
