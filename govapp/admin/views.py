"""Administration: accounts. Admins look after accounts and committees, not case papers."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_required
from sqlalchemy import select

from govapp import clock
from govapp.extensions import db
from govapp.models import AuditEvent, Person, User
from govapp.permissions import require_admin
from govapp.services import second_factor

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.before_request
@login_required
def _admins_only() -> None:
    require_admin(current_user)


@bp.route("/accounts")
def accounts() -> ResponseReturnValue:
    users = db.session.scalars(select(User).join(User.person).order_by(Person.full_name)).all()
    return render_template("admin/accounts.html", users=users)


@bp.route("/accounts/<int:user_id>/reset-second-factor", methods=["POST"])
def reset_second_factor(user_id: int) -> ResponseReturnValue:
    """A lost phone: clear the person's second factor; they set it up again at their next sign-in."""
    user = db.get_or_404(User, user_id, description="There is no such account.")
    # The form's CSRF token is checked for every POST by CSRFProtect.
    second_factor.reset_second_factor(current_user, user, now=clock.now())
    flash(f"The second factor of {user.name} is reset. They set it up again when they next sign in.", "success")
    return redirect(url_for("admin.accounts"))


#: What an administrator's audit view covers: accounts, people and their sign-ins and tokens.
ACCOUNT_ENTITIES = ("User", "Person", "PersonalToken")


@bp.route("/audit")
def audit() -> ResponseReturnValue:
    """The audit record of accounts (not of committees' business, which is the committee's own)."""
    events = db.session.scalars(
        select(AuditEvent).where(AuditEvent.entity_type.in_(ACCOUNT_ENTITIES)).order_by(AuditEvent.id.desc()).limit(200)
    ).all()
    return render_template("admin/audit.html", events=events)
