"""The Panel's business: Case Management Review cases, the agencies' notifications that open them,
each Panel member's answer to "is the child or family known to your agency?", the agencies'
representatives, and requests from members of the public (which never open a case by themselves).

A case is known only by its reference (``CMR-2026-007``) and a pseudonym ("Child A"): govapp never
asks for a real name.
"""

from __future__ import annotations

from datetime import date
from datetime import datetime
from typing import TYPE_CHECKING
from typing import Any

from sqlalchemy import CheckConstraint
from sqlalchemy import ForeignKey
from sqlalchemy import String
from sqlalchemy import Text
from sqlalchemy import UniqueConstraint
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import mapped_column
from sqlalchemy.orm import relationship

from govapp.models.base import Base
from govapp.models.base import LabelledEnum
from govapp.models.base import str_enum
from govapp.models.base import utcnow
from govapp.models.documents import StoredDocument

if TYPE_CHECKING:
    from govapp.models.committees import Agency
    from govapp.models.committees import Committee
    from govapp.models.meetings import AgendaItem
    from govapp.models.meetings import Meeting
    from govapp.models.people import Person
    from govapp.models.people import User


class CaseStage(LabelledEnum):
    #: Received; answers and forewarning under way, waiting for the Panel.
    NOTIFIED = "notified", "Notified"
    #: The Panel recommended a review; the Board decides.
    AWAITING_BOARD = "awaiting_board", "Awaiting the Board's decision"
    #: The Panel asked the agency for more; carried to a later meeting.
    MORE_INFORMATION = "more_information", "More information asked for"
    NOT_RECOMMENDED = "not_recommended", "No review recommended"
    COMMISSIONED = "commissioned", "Review commissioned"
    NOT_COMMISSIONED = "not_commissioned", "Not commissioned"
    CLOSED = "closed", "Closed"


CASE_STAGES = CaseStage.labels()

#: The regulation 17(2) criteria, in order, as (key, words).
CRITERIA = (
    ("a", "17(2)(a): the child has died or has been significantly harmed"),
    ("b_i", "17(2)(b)(i): abuse or neglect is known or suspected"),
    ("b_ii", "17(2)(b)(ii): the child or a sibling is, or has been, on the child protection register"),
    ("b_iii", "17(2)(b)(iii): the child or a sibling is, or has been, looked after"),
    ("c", "17(2)(c): the Board has concerns about how effective a represented body has been"),
    ("d", "17(2)(d): there is significant learning that would lead to substantial improvement"),
)

AGE_BANDS = ("Under 1", "1 to 4", "5 to 10", "11 to 15", "16 to 17")
AREAS = ("Belfast", "Northern", "South Eastern", "Southern", "Western")


