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
from govapp.rules.cases import (
    GUIDANCE,
    CaseProcedure,
    action_plan_due,
    considered_at,
    criteria_met,
    iar_due,
    nominations_due,
    notification_due,
    progress_due_dates,
    reports_due,
    summary_to_panels_on,
)
from govapp.rules.conduct import (
    AGENDA_REQUESTS_CLOSED,
    MAX_YEARS_AHEAD,
    NOT_A_WORKING_DAY,
    SHORT_NOTICE,
    Concern,
    calling_concerns,
    meeting_date_problem,
    minutes_signing_refusal,
    record_closed_reason,
)
from govapp.rules.dates import add_months, clear_days_between, months_period_end, reporting_year
from govapp.rules.deadlines import (
    DUE,
    LATE,
    LONDON,
    MET,
    MISSED,
    TO_COME,
    agenda_request_deadline,
    agenda_request_on_time,
    deadline_state,
    london_date,
    minutes_deadline,
    notice_deadline,
    papers_deadline,
    reconvene_deadline,
    requisition_call_deadline,
)
from govapp.rules.eligibility import (
    NoVote,
    QuorumAnswer,
    Roll,
    RollEntry,
    VoteAnswer,
    chair_presides,
    deputise_refusal,
    explain_quorum,
    may_be_deputised,
    member_attendance,
    present_for_item,
    present_members,
    quorum_of,
    vote_eligibility,
    vote_refusal,
    voters,
)
from govapp.rules.meetings import ProposedMeeting, meetings_shortfall, nth_weekday_of_month, usual_meeting_dates
from govapp.rules.orders import CMR_PANEL, StandingOrders
from govapp.rules.quorum import interest_exception_applies, is_quorate, quorum_required, requisition_threshold
from govapp.rules.voting import CARRIED, CASTING_AGAINST, CASTING_FOR, LOST, TIED, decide
from govapp.rules.working_days import (
    NORTHERN_IRELAND,
    WorkingCalendar,
    add_working_days,
    is_working_day,
    public_holidays,
)

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
