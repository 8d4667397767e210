"""SQLAlchemy models, one module per area. The schema itself comes only from migrations."""

from govapp.models.agenda import AgendaRequest, Declaration, DeclarationKind, Paper, RequestStatus
from govapp.models.audit import AuditEvent
from govapp.models.base import Base
from govapp.models.committees import (
    ClosureDay,
    Committee,
    MemberRole,
    Membership,
    Officer,
    SecretariatPost,
    SigningAuthorisation,
)
from govapp.models.meetings import AgendaItem, ItemPurpose, Meeting, MeetingStatus
from govapp.models.notices import DeliveryStatus, Notice, NoticeService, OutboxMessage
from govapp.models.people import Person, User
from govapp.models.requisitions import Requisition, RequisitionSignature
from govapp.models.tokens import PersonalToken, TokenKind

__all__ = [
    "AgendaItem",
    "AgendaRequest",
    "AuditEvent",
    "Base",
    "ClosureDay",
    "Committee",
    "Declaration",
    "DeclarationKind",
    "DeliveryStatus",
    "ItemPurpose",
    "Meeting",
    "MeetingStatus",
    "MemberRole",
    "Membership",
    "Notice",
    "NoticeService",
    "Officer",
    "OutboxMessage",
    "Paper",
    "Person",
    "PersonalToken",
    "RequestStatus",
    "Requisition",
    "RequisitionSignature",
    "SecretariatPost",
    "SigningAuthorisation",
    "TokenKind",
    "User",
]
