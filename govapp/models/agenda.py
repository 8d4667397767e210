"""Agenda requests, papers and declarations of interest."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey
from sqlalchemy import String
from sqlalchemy import Text
from sqlalchemy import UniqueConstraint
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import mapped_column
from sqlalchemy.orm import relationship

from govapp.models.base import Base
from govapp.models.base import str_enum
from govapp.models.base import utcnow

if TYPE_CHECKING:
    from govapp.models.meetings import AgendaItem
    from govapp.models.meetings import Meeting
    from govapp.models.people import Person
    from govapp.models.people import User


class RequestStatus(enum.StrEnum):
    PENDING = "pending"  # late: waiting for the Chair's decision
    INCLUDED = "included"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"


class AgendaRequest(Base):
    """A member's written request to the Chair to put a matter on a meeting's agenda."""

    __tablename__ = "agenda_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    requested_by_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    matter: Mapped[str] = mapped_column(String(300))
    supporting_information: Mapped[str | None] = mapped_column(Text)
    proposed_motion: Mapped[str | None] = mapped_column(Text)
    received_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Whether the request met the deadline, decided by the rules when it was received.
    on_time: Mapped[bool]
    status: Mapped[RequestStatus] = mapped_column(str_enum(RequestStatus, "request_status"))
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime | None]
    decision_reason: Mapped[str | None] = mapped_column(Text)
    agenda_item_id: Mapped[int | None] = mapped_column(ForeignKey("agenda_items.id", ondelete="SET NULL"))

    meeting: Mapped[Meeting] = relationship()
    requested_by: Mapped[Person] = relationship(lazy="joined")
    decided_by: Mapped[User | None] = relationship()
    agenda_item: Mapped[AgendaItem | None] = relationship()
    papers: Mapped[list[Paper]] = relationship(back_populates="agenda_request")


class Paper(Base):
    """A supporting paper. The file is kept outside the web root under ``storage_key``."""

    __tablename__ = "papers"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    agenda_item_id: Mapped[int | None] = mapped_column(ForeignKey("agenda_items.id", ondelete="SET NULL"), index=True)
    agenda_request_id: Mapped[int | None] = mapped_column(ForeignKey("agenda_requests.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(String(300))
    original_filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(120))
    size_bytes: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
    storage_key: Mapped[str] = mapped_column(String(100), unique=True)
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    uploaded_at: Mapped[datetime] = mapped_column(default=utcnow)

    meeting: Mapped[Meeting] = relationship()
    agenda_item: Mapped[AgendaItem | None] = relationship(back_populates="papers")
    agenda_request: Mapped[AgendaRequest | None] = relationship(back_populates="papers")


class DeclarationKind(enum.StrEnum):
    REGISTERED = "registered"  # registered in advance by the member; confirmed at the meeting
    DECLARED = "declared"  # declared at the meeting and recorded by the secretariat


class Declaration(Base):
    """A declaration of interest by a member (the Chair included) in an agenda item."""

    __tablename__ = "declarations"
    __table_args__ = (UniqueConstraint("agenda_item_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agenda_item_id: Mapped[int] = mapped_column(ForeignKey("agenda_items.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    nature: Mapped[str] = mapped_column(Text)
    kind: Mapped[DeclarationKind] = mapped_column(str_enum(DeclarationKind, "declaration_kind"))
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    confirmed_at: Mapped[datetime | None]
    # A member with a declared interest is not present for the item: when they left and came back.
    withdrew_at: Mapped[datetime | None]
    returned_at: Mapped[datetime | None]
    #: Why the secretariat corrected the withdrawal and return times after they were recorded (the
    #: times before and after are in the audit record).
    times_correction: Mapped[str | None] = mapped_column(Text)
    # A registered interest is withdrawn only with the Chair's agreement: when the member asked.
    withdrawal_requested_at: Mapped[datetime | None]

    agenda_item: Mapped[AgendaItem] = relationship(back_populates="declarations")
    person: Mapped[Person] = relationship(lazy="joined")


__all__ = ["AgendaRequest", "Declaration", "DeclarationKind", "Paper", "RequestStatus"]
