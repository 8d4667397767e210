"""Back up, restore into a fresh instance, and find every table and paper as it was."""

from __future__ import annotations

import io
import json
import os
import tarfile
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import inspect
from sqlalchemy import text

from govapp.extensions import db
from govapp.models import MemberRole
from govapp.papers_storage import current_store
from govapp.services.accounts import add_person
from govapp.services.accounts import create_account
from govapp.services.committees import appoint_member
from govapp.services.committees import create_committee
from tests.conftest import ScratchDatabase
from tests.conftest import _postgres_scratch_database
from tests.conftest import make_test_app

PASSWORD = "granite-heron-linen-falcon"


def _everything(app: Flask) -> tuple[dict[str, list[tuple[object, ...]]], dict[str, bytes]]:
    """Every row of every table, in primary-key order, and every paper file."""
    with app.app_context():
        inspector = inspect(db.engine)
        tables: dict[str, list[tuple[object, ...]]] = {}
        with db.engine.connect() as connection:
            for name in sorted(inspector.get_table_names()):
                keys = inspector.get_pk_constraint(name)["constrained_columns"] or ["1"]
                order = ", ".join(f'"{k}"' for k in keys)
                rows = connection.execute(text(f'SELECT * FROM "{name}" ORDER BY {order}'))  # noqa: S608
                tables[name] = [tuple(row) for row in rows]
        store = current_store()
        papers = {p.name: p.read_bytes() for p in store.root.iterdir()} if store.root.is_dir() else {}
    return tables, papers


@pytest.fixture
def fresh_database_url(scratch_database_url: ScratchDatabase) -> Iterator[str]:
    """A second, empty database of the same kind, for the restore."""
    if scratch_database_url.dialect == "postgresql":
        yield from _postgres_scratch_database(os.environ["TEST_DATABASE_URL"])
    else:
        with tempfile.TemporaryDirectory() as folder:
            yield f"sqlite:///{folder}/restored.sqlite3"


def _some_record(app: Flask) -> list[str]:
    with app.app_context():
        admin = create_account(None, add_person(None, full_name="Ada Admin", email="ada@example.org"), PASSWORD)
        panel = create_committee(admin, name="Case Management Review Panel", short_name="CMR Panel")
        person = add_person(admin, full_name="Bea Member", email="bea@example.org")
        appoint_member(admin, panel, person, role=MemberRole.CHAIR, agency="Independent", starts_on=date(2026, 4, 1))
        db.session.commit()
        store = current_store()
        return [store.save(b"%PDF-1.7 briefing for Child A"), store.save(bytes(range(256)) * 10)]


def test_a_restore_reproduces_every_table_and_paper(app: Flask, fresh_database_url: str, tmp_path: Path) -> None:
    saved = _some_record(app)
    before = _everything(app)
    backup = app.test_cli_runner().invoke(args=["backup", "--to", str(tmp_path)])
    assert backup.exit_code == 0, backup.output
    (archive,) = tmp_path.glob("govapp-backup-*.tar.gz")
    assert oct(archive.stat().st_mode & 0o777) == "0o600"

    with tarfile.open(archive) as tar:
        manifest = json.loads(tar.extractfile("manifest.json").read())  # type: ignore[union-attr]
    assert manifest["tables"]["people"] == 2
    # Every file in the papers folder is in the archive (other tests' files may be there too).
    assert {f"papers/{key}" for key in saved} <= set(manifest["files"])
    assert {name for name in manifest["files"] if name.startswith("papers/")} == {f"papers/{k}" for k in before[1]}

    papers = tmp_path / "restored-papers"
    restored_app = make_test_app(fresh_database_url, PAPERS_DIR=str(papers))
    try:
        restore = restored_app.test_cli_runner().invoke(args=["restore", str(archive)])
        assert restore.exit_code == 0, restore.output
        assert f"{len(before[1])} paper file" in restore.output
        after = _everything(restored_app)
        # The record's version restarts with a new epoch, so no worker mistakes it for a version it
        # remembered (govapp.cache); every other row is as it was.
        (_id, counter, epoch), (_id2, counter_after, epoch_after) = (
            before[0].pop("record_version")[0],
            after[0].pop("record_version")[0],
        )
        assert counter_after == counter and epoch_after != epoch
        assert after == before
        # Restoring twice would overwrite a live record: refused.
        again = restored_app.test_cli_runner().invoke(args=["restore", str(archive)])
        assert again.exit_code != 0
        assert "The database is not empty" in again.output
    finally:
        with restored_app.app_context():
            db.engine.dispose()


def test_a_changed_archive_is_refused_before_anything_is_restored(
    app: Flask, fresh_database_url: str, tmp_path: Path
) -> None:
    _some_record(app)
    assert app.test_cli_runner().invoke(args=["backup", "--to", str(tmp_path)]).exit_code == 0
    (archive,) = tmp_path.glob("govapp-backup-*.tar.gz")
    tampered = tmp_path / "tampered.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(tampered, "w:gz") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read()  # type: ignore[union-attr]
            if member.name.startswith("papers/"):
                data = data[:-1] + b"!"
            member.size = len(data)
            target.addfile(member, io.BytesIO(data))
    restored_app = make_test_app(fresh_database_url, PAPERS_DIR=str(tmp_path / "papers"))
    try:
        result = restored_app.test_cli_runner().invoke(args=["restore", str(tampered)])
        assert result.exit_code != 0
        assert "does not match its checksum" in result.output
        with restored_app.app_context():
            assert inspect(db.engine).get_table_names() == []
    finally:
        with restored_app.app_context():
            db.engine.dispose()


def test_orphaned_paper_files_are_listed_and_then_deleted(app: Flask) -> None:
    with app.app_context():
        store = current_store()
        orphan = store.save(b"%PDF-1.7 left behind by an upload that was undone")
    runner = app.test_cli_runner()
    listed = runner.invoke(args=["papers", "clean-up"])
    assert listed.exit_code == 0
    assert f"Orphaned: {orphan}" in listed.output
    assert (store.root / orphan).exists()
    deleted = runner.invoke(args=["papers", "clean-up", "--delete"])
    assert f"Deleted: {orphan}" in deleted.output
    assert not (store.root / orphan).exists()
