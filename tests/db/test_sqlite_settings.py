"""SQLite runs in WAL mode with a busy timeout and foreign keys enforced."""

from __future__ import annotations

import pytest
from flask import Flask
from sqlalchemy import text

from govapp.extensions import db


def test_sqlite_uses_wal_a_busy_timeout_and_foreign_keys(app_ctx: Flask) -> None:
    if db.engine.dialect.name != "sqlite":
        pytest.skip("SQLite settings only apply to SQLite")
    with db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 5000
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
