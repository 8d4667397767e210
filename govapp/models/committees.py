"""Committees, their memberships, secretariat, officers and authorisations to sign notices."""

from __future__ import annotations

import enum
from datetime import date
from datetime import datetime
from typing import TYPE_CHECKING
from typing import Any

from sqlalchemy import CheckConstraint
from sqlalchemy import ForeignKey
from sqlalchemy import String
from sqlalchemy import Text
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import declared_attr
from sqlalchemy.orm import mapped_column
from sqlalchemy.orm import relationship

from govapp.models.base import Base
from govapp.models.base import LabelledEnum
from govapp.models.base import str_enum
from govapp.models.base import utcnow
from govapp.rules import StandingOrders

if TYPE_CHECKING:
    from govapp.models.meetings import Meeting
    from govapp.models.people import Person


class CommitteeKind(LabelledEnum):
    BOARD = "board", "The Safeguarding Board"
    PANEL = "panel", "A panel of the Board"  # such as the CMR Panel
    SAFEGUARDING_PANEL = "safeguarding_panel", "A Safeguarding Panel"  # a local one
    SUB_COMMITTEE = "sub_committee", "A sub-committee"


COMMITTEE_KINDS = CommitteeKind.labels()


class AgencyKind(LabelledEnum):
    HEALTH_TRUST = "health_trust", "Health and Social Care Trust"
    POLICE = "police", "Police"
    EDUCATION = "education", "Education"
    PROBATION = "probation", "Probation"
    YOUTH_JUSTICE = "youth_justice", "Youth justice"
    VOLUNTARY = "voluntary", "Voluntary sector"
    COUNCIL = "council", "District council"
    OTHER = "other", "Other represented body"


AGENCY_KINDS = AgencyKind.labels()


class Agency(Base):
    """A body represented on the Board and its committees (an HSC Trust, the PSNI, the Education
    Authority, the Probation Board, the Youth Justice Agency, the NSPCC, a council...), with its
    nominated senior representative."""

    __tablename__ = "agencies"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[AgencyKind] = mapped_column(str_enum(AgencyKind, "agency_kind"))
    senior_representative_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    senior_representative: Mapped[Person | None] = relationship(lazy="joined")

    def __repr__(self) -> str:
        return f"<Agency {self.name!r}>"


class Committee(Base):
    """A committee that works under standing orders (the CMR Panel is one, and so is the Board)."""

    __tablename__ = "committees"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    short_name: Mapped[str] = mapped_column(String(50))
    slug: Mapped[str] = mapped_column(String(60), unique=True)
    kind: Mapped[CommitteeKind] = mapped_column(
        str_enum(CommitteeKind, "committee_kind"), default=CommitteeKind.PANEL, server_default="panel"
    )
    description: Mapped[str | None] = mapped_column(Text)
    # The committee's standing-order configuration, as StandingOrders.to_dict(); keys left out take
    # the CMR Panel's defaults.
    orders: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    memberships: Mapped[list[Membership]] = relationship(back_populates="committee", cascade="all, delete-orphan")
    secretariat_posts: Mapped[list[SecretariatPost]] = relationship(
        back_populates="committee", cascade="all, delete-orphan"
    )
    officers: Mapped[list[Officer]] = relationship(back_populates="committee", cascade="all, delete-orphan")
    meetings: Mapped[list[Meeting]] = relationship(back_populates="committee", cascade="all, delete-orphan")

    @property
    def standing_orders(self) -> StandingOrders:
        return StandingOrders.from_dict(self.orders or {})

    def members_on(self, day: date) -> list[Membership]:
        """The voting members (the Chair included) on ``day``, Chair first, then by name."""
        current = [m for m in self.memberships if m.is_current(day)]
        return sorted(current, key=lambda m: (m.role != MemberRole.CHAIR, m.person.full_name))

    def chair_on(self, day: date) -> Membership | None:
        return next((m for m in self.members_on(day) if m.role == MemberRole.CHAIR), None)

    def is_chair(self, person_id: int | None, day: date) -> bool:
        """Whether the person ``person_id`` names is this committee's Chair on ``day``: the one answer."""
        chair = self.chair_on(day)
        return chair is not None and person_id is not None and chair.person_id == person_id

    def __repr__(self) -> str:
        return f"<Committee {self.slug}>"


class MemberRole(enum.StrEnum):
    CHAIR = "chair"
    MEMBER = "member"


class _Period:
    """A place someone holds on a committee for a period, from ``starts_on`` to ``ends_on`` (inclusive;
    open-ended without it): the columns and the check every such table has."""

    @declared_attr.directive
    def __table_args__(cls) -> tuple[Any, ...]:
        return (CheckConstraint("ends_on IS NULL OR ends_on >= starts_on", name="period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    committee_id: Mapped[int] = mapped_column(ForeignKey("committees.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    starts_on: Mapped[date]
    ends_on: Mapped[date | None]

    def is_current(self, day: date) -> bool:
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)


class Membership(_Period, Base):
    """A voting place on a committee: the Chair or a member, for a period, representing an agency."""

    __tablename__ = "memberships"

    role: Mapped[MemberRole] = mapped_column(str_enum(MemberRole, "member_role"))
    #: The agency's name as it stands in notices and minutes; ``agency_id`` links the recorded agency.
    agency: Mapped[str | None] = mapped_column(String(200))
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"), index=True)

    committee: Mapped[Committee] = relationship(back_populates="memberships")
    person: Mapped[Person] = relationship(lazy="joined")
    represents: Mapped[Agency | None] = relationship()


class SecretariatPost(_Period, Base):
    """A member of staff who runs a committee's administration. Not a member; no vote."""

    __tablename__ = "secretariat_posts"

    title: Mapped[str] = mapped_column(String(200))

    committee: Mapped[Committee] = relationship(back_populates="secretariat_posts")
    person: Mapped[Person] = relationship(lazy="joined")


class Officer(_Period, Base):
    """An officer of a member's agency who may attend, with the Chair's agreement, to present an issue.

    Officers never speak as members, never vote and never count for quorum.
    """

    __tablename__ = "officers"

    agency: Mapped[str] = mapped_column(String(200))

    committee: Mapped[Committee] = relationship(back_populates="officers")
    person: Mapped[Person] = relationship(lazy="joined")


class SigningAuthorisation(_Period, Base):
    """The Chair's authorisation for someone to sign notices of meeting on the Chair's behalf."""

    __tablename__ = "signing_authorisations"

    granted_by_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    revoked_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    committee: Mapped[Committee] = relationship()
    person: Mapped[Person] = relationship(foreign_keys="SigningAuthorisation.person_id", lazy="joined")
    granted_by: Mapped[Person] = relationship(foreign_keys=[granted_by_id], lazy="joined")

    def is_current(self, day: date) -> bool:
        return self.revoked_at is None and super().is_current(day)


class ClosureDay(Base):
    """A day the organisation is closed beyond Northern Ireland's bank holidays: not a working day."""

    __tablename__ = "closure_days"

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(unique=True)
    description: Mapped[str] = mapped_column(String(200))
