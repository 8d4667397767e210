"""Fixtures: a real database built by the migrations, on SQLite or (TEST_DATABASE_URL) PostgreSQL.

Each test starts from empty tables: rows are deleted after every test rather than rolled back, so
tests may commit, and may use several connections at once, as the application does.
"""

from __future__ import annotations

import os
import re
import secrets
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC
from datetime import date
from datetime import datetime
from pathlib import Path
from typing import Any

import html5lib
import pytest
from bs4 import BeautifulSoup
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import create_engine
from sqlalchemy import text
from sqlalchemy.engine import make_url

from govapp import create_app
from govapp.config import TestConfig
from govapp.config import database_url_from_env
from govapp.extensions import db

TESTS = Path(__file__).parent
TITLE_SUFFIX = " – govapp – Safeguarding Board for Northern Ireland"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if any(Path(str(item.fspath)).is_relative_to(TESTS / area) for area in ("rules", "documents")):
            item.add_marker(pytest.mark.nodb)


@dataclass
class ScratchDatabase:
    url: str
    dialect: str


def _postgres_scratch_database(admin_url: str) -> Iterator[str]:
    """Create a throwaway database next to TEST_DATABASE_URL's, and drop it afterwards."""
    admin = make_url(database_url_from_env_url(admin_url))
    name = f"govapp_test_{secrets.token_hex(4)}"
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield admin.set(database=name).render_as_string(hide_password=False)
    finally:
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()


def database_url_from_env_url(url: str) -> str:
    old = os.environ.get("DATABASE_URL")
    os.environ["DATABASE_URL"] = url
    try:
        return database_url_from_env("unused")
    finally:
        if old is None:
            del os.environ["DATABASE_URL"]
        else:
            os.environ["DATABASE_URL"] = old


@pytest.fixture(scope="session")
def scratch_database_url() -> Iterator[ScratchDatabase]:
    """A new, empty database for the session: a SQLite file, or a PostgreSQL database."""
    url = os.environ.get("TEST_DATABASE_URL")
    if url:
        for scratch in _postgres_scratch_database(url):
            yield ScratchDatabase(scratch, "postgresql")
        return
    with tempfile.TemporaryDirectory() as tmp:
        yield ScratchDatabase(f"sqlite:///{tmp}/govapp-test.sqlite3", "sqlite")


def make_test_app(database_url: str, **overrides: Any) -> Flask:
    config = TestConfig()
    config.SQLALCHEMY_DATABASE_URI = database_url
    for key, value in overrides.items():
        setattr(config, key, value)
    return create_app(config)


@pytest.fixture(scope="session")
def app(scratch_database_url: ScratchDatabase) -> Iterator[Flask]:
    from flask_migrate import upgrade

    application = make_test_app(scratch_database_url.url)
    with application.app_context():
        upgrade()
        db.session.remove()
    yield application
    with application.app_context():
        db.engine.dispose()


