"""The home page: each person's to-do list (``govapp.home.todo``), their next meetings and committees."""

from __future__ import annotations

from flask import Blueprint
from flask import current_app
from flask import render_template
from flask import url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from flask_login import login_required

from govapp import clock
from govapp.home.todo import Link
from govapp.home.todo import ToDo
from govapp.home.todo import todo_list
from govapp.permissions import Action
from govapp.permissions import Role
from govapp.permissions import allows
from govapp.permissions import committees_for

bp = Blueprint("home", __name__)


def _url(link: Link | None) -> str | None:
    if link is None or link.endpoint not in current_app.view_functions:
        return None
    return url_for(link.endpoint, **link.values, _anchor=link.anchor)


def todo_href(entry: ToDo) -> str | None:
    """Where the to-do is done: its page, or the fallback page while an area does not provide one."""
    return _url(entry.link) or _url(entry.fallback)


@bp.route("/")
@login_required
def index() -> ResponseReturnValue:
    today = clock.today()
    committees = committees_for(current_user, today)
    return render_template(
        "home/index.html",
        todo=todo_list(current_user, today),
        committees=committees,
        # A role that grants nothing (an agency's registered officer) names the committee, unlinked.
        viewable={committee.id for committee, roles in committees if allows(roles, Action.VIEW_COMMITTEE)},
        todo_href=todo_href,
        today=today,
        Role=Role,
    )
