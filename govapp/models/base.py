"""The declarative base: one naming convention for constraints, UTC timestamps, JSON columns."""

from __future__ import annotations

import enum
from datetime import UTC
from datetime import datetime
from typing import Any
from typing import Self

from sqlalchemy import JSON
from sqlalchemy import DateTime
from sqlalchemy import Enum
from sqlalchemy import MetaData
from sqlalchemy import TypeDecorator
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.orm import registry

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored in UTC and always read back timezone-aware (SQLite forgets the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("timestamps must be timezone-aware")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


JSONType = JSON().with_variant(JSONB(), "postgresql")


class LabelledEnum(enum.StrEnum):
    """A stored choice with the words people read for it: each member is given as
    ``NAME = "value", "Label"``; the value is what is stored, ``label`` what pages and forms show."""

    label: str

    def __new__(cls, value: str, label: str = "") -> Self:
        # Called once a member as the class is made. ``Kind("value")`` later looks the member up
        # without calling it (the default only lets type checkers see that lookup).
        if not label:
            raise TypeError(f"{cls.__name__}.{value}: give the member's label")
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member

    @classmethod
    def labels(cls) -> dict[Self, str]:
        """Each member's label, in order."""
        return {member: member.label for member in cls}


def str_enum(cls: type[enum.Enum], name: str, length: int = 20) -> Enum:
    """A Python enum stored by its values as a short string (no native enum type, so migrations stay
    simple on PostgreSQL and SQLite alike)."""
    return Enum(cls, name=name, native_enum=False, length=length, values_callable=lambda e: [m.value for m in e])


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    registry = registry(
        metadata=MetaData(naming_convention=NAMING_CONVENTION),
        type_annotation_map={
            datetime: UTCDateTime(),
            dict[str, Any]: JSONType,
            list[dict[str, Any]]: JSONType,
        },
    )
