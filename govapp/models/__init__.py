"""SQLAlchemy models, one module per area. The schema itself comes only from migrations."""

from govapp.models.agenda import AgendaRequest
from govapp.models.agenda import Declaration
from govapp.models.agenda import DeclarationKind
from govapp.models.agenda import Paper
from govapp.models.agenda import RequestStatus
from govapp.models.audit import AuditEvent
from govapp.models.base import Base
from govapp.models.cases import AGE_BANDS
from govapp.models.cases import AREAS
from govapp.models.cases import CASE_STAGES
from govapp.models.cases import CRITERIA
from govapp.models.cases import AgencyRepresentative
from govapp.models.cases import BoardAgreement
from govapp.models.cases import Case
from govapp.models.cases import CaseLetter
from govapp.models.cases import CaseStage
from govapp.models.cases import ForewarnedAgency
from govapp.models.cases import Forewarning
from govapp.models.cases import KnownAnswer
from govapp.models.cases import Notification
from govapp.models.cases import PublicRequest
from govapp.models.committees import AGENCY_KINDS
from govapp.models.committees import COMMITTEE_KINDS
from govapp.models.committees import Agency
from govapp.models.committees import AgencyKind
from govapp.models.committees import ClosureDay
from govapp.models.committees import Committee
from govapp.models.committees import CommitteeKind
from govapp.models.committees import MemberRole
from govapp.models.committees import Membership
from govapp.models.committees import Officer
from govapp.models.committees import SecretariatPost
from govapp.models.committees import SigningAuthorisation
from govapp.models.documents import StoredDocument
from govapp.models.meetings import AgendaItem
from govapp.models.meetings import ItemPurpose
from govapp.models.meetings import Meeting
from govapp.models.meetings import MeetingStatus
from govapp.models.minutes import ItemMinute
from govapp.models.minutes import Minutes
from govapp.models.minutes import MinutesAmendment
from govapp.models.minutes import MinutesCirculation
from govapp.models.minutes import MinutesComment
from govapp.models.minutes import MinutesSignature
from govapp.models.minutes import MinutesStatus
from govapp.models.notices import DeliveryStatus
from govapp.models.notices import Notice
from govapp.models.notices import NoticeService
from govapp.models.notices import OutboxMessage
from govapp.models.people import Person
from govapp.models.people import User
from govapp.models.proceedings import AbsenceFollowUp
from govapp.models.proceedings import ActionPoint
from govapp.models.proceedings import ActionStatus
from govapp.models.proceedings import Apology
from govapp.models.proceedings import Attendance
from govapp.models.proceedings import AttendanceRecord
from govapp.models.proceedings import DeputyRequest
from govapp.models.proceedings import ItemOutcome
from govapp.models.proceedings import Motion
from govapp.models.proceedings import MotionResult
from govapp.models.proceedings import MotionStatus
from govapp.models.proceedings import OfficerRequest
from govapp.models.proceedings import OutcomeKind
from govapp.models.proceedings import RequestDecision
from govapp.models.proceedings import Vote
from govapp.models.proceedings import VoteChoice
from govapp.models.requisitions import Requisition
from govapp.models.requisitions import RequisitionSignature
from govapp.models.sessions import FormSubmission
from govapp.models.sessions import RecordVersion
from govapp.models.sessions import RecoveryCode
from govapp.models.sessions import SignInSession
from govapp.models.tokens import PersonalToken
from govapp.models.tokens import TokenKind
from govapp.whenwhere import WhenAndWhere

__all__ = [
    "AGENCY_KINDS",
    "AGE_BANDS",
    "AREAS",
    "CASE_STAGES",
    "COMMITTEE_KINDS",
    "CRITERIA",
    "AbsenceFollowUp",
    "ActionPoint",
    "ActionStatus",
    "Agency",
    "AgencyKind",
    "AgencyRepresentative",
    "AgendaItem",
    "AgendaRequest",
    "Apology",
    "Attendance",
    "AttendanceRecord",
    "AuditEvent",
    "Base",
    "BoardAgreement",
    "Case",
    "CaseLetter",
    "CaseStage",
    "ClosureDay",
    "Committee",
    "CommitteeKind",
    "Declaration",
    "DeclarationKind",
    "DeliveryStatus",
    "DeputyRequest",
    "ForewarnedAgency",
    "Forewarning",
    "FormSubmission",
    "ItemMinute",
    "ItemOutcome",
    "ItemPurpose",
    "KnownAnswer",
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
    "Notification",
    "Officer",
    "OfficerRequest",
    "OutboxMessage",
    "OutcomeKind",
    "Paper",
    "Person",
    "PersonalToken",
    "PublicRequest",
    "RecordVersion",
    "RecoveryCode",
    "RequestDecision",
    "RequestStatus",
    "Requisition",
    "RequisitionSignature",
    "SecretariatPost",
    "SignInSession",
    "SigningAuthorisation",
    "StoredDocument",
    "TokenKind",
    "User",
    "Vote",
    "VoteChoice",
    "WhenAndWhere",
]
