"""The application factory and its configuration."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient

from govapp import create_app
from govapp.config import Config
from govapp.config import DevelopmentConfig
from govapp.config import database_url_from_env


def test_production_refuses_to_start_without_a_secret_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(RuntimeError, match="SECRET_KEY is not set"):
        create_app(Config())


def test_production_cookies_are_secure(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("SECRET_KEY", "x" * 64)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/prod.sqlite3")
    app = create_app(Config())
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert app.config["WTF_CSRF_ENABLED"] is True


def test_development_generates_and_keeps_its_own_secret(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("SECRET_KEY", raising=False)
    config = DevelopmentConfig()
    config.finalise(str(tmp_path))
    again = DevelopmentConfig()
    again.finalise(str(tmp_path))
    assert config.SECRET_KEY and config.SECRET_KEY == again.SECRET_KEY
    assert (tmp_path / "secret-key").stat().st_mode & 0o077 == 0


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("postgres://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgresql://u@h:5432/db", "postgresql+psycopg://u@h:5432/db"),
        ("postgresql+psycopg://u@h/db", "postgresql+psycopg://u@h/db"),
    ],
)
def test_database_url_uses_psycopg_3(monkeypatch: pytest.MonkeyPatch, url: str, expected: str) -> None:
    monkeypatch.setenv("DATABASE_URL", url)
    assert database_url_from_env("/instance") == expected


def test_without_database_url_the_database_is_sqlite_in_the_instance_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    assert database_url_from_env("/srv/instance") == "sqlite:////srv/instance/govapp.sqlite3"


def test_pages_carry_security_headers(client: FlaskClient) -> None:
    response = client.get("/sign-in")
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_pages_use_the_boards_branding_not_gov_uk(client: FlaskClient, app: Flask) -> None:
    html = client.get("/sign-in").get_data(as_text=True)
    assert "Safeguarding Board for Northern Ireland" in html
    assert "govuk-header__logotype" not in html  # no GOV.UK crown
    assert "GOV.UK" not in html
    with app.open_resource("static/css/application.css") as css:
        stylesheet = css.read().decode()
    assert "GDS Transport" not in stylesheet
    assert "@font-face" not in stylesheet


def test_a_setting_that_is_not_a_number_is_refused_with_its_name(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SMTP_PORT", "twenty-five")
    with pytest.raises(RuntimeError, match="SMTP_PORT must be a whole number"):
        Config()
