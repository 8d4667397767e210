"""Requisitions for a meeting, signed by members and presented to the Chair."""

from __future__ import annotations

from datetime import date
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey
from sqlalchemy import Text
from sqlalchemy import UniqueConstraint
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import mapped_column
from sqlalchemy.orm import relationship

from govapp.models.base import Base
from govapp.models.base import utcnow

if TYPE_CHECKING:
    from govapp.models.committees import Committee
    from govapp.models.meetings import Meeting
    from govapp.models.people import Person
    from govapp.models.people import User


class Requisition(Base):
    """Once signed by enough members and presented, the Chair must call a meeting by a deadline,
    unless the Board approves the Chair's reason for not calling one."""

    __tablename__ = "requisitions"

    id: Mapped[int] = mapped_column(primary_key=True)
    committee_id: Mapped[int] = mapped_column(ForeignKey("committees.id", ondelete="CASCADE"), index=True)
    purpose: Mapped[str] = mapped_column(Text)
    business: Mapped[str] = mapped_column(Text)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    presented_on: Mapped[date | None]
    presented_recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # The outcome: the meeting called, or the Board's approval of the Chair's reason not to call one.
    called_meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id"))
    board_approved_on: Mapped[date | None]
    board_approved_reason: Mapped[str | None] = mapped_column(Text)
    board_approval_recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    committee: Mapped[Committee] = relationship()
    created_by: Mapped[Person] = relationship(foreign_keys=[created_by_id])
    called_meeting: Mapped[Meeting | None] = relationship(foreign_keys=[called_meeting_id])
    signatures: Mapped[list[RequisitionSignature]] = relationship(
        back_populates="requisition", cascade="all, delete-orphan", order_by="RequisitionSignature.signed_at"
    )
    presented_recorded_by: Mapped[User | None] = relationship(foreign_keys=[presented_recorded_by_id])


class RequisitionSignature(Base):
    __tablename__ = "requisition_signatures"
    __table_args__ = (UniqueConstraint("requisition_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    requisition_id: Mapped[int] = mapped_column(ForeignKey("requisitions.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    signed_at: Mapped[datetime] = mapped_column(default=utcnow)

    requisition: Mapped[Requisition] = relationship(back_populates="signatures")
    person: Mapped[Person] = relationship(lazy="joined")
