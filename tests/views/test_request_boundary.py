"""The request boundary (``govapp.web``): a view's change is committed once it returns, and rolled
back whenever it does not finish; a refusal that reaches the boundary is answered with its words."""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Iterator

import pytest
from flask import Blueprint
from flask import Flask
from flask.testing import FlaskClient
from flask_wtf import FlaskForm
from sqlalchemy import func
from sqlalchemy import select
from wtforms import StringField

from govapp.extensions import csrf
from govapp.extensions import db
from govapp.models import Person
from govapp.services import ConflictError
from govapp.services import NotFoundError
from govapp.services import RefusedError
from govapp.services import ServiceError
from govapp.web import RACE_MESSAGE
from govapp.web import after_commit
from govapp.web import attempt
from govapp.web import install_boundary
from govapp.web import on_rollback
from govapp.web import submitted
from tests.conftest import ScratchDatabase
from tests.conftest import make_test_app


class NameForm(FlaskForm):
    class Meta:
        csrf = False

    name = StringField("Name")


#: What the callbacks registered by a view saw happen, in order.
EVENTS: list[str] = []


def _add_person(email: str) -> None:
    db.session.add(Person(full_name="Half Done", email=email))
    db.session.flush()


def _refusing_service(error: ServiceError) -> Callable[[], None]:
    def service() -> None:
        _add_person("half@example.org")  # a change made before the refusal: it must not be kept
        raise error

    return service


def _blueprint() -> Blueprint:
    bp = Blueprint("boundary_test", __name__)
    csrf.exempt(bp)  # these views test the boundary, not the CSRF check every real form has

    @bp.post("/boundary-test/form")
    def form_view() -> tuple[str, int] | str:
        form = NameForm()
        with attempt(form) as done:
            _refusing_service(ServiceError("That name is already taken, so choose another", field="name"))()
        if done:
            return "saved"
        return f"form error: {form.name.errors[0]}", 200

    @bp.route("/boundary-test/submitted", methods=["GET", "POST"])
    def submitted_view() -> object:
        form = NameForm()

        def change() -> str:
            if form.name.data == "taken":
                _refusing_service(ServiceError("That name is already taken, so choose another", field="name"))()
            _add_person(f"{form.name.data}@example.org")
            return f"{form.name.data} is added"

        done = submitted(form, change, lambda: f"/people/{form.name.data}")
        return done or f"the page again: {form.name.errors}"

    @bp.post("/boundary-test/form-conflict")
    def form_conflict_view() -> str:
        form = NameForm()
        with attempt(form, conflicts_on_form=False) as done:
            _refusing_service(ConflictError("Someone changed this a moment ago"))()
        return "saved" if done else "form error"

    @bp.post("/boundary-test/escapes/<kind>")
    def escaping_view(kind: str) -> str:
        errors: dict[str, ServiceError] = {
            "plain": ServiceError("The date must be a working day"),
            "conflict": ConflictError("The notice was served a moment ago"),
            "refused": RefusedError("Only the Chair may decide this"),
            "missing": NotFoundError("That paper has gone"),
        }
        on_rollback(lambda: EVENTS.append("rolled back"))
        after_commit(lambda: EVENTS.append("committed"))
        _refusing_service(errors[kind])()
        return "unreachable"

    @bp.post("/boundary-test/race")
    def race_view() -> str:
        db.session.add(Person(full_name="First", email="same@example.org"))
        db.session.add(Person(full_name="Second", email="same@example.org"))
        on_rollback(lambda: EVENTS.append("rolled back"))
        return "the commit after this fails"

    @bp.post("/boundary-test/saves")
    def saving_view() -> str:
        _add_person("kept@example.org")
        on_rollback(lambda: EVENTS.append("rolled back"))
        after_commit(lambda: EVENTS.append("committed"))
        return "saved"

    return bp


@pytest.fixture
def boundary_app(app: Flask, scratch_database_url: ScratchDatabase) -> Iterator[Flask]:
    """A fresh app on the test database (``app`` has migrated it) with the test-only views, wrapped in
    the boundary the way every real view is."""
    fresh = make_test_app(scratch_database_url.url)
    fresh.register_blueprint(_blueprint())
    install_boundary(fresh)
    EVENTS.clear()
    yield fresh
    with fresh.app_context():
        db.engine.dispose()


@pytest.fixture
def boundary_client(boundary_app: Flask) -> FlaskClient:
    return boundary_app.test_client()


def _people(app: Flask) -> int:
    with app.app_context():
        count = db.session.scalar(select(func.count()).select_from(Person))
        db.session.remove()
    return int(count or 0)


def test_a_refusal_inside_attempt_becomes_a_form_error_and_the_half_done_change_is_undone(
    boundary_app: Flask, boundary_client: FlaskClient
) -> None:
    response = boundary_client.post("/boundary-test/form", data={"name": "Child S"})
    assert response.status_code == 200
    assert response.get_data(as_text=True) == "form error: That name is already taken, so choose another"
    assert _people(boundary_app) == 0


