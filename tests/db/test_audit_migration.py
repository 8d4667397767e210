"""Records written before the audit record became a hash chain are sealed by the migration."""

from __future__ import annotations

from datetime import UTC
from datetime import datetime

from flask_migrate import upgrade
from sqlalchemy import text

from govapp.extensions import db
from govapp.services.audit import verify_chain
from tests.conftest import make_test_app
from tests.db.test_migrations import empty_database_url  # noqa: F401 - a fixture


def test_the_migration_seals_existing_records_in_order(empty_database_url: str) -> None:  # noqa: F811
    app = make_test_app(empty_database_url)
    with app.app_context():
        upgrade(revision="0002")
        for n in range(3):
            db.session.execute(
                text(
                    "INSERT INTO audit_events (occurred_at, actor_label, action, entity_type, entity_id, after) "
                    "VALUES (:at, :label, 'add_person', 'Person', :n, :after)"
                ),
                {
                    "at": datetime(2026, 11, 1 + n, 9, tzinfo=UTC),
                    "label": f"admin{n}@example.org",
                    "n": n,
                    "after": '{"email": "p@example.org"}',
                },
            )
        db.session.commit()
        upgrade()
        assert verify_chain() == (3, None)
        db.session.execute(text("UPDATE audit_events SET actor_label = 'x' WHERE entity_id = 1"))
        db.session.commit()
        _count, broken = verify_chain()
        assert broken is not None and "content does not match" in broken.reason
        db.session.remove()
        db.engine.dispose()
