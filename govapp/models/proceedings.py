"""What happens at a meeting: attendance, apologies, deputies, officers, motions, votes, outcomes,
actions, and the Chair's follow-up of absences."""

from __future__ import annotations

import enum
from datetime import date
from datetime import datetime
from datetime import time
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint
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
    from govapp.models.committees import Committee
    from govapp.models.meetings import AgendaItem
    from govapp.models.meetings import Meeting
    from govapp.models.people import Person
    from govapp.models.people import User


class RequestDecision(enum.StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REFUSED = "refused"
    WITHDRAWN = "withdrawn"


class Apology(Base):
    """A member's apologies for a meeting, sent in advance by the member or on their behalf."""

    __tablename__ = "apologies"
    __table_args__ = (UniqueConstraint("meeting_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    reason: Mapped[str | None] = mapped_column(Text)
    sent_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    meeting: Mapped[Meeting] = relationship()
    person: Mapped[Person] = relationship(lazy="joined")


class DeputyRequest(Base):
    """A member's request for a deputy to attend in their place; the Chair decides beforehand."""

    __tablename__ = "deputy_requests"
    __table_args__ = (UniqueConstraint("meeting_id", "member_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    deputy_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    reason: Mapped[str] = mapped_column(Text)  # deputising is only for exceptional circumstances
    requested_at: Mapped[datetime] = mapped_column(default=utcnow)
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    status: Mapped[RequestDecision] = mapped_column(str_enum(RequestDecision, "request_decision", 30))
    decided_at: Mapped[datetime | None]
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decision_reason: Mapped[str | None] = mapped_column(Text)

    meeting: Mapped[Meeting] = relationship()
    member: Mapped[Person] = relationship(foreign_keys=[member_id], lazy="joined")
    deputy: Mapped[Person] = relationship(foreign_keys=[deputy_id], lazy="joined")


class OfficerRequest(Base):
    """An agency's request for an officer to attend to present an item; the Chair decides beforehand."""

    __tablename__ = "officer_requests"
    __table_args__ = (UniqueConstraint("agenda_item_id", "officer_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    agenda_item_id: Mapped[int] = mapped_column(ForeignKey("agenda_items.id", ondelete="CASCADE"))
    officer_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    agency: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str | None] = mapped_column(Text)
    requested_at: Mapped[datetime] = mapped_column(default=utcnow)
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    status: Mapped[RequestDecision] = mapped_column(str_enum(RequestDecision, "request_decision", 30))
    decided_at: Mapped[datetime | None]
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decision_reason: Mapped[str | None] = mapped_column(Text)

    meeting: Mapped[Meeting] = relationship()
    agenda_item: Mapped[AgendaItem] = relationship()
    officer: Mapped[Person] = relationship(lazy="joined")


class Attendance(enum.StrEnum):
    PRESENT = "present"
    APOLOGIES = "apologies"
    ABSENT = "absent"
    DEPUTY = "deputy"  # attending in a member's place, with the Chair's prior agreement
    OFFICER = "officer"  # officer in attendance: no speaking or voting rights, never counted for quorum


class AttendanceRecord(Base):
    """Roll call: one row per person at (or expected at) a meeting."""

    __tablename__ = "attendance_records"
    __table_args__ = (
        UniqueConstraint("meeting_id", "person_id"),
        CheckConstraint("status != 'deputy' OR deputy_for_id IS NOT NULL", name="deputy_for_someone"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    status: Mapped[Attendance] = mapped_column(str_enum(Attendance, "attendance", 30))
    deputy_for_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    arrived_at: Mapped[time | None]
    departed_at: Mapped[time | None]
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    meeting: Mapped[Meeting] = relationship()
    person: Mapped[Person] = relationship(foreign_keys=[person_id], lazy="joined")
    deputy_for: Mapped[Person | None] = relationship(foreign_keys=[deputy_for_id])


class MotionStatus(enum.StrEnum):
    DRAFT = "draft"
    OPEN = "open"  # voting
    CLOSED = "closed"


class Motion(Base):
    """A question put to the meeting on an agenda item."""

    __tablename__ = "motions"

    id: Mapped[int] = mapped_column(primary_key=True)
    agenda_item_id: Mapped[int] = mapped_column(ForeignKey("agenda_items.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    proposer_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    seconder_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    status: Mapped[MotionStatus] = mapped_column(
        str_enum(MotionStatus, "motion_status", 30), default=MotionStatus.DRAFT
    )
    opened_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    agenda_item: Mapped[AgendaItem] = relationship()
    proposer: Mapped[Person] = relationship(foreign_keys=[proposer_id], lazy="joined")
    seconder: Mapped[Person | None] = relationship(foreign_keys=[seconder_id], lazy="joined")
    votes: Mapped[list[Vote]] = relationship(back_populates="motion", order_by="Vote.id")
    results: Mapped[list[MotionResult]] = relationship(back_populates="motion", order_by="MotionResult.id")

    @property
    def result(self) -> MotionResult | None:
        """The result in force: the latest recorded (a correction is a new record)."""
        return self.results[-1] if self.results else None


class VoteChoice(enum.StrEnum):
    FOR = "for"
    AGAINST = "against"
    ABSTAIN = "abstain"


class Vote(Base):
    """A vote by name. One per member per motion (a deputy's vote is cast in the member's place)."""

    __tablename__ = "votes"
    __table_args__ = (UniqueConstraint("motion_id", "member_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    motion_id: Mapped[int] = mapped_column(ForeignKey("motions.id", ondelete="CASCADE"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("people.id"))  # whose vote it is
    cast_by_id: Mapped[int] = mapped_column(ForeignKey("people.id"))  # the member, or their deputy
    choice: Mapped[VoteChoice] = mapped_column(str_enum(VoteChoice, "vote_choice", 30))
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))  # secretariat, show of hands
    cast_at: Mapped[datetime] = mapped_column(default=utcnow)

    motion: Mapped[Motion] = relationship(back_populates="votes")
    member: Mapped[Person] = relationship(foreign_keys=[member_id], lazy="joined")
    cast_by: Mapped[Person] = relationship(foreign_keys=[cast_by_id])


class MotionResult(Base):
    """The result of a vote, from ``govapp.rules.decide``. Never edited: a correction is a new row."""

    __tablename__ = "motion_results"

    id: Mapped[int] = mapped_column(primary_key=True)
    motion_id: Mapped[int] = mapped_column(ForeignKey("motions.id", ondelete="CASCADE"), index=True)
    votes_for: Mapped[int]
    votes_against: Mapped[int]
    abstentions: Mapped[int]
    casting_vote: Mapped[str | None] = mapped_column(String(10))  # "for", "against", or None (not given)
    casting_vote_declined: Mapped[bool] = mapped_column(default=False)
    outcome: Mapped[str] = mapped_column(String(10))  # "carried", "lost" or "tied" (not carried)
    corrects_id: Mapped[int | None] = mapped_column(ForeignKey("motion_results.id"))
    correction_reason: Mapped[str | None] = mapped_column(Text)
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    motion: Mapped[Motion] = relationship(back_populates="results")
    recorded_by: Mapped[User | None] = relationship()


class OutcomeKind(enum.StrEnum):
    DECISION = "decision"
    RECOMMENDATION = "recommendation to the Board"
    NOTED = "noted"
    DEFERRED = "deferred"


class ItemOutcome(Base):
    """What an agenda item came to. Never edited: a correction is a new row."""

    __tablename__ = "item_outcomes"

    id: Mapped[int] = mapped_column(primary_key=True)
    agenda_item_id: Mapped[int] = mapped_column(ForeignKey("agenda_items.id", ondelete="CASCADE"), index=True)
    kind: Mapped[OutcomeKind] = mapped_column(str_enum(OutcomeKind, "outcome_kind", 30))
    text: Mapped[str] = mapped_column(Text)
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    agenda_item: Mapped[AgendaItem] = relationship()


class ActionStatus(enum.StrEnum):
    OPEN = "open"
    DONE = "done"


class ActionPoint(Base):
    """An action arising from an item, with an owner and a due date. Open actions carry forward to
    the next meeting's matters arising."""

    __tablename__ = "action_points"

    id: Mapped[int] = mapped_column(primary_key=True)
    committee_id: Mapped[int] = mapped_column(ForeignKey("committees.id", ondelete="CASCADE"), index=True)
    agenda_item_id: Mapped[int] = mapped_column(ForeignKey("agenda_items.id", ondelete="CASCADE"), index=True)
    description: Mapped[str] = mapped_column(Text)
    owner_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    due_on: Mapped[date | None]
    status: Mapped[ActionStatus] = mapped_column(str_enum(ActionStatus, "action_status", 30), default=ActionStatus.OPEN)
    completed_on: Mapped[date | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    committee: Mapped[Committee] = relationship()
    agenda_item: Mapped[AgendaItem] = relationship()
    owner: Mapped[Person] = relationship(lazy="joined")


class AbsenceFollowUp(Base):
    """The Chair's follow-up of a member's two consecutive absences: the reason ascertained."""

    __tablename__ = "absence_follow_ups"
    __table_args__ = (UniqueConstraint("person_id", "first_meeting_id", "second_meeting_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    committee_id: Mapped[int] = mapped_column(ForeignKey("committees.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    first_meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"))
    second_meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"))
    reason: Mapped[str] = mapped_column(Text)
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    person: Mapped[Person] = relationship(lazy="joined")