FROZEN_NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _frozen_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test runs at 10am on Monday 23 November 2026 (the demo's reporting year), unless it sets
    its own time: the suite gives the same answers whatever day it is run."""
    from govapp import clock

    monkeypatch.setattr(clock, "now", lambda: FROZEN_NOW)


@pytest.fixture(autouse=True)
def _empty_tables(request: pytest.FixtureRequest) -> Iterator[None]:
    """After a database test, delete every row so the next test starts from empty tables."""
    yield
    if "app" not in request.fixturenames:
        return
    application: Flask = request.getfixturevalue("app")
    with application.app_context():
        db.session.remove()
        # The record's version stays, with a new epoch: what pages remembered belongs to the old record.
        tables = [t.name for t in reversed(db.metadata.sorted_tables) if t.name != "record_version"]
        with db.engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(text("TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " RESTART IDENTITY CASCADE"))
            else:
                for table in tables:
                    conn.execute(text(f'DELETE FROM "{table}"'))  # noqa: S608 (names from our metadata)
            conn.execute(text("UPDATE record_version SET epoch = :epoch"), {"epoch": secrets.token_hex(16)})
        from govapp.extensions import limiter

        limiter.reset()


@pytest.fixture
def app_ctx(app: Flask) -> Iterator[Flask]:
    with app.app_context():
        yield app
        db.session.remove()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


# --- pages ------------------------------------------------------------------------------------


def check_html(html: str) -> None:
    """Fail on HTML that a conforming parser reports errors in (unclosed tags, bad nesting...)."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    try:
        parser.parse(html)
    except html5lib.html5parser.ParseError as error:
        line = html.splitlines()
        raise AssertionError(f"invalid HTML: {error}\n{line[:0]}") from None
    ids = re.findall(r'\sid="([^"]+)"', html)
    duplicates = {i for i in ids if ids.count(i) > 1}
    assert not duplicates, f"duplicate ids: {duplicates}"


@dataclass
class Page:
    status: int
    html: str
    soup: BeautifulSoup

    @property
    def title(self) -> str:
        return self.soup.title.get_text(strip=True) if self.soup.title else ""

    @property
    def h1(self) -> str:
        h1 = self.soup.find("h1")
        return h1.get_text(" ", strip=True) if h1 else ""

    def text(self) -> str:
        return self.soup.get_text(" ", strip=True)


def get_page(client: FlaskClient, url: str, status: int = 200, *, title: str | None = None) -> Page:
    """GET a page and check what every page must be: the status, a proper title, valid HTML."""
    response = client.get(url)
    assert response.status_code == status, f"{url}: {response.status_code} != {status}\n{response.text[:2000]}"
    html = response.get_data(as_text=True)
    page = Page(response.status_code, html, BeautifulSoup(html, "html.parser"))
    check_html(html)
    assert page.title.endswith(TITLE_SUFFIX), page.title
    if title is not None:
        assert page.title == title + TITLE_SUFFIX
    assert page.soup.find("h1") is not None, "every page has a heading"
    return page


def csrf_token_from(html: str) -> str:
    soup = BeautifulSoup(html, "html.parser")
    field = soup.find("input", attrs={"name": "csrf_token"})
    assert field is not None, "the form carries a CSRF token"
    return str(field["value"])


def sign_in(client: FlaskClient, email: str, password: str) -> Any:
    token = csrf_token_from(client.get("/sign-in").get_data(as_text=True))
    return client.post("/sign-in", data={"email": email, "password": password, "csrf_token": token})


# --- the test world and the demo data ---------------------------------------------------------

DEMO_TODAY = date(2026, 11, 23)


@dataclass
class World:
    """Who signs in, by role, and their shared password."""

    password: str
    accounts: dict[str, list[str]]

    def email(self, role: str) -> str:
        return self.accounts[role][0]


#: The browser journeys sign in as the demo's people; the same shape.
Demo = World


def _by_role(accounts: list[tuple[str, str]]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for role, email in accounts:
        found.setdefault(role, []).append(email)
    return found


@pytest.fixture
def world(app: Flask) -> World:
    """The test suite's own Panel (``tests/panel_world.py``), built through the services."""
    from tests.panel_world import build_panel_world

    with app.app_context():
        sign_ins = build_panel_world(DEMO_TODAY)
        db.session.commit()
        db.session.remove()
    return World(sign_ins.password, _by_role(sign_ins.accounts))


@pytest.fixture
def demo(app: Flask) -> World:
    """The demo dataset, as ``make run`` loads it: for the browser journeys only (tests/e2e), which walk
    through govapp as a person trying it would. Every other test uses ``world``."""
    from govapp.demo import load_demo

    with app.app_context():
        sign_ins = load_demo(DEMO_TODAY)
        db.session.commit()
        db.session.remove()
    return World(sign_ins.password, _by_role(sign_ins.accounts))


@pytest.fixture(autouse=True, scope="session")
def _quick_password_hashing() -> Iterator[None]:
    """argon2id with small costs, so that tests creating many accounts stay quick."""
    from argon2 import PasswordHasher

    import govapp.passwords

    original = govapp.passwords._hasher
    govapp.passwords._hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    yield
    govapp.passwords._hasher = original


@pytest.fixture
def on_the_meeting_day(monkeypatch: pytest.MonkeyPatch) -> datetime:
    """The clock at 9:30 on the demo Panel's December meeting day: its record opens on the day, and the
    meeting has not begun, so steps taken before it still can be."""
    from govapp import clock

    moment = datetime(2026, 12, 3, 9, 30, tzinfo=UTC)
    monkeypatch.setattr(clock, "now", lambda: moment)
    return moment


# --- factories (tests/factories.py) ------------------------------------------------------------


@pytest.fixture
def committee_setup(app_ctx: Flask) -> Any:
    """A committee built by ``make_committee()``: a Chair, eight members and a secretariat officer."""
    from tests.factories import make_committee

    setup = make_committee()
    db.session.commit()
    return setup


@pytest.fixture
def member_login(app: Flask) -> Any:
    """The sign-in details of one member of a committee built by ``make_committee(members=1)``."""
    from tests.factories import make_committee

    with app.app_context():
        setup = make_committee(members=1)
        db.session.commit()
        login = setup.members[0].login
        db.session.remove()
    return login


@pytest.fixture
def people(app: Flask) -> Any:
    """``make_sign_ins()``, committed: sign-in details for each role (admin, chair, member,
    secretariat, officer) of a CMR Panel built by the factories."""
    from tests.factories import make_sign_ins

    with app.app_context():
        sign_ins = make_sign_ins()
        db.session.commit()
        db.session.remove()
    return sign_ins
