"""Personal tokens: API tokens, private calendar-feed links, and one-time invitation and password-reset
links. Only a hash of each is stored."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey
from sqlalchemy import String
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import mapped_column
from sqlalchemy.orm import relationship

from govapp.models.base import Base
from govapp.models.base import str_enum
from govapp.models.base import utcnow
from govapp.models.people import User


class TokenKind(enum.StrEnum):
    API = "api"
    CALENDAR = "calendar"
    INVITATION = "invitation"  # a one-time link to set the password of an invited account
    PASSWORD_RESET = "password_reset"  # noqa: S105 - a one-time link to reset a forgotten password


class PersonalToken(Base):
    __tablename__ = "personal_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[TokenKind] = mapped_column(str_enum(TokenKind, "token_kind"))
    name: Mapped[str] = mapped_column(String(100))
    # SHA-256 of the secret (tokens are long random strings, so a fast hash is enough).
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_used_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]
    # API tokens end on this date (TOKEN_LIFETIME_DAYS after they are made); calendar links do not.
    expires_at: Mapped[datetime | None]

    user: Mapped[User] = relationship()

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    def has_expired(self, now: datetime) -> bool:
        return self.expires_at is not None and now >= self.expires_at
