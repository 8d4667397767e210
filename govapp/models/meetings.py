"""Meetings and their agenda items."""

from __future__ import annotations

import enum
import uuid
from datetime import date
from datetime import datetime
from datetime import time
from typing import TYPE_CHECKING
from typing import Any
from typing import ClassVar

from sqlalchemy import ForeignKey
from sqlalchemy import String
from sqlalchemy import Text
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import mapped_column
from sqlalchemy.orm import relationship

from govapp.models.base import Base
from govapp.models.base import str_enum
from govapp.models.base import utcnow
from govapp.whenwhere import WHEN_AND_WHERE

if TYPE_CHECKING:
    from govapp.models.agenda import Declaration
    from govapp.models.agenda import Paper
    from govapp.models.committees import Committee


class MeetingStatus(enum.StrEnum):
    SCHEDULED = "scheduled"
    HELD = "held"
    INQUORATE = "inquorate"
    CANCELLED = "cancelled"


class ItemPurpose(enum.StrEnum):
    DECISION = "decision"
    DISCUSSION = "discussion"
    INFORMATION = "information"


def new_ics_uid() -> str:
    return f"{uuid.uuid4()}@govapp"


class Meeting(Base):
    """A meeting of a committee. Its date is the day the standing orders' deadlines count from."""

    __tablename__ = "meetings"

    #: The names of its columns that say when and where it is held (:class:`WhenAndWhere`).
    WHEN_AND_WHERE: ClassVar[tuple[str, ...]] = WHEN_AND_WHERE

    def when_and_where(self) -> dict[str, Any]:
        """Its date, times and place, by name (``WHEN_AND_WHERE``)."""
        return {name: getattr(self, name) for name in self.WHEN_AND_WHERE}

    id: Mapped[int] = mapped_column(primary_key=True)
    committee_id: Mapped[int] = mapped_column(ForeignKey("committees.id", ondelete="CASCADE"), index=True)
    meeting_date: Mapped[date] = mapped_column(index=True)
    starts_at: Mapped[time]
    ends_at: Mapped[time | None]
    location: Mapped[str | None] = mapped_column(String(300))
    online_link: Mapped[str | None] = mapped_column(String(500))
    status: Mapped[MeetingStatus] = mapped_column(
        str_enum(MeetingStatus, "meeting_status"), default=MeetingStatus.SCHEDULED
    )
    cancelled_reason: Mapped[str | None] = mapped_column(Text)
    # A stable iCalendar UID and a SEQUENCE raised on every change sent to attendees.
    ics_uid: Mapped[str] = mapped_column(String(100), unique=True, default=new_ics_uid)
    ics_sequence: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    cancelled_at: Mapped[datetime | None]
    # The inquorate meeting this one was convened to replace (a requisition records the meeting it called).
    reconvenes_meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id"))
    inquorate_recorded_at: Mapped[datetime | None]
    # Called (or moved) although the date breaks standing orders: which, and the reason the person gave.
    called_despite: Mapped[str | None] = mapped_column(Text)
    # When the agenda pack (agenda and papers) was despatched to members, and by whom.
    pack_despatched_at: Mapped[datetime | None]
    pack_despatched_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    committee: Mapped[Committee] = relationship(back_populates="meetings")
    reconvenes: Mapped[Meeting | None] = relationship(remote_side="Meeting.id", foreign_keys=[reconvenes_meeting_id])
    agenda_items: Mapped[list[AgendaItem]] = relationship(
        back_populates="meeting", order_by="AgendaItem.position", cascade="all, delete-orphan"
    )

    @property
    def is_cancelled(self) -> bool:
        return self.status == MeetingStatus.CANCELLED

    def __repr__(self) -> str:
        return f"<Meeting {self.id} {self.meeting_date}>"


class AgendaItem(Base):
    """An item of business. Standing items come first on every agenda, before any other business."""

    __tablename__ = "agenda_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    title: Mapped[str] = mapped_column(String(300))
    purpose: Mapped[ItemPurpose] = mapped_column(str_enum(ItemPurpose, "item_purpose"), default=ItemPurpose.DISCUSSION)
    presenter: Mapped[str | None] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    is_standing: Mapped[bool] = mapped_column(default=False)

    meeting: Mapped[Meeting] = relationship(back_populates="agenda_items")
    papers: Mapped[list[Paper]] = relationship(back_populates="agenda_item", order_by="Paper.id")
    declarations: Mapped[list[Declaration]] = relationship(back_populates="agenda_item")

    @property
    def approves_previous_minutes(self) -> bool:
        """Whether this is the standing item "Minutes of the previous meeting", which approves them."""
        return self.is_standing and "minutes of the previous meeting" in self.title.lower()
