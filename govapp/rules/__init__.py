"""The CMR Panel's standing orders as pure Python: dates and counts in, answers out.

No Flask, no database, no I/O and no clock: "today" is always an argument. Every function takes an
optional keyword ``orders=`` (a committee's :class:`StandingOrders`; default ``CMR_PANEL``) and the
working-day functions an optional ``calendar=`` (a :class:`WorkingCalendar`; default
``NORTHERN_IRELAND``). Bad input raises ``ValueError`` with a message a person can understand.

How each standing order is interpreted is described in the docstring of the module that applies it:
:mod:`~govapp.rules.orders` (the settings), :mod:`~govapp.rules.working_days`,
:mod:`~govapp.rules.dates`, :mod:`~govapp.rules.deadlines`, :mod:`~govapp.rules.quorum`,
:mod:`~govapp.rules.voting`, :mod:`~govapp.rules.eligibility` (who counts as present, who may vote,
who may be deputised, the words of a quorum), :mod:`~govapp.rules.attendance` and
:mod:`~govapp.rules.meetings`; what a meeting's date and state let happen to it in
:mod:`~govapp.rules.conduct`; the case clocks of the CMR pipeline in :mod:`~govapp.rules.cases`
(``orders=`` there is the Board's :class:`CaseProcedure`, default ``GUIDANCE``).
"""

from govapp.rules.attendance import absence_alerts
from govapp.rules.cases import GUIDANCE
from govapp.rules.cases import CaseProcedure
from govapp.rules.cases import action_plan_due
from govapp.rules.cases import considered_at
from govapp.rules.cases import criteria_met
from govapp.rules.cases import iar_due
from govapp.rules.cases import nominations_due
from govapp.rules.cases import notification_due
from govapp.rules.cases import progress_due_dates
from govapp.rules.cases import reports_due
from govapp.rules.cases import summary_to_panels_on
from govapp.rules.conduct import AGENDA_REQUESTS_CLOSED
from govapp.rules.conduct import MAX_YEARS_AHEAD
from govapp.rules.conduct import NOT_A_WORKING_DAY
from govapp.rules.conduct import SHORT_NOTICE
from govapp.rules.conduct import Concern
from govapp.rules.conduct import calling_concerns
from govapp.rules.conduct import meeting_date_problem
from govapp.rules.conduct import minutes_signing_refusal
from govapp.rules.conduct import record_closed_reason
from govapp.rules.dates import add_months
from govapp.rules.dates import clear_days_between
from govapp.rules.dates import months_period_end
from govapp.rules.dates import reporting_year
from govapp.rules.deadlines import DUE
from govapp.rules.deadlines import LATE
from govapp.rules.deadlines import LONDON
from govapp.rules.deadlines import MET
from govapp.rules.deadlines import MISSED
from govapp.rules.deadlines import TO_COME
from govapp.rules.deadlines import agenda_request_deadline
from govapp.rules.deadlines import agenda_request_on_time
from govapp.rules.deadlines import deadline_state
from govapp.rules.deadlines import london_date
from govapp.rules.deadlines import minutes_deadline
from govapp.rules.deadlines import notice_deadline
from govapp.rules.deadlines import papers_deadline
from govapp.rules.deadlines import reconvene_deadline
from govapp.rules.deadlines import requisition_call_deadline
from govapp.rules.eligibility import NoVote
from govapp.rules.eligibility import QuorumAnswer
from govapp.rules.eligibility import Roll
from govapp.rules.eligibility import RollEntry
from govapp.rules.eligibility import VoteAnswer
from govapp.rules.eligibility import chair_presides
from govapp.rules.eligibility import deputise_refusal
from govapp.rules.eligibility import explain_quorum
from govapp.rules.eligibility import may_be_deputised
from govapp.rules.eligibility import member_attendance
from govapp.rules.eligibility import present_for_item
from govapp.rules.eligibility import present_members
from govapp.rules.eligibility import quorum_of
from govapp.rules.eligibility import vote_eligibility
from govapp.rules.eligibility import vote_refusal
from govapp.rules.eligibility import voters
from govapp.rules.meetings import ProposedMeeting
from govapp.rules.meetings import meetings_shortfall
from govapp.rules.meetings import nth_weekday_of_month
from govapp.rules.meetings import usual_meeting_dates
from govapp.rules.orders import CMR_PANEL
from govapp.rules.orders import StandingOrders
from govapp.rules.quorum import interest_exception_applies
from govapp.rules.quorum import is_quorate
from govapp.rules.quorum import quorum_required
from govapp.rules.quorum import requisition_threshold
from govapp.rules.voting import CARRIED
from govapp.rules.voting import CASTING_AGAINST
from govapp.rules.voting import CASTING_FOR
from govapp.rules.voting import LOST
from govapp.rules.voting import TIED
from govapp.rules.voting import decide
from govapp.rules.working_days import NORTHERN_IRELAND
from govapp.rules.working_days import WorkingCalendar
from govapp.rules.working_days import add_working_days
from govapp.rules.working_days import is_working_day
from govapp.rules.working_days import public_holidays

__all__ = [
    "AGENDA_REQUESTS_CLOSED",
    "CARRIED",
    "CASTING_AGAINST",
    "CASTING_FOR",
    "CMR_PANEL",
    "DUE",
    "GUIDANCE",
    "LATE",
    "LONDON",
    "LOST",
    "MAX_YEARS_AHEAD",
    "MET",
    "MISSED",
    "NORTHERN_IRELAND",
    "NOT_A_WORKING_DAY",
    "SHORT_NOTICE",
    "TIED",
    "TO_COME",
    "CaseProcedure",
    "Concern",
    "NoVote",
    "ProposedMeeting",
    "QuorumAnswer",
    "Roll",
    "RollEntry",
    "StandingOrders",
    "VoteAnswer",
    "WorkingCalendar",
    "absence_alerts",
    "action_plan_due",
    "add_months",
    "add_working_days",
    "agenda_request_deadline",
    "agenda_request_on_time",
    "calling_concerns",
    "chair_presides",
    "clear_days_between",
    "considered_at",
    "criteria_met",
    "deadline_state",
    "decide",
    "deputise_refusal",
    "explain_quorum",
    "iar_due",
    "interest_exception_applies",
    "is_quorate",
    "is_working_day",
    "london_date",
    "may_be_deputised",
    "meeting_date_problem",
    "meetings_shortfall",
    "member_attendance",
    "minutes_deadline",
    "minutes_signing_refusal",
    "months_period_end",
    "nominations_due",
    "notice_deadline",
    "notification_due",
    "nth_weekday_of_month",
    "papers_deadline",
    "present_for_item",
    "present_members",
    "progress_due_dates",
    "public_holidays",
    "quorum_of",
    "quorum_required",
    "reconvene_deadline",
    "record_closed_reason",
    "reporting_year",
    "reports_due",
    "requisition_call_deadline",
    "requisition_threshold",
    "summary_to_panels_on",
    "usual_meeting_dates",
    "vote_eligibility",
    "vote_refusal",
    "voters",
]
