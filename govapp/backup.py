"""Backup and restore: one archive holding the database, the papers and a manifest with checksums.

``flask --app wsgi backup`` writes ``govapp-backup-<UTC time>.tar.gz``:

- ``database.sqlite3``: a consistent copy made with SQLite's online backup API, or
  ``database.pgdump``: ``pg_dump`` in its custom format, for PostgreSQL;
- ``papers/<storage key>``: every file in ``PAPERS_DIR``;
- ``manifest.json``: when, from which schema revision, each file's SHA-256 and size, and each
  table's row count.

``flask --app wsgi restore ARCHIVE`` checks every checksum first, refuses an archive that does not
match its manifest, and restores only into an **empty** database (no tables at all: a new SQLite
file, or a newly created PostgreSQL database) and a papers folder without those files, so a restore
can never overwrite a live record. Run ``flask --app wsgi db upgrade`` afterwards if the backup came
from an older version of govapp.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import UTC
from datetime import datetime
from pathlib import Path
from pathlib import PurePosixPath
from typing import Any

from sqlalchemy import inspect
from sqlalchemy import text
from sqlalchemy.engine import URL
from sqlalchemy.engine import make_url

from govapp.cache import renew_epoch
from govapp.extensions import db
from govapp.papers_storage import current_store

MANIFEST = "manifest.json"
FORMAT = 1


class BackupError(RuntimeError):
    """A backup or restore that cannot go ahead; the message says why and what to do."""


@dataclass(frozen=True)
class Restored:
    tables: int
    papers: int
    revision: str | None


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _database_url() -> URL:
    return make_url(str(db.engine.url.render_as_string(hide_password=False)))


def _libpq(url: URL) -> tuple[list[str], dict[str, str]]:
    """``pg_dump``/``pg_restore`` connection arguments, the password in the environment (never argv)."""
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    plain = url.set(drivername="postgresql", password=None).render_as_string(hide_password=False)
    return ["--dbname", plain], env


def _dump_database(work: Path) -> tuple[str, Path]:
    url = _database_url()
    if url.get_backend_name() == "sqlite":
        target = work / "database.sqlite3"
        source = sqlite3.connect(str(url.database))
        try:
            with sqlite3.connect(str(target)) as copy:
                source.backup(copy)
            copy.close()
        finally:
            source.close()
        return "sqlite", target
    if url.get_backend_name() == "postgresql":
        target = work / "database.pgdump"
        connection, env = _libpq(url)
        command = ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", str(target), *connection]
        _run(command, env, "pg_dump")
        return "postgresql", target
    raise BackupError(f"Backups support SQLite and PostgreSQL, not {url.get_backend_name()}.")


def _run(command: list[str], env: dict[str, str], name: str) -> None:
    try:
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=3600, check=False)  # noqa: S603
    except FileNotFoundError:
        raise BackupError(f"{name} is not installed. Install the PostgreSQL client (postgresql-client).") from None
    if done.returncode != 0:
        raise BackupError(f"{name} failed: {done.stderr.strip()[-500:]}")


def _row_counts() -> dict[str, int]:
    names = sorted(inspect(db.engine).get_table_names())
    with db.engine.connect() as connection:
        # The names come from the database's own catalogue, not from input.
        return {
            name: int(connection.execute(text(f'SELECT COUNT(*) FROM "{name}"')).scalar_one())  # noqa: S608
            for name in names
        }


def _revision() -> str | None:
    if "alembic_version" not in inspect(db.engine).get_table_names():
        return None
    with db.engine.connect() as connection:
        value = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    return str(value) if value is not None else None


def make_backup(destination: Path, *, now: datetime) -> Path:
    """Write one archive into ``destination`` (a folder) and return its path."""
    destination.mkdir(parents=True, exist_ok=True)
    store = current_store()
    with tempfile.TemporaryDirectory(prefix="govapp-backup-") as scratch:
        dialect, dump = _dump_database(Path(scratch))
        entries: dict[str, bytes] = {dump.name: dump.read_bytes()}
        if store.root.is_dir():
            for path in sorted(store.root.iterdir()):
                if path.is_file() and not path.name.startswith("."):
                    entries[f"papers/{path.name}"] = path.read_bytes()
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "made_at": now.astimezone(UTC).isoformat(),
        "dialect": dialect,
        "revision": _revision(),
        "tables": _row_counts(),
        "files": {name: {"sha256": _sha256(data), "bytes": len(data)} for name, data in entries.items()},
    }
    archive = destination / f"govapp-backup-{now.astimezone(UTC):%Y%m%dT%H%M%SZ}.tar.gz"
    partial = archive.with_suffix(".partial")
    with tarfile.open(partial, "w:gz") as tar:
        for name, data in [(MANIFEST, json.dumps(manifest, indent=2).encode()), *entries.items()]:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mode = 0o600
            info.mtime = int(now.timestamp())
            tar.addfile(info, io.BytesIO(data))
    partial.chmod(0o600)
    partial.replace(archive)
    return archive


def read_archive(archive: Path) -> tuple[dict[str, Any], dict[str, bytes]]:
    """The manifest and files of ``archive``, every checksum checked; a ``BackupError`` otherwise."""
    try:
        with tarfile.open(archive, "r:gz") as tar:
            files: dict[str, bytes] = {}
            for member in tar.getmembers():
                name = PurePosixPath(member.name)
                if not member.isfile() or name.is_absolute() or ".." in name.parts:
                    raise BackupError(
                        f"The archive holds an unexpected entry, {member.name!r}: it is not a govapp backup."
                    )
                handle = tar.extractfile(member)
                files[member.name] = handle.read() if handle else b""
    except (OSError, tarfile.TarError) as error:
        raise BackupError(f"The archive cannot be read: {error}.") from None
    try:
        manifest = json.loads(files.pop(MANIFEST))
    except (KeyError, ValueError):
        raise BackupError("The archive has no readable manifest: it is not a govapp backup.") from None
    listed = manifest.get("files", {})
    if set(listed) != set(files):
        raise BackupError("The archive's files do not match its manifest: files were added or removed.")
    for filename, data in files.items():
        if _sha256(data) != listed[filename]["sha256"]:
            raise BackupError(
                f"{filename} does not match its checksum in the manifest: the archive was changed or damaged."
            )
    return manifest, files


def restore_backup(archive: Path) -> Restored:
    """Restore ``archive`` into this application's database (which must be empty) and papers folder."""
    manifest, files = read_archive(archive)
    url = _database_url()
    if manifest["dialect"] != url.get_backend_name():
        raise BackupError(
            f"This backup is of a {manifest['dialect']} database; the configured database is "
            f"{url.get_backend_name()}. Restore it into the same kind of database."
        )
    if inspect(db.engine).get_table_names():
        raise BackupError(
            "The database is not empty. Restore only into a new, empty database, so nothing live is overwritten."
        )
    store = current_store()
    papers = {name.removeprefix("papers/"): data for name, data in files.items() if name.startswith("papers/")}
    clashes = [key for key in papers if store.root.is_dir() and (store.root / key).exists()]
    if clashes:
        raise BackupError(f"The papers folder already holds {len(clashes)} of the backup's files. Use an empty folder.")
    db.session.remove()
    db.engine.dispose()
    with tempfile.TemporaryDirectory(prefix="govapp-restore-") as scratch:
        if manifest["dialect"] == "sqlite":
            source_path = Path(scratch) / "database.sqlite3"
            source_path.write_bytes(files["database.sqlite3"])
            source = sqlite3.connect(str(source_path))
            try:
                with sqlite3.connect(str(url.database)) as target:
                    source.backup(target)
                target.close()
            finally:
                source.close()
        else:
            dump = Path(scratch) / "database.pgdump"
            dump.write_bytes(files["database.pgdump"])
            connection, env = _libpq(url)
            _run(
                ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", *connection, str(dump)],
                env,
                "pg_restore",
            )
    db.engine.dispose()
    store.root.mkdir(parents=True, exist_ok=True, mode=0o700)
    for key, data in papers.items():
        path = store.path_for(key)
        path.write_bytes(data)
        path.chmod(0o600)
    counts = _row_counts()
    if counts != manifest["tables"]:
        raise BackupError("The restored tables do not hold the rows the manifest counts. Check the database.")
    if "record_version" in counts:
        # Versions counted before the backup must not match what workers remembered since.
        renew_epoch()
        db.session.commit()
    return Restored(tables=len(counts), papers=len(papers), revision=manifest.get("revision"))
