"""Notices of meeting, their service on each member, and the outbox that delivers email."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING
from typing import Any

from sqlalchemy import ForeignKey
from sqlalchemy import String
from sqlalchemy import Text
from sqlalchemy import UniqueConstraint
from sqlalchemy import false as sa_false
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import mapped_column
from sqlalchemy.orm import relationship

from govapp.models.base import Base
from govapp.models.base import str_enum
from govapp.models.base import utcnow

if TYPE_CHECKING:
    from govapp.models.committees import SigningAuthorisation
    from govapp.models.meetings import Meeting
    from govapp.models.people import Person
    from govapp.models.people import User


class Notice(Base):
    """A notice of meeting: the business to be transacted, signed, then served on every member.

    A meeting can have several versions (a reschedule or an amended agenda); the latest served one
    is the notice of the meeting.
    """

    __tablename__ = "notices"
    __table_args__ = (UniqueConstraint("meeting_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    version: Mapped[int] = mapped_column(default=1)
    # The business, frozen when the notice is signed: [{"position": 1, "title": ..., "purpose": ...}, ...]
    business: Mapped[list[dict[str, Any]]] = mapped_column(default=list)
    # The date, times and place the notice gives, frozen with the business when it is signed:
    # {"meeting_date": "2026-12-03", "starts_at": "10:00:00", "ends_at": ..., "location": ..., "online_link": ...}
    particulars: Mapped[dict[str, Any]] = mapped_column(default=dict)
    signed_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    signed_capacity: Mapped[str | None] = mapped_column(String(200))  # "Chair" or "on behalf of the Chair"
    authorisation_id: Mapped[int | None] = mapped_column(ForeignKey("signing_authorisations.id"))
    signed_at: Mapped[datetime | None]
    served_at: Mapped[datetime | None]
    served_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # Served after the notice deadline: allowed only with an explicit confirmation, and flagged.
    served_late: Mapped[bool] = mapped_column(default=False)
    late_reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    meeting: Mapped[Meeting] = relationship()
    signed_by: Mapped[Person | None] = relationship(foreign_keys=[signed_by_id])
    authorisation: Mapped[SigningAuthorisation | None] = relationship()
    served_by: Mapped[User | None] = relationship(foreign_keys=[served_by_id])
    services: Mapped[list[NoticeService]] = relationship(back_populates="notice", cascade="all, delete-orphan")


class DeliveryStatus(enum.StrEnum):
    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"  # gave up after the last retry; shown to the secretariat


class NoticeService(Base):
    """Service of a notice on one member, through one outbox message."""

    __tablename__ = "notice_services"
    __table_args__ = (UniqueConstraint("notice_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    notice_id: Mapped[int] = mapped_column(ForeignKey("notices.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    outbox_message_id: Mapped[int | None] = mapped_column(ForeignKey("outbox_messages.id"))
    #: Served on this person after the notice was first served (a member who joined, or a deputy the
    #: Chair approved, later): their service is late whatever the notice's own.
    served_late: Mapped[bool] = mapped_column(default=False, server_default=sa_false())

    notice: Mapped[Notice] = relationship(back_populates="services")
    person: Mapped[Person] = relationship(lazy="joined")
    outbox_message: Mapped[OutboxMessage | None] = relationship()


class OutboxMessage(Base):
    """An email waiting to go, written in the same transaction as the change that causes it.

    ``flask --app wsgi outbox deliver`` sends pending messages over SMTP, retrying with back-off;
    nothing is lost while the SMTP server is down.
    """

    __tablename__ = "outbox_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))  # notice, invite, invite-cancel, pack, reminder, minutes
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id", ondelete="SET NULL"), index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    to_address: Mapped[str] = mapped_column(String(320))
    subject: Mapped[str] = mapped_column(String(300))
    body_text: Mapped[str] = mapped_column(Text)
    # [{"filename": ..., "content_type": ..., "data": <base64>}]; calendar invites travel here.
    attachments: Mapped[list[dict[str, Any]]] = mapped_column(default=list)
    status: Mapped[DeliveryStatus] = mapped_column(
        str_enum(DeliveryStatus, "delivery_status"), default=DeliveryStatus.PENDING, index=True
    )
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None]

    person: Mapped[Person | None] = relationship()
