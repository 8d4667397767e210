"""Minutes: drafted from the record, circulated, commented on, approved and signed at the next
meeting, then locked. Later corrections are recorded amendments, never silent edits."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey
from sqlalchemy import Text
from sqlalchemy import UniqueConstraint
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import mapped_column
from sqlalchemy.orm import relationship

from govapp.models.base import Base
from govapp.models.base import str_enum
from govapp.models.base import utcnow
from govapp.models.documents import StoredDocument

if TYPE_CHECKING:
    from govapp.models.meetings import AgendaItem
    from govapp.models.meetings import Meeting
    from govapp.models.people import Person


class MinutesStatus(enum.StrEnum):
    DRAFT = "draft"
    CIRCULATED = "circulated"  # a draft version has gone to every member
    SIGNED = "signed"  # approved and signed by the Chair at the next meeting: locked


class Minutes(Base):
    __tablename__ = "minutes"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), unique=True)
    status: Mapped[MinutesStatus] = mapped_column(
        str_enum(MinutesStatus, "minutes_status"), default=MinutesStatus.DRAFT
    )
    # The draft's version: raised each time a draft is circulated.
    version: Mapped[int] = mapped_column(default=0)
    opening_notes: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    # Optimistic locking: a save based on an older row version is refused as a conflict.
    row_version: Mapped[int] = mapped_column(default=1)

    meeting: Mapped[Meeting] = relationship()
    item_minutes: Mapped[list[ItemMinute]] = relationship(back_populates="minutes", cascade="all, delete-orphan")
    circulations: Mapped[list[MinutesCirculation]] = relationship(
        back_populates="minutes", order_by="MinutesCirculation.version", cascade="all, delete-orphan"
    )
    comments: Mapped[list[MinutesComment]] = relationship(
        back_populates="minutes", order_by="MinutesComment.id", cascade="all, delete-orphan"
    )
    amendments: Mapped[list[MinutesAmendment]] = relationship(
        back_populates="minutes", order_by="MinutesAmendment.id", cascade="all, delete-orphan"
    )
    signature: Mapped[MinutesSignature | None] = relationship(back_populates="minutes", uselist=False)

    __mapper_args__ = {"version_id_col": row_version}  # noqa: RUF012

    @property
    def is_locked(self) -> bool:
        return self.status == MinutesStatus.SIGNED


class ItemMinute(Base):
    """The secretariat's summary of one agenda item. Versioned on its own, so two people writing up
    different items never clash, and two writing the same item get a clear conflict."""

    __tablename__ = "item_minutes"
    __table_args__ = (UniqueConstraint("minutes_id", "agenda_item_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    minutes_id: Mapped[int] = mapped_column(ForeignKey("minutes.id", ondelete="CASCADE"), index=True)
    agenda_item_id: Mapped[int] = mapped_column(ForeignKey("agenda_items.id", ondelete="CASCADE"))
    summary: Mapped[str] = mapped_column(Text, default="")
    row_version: Mapped[int] = mapped_column(default=1)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    minutes: Mapped[Minutes] = relationship(back_populates="item_minutes")
    agenda_item: Mapped[AgendaItem] = relationship()

    __mapper_args__ = {"version_id_col": row_version}  # noqa: RUF012


class MinutesCirculation(Base):
    """A draft version sent to every member (through the outbox)."""

    __tablename__ = "minutes_circulations"
    __table_args__ = (UniqueConstraint("minutes_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    minutes_id: Mapped[int] = mapped_column(ForeignKey("minutes.id", ondelete="CASCADE"), index=True)
    version: Mapped[int]
    circulated_at: Mapped[datetime] = mapped_column(default=utcnow)
    circulated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # The exact draft document that was circulated, stored once by its hash.
    sha256: Mapped[str] = mapped_column(ForeignKey("stored_documents.sha256"), index=True)

    minutes: Mapped[Minutes] = relationship(back_populates="circulations")
    stored: Mapped[StoredDocument] = relationship()

    @property
    def document(self) -> bytes:
        return self.stored.content


class MinutesComment(Base):
    """A comment on the accuracy of draft minutes."""

    __tablename__ = "minutes_comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    minutes_id: Mapped[int] = mapped_column(ForeignKey("minutes.id", ondelete="CASCADE"), index=True)
    agenda_item_id: Mapped[int | None] = mapped_column(ForeignKey("agenda_items.id", ondelete="SET NULL"))
    author_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    text: Mapped[str] = mapped_column(Text)
    version: Mapped[int]  # the draft version commented on
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    minutes: Mapped[Minutes] = relationship(back_populates="comments")
    author: Mapped[Person] = relationship(lazy="joined")


class MinutesAmendment(Base):
    """An amendment agreed at the approving meeting, or a correction made after signing."""

    __tablename__ = "minutes_amendments"

    id: Mapped[int] = mapped_column(primary_key=True)
    minutes_id: Mapped[int] = mapped_column(ForeignKey("minutes.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    agreed_at_meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id"))
    after_signing: Mapped[bool] = mapped_column(default=False)
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    minutes: Mapped[Minutes] = relationship(back_populates="amendments")
    agreed_at_meeting: Mapped[Meeting | None] = relationship()


class MinutesSignature(Base):
    """The Chair's signature of the approved minutes: who, when, and the SHA-256 of the exact document."""

    __tablename__ = "minutes_signatures"

    id: Mapped[int] = mapped_column(primary_key=True)
    minutes_id: Mapped[int] = mapped_column(ForeignKey("minutes.id", ondelete="CASCADE"), unique=True)
    signed_by_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    signed_at: Mapped[datetime] = mapped_column(default=utcnow)
    signed_at_meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"))
    # The exact document signed, stored once by its hash.
    sha256: Mapped[str] = mapped_column(ForeignKey("stored_documents.sha256"), index=True)

    minutes: Mapped[Minutes] = relationship(back_populates="signature")
    signed_by: Mapped[Person] = relationship(lazy="joined")
    signed_at_meeting: Mapped[Meeting] = relationship()
    stored: Mapped[StoredDocument] = relationship()

    @property
    def document(self) -> bytes:
        return self.stored.content
