"""Work outside the database (deleting a file) runs only once the request's change is committed."""

from __future__ import annotations

from flask import Blueprint
from flask import Flask

from govapp.services import ServiceError
from govapp.web import after_commit
from govapp.web import install_boundary
from tests.conftest import ScratchDatabase
from tests.conftest import make_test_app


def test_after_commit_runs_on_success_and_never_on_a_refusal(scratch_database_url: ScratchDatabase) -> None:
    app: Flask = make_test_app(scratch_database_url.url, WTF_CSRF_ENABLED=False)
    done: list[str] = []
    probe = Blueprint("probe", __name__)

    @probe.route("/probe/<outcome>", methods=["POST"])
    def run(outcome: str) -> str:
        after_commit(lambda: done.append(outcome))
        if outcome == "refused":
            raise ServiceError("Not today.")
        return "ok"

    app.register_blueprint(probe)
    install_boundary(app)
    client = app.test_client()
    assert client.post("/probe/saved").status_code == 200
    refused = client.post("/probe/refused")
    assert refused.status_code == 400
    assert "Not today." in refused.get_data(as_text=True)
    assert done == ["saved"]
