"""Template globals and filters shared by every page."""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Hashable
from typing import Any

from flask import Flask
from flask import g
from govuk_frontend_wtf.main import WTFormsHelpers
from markupsafe import Markup

from govapp import ORGANISATION
from govapp import SERVICE_NAME
from govapp.formatting import clock_time
from govapp.formatting import long_date
from govapp.formatting import short_date

ROLE_LABELS = {
    "chair": "Chair",
    "member": "Member",
    "secretariat": "Secretariat",
    "officer": "Officer",
    "agency representative": "Agency representative",
}


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

    @app.template_global()
    def form_tokens() -> Markup:
        """The hidden inputs of a form that is only a button: its CSRF token and one-time token."""
        from flask_wtf.csrf import generate_csrf

        from govapp.forms import submission_input

        return Markup('<input type="hidden" name="csrf_token" value="{}">').format(generate_csrf()) + submission_input()

    @app.template_global()
    def reads_business(committee: Any) -> bool:
        """Whether the signed-in person may read the committee's business (see govapp.permissions)."""
        from flask_login import current_user

        from govapp import clock
        from govapp.permissions import reads_business as allowed

        return current_user.is_authenticated and allowed(current_user, committee, clock.today())

    @app.template_global()
    def remembered(*key: Hashable, caller: Callable[[], Markup]) -> Markup:
        """The HTML of the block this wraps, remembered under ``key`` until the record changes
        (``govapp.cache``): for parts of a busy page drawn with GOV.UK's macros, the costliest part of
        rendering. ``key`` must name everything the block shows besides the record (the meeting, the
        item, the viewer's rights), and the block must hold nothing made for one request: no form
        tokens (``form.csrf_token``), no nonce."""
        from govapp.cache import remember

        return remember(("fragment", *key), caller)  # the block's HTML, escaped as it was rendered

    @app.template_global()
    def remembered_fields(form: Any, *key: Hashable, caller: Callable[[], Markup]) -> Markup:
        """A form's fields (the block this wraps, without its tokens), remembered like ``remembered``
        while the form is fresh; a refused form shows what was typed and its errors."""
        return caller() if form.errors else remembered("fields", *key, caller=caller)

    @app.context_processor
    def _globals() -> dict[str, Any]:
        return {
            "service_name": SERVICE_NAME,
            "organisation": ORGANISATION,
            "cspNonce": g.get("csp_nonce"),
            "assetPath": "/static/govuk/assets",
        }