def test_a_conflict_not_kept_on_the_form_is_a_409_with_its_words(
    boundary_app: Flask, boundary_client: FlaskClient
) -> None:
    response = boundary_client.post("/boundary-test/form-conflict", data={"name": "x"})
    assert response.status_code == 409
    assert "Someone changed this a moment ago" in response.get_data(as_text=True)
    assert _people(boundary_app) == 0


@pytest.mark.parametrize(
    ("kind", "status", "words"),
    [
        ("plain", 400, "The date must be a working day"),
        ("conflict", 409, "The notice was served a moment ago"),
        ("refused", 403, "Only the Chair may decide this"),
        ("missing", 404, "That paper has gone"),
    ],
)
def test_a_service_error_escaping_a_view_is_answered_with_its_status_and_words_and_nothing_is_saved(
    boundary_app: Flask, boundary_client: FlaskClient, kind: str, status: int, words: str
) -> None:
    response = boundary_client.post(f"/boundary-test/escapes/{kind}")
    assert response.status_code == status
    assert words in response.get_data(as_text=True)
    assert _people(boundary_app) == 0
    assert EVENTS == ["rolled back"]


def test_an_integrity_error_at_commit_is_a_409_that_says_what_happened(
    boundary_app: Flask, boundary_client: FlaskClient
) -> None:
    response = boundary_client.post("/boundary-test/race")
    assert response.status_code == 409
    assert RACE_MESSAGE in response.get_data(as_text=True)
    assert _people(boundary_app) == 0
    assert EVENTS == ["rolled back"]


def test_a_view_that_returns_is_committed_once_and_its_after_commit_work_runs(
    boundary_app: Flask, boundary_client: FlaskClient
) -> None:
    response = boundary_client.post("/boundary-test/saves")
    assert response.status_code == 200
    assert _people(boundary_app) == 1
    assert EVENTS == ["committed"]


def test_installing_the_boundary_twice_wraps_each_view_once(boundary_app: Flask) -> None:
    before = dict(boundary_app.view_functions)
    install_boundary(boundary_app)
    assert boundary_app.view_functions == before


def test_a_form_that_makes_its_change_says_so_and_moves_on(boundary_app: Flask, boundary_client: FlaskClient) -> None:
    response = boundary_client.post("/boundary-test/submitted", data={"name": "kim"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/people/kim"
    with boundary_client.session_transaction() as session:
        assert session["_flashes"] == [("success", "kim is added")]
    assert _people(boundary_app) == 1


def test_a_form_whose_change_is_refused_shows_the_page_again_with_the_words_and_nothing_kept(
    boundary_app: Flask, boundary_client: FlaskClient
) -> None:
    response = boundary_client.post("/boundary-test/submitted", data={"name": "taken"})
    assert response.status_code == 200
    assert response.get_data(as_text=True) == "the page again: ['That name is already taken, so choose another']"
    assert _people(boundary_app) == 0


def test_a_page_asked_for_without_its_form_is_shown_and_changes_nothing(
    boundary_app: Flask, boundary_client: FlaskClient
) -> None:
    response = boundary_client.get("/boundary-test/submitted")
    assert response.get_data(as_text=True) == "the page again: ()"  # no errors: the form was not sent
    assert _people(boundary_app) == 0


@pytest.mark.nodb
def test_each_record_an_address_names_is_checked_against_its_own_committee() -> None:
    """The permission table is asked for the committee the record belongs to, however deep: a
    committee, a meeting, a record of a meeting, a record of an agenda item."""
    from govapp.models import AgendaItem
    from govapp.models import AgendaRequest
    from govapp.models import Committee
    from govapp.models import Declaration
    from govapp.models import Meeting
    from govapp.models import Requisition
    from govapp.web import committee_of

    panel = Committee(name="Case Management Review Panel", short_name="CMR Panel")
    meeting = Meeting(committee=panel)
    item = AgendaItem(meeting=meeting, position=1, title="Case review")
    records = [
        panel,
        meeting,
        item,
        AgendaRequest(meeting=meeting, matter="A matter"),
        Declaration(agenda_item=item, nature="A family connection"),
        Requisition(committee=panel, purpose="A purpose"),
    ]
    assert [committee_of(record) for record in records] == [panel] * len(records)
    with pytest.raises(TypeError, match="Person belongs to no committee"):
        committee_of(Person(full_name="Nobody", email="nobody@example.org"))


def test_a_record_the_address_names_that_does_not_exist_is_a_404_that_says_what_is_missing(
    boundary_app: Flask,
) -> None:
    from werkzeug.exceptions import NotFound

    from govapp.web import loader

    with boundary_app.app_context(), pytest.raises(NotFound) as missing:
        loader(Person, "person")(999_999)
    assert missing.value.description == "There is no such person."
