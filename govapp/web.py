"""Small helpers every blueprint uses: load-or-404 and turning a service's refusal into a form error."""

from __future__ import annotations

from flask_wtf import FlaskForm
from sqlalchemy import select

from govapp.extensions import db
from govapp.models import Committee, Meeting
from govapp.services import ServiceError


def load_committee(slug: str) -> Committee:
    return db.first_or_404(select(Committee).where(Committee.slug == slug), description="There is no such committee.")


def load_meeting(meeting_id: int) -> Meeting:
    return db.get_or_404(Meeting, meeting_id, description="There is no such meeting.")


def form_error(form: FlaskForm, error: ServiceError, default_field: str | None = None) -> None:
    """Show a service's refusal on the field it concerns (or the first field), for the error summary."""
    name = error.field if error.field and error.field in form._fields else default_field
    if name is None:
        name = next(iter(n for n in form._fields if n != "csrf_token"), None)
    if name is None:
        raise error
    field = form._fields[name]
    field.errors = [*field.errors, error.message] if isinstance(field.errors, list) else [error.message]
