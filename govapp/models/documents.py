"""Documents kept as the record (circulated drafts, signed minutes, case letters), each stored once,
by the SHA-256 of its bytes: the same document kept twice costs one copy."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import LargeBinary
from sqlalchemy import String
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import mapped_column

from govapp.models.base import Base
from govapp.models.base import utcnow


class StoredDocument(Base):
    __tablename__ = "stored_documents"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    content: Mapped[bytes] = mapped_column(LargeBinary)
    size_bytes: Mapped[int]
    stored_at: Mapped[datetime] = mapped_column(default=utcnow)