class AgencyRepresentative(Base):
    """A person who notifies cases and answers for an agency, from a date (and to one, once it ends)."""

    __tablename__ = "agency_representatives"
    __table_args__ = (CheckConstraint("ends_on IS NULL OR ends_on >= starts_on", name="period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    starts_on: Mapped[date]
    ends_on: Mapped[date | None]

    agency: Mapped[Agency] = relationship(lazy="joined")
    person: Mapped[Person] = relationship(lazy="joined")

    def is_current(self, day: date) -> bool:
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)


class Case(Base):
    """One child (or one group of siblings) considered by the Panel."""

    __tablename__ = "cases"

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(20), unique=True)
    committee_id: Mapped[int] = mapped_column(ForeignKey("committees.id"), index=True)
    pseudonym: Mapped[str] = mapped_column(String(60))
    age_band: Mapped[str] = mapped_column(String(20))
    area: Mapped[str] = mapped_column(String(40))
    stage: Mapped[CaseStage] = mapped_column(str_enum(CaseStage, "case_stage"), default=CaseStage.NOTIFIED, index=True)
    #: The Panel meeting that will consider the case (``rules.considered_at``), once there is one.
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id", ondelete="SET NULL"), index=True)
    agenda_item_id: Mapped[int | None] = mapped_column(ForeignKey("agenda_items.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: The Panel's findings on each criterion at its meeting: {"a": true|false|null, ...}.
    findings: Mapped[dict[str, Any]] = mapped_column(default=dict)
    #: The Panel's recommendation ("review", "no_review", "more_information"), decided by a motion.
    recommendation: Mapped[str | None] = mapped_column(String(20))
    recommendation_motion_id: Mapped[int | None] = mapped_column(ForeignKey("motions.id", ondelete="SET NULL"))
    terms_of_reference: Mapped[str | None] = mapped_column(Text)
    methodology: Mapped[str | None] = mapped_column(Text)
    recommendation_reason: Mapped[str | None] = mapped_column(Text)
    recommended_at: Mapped[datetime | None]
    #: The Board's decision ("commission", "not_commission", "refer_back"), in writing or at a meeting.
    board_decision: Mapped[str | None] = mapped_column(String(20))
    board_route: Mapped[str | None] = mapped_column(String(20))
    board_decided_at: Mapped[datetime | None]
    involves_death_or_proceedings: Mapped[bool | None]
    family_to_be_told: Mapped[bool | None]
    family_told_by: Mapped[str | None] = mapped_column(String(200))

    committee: Mapped[Committee] = relationship()
    meeting: Mapped[Meeting | None] = relationship()
    agenda_item: Mapped[AgendaItem | None] = relationship()
    notifications: Mapped[list[Notification]] = relationship(back_populates="case", order_by="Notification.received_at")
    answers: Mapped[list[KnownAnswer]] = relationship(back_populates="case", cascade="all, delete-orphan")
    forewarning: Mapped[Forewarning | None] = relationship(back_populates="case", cascade="all, delete-orphan")
    forewarned: Mapped[list[ForewarnedAgency]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="ForewarnedAgency.id"
    )
    agreements: Mapped[list[BoardAgreement]] = relationship(cascade="all, delete-orphan", order_by="BoardAgreement.id")
    letters: Mapped[list[CaseLetter]] = relationship(cascade="all, delete-orphan", order_by="CaseLetter.id")

    def __repr__(self) -> str:
        return f"<Case {self.reference}>"


class Notification(Base):
    """An agency's notification that a child meets the criteria (Appendix Two, in substance)."""

    __tablename__ = "notifications"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    senior_representative: Mapped[str] = mapped_column(String(200))
    submitted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    determined_on: Mapped[date]
    received_at: Mapped[datetime]
    due_on: Mapped[date]
    late: Mapped[bool] = mapped_column(default=False)
    #: Each criterion: {"a": {"met": true|false|null, "note": "..."}, ...}
    criteria: Mapped[dict[str, Any]] = mapped_column(default=dict)
    family_told: Mapped[bool]
    family_not_told_reason: Mapped[str | None] = mapped_column(Text)
    other_agencies: Mapped[str | None] = mapped_column(Text)
    #: Why the secretariat joined this notification to its case (a second agency notifying the same child).
    linked_reason: Mapped[str | None] = mapped_column(Text)

    case: Mapped[Case] = relationship(back_populates="notifications")
    agency: Mapped[Agency] = relationship(lazy="joined")
    submitted_by: Mapped[User | None] = relationship()


class KnownAnswer(Base):
    """A Panel member's answer, for their own agency, to "is the child or family known to your agency?"
    (Appendix Three). A row is made for every member when the case is received; it is answered later."""

    __tablename__ = "known_answers"
    __table_args__ = (UniqueConstraint("case_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    agency: Mapped[str | None] = mapped_column(String(200))
    asked_at: Mapped[datetime]
    known: Mapped[bool | None]
    details: Mapped[str | None] = mapped_column(Text)
    answered_at: Mapped[datetime | None]
    answered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    case: Mapped[Case] = relationship(back_populates="answers")
    person: Mapped[Person] = relationship(lazy="joined")


class Forewarning(Base):
    """The judgement of the SBNI Chair, the Panel Chair and the Professional Officer that a review is more
    likely than not to be recommended (section 12): the involved agencies are then forewarned."""

    __tablename__ = "forewarnings"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), unique=True)
    judged_on: Mapped[date]
    sbni_chair: Mapped[str] = mapped_column(String(200))
    panel_chair: Mapped[str] = mapped_column(String(200))
    professional_officer: Mapped[str] = mapped_column(String(200))
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    case: Mapped[Case] = relationship(back_populates="forewarning")


class ForewarnedAgency(Base):
    """An agency written to after forewarning: secure its files, and nominate an IAR author and a team
    member by ``nominations_due``; the nominations are recorded here."""

    __tablename__ = "forewarned_agencies"
    __table_args__ = (UniqueConstraint("case_id", "agency_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    written_at: Mapped[datetime]
    nominations_due: Mapped[date]
    iar_author: Mapped[str | None] = mapped_column(String(200))
    team_member: Mapped[str | None] = mapped_column(String(200))
    nominated_at: Mapped[datetime | None]
    nominated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    case: Mapped[Case] = relationship(back_populates="forewarned")
    agency: Mapped[Agency] = relationship(lazy="joined")


class BoardAgreement(Base):
    """A Board member's written agreement (or not) to a decision on a case, between meetings."""

    __tablename__ = "board_agreements"
    __table_args__ = (UniqueConstraint("case_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    decision: Mapped[str] = mapped_column(String(20))
    agreed: Mapped[bool]
    recorded_at: Mapped[datetime]

    person: Mapped[Person] = relationship(lazy="joined")


class CaseLetter(Base):
    """A letter made from the case's record (a Word document kept as made), and the email that took a
    link to it, when its addressee has an address in govapp."""

    __tablename__ = "case_letters"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(30))  # to-board, decision, stand-down
    addressee: Mapped[str] = mapped_column(String(300))
    to_address: Mapped[str | None] = mapped_column(String(320))
    # The letter as made, stored once by its hash.
    sha256: Mapped[str] = mapped_column(ForeignKey("stored_documents.sha256"), index=True)
    created_at: Mapped[datetime]
    outbox_message_id: Mapped[int | None] = mapped_column(ForeignKey("outbox_messages.id", ondelete="SET NULL"))

    stored: Mapped[StoredDocument] = relationship()

    @property
    def content(self) -> bytes:
        return self.stored.content


class PublicRequest(Base):
    """A member of the public asking for a review: recorded and referred to a represented body, never a
    case by itself (section 8)."""

    __tablename__ = "public_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    committee_id: Mapped[int] = mapped_column(ForeignKey("committees.id"), index=True)
    received_on: Mapped[date]
    summary: Mapped[str] = mapped_column(Text)
    referred_to_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"))
    requester_told_on: Mapped[date | None]
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    referred_to: Mapped[Agency] = relationship(lazy="joined")
