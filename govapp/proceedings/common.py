"""What the proceedings pages share: the ``proceedings`` blueprint, loading, links, the signed-in person's
access, and the console's forms that keep what was typed."""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Sequence
from typing import Any
from typing import TypeVar

from flask import Blueprint
from flask import abort
from flask import url_for
from flask_login import current_user
from flask_wtf import FlaskForm

from govapp import clock
from govapp.models import AgendaItem
from govapp.models import Committee
from govapp.models import Declaration
from govapp.models import Meeting
from govapp.models import Motion
from govapp.models import Person
from govapp.permissions import Access
from govapp.permissions import Action
from govapp.permissions import access
from govapp.services.accounts import add_person
from govapp.services.accounts import find_person
from govapp.web import View
from govapp.web import loader
from govapp.web import loading_route

bp = Blueprint("proceedings", __name__)

F = TypeVar("F", bound=FlaskForm)


# --- helpers ---------------------------------------------------------------------------------------


def signed_in_access(committee: Committee, meeting: Meeting | None = None) -> Access:
    """The signed-in person's access to ``committee`` today (and to ``meeting``, for its own roles)."""
    return access(current_user, committee, clock.today(), meeting)


def members_of(meeting: Meeting) -> list[Person]:
    """The members on the day of the meeting, the Chair first."""
    return [m.person for m in meeting.committee.members_on(meeting.meeting_date)]


def chair_of(meeting: Meeting) -> Person | None:
    chair = meeting.committee.chair_on(meeting.meeting_date)
    return chair.person if chair else None


def label_of(meeting: Meeting, person: Person) -> str:
    chair = chair_of(meeting)
    return f"{person.full_name} (Chair)" if chair is not None and chair.id == person.id else person.full_name


def chosen(people: list[Person], value: str | None) -> Person:
    by_id = {str(p.id): p for p in people}
    if value not in by_id:
        abort(400, "Choose someone from the list.")
    return by_id[value or ""]


def _on_route(kind: str, load: Callable[[int], Any], to: str) -> Callable[..., Callable[[View], View]]:
    """Declares the pages about one kind of record at the meeting (see ``govapp.web.loading_route``)."""

    def route(tail: str, *needs: Action, methods: Sequence[str] = ("POST",)) -> Callable[[View], View]:
        return loading_route(
            bp,
            f"/{kind}/<int:{to}_id>/{tail}",
            *needs,
            param=f"{to}_id",
            load=load,
            to=to,
            methods=methods,
        )

    return route


#: ``/agenda-items/<item_id>/<tail>``: the view gets the agenda ``item``.
item_route = _on_route("agenda-items", loader(AgendaItem, "agenda item"), "item")
#: ``/motions/<motion_id>/<tail>``: the view gets the ``motion``.
motion_route = _on_route("motions", loader(Motion, "motion"), "motion")
#: ``/declarations/<declaration_id>/<tail>``: the view gets the ``declaration``.
declaration_route = _on_route("declarations", loader(Declaration, "declaration"), "declaration")


def meeting_page(meeting: Meeting) -> str:
    return url_for("meetings.show", meeting_id=meeting.id)


def console_url(meeting: Meeting, anchor: str | None = None, *, item: AgendaItem | None = None) -> str:
    """The meeting's console at ``anchor``, working on ``item`` if given (else on the first item without an outcome)."""
    if item is not None:
        return url_for("proceedings.console", meeting_id=meeting.id, item=item.id, _anchor=anchor)
    return url_for("proceedings.console", meeting_id=meeting.id, _anchor=anchor)


def find_or_add_person(full_name: str, email: str, organisation: str) -> Person:
    """The person with this email address, or a new record of them."""
    person = find_person(email)
    if person is None:
        person = add_person(current_user, full_name=full_name, email=email, organisation=organisation)
    return person


class ConsoleForms:
    """The console's forms, each with its own prefix; the one that failed keeps what was typed."""

    def __init__(self, failed: FlaskForm | None) -> None:
        self.failed = failed

    def get(self, make: Callable[..., F], prefix: str, **kwargs: Any) -> F:
        if self.failed is not None and self.failed._prefix == f"{prefix}-":
            failed: F = self.failed
            return failed
        return make(prefix=prefix, formdata=None, **kwargs)
