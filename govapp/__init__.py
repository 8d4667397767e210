"""govapp: runs statutory committee meetings by their standing orders.

Importing ``govapp`` (or ``govapp.rules``) loads nothing of the web application; ``create_app``
builds it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from flask import Flask

    from govapp.config import Config

SERVICE_NAME = "govapp"
ORGANISATION = "Safeguarding Board for Northern Ireland"


def create_app(config: Config | None = None) -> Flask:
    """Build the application. ``config`` defaults to the one ``GOVAPP_ENV`` names."""
    from govapp.app import build_app

    return build_app(config)
