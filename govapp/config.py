"""Settings, read from the environment.

There are no fallback secrets: outside development and testing, ``SECRET_KEY`` must be set. In
development (``GOVAPP_ENV=development``, what ``make run`` uses) a random key is generated once and
kept in the instance folder, which is never committed.
"""

from __future__ import annotations

import os
import secrets
import tempfile
from pathlib import Path
from typing import ClassVar


def _flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _int(name: str, value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise RuntimeError(f"{name} must be a whole number; got {value!r}") from None


def database_url_from_env(instance_path: str) -> str:
    """``DATABASE_URL`` if set (PostgreSQL), else a SQLite file in the instance folder."""
    url = os.environ.get("DATABASE_URL", "").strip()
    if not url:
        return "sqlite:///" + str(Path(instance_path) / "govapp.sqlite3")
    # Accept the common postgres:// and postgresql:// forms and use psycopg 3.
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    return url


class Config:
    """Production defaults. Every setting can be overridden from the environment."""

    ENV_NAME = "production"
    TESTING = False
    # The instance folder (SQLite database, generated development key, uploaded papers).
    INSTANCE_PATH: str | None = None
    SECRET_KEY: str | None = None
    SQLALCHEMY_DATABASE_URI: str | None = None
    SQLALCHEMY_ENGINE_OPTIONS: ClassVar[dict[str, object]] = {"pool_pre_ping": True}
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "govapp_session"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_SECURE = True
    PERMANENT_SESSION_LIFETIME = 8 * 60 * 60
    # Signed-in sessions end after SESSION_IDLE_MINUTES without a request, and SESSION_MAX_HOURS after sign-in.
    SESSION_IDLE_MINUTES = 30
    SESSION_MAX_HOURS = 12
    # API tokens expire TOKEN_LIFETIME_DAYS after they are made.
    TOKEN_LIFETIME_DAYS = 90
    # Every account must set up a second factor (an authenticator app) before using govapp.
    REQUIRE_TWO_FACTOR = True
    WTF_CSRF_ENABLED = True
    WTF_CSRF_TIME_LIMIT = 8 * 60 * 60
    MAX_CONTENT_LENGTH = 20 * 1024 * 1024
    # Papers: one file at most MAX_PAPER_MB (default 15); files kept in PAPERS_DIR (default instance/papers).
    MAX_PAPER_BYTES = 15 * 1024 * 1024
    PAPERS_DIR: str | None = None
    # What pages work out from the record is remembered until it changes (govapp.cache): at most
    # CACHE_ENTRIES values per worker; 0 turns this off.
    CACHE_ENTRIES = 2048
    # ClamAV's daemon socket (e.g. /run/clamav/clamd.ctl): when set, every upload is scanned, and refused
    # if the scanner finds something or cannot be reached.
    CLAMD_SOCKET: str | None = None
    # Email: links in emails start with BASE_URL; the outbox worker sends over SMTP (no SMTP_HOST: not sent).
    BASE_URL = "http://127.0.0.1:5000"
    SMTP_HOST: str | None = None
    SMTP_PORT: int | None = None  # default 587 with SMTP_STARTTLS, 465 with SMTP_SSL, else 25
    SMTP_USERNAME: str | None = None
    SMTP_PASSWORD: str | None = None
    SMTP_STARTTLS = False
    SMTP_SSL = False
    MAIL_FROM = "govapp@localhost"
    OUTBOX_MAX_ATTEMPTS = 8
    RATELIMIT_STORAGE_URI = "memory://"
    RATELIMIT_HEADERS_ENABLED = False
    # If Redis cannot be reached, count in this worker's memory (and log it) rather than fail or wave through.
    RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True
    RATELIMIT_SWALLOW_ERRORS = True
    RATELIMIT_STORAGE_OPTIONS: ClassVar[dict[str, object]] = {"socket_connect_timeout": 1, "socket_timeout": 1}
    # How many reverse proxies stand in front of govapp and set X-Forwarded-For and X-Forwarded-Proto.
    # 0 (the default) believes no forwarded header: only set it when a proxy really is there.
    TRUSTED_PROXIES = 0
    SIGN_IN_FAILURE_LIMIT = "10 per 5 minutes"
    SQLITE_BUSY_TIMEOUT_MS = 5000

    def __init__(self) -> None:
        env = os.environ
        if env.get("GOVAPP_INSTANCE_PATH"):
            self.INSTANCE_PATH = os.path.abspath(env["GOVAPP_INSTANCE_PATH"])
        if env.get("SECRET_KEY"):
            self.SECRET_KEY = env["SECRET_KEY"]
        if env.get("RATELIMIT_STORAGE_URI"):
            self.RATELIMIT_STORAGE_URI = env["RATELIMIT_STORAGE_URI"]
        elif env.get("REDIS_URL"):
            self.RATELIMIT_STORAGE_URI = env["REDIS_URL"]
        if env.get("TRUSTED_PROXIES"):
            self.TRUSTED_PROXIES = max(0, _int("TRUSTED_PROXIES", env["TRUSTED_PROXIES"]))
        if env.get("SIGN_IN_FAILURE_LIMIT"):
            self.SIGN_IN_FAILURE_LIMIT = env["SIGN_IN_FAILURE_LIMIT"]
        if env.get("MAX_UPLOAD_MB"):
            self.MAX_CONTENT_LENGTH = _int("MAX_UPLOAD_MB", env["MAX_UPLOAD_MB"]) * 1024 * 1024
        if env.get("MAX_PAPER_MB"):
            self.MAX_PAPER_BYTES = _int("MAX_PAPER_MB", env["MAX_PAPER_MB"]) * 1024 * 1024
        if env.get("CACHE_ENTRIES"):
            self.CACHE_ENTRIES = max(0, _int("CACHE_ENTRIES", env["CACHE_ENTRIES"]))
        if env.get("PAPERS_DIR"):
            self.PAPERS_DIR = env["PAPERS_DIR"]
        if env.get("CLAMD_SOCKET"):
            self.CLAMD_SOCKET = env["CLAMD_SOCKET"].strip()
        for name in ("BASE_URL", "SMTP_HOST", "SMTP_USERNAME", "SMTP_PASSWORD", "MAIL_FROM"):
            if env.get(name):
                setattr(self, name, env[name].strip())
        if env.get("SMTP_PORT"):
            self.SMTP_PORT = _int("SMTP_PORT", env["SMTP_PORT"])
        if env.get("OUTBOX_MAX_ATTEMPTS"):
            self.OUTBOX_MAX_ATTEMPTS = max(1, _int("OUTBOX_MAX_ATTEMPTS", env["OUTBOX_MAX_ATTEMPTS"]))
        self.SMTP_STARTTLS = _flag("SMTP_STARTTLS")
        self.SMTP_SSL = _flag("SMTP_SSL")
        if "SESSION_COOKIE_SECURE" in env:
            self.SESSION_COOKIE_SECURE = self.REMEMBER_COOKIE_SECURE = _flag("SESSION_COOKIE_SECURE")
        if "REQUIRE_TWO_FACTOR" in env:
            self.REQUIRE_TWO_FACTOR = _flag("REQUIRE_TWO_FACTOR")
        for name in ("SESSION_IDLE_MINUTES", "SESSION_MAX_HOURS", "TOKEN_LIFETIME_DAYS"):
            if env.get(name):
                value = _int(name, env[name])
                if value < 1:
                    raise RuntimeError(f"{name} must be 1 or more; got {value}")
                setattr(self, name, value)

    def finalise(self, instance_path: str) -> None:
        """Fill in what depends on the instance folder; refuse to start without a secret."""
        if self.SQLALCHEMY_DATABASE_URI is None:
            self.SQLALCHEMY_DATABASE_URI = database_url_from_env(instance_path)
        if self.PAPERS_DIR is None:
            self.PAPERS_DIR = str(Path(instance_path) / "papers")
        if self.SESSION_COOKIE_SECURE and not self.SESSION_COOKIE_NAME.startswith("__Host-"):
            # Over HTTPS the __Host- prefix binds the cookie to this host and path: no subdomain can set it.
            self.SESSION_COOKIE_NAME = "__Host-" + self.SESSION_COOKIE_NAME
        if not self.SECRET_KEY:
            raise RuntimeError(
                "SECRET_KEY is not set. Set it in the environment (for example "
                '`export SECRET_KEY="$(python -c "import secrets; print(secrets.token_hex(32))")"`), '
                "or run with GOVAPP_ENV=development to use a generated development key."
            )


class DevelopmentConfig(Config):
    """``make run``: plain HTTP on 127.0.0.1, a generated secret kept in the instance folder."""

    ENV_NAME = "development"
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_SECURE = False
    REQUIRE_TWO_FACTOR = False  # the demo sign-ins work with a password; a second factor is offered

    def finalise(self, instance_path: str) -> None:
        if not self.SECRET_KEY:
            key_file = Path(instance_path) / "secret-key"
            if not key_file.exists():
                key_file.parent.mkdir(parents=True, exist_ok=True)
                key_file.write_text(secrets.token_hex(32))
                key_file.chmod(0o600)
            self.SECRET_KEY = key_file.read_text().strip()
        super().finalise(instance_path)


class TestConfig(Config):
    __test__ = False  # not a pytest test class

    """The test suite: a throwaway key, CSRF on (tests send tokens like a browser does)."""

    ENV_NAME = "test"
    TESTING = True
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_SECURE = False
    REQUIRE_TWO_FACTOR = False  # tests of the second factor turn it on

    def __init__(self) -> None:
        super().__init__()
        self.SECRET_KEY = secrets.token_hex(32)
        self.SQLALCHEMY_DATABASE_URI = os.environ.get("TEST_DATABASE_URL") or None
        self.RATELIMIT_STORAGE_URI = "memory://"
        # Tests never write into the developer's instance folder.
        self.INSTANCE_PATH = tempfile.mkdtemp(prefix="govapp-test-instance-")


CONFIGS: dict[str, type[Config]] = {
    "production": Config,
    "development": DevelopmentConfig,
    "test": TestConfig,
}


def config_from_env() -> Config:
    name = os.environ.get("GOVAPP_ENV", "production").strip().lower()
    try:
        return CONFIGS[name]()
    except KeyError:
        raise RuntimeError(f"GOVAPP_ENV must be one of {', '.join(CONFIGS)}; got {name!r}") from None
