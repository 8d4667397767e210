"""People, and the user accounts some of them have."""

from __future__ import annotations

from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import ForeignKey
from sqlalchemy import String
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import mapped_column
from sqlalchemy.orm import relationship

from govapp.models.base import Base
from govapp.models.base import utcnow


class Person(Base):
    """Anyone the committee's records name: members, the Chair, secretariat, officers, deputies."""

    __tablename__ = "people"

    id: Mapped[int] = mapped_column(primary_key=True)
    full_name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(320), unique=True)
    organisation: Mapped[str | None] = mapped_column(String(200))
    job_title: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    account: Mapped[User | None] = relationship(back_populates="person", uselist=False)

    def __repr__(self) -> str:
        return f"<Person {self.id} {self.full_name!r}>"


class User(UserMixin, Base):
    """A sign-in account. Roles other than admin come from memberships and posts, per committee."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    is_admin: Mapped[bool] = mapped_column(default=False)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    password_changed_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_signed_in_at: Mapped[datetime | None]
    # The second factor: a TOTP secret (base32) once confirmed, and the last time step used (no replay).
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    two_factor_since: Mapped[datetime | None]
    totp_last_step: Mapped[int | None]
    # When the second factor was last offered at sign-in (offered once to everyone).
    two_factor_offered_at: Mapped[datetime | None]

    person: Mapped[Person] = relationship(back_populates="account", lazy="joined")

    @property
    def is_active(self) -> bool:  # Flask-Login: a disabled account cannot sign in
        return self.active

    @property
    def has_second_factor(self) -> bool:
        return self.two_factor_since is not None and self.totp_secret is not None

    @property
    def email(self) -> str:
        return self.person.email

    @property
    def name(self) -> str:
        return self.person.full_name

    def __repr__(self) -> str:
        return f"<User {self.id} {self.person.email!r}>"
