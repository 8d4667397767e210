"""Administration: accounts. Admins look after accounts and committees, not case papers."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from flask import Blueprint
from flask import flash
from flask import redirect
from flask import render_template
from flask import url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from flask_login import login_required
from sqlalchemy import select

from govapp import clock
from govapp.admin.forms import AccountActionForm
from govapp.admin.forms import InviteForm
from govapp.extensions import db
from govapp.models import AuditEvent
from govapp.models import Person
from govapp.models import User
from govapp.permissions import require_admin
from govapp.services import onboarding
from govapp.services import second_factor
from govapp.services.accounts import PersonDetails
from govapp.web import attempt
from govapp.web import before_id

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.before_request
@login_required
def _admins_only() -> None:
    require_admin(current_user)


@bp.route("/accounts")
def accounts() -> ResponseReturnValue:
    users = db.session.scalars(select(User).join(User.person).order_by(Person.full_name)).all()
    return render_template("admin/accounts.html", users=users)


@bp.route("/accounts/invite", methods=["GET", "POST"])
def invite() -> ResponseReturnValue:
    """Invite a person by email: they set their own password through a one-time link."""
    form = InviteForm()
    if form.validate_on_submit():
        with attempt(form) as done:
            name, email = form.full_name.data or "", form.email.data or ""
            details = PersonDetails(name, email, form.organisation.data or None, form.job_title.data or None)
            user = onboarding.invite(current_user, details, is_admin=bool(form.is_admin.data), now=clock.now())
        if done:
            flash(
                f"{user.name} is invited. The email with their link is in the outbox; the link works for "
                f"{onboarding.INVITATION_DAYS} days.",
                "success",
            )
            return redirect(url_for("admin.accounts"))
    return render_template("admin/invite.html", form=form, days=onboarding.INVITATION_DAYS)


def _account(user_id: int) -> User:
    return db.get_or_404(User, user_id, description="There is no such account.")


def account_action(tail: str) -> Callable[[Callable[[User], str]], Callable[[User], str]]:
    """Declare a button on an account (``/accounts/<user_id>/<tail>``, a POST). The function makes the
    change to the account and says what it did; the administrator goes back to the list of accounts,
    with that message or the refusal."""

    def decorator(change: Callable[[User], str]) -> Callable[[User], str]:
        @wraps(change)
        def run(user_id: int) -> ResponseReturnValue:
            user = _account(user_id)
            if AccountActionForm().validate_on_submit():
                message = ""
                with attempt(None) as done:
                    message = change(user)
                if done:
                    flash(message, "success")
            return redirect(url_for("admin.accounts"))

        bp.add_url_rule(f"/accounts/<int:user_id>/{tail}", change.__name__, run, methods=["POST"])
        return change

    return decorator


@account_action("deactivate")
def deactivate(user: User) -> str:
    """Deactivate an account: it is signed out everywhere at once, and its tokens and links stop working."""
    ended = onboarding.deactivate(current_user, user, now=clock.now())
    return (
        f"{user.name}'s account is deactivated: {ended.sessions} session(s) ended and "
        f"{ended.tokens} token(s) or link(s) revoked."
    )


@account_action("reactivate")
def reactivate(user: User) -> str:
    onboarding.reactivate(current_user, user, now=clock.now())
    return f"{user.name}'s account is active again. Their old tokens stay revoked."


@account_action("invite-again")
def invite_again(user: User) -> str:
    onboarding.send_invitation(current_user, user, now=clock.now())
    return f"A new invitation is on its way to {user.email}; the old link no longer works."


@account_action("reset-second-factor")
def reset_second_factor(user: User) -> str:
    """A lost phone: clear the person's second factor; they set it up again at their next sign-in."""
    second_factor.reset_second_factor(current_user, user, now=clock.now())
    return f"The second factor of {user.name} is reset. They set it up again when they next sign in."


#: The newest events on one page of the audit record of accounts.
AUDIT_PAGE = 200

#: What an administrator's audit view covers: accounts, people and their sign-ins and tokens.
ACCOUNT_ENTITIES = ("User", "Person", "PersonalToken")


@bp.route("/audit")
def audit() -> ResponseReturnValue:
    """The audit record of accounts (not of committees' business, which is the committee's own)."""
    query = select(AuditEvent).where(AuditEvent.entity_type.in_(ACCOUNT_ENTITIES))
    before = before_id()
    if before is not None:
        query = query.where(AuditEvent.id < before)
    events = db.session.scalars(query.order_by(AuditEvent.id.desc()).limit(AUDIT_PAGE)).all()
    return render_template("admin/audit.html", events=events)


from govapp.admin import imports as _imports  # noqa: E402,F401  (registers the CSV import pages)
from govapp.admin import setup as _setup  # noqa: E402,F401  (registers the set-up pages)
