"""Signed-in sessions, kept on the server: a cookie is only a pointer to one of these records, so
signing out, an idle or absolute time limit, or "sign out everywhere" ends it for good. And the
one-time recovery codes of the second factor, stored hashed."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey
from sqlalchemy import String
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import mapped_column
from sqlalchemy.orm import relationship

from govapp.models.base import Base
from govapp.models.base import utcnow
from govapp.models.people import User


class SignInSession(Base):
    __tablename__ = "sign_in_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    # SHA-256 of the session's secret; the secret itself is only in the signed cookie.
    secret_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    ended_at: Mapped[datetime | None]
    ended_reason: Mapped[str | None] = mapped_column(String(50))
    address: Mapped[str | None] = mapped_column(String(64))
    user_agent: Mapped[str | None] = mapped_column(String(200))

    user: Mapped[User] = relationship()


class RecoveryCode(Base):
    """One of ten one-time codes that stand in for the authenticator app; only a hash is kept."""

    __tablename__ = "recovery_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    used_at: Mapped[datetime | None]


class FormSubmission(Base):
    """A form that was sent and did what it asked: its one-time token, and where it led. The same
    form sent again (a double click, a second tab, a refresh) finds this and changes nothing."""

    __tablename__ = "form_submissions"

    token: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    location: Mapped[str] = mapped_column(String(2000))
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


class RecordVersion(Base):
    """One row: the version of the record, advanced in the same commit as every change to it (see
    ``govapp.cache``). The epoch is renewed whenever the database is emptied or restored, so a version
    number is never reused for a different record."""

    __tablename__ = "record_version"

    id: Mapped[int] = mapped_column(primary_key=True)
    counter: Mapped[int] = mapped_column(default=0)
    epoch: Mapped[str] = mapped_column(String(32))
