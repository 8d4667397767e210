"""The schema comes only from the migrations: they upgrade from empty and downgrade back."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator

import pytest
from flask_migrate import downgrade
from flask_migrate import upgrade
from sqlalchemy import inspect

from govapp.extensions import db
from govapp.models import Base
from tests.conftest import _postgres_scratch_database
from tests.conftest import make_test_app


@pytest.fixture
def empty_database_url() -> Iterator[str]:
    url = os.environ.get("TEST_DATABASE_URL")
    if url:
        yield from _postgres_scratch_database(url)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            yield f"sqlite:///{tmp}/migrations.sqlite3"


def test_migrations_upgrade_from_empty_and_downgrade_back(empty_database_url: str) -> None:
    app = make_test_app(empty_database_url)
    with app.app_context():
        assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
        upgrade()
        tables = set(inspect(db.engine).get_table_names())
        assert set(Base.metadata.tables) <= tables
        downgrade(revision="base")
        assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
        upgrade()
        assert set(Base.metadata.tables) <= set(inspect(db.engine).get_table_names())
        db.engine.dispose()


def test_the_migrated_schema_matches_the_models(app) -> None:  # type: ignore[no-untyped-def]
    """No model change is left without a migration (autogenerate finds nothing to do)."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with app.app_context(), db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    assert differences == []


def test_constraints_are_named_by_the_convention(app) -> None:  # type: ignore[no-untyped-def]
    with app.app_context():
        inspector = inspect(db.engine)
        fks = inspector.get_foreign_keys("memberships")
        assert {fk["name"] for fk in fks} == {
            "fk_memberships_committee_id_committees",
            "fk_memberships_person_id_people",
            "fk_memberships_agency_id_agencies",
        }
        uniques = {u["name"] for u in inspector.get_unique_constraints("people")}
        assert "uq_people_email" in uniques
