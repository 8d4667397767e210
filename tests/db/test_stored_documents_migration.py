"""Kept documents move into stored_documents, one copy per distinct document, and back again."""

from __future__ import annotations

from datetime import UTC
from datetime import date
from datetime import datetime

from flask_migrate import downgrade
from flask_migrate import upgrade
from sqlalchemy import func
from sqlalchemy import select
from sqlalchemy import text

from govapp.extensions import db
from govapp.models import MinutesCirculation
from govapp.models import StoredDocument
from govapp.models.minutes import Minutes
from govapp.services.stored_documents import store_document
from tests.conftest import make_test_app
from tests.db.test_migrations import empty_database_url  # noqa: F401 - a fixture
from tests.factories import make_committee
from tests.factories import make_meeting

DRAFT = b"PK\x03\x04 the draft minutes, version 1"
AMENDED = b"PK\x03\x04 the draft minutes, version 2"


def test_documents_are_stored_once_by_hash_and_restored_on_downgrade(empty_database_url: str) -> None:  # noqa: F811
    app = make_test_app(empty_database_url)
    with app.app_context():
        upgrade()
        setup = make_committee(members=1)
        minutes = Minutes(meeting=make_meeting(setup.committee, date(2026, 10, 1)))
        db.session.add(minutes)
        at = datetime(2026, 10, 5, 9, tzinfo=UTC)
        for version, data in enumerate([DRAFT, DRAFT, AMENDED], start=1):  # circulated twice unchanged
            db.session.add(
                MinutesCirculation(minutes=minutes, version=version, circulated_at=at, stored=store_document(data))
            )
        db.session.commit()
        assert db.session.scalar(select(func.count()).select_from(StoredDocument)) == 2
        db.session.remove()  # the migration alters these tables: no transaction may hold them

        downgrade(revision="0014")
        kept = db.session.execute(text("SELECT version, document FROM minutes_circulations ORDER BY version")).all()
        assert [bytes(row[1]) for row in kept] == [DRAFT, DRAFT, AMENDED]
        db.session.remove()

        upgrade()
        stored = db.session.execute(text("SELECT sha256, content FROM stored_documents")).all()
        assert sorted(bytes(row[1]) for row in stored) == sorted([DRAFT, AMENDED])
        documents = [
            c.document for c in db.session.scalars(select(MinutesCirculation).order_by(MinutesCirculation.version))
        ]
        assert documents == [DRAFT, DRAFT, AMENDED]
        db.session.remove()
        db.engine.dispose()
