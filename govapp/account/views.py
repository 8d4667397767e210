"""Your account: private calendar links (subscription feeds) and API tokens, and the feed itself."""

from __future__ import annotations

from typing import Any

from flask import Blueprint
from flask import Response
from flask import abort
from flask import flash
from flask import redirect
from flask import render_template
from flask import url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from flask_login import login_required
from sqlalchemy import select
from werkzeug.exceptions import Forbidden

from govapp import clock
from govapp.account.forms import ApiTokenForm
from govapp.account.forms import CalendarLinkForm
from govapp.account.forms import RevokeTokenForm
from govapp.extensions import db
from govapp.links import absolute
from govapp.models import PersonalToken
from govapp.models import TokenKind
from govapp.permissions import Action
from govapp.permissions import allows
from govapp.permissions import committees_for
from govapp.permissions import refusal_in_general
from govapp.services.invites import person_feed
from govapp.services.tokens import create_token
from govapp.services.tokens import find_active_token
from govapp.services.tokens import revoke_token
from govapp.web import attempt

bp = Blueprint("account", __name__)

UNKNOWN_FEED = (
    "This calendar link does not work: it has been revoked, or it was copied wrongly. "
    "Make a new calendar link on your account page in govapp."
)


def _render(calendar_form: CalendarLinkForm | None = None, api_form: ApiTokenForm | None = None, **extra: Any) -> str:
    tokens = db.session.scalars(
        select(PersonalToken)
        .where(PersonalToken.user_id == current_user.id)
        .order_by(PersonalToken.revoked_at.is_not(None), PersonalToken.created_at.desc(), PersonalToken.id.desc())
    ).all()
    calendar_form = calendar_form or CalendarLinkForm(prefix="calendar", formdata=None)
    api_form = api_form or ApiTokenForm(prefix="api", formdata=None)
    # The base template shows an error summary for the form named "form".
    form = calendar_form if calendar_form.errors else api_form if api_form.errors else None
    return render_template(
        "account/index.html",
        calendar_links=[t for t in tokens if t.kind == TokenKind.CALENDAR],
        api_tokens=[t for t in tokens if t.kind == TokenKind.API],
        calendar_form=calendar_form,
        api_form=api_form,
        form=form,
        now=clock.now(),
        **extra,
    )


@bp.route("/account")
@login_required
def index() -> ResponseReturnValue:
    return _render()


def _may_make_tokens() -> None:
    """API tokens and calendar links are for the Chair, members, secretariat and administrators."""
    today = clock.today()
    if current_user.is_admin:
        return
    if not any(allows(roles, Action.USE_PERSONAL_LINKS) for _committee, roles in committees_for(current_user, today)):
        raise Forbidden(refusal_in_general(Action.USE_PERSONAL_LINKS))


def _make(kind: TokenKind, form: CalendarLinkForm | ApiTokenForm) -> ResponseReturnValue:
    _may_make_tokens()
    if form.validate_on_submit():
        with attempt(form) as done:
            token, secret = create_token(current_user, kind, form.name.data or "")
        if done:
            # Shown once, on this response only: never stored, never put in the session cookie.
            feed_url = absolute(url_for("account.calendar_feed", secret=secret)) if kind == TokenKind.CALENDAR else None
            return _render(new_token=token, new_secret=secret, feed_url=feed_url)
    if isinstance(form, CalendarLinkForm):
        return _render(calendar_form=form)
    return _render(api_form=form)


@bp.route("/account/calendar-links", methods=["POST"])
@login_required
def create_calendar_link() -> ResponseReturnValue:
    return _make(TokenKind.CALENDAR, CalendarLinkForm(prefix="calendar"))


@bp.route("/account/api-tokens", methods=["POST"])
@login_required
def create_api_token() -> ResponseReturnValue:
    return _make(TokenKind.API, ApiTokenForm(prefix="api"))


@bp.route("/account/tokens/<int:token_id>/revoke", methods=["POST"])
@login_required
def revoke(token_id: int) -> ResponseReturnValue:
    token = db.session.get(PersonalToken, token_id)
    if token is None or token.user_id != current_user.id:
        abort(404, "There is no such token on your account.")
    form = RevokeTokenForm()
    if not form.validate_on_submit():
        abort(400, "This form has expired. Go back to your account page and try again.")
    revoke_token(current_user, token)
    what = "Calendar link" if token.kind == TokenKind.CALENDAR else "API token"
    flash(f"{what} ‘{token.name}’ revoked. It no longer works.", "success")
    return redirect(url_for("account.index"))


@bp.route("/calendar/<secret>.ics")
def calendar_feed(secret: str) -> ResponseReturnValue:
    """A person's meetings as a calendar subscription. The secret in the address is the only key."""
    token = find_active_token(secret, TokenKind.CALENDAR)
    if token is None:
        abort(404, UNKNOWN_FEED)
    data = person_feed(token.user.person, clock.today(), now=clock.now())  # the boundary keeps last_used_at
    return Response(
        data,
        headers={
            "Content-Type": "text/calendar; charset=utf-8",
            "Content-Disposition": 'attachment; filename="govapp-meetings.ics"',
        },
    )
