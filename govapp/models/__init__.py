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
from govapp.models.minutes import (
    ItemMinute,
    Minutes,
    MinutesAmendment,
    MinutesCirculation,
    MinutesComment,
    MinutesSignature,
    MinutesStatus,
)
from govapp.models.notices import DeliveryStatus, Notice, NoticeService, OutboxMessage
from govapp.models.people import Person, User
from govapp.models.proceedings import (
    AbsenceFollowUp,
    ActionPoint,
    ActionStatus,
    Apology,
    Attendance,
    AttendanceRecord,
    DeputyRequest,
    ItemOutcome,
    Motion,
    MotionResult,
    MotionStatus,
    OfficerRequest,
    OutcomeKind,
    RequestDecision,
    Vote,
    VoteChoice,
)
from govapp.models.requisitions import Requisition, RequisitionSignature
from govapp.models.sessions import FormSubmission, RecoveryCode, SignInSession
from govapp.models.tokens import PersonalToken, TokenKind

__all__ = [
    "AbsenceFollowUp",
    "ActionPoint",
    "ActionStatus",
    "AgendaItem",
    "AgendaRequest",
    "Apology",
    "Attendance",
    "AttendanceRecord",
    "AuditEvent",
    "Base",
    "ClosureDay",
    "Committee",
    "Declaration",
    "DeclarationKind",
    "DeliveryStatus",
    "DeputyRequest",
    "FormSubmission",
    "ItemMinute",
    "ItemOutcome",
    "ItemPurpose",
    "Meeting",
    "MeetingStatus",
    "MemberRole",
    "Membership",
    "Minutes",
    "MinutesAmendment",
    "MinutesCirculation",
    "MinutesComment",
    "MinutesSignature",
    "MinutesStatus",
    "Motion",
    "MotionResult",
    "MotionStatus",
    "Notice",
    "NoticeService",
    "Officer",
    "OfficerRequest",
    "OutboxMessage",
    "OutcomeKind",
    "Paper",
    "Person",
    "PersonalToken",
    "RecoveryCode",
    "RequestDecision",
    "RequestStatus",
    "Requisition",
    "RequisitionSignature",
    "SecretariatPost",
    "SignInSession",
    "SigningAuthorisation",
    "TokenKind",
    "User",
    "Vote",
    "VoteChoice",
]
