"""Who may do what: the permission table (``docs/permissions.md``), checked on the server.

This module is the one gate. Every page, API route, document and to-do asks it, through
:func:`access` (the person's roles in one committee, and at one meeting, derived once per request)
or the shorter :func:`can` and :func:`require`. No role set is spelled anywhere else.

Roles are per committee (Chair, member, secretariat, an agency's officer), except admin, which is an
account flag, and two that hold for one meeting only: an *approved deputy* (the Chair approved their
request to attend in a member's place) and an *officer in attendance* (the Chair approved their
attendance to present an item). A person can hold several; the Chair is a member too.

What depends on more than a role (a conflicted member's papers, whether a deputy's vote counts,
who counts as present) is an eligibility rule in ``govapp.rules``, asked by the service that acts.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date
from typing import Any

from flask import g
from flask import has_app_context
from sqlalchemy import or_
from sqlalchemy import select
from werkzeug.exceptions import Forbidden

from govapp.cache import remember
from govapp.extensions import db
from govapp.models import AgencyRepresentative
from govapp.models import Committee
from govapp.models import CommitteeKind
from govapp.models import DeputyRequest
from govapp.models import Meeting
from govapp.models import MemberRole
from govapp.models import Membership
from govapp.models import Officer
from govapp.models import OfficerRequest
from govapp.models import RequestDecision
from govapp.models import SecretariatPost
from govapp.models import User


class Role(enum.StrEnum):
    ADMIN = "admin"
    CHAIR = "chair"
    MEMBER = "member"
    SECRETARIAT = "secretariat"
    OFFICER = "officer"
    DEPUTY = "deputy"
    ATTENDING = "officer in attendance"
    AGENCY_REP = "agency representative"  # notifies cases for their agency (a Panel's cases only)


ROLE_NAMES = {
    Role.ADMIN: "an administrator",
    Role.CHAIR: "the Chair",
    Role.MEMBER: "members",
    Role.SECRETARIAT: "the secretariat",
    Role.OFFICER: "the agencies' officers",
    Role.DEPUTY: "approved deputies",
    Role.ATTENDING: "officers in attendance",
    Role.AGENCY_REP: "the agencies' representatives",
}


class Action(enum.StrEnum):
    VIEW_COMMITTEE = "see the committee, its members and meetings"
    VIEW_MEETING = "see the committee's meeting, its time and place"
    READ_BUSINESS = "read the business before the committee (agenda titles, motions, requisitions' purpose)"
    DOWNLOAD_INVITE = "add the committee's meetings to a calendar"
    VIEW_CONSOLE = "see the meeting console"
    CALL_MEETING = "call, reschedule or cancel a meeting"
    BUILD_AGENDA = "build and order the agenda"
    SEE_ALL_REQUESTS = "see every agenda request and the papers that go with them"
    REQUEST_AGENDA_ITEM = "ask for an agenda item"
    DECIDE_LATE_REQUEST = "decide a late agenda request"
    AUTHORISE_SIGNATORY = "authorise someone to sign notices"
    SERVE_NOTICE = "serve a notice and despatch the pack"
    SEE_DELIVERY = "see notices not yet served and whom each was delivered to"
    VIEW_OUTBOX = "see the committee's outbox and how each message fared"
    READ_OUTBOX = "read the committee's outbox messages"
    UPLOAD_PAPERS = "upload papers"
    REGISTER_INTEREST = "register or declare your own interest"
    READ_PAPERS = "read an item's papers"
    SEND_APOLOGIES = "send apologies or ask for a deputy (your own, or on a member's behalf)"
    ACT_FOR_MEMBERS = "send apologies or ask for a deputy on a member's behalf"
    REQUEST_OFFICER = "ask for an officer to attend to present an item"
    APPROVE_ATTENDANCE = "approve a deputy or an officer's attendance"
    RECORD_PROCEEDINGS = "record attendance, withdrawals, outcomes and actions"
    RUN_VOTE = "open and close a vote or record a show of hands"
    CAST_VOTE = "cast a vote"
    CASTING_VOTE = "give the casting vote"
    DRAFT_MINUTES = "draft and circulate minutes"
    READ_MINUTES = "read the minutes and the meeting's documents"
    COMMENT_ON_MINUTES = "comment on draft minutes"
    SIGN_MINUTES = "sign approved minutes"
    SIGN_REQUISITION = "sign a requisition"
    RECORD_BOARD_APPROVAL = "record the Board's approval of a reason not to call a requisitioned meeting"
    RECORD_ABSENCE_REASON = "record the reason for a member's absences"
    SEE_ABSENCES = "see members' absences"
    SEE_ATTENDANCE_REPORT = "see the attendance report"
    READ_AUDIT = "read the committee's audit record"
    ACT_AS_MEMBER = "be asked, as a member, to vote, read papers, check minutes, declare interests and send apologies"
    RUN_BUSINESS = "follow the committee's notices, requisitions, further meetings and coming deadlines"
    SECRETARIAT_WORK = "be given the secretariat's work: notices to serve and draft minutes due"
    USE_PERSONAL_LINKS = "create or revoke your own API tokens and calendar feed link"
    MANAGE_ACCOUNTS = "manage accounts and committees"
    NOTIFY_CASE = "notify a case for an agency"
    SEE_CASES = "see the Panel's cases, their notifications, answers and clocks"
    ANSWER_KNOWN = "answer whether a notified child or family is known to your agency"
    MANAGE_CASES = "join notifications to a case and record requests from the public"
    RECORD_FOREWARNING = "record a forewarning and write to the involved agencies"
    NOMINATE = "record an agency's nominations of an IAR author and a team member"
    ADD_BRIEFING = "add the notifying agency's briefing report to its case"
    REQUEST_PRESENTER = "ask for a staff member of the notifying agency to attend and present a case"
    RECORD_RECOMMENDATION = "record the Panel's findings on the criteria and the recommendation its motion made"
    AGREE_IN_WRITING = "agree in writing, as a member of the Board, to its decision on a case"
    RECORD_BOARD_DECISION = "record the Board's decision on a case made at a Board meeting"


@dataclass(frozen=True)
class Row:
    """One row of the table: the roles that may act, roles refused even so, and the words of a refusal
    (``{committee}`` is filled in) where the generic sentence would not help the person."""

    roles: frozenset[Role]
    excluded: frozenset[Role] = frozenset()
    refusal: str | None = None
    excluded_refusal: str | None = None  # said to someone refused because they hold an excluded role


C, M, S, A, D, OA = Role.CHAIR, Role.MEMBER, Role.SECRETARIAT, Role.ADMIN, Role.DEPUTY, Role.ATTENDING
AR = Role.AGENCY_REP


def _row(
    *roles: Role, excluded: tuple[Role, ...] = (), refusal: str | None = None, excluded_refusal: str | None = None
) -> Row:
    return Row(frozenset(roles), frozenset(excluded), refusal, excluded_refusal)


#: The Chair is a member too, but a requisition is presented to the Chair (standing orders, requisitions).
CHAIR_CANNOT_SIGN = "The Chair cannot sign a requisition: it is presented to the Chair, who must then call the meeting."


#: The permission table. Rows that name an approved deputy or an officer in attendance hold only for
#: the meeting they were approved for (``access(..., meeting=...)``).
TABLE: dict[Action, Row] = {
    Action.VIEW_COMMITTEE: _row(C, M, S, A),
    Action.VIEW_MEETING: _row(C, M, S, A, D, OA),
    Action.READ_BUSINESS: _row(
        C,
        M,
        S,
        D,
        refusal="The business before {committee} is confidential to its Chair, members and secretariat. An "
        "administrator sees it only if they also hold one of those roles.",
    ),
    Action.DOWNLOAD_INVITE: _row(
        C, M, S, D, refusal="Only the committee's members, Chair and secretariat can add its meetings to a calendar."
    ),
    Action.VIEW_CONSOLE: _row(
        C,
        S,
        refusal="The meeting console of {committee} is for the secretariat, who record the proceedings, and the "
        "Chair, who may view it.",
    ),
    Action.CALL_MEETING: _row(C, S),
    Action.BUILD_AGENDA: _row(C, S),
    Action.SEE_ALL_REQUESTS: _row(C, S),
    Action.REQUEST_AGENDA_ITEM: _row(C, M),
    Action.DECIDE_LATE_REQUEST: _row(C),
    Action.AUTHORISE_SIGNATORY: _row(C),
    Action.SERVE_NOTICE: _row(C, S),
    Action.SEE_DELIVERY: _row(C, S, A),
    Action.VIEW_OUTBOX: _row(
        C, S, A, refusal="Only the Chair and the secretariat of the {committee} can see its outbox."
    ),
    Action.READ_OUTBOX: _row(C, S, refusal="Only the Chair and the secretariat can read the committee's messages."),
    Action.UPLOAD_PAPERS: _row(C, S),
    Action.REGISTER_INTEREST: _row(C, M, D),
    Action.READ_PAPERS: _row(
        C, M, S, D, OA, refusal="Only the Chair, members and secretariat of {committee} can open its papers."
    ),
    Action.SEND_APOLOGIES: _row(C, M, S),
    Action.ACT_FOR_MEMBERS: _row(S),
    Action.REQUEST_OFFICER: _row(C, M, S),
    Action.APPROVE_ATTENDANCE: _row(C),
    Action.RECORD_PROCEEDINGS: _row(S),
    Action.RUN_VOTE: _row(C, S),
    Action.CAST_VOTE: _row(
        C,
        M,
        D,
        refusal="You cannot cast a vote for {committee}: only its members, and deputies attending in a member's "
        "place, vote. Officers in attendance have no vote.",
    ),
    Action.CASTING_VOTE: _row(C),
    Action.DRAFT_MINUTES: _row(S),
    Action.READ_MINUTES: _row(C, M, S),
    Action.COMMENT_ON_MINUTES: _row(C, M, S),
    Action.SIGN_MINUTES: _row(C),
    Action.SIGN_REQUISITION: _row(M, excluded=(C,), excluded_refusal=CHAIR_CANNOT_SIGN),
    Action.RECORD_BOARD_APPROVAL: _row(S),
    Action.RECORD_ABSENCE_REASON: _row(C),
    Action.SEE_ABSENCES: _row(C, S, refusal="Only the Chair and the secretariat of {committee} see members' absences."),
    Action.SEE_ATTENDANCE_REPORT: _row(
        C, S, refusal="Only the Chair and the secretariat of {committee} see the attendance report."
    ),
    Action.READ_AUDIT: _row(C, S),
    Action.ACT_AS_MEMBER: _row(C, M),
    Action.RUN_BUSINESS: _row(C, S),
    Action.SECRETARIAT_WORK: _row(S),
    Action.USE_PERSONAL_LINKS: _row(
        C,
        M,
        S,
        A,
        refusal="API tokens and calendar links are for committee Chairs, members, secretariat and administrators.",
    ),
    Action.MANAGE_ACCOUNTS: _row(A),
    Action.NOTIFY_CASE: _row(
        AR, S, refusal="Only an agency's representative, or the secretariat on an agency's behalf, notifies a case."
    ),
    Action.SEE_CASES: _row(
        C,
        M,
        S,
        refusal="The cases before {committee} are confidential to its Chair, members and secretariat (an agency's "
        "representative sees their own agency's notifications).",
    ),
    Action.ANSWER_KNOWN: _row(C, M),
    Action.MANAGE_CASES: _row(C, S),
    Action.RECORD_FOREWARNING: _row(C, S),
    Action.REQUEST_PRESENTER: _row(AR, S),
    Action.ADD_BRIEFING: _row(AR, S),
    Action.RECORD_RECOMMENDATION: _row(S),
    Action.AGREE_IN_WRITING: _row(
        C, M, refusal="Only the Board's Chair and members agree in writing to its decisions."
    ),
    Action.RECORD_BOARD_DECISION: _row(S),
    Action.NOMINATE: _row(
        AR, S, refusal="Only the agency's representative, or the secretariat on its behalf, records its nominations."
    ),
}

#: The roles in each row, for those who only need the set (tests, the documentation).
ALLOWED: dict[Action, frozenset[Role]] = {action: row.roles for action, row in TABLE.items()}


def allows(roles: frozenset[Role], action: Action) -> bool:
    """Whether holding ``roles`` permits ``action``: the table's one reading."""
    row = TABLE[action]
    return bool(roles & row.roles) and not roles & row.excluded


def refusal(action: Action, committee: Committee, roles: frozenset[Role] = frozenset()) -> str:
    """The words of a refusal of ``action`` in ``committee`` to someone holding ``roles``: the row's
    own, or who may do it."""
    row = TABLE[action]
    if row.excluded_refusal and roles & row.excluded:
        return row.excluded_refusal
    if row.refusal:
        return row.refusal.format(committee=committee.name)
    who = ", ".join(ROLE_NAMES[r] for r in sorted(row.roles, key=list(Role).index))
    return f"You cannot {action.value} for {committee.name}. Only {who} can."


def refusal_in_general(action: Action) -> str:
    """The words of a refusal of ``action`` where no one committee is concerned."""
    return refusal(action, Committee(name="any committee")).replace("any committee", "a committee")


#: Reading the business before a committee (its agenda, attendance, declarations, motions), which is
#: confidential to it: seeing the committee, and reading its business.
READS_BUSINESS = (Action.VIEW_COMMITTEE, Action.READ_BUSINESS)


@dataclass(frozen=True)
class Access:
    """A person's roles in one committee (and at one meeting), with the table's answers."""

    user: User
    committee: Committee
    roles: frozenset[Role]

    def can(self, action: Action) -> bool:
        return allows(self.roles, action)

    def require(self, action: Action) -> Access:
        """This access, or a 403 that says what was refused and who may do it."""
        if not self.can(action):
            raise Forbidden(refusal(action, self.committee, self.roles))
        return self

    def can_all(self, actions: tuple[Action, ...]) -> bool:
        return all(self.can(action) for action in actions)

    def __contains__(self, role: object) -> bool:
        return role in self.roles


def _committee_roles(user: User, committee: Committee, on: date) -> set[Role]:
    roles = set(_roles_by_committee(user, on).get(committee.id, ()))
    if user.is_admin:
        roles.add(Role.ADMIN)
    if committee.kind == CommitteeKind.PANEL and _represents(user, on):
        roles.add(Role.AGENCY_REP)
    return roles


def _request_memo() -> dict[tuple[object, ...], Any] | None:
    """What this request has already worked out about people's roles (none outside a request)."""
    return g.setdefault("_person_roles", {}) if has_app_context() else None


def _roles_by_committee(user: User, on: date) -> dict[int, frozenset[Role]]:
    """The committee roles ``user`` holds on ``on``, by committee id, from their own memberships, posts and
    officer registrations: three queries whatever the number of committees, remembered for the request
    and, until the record changes, for later requests (``govapp.cache``)."""
    key: tuple[object, ...] = ("roles", user.id, on)
    memo = _request_memo()
    if memo is not None and key in memo:
        return memo[key]  # type: ignore[no-any-return]
    person_id = user.person_id

    def derive() -> dict[int, frozenset[Role]]:
        found: dict[int, set[Role]] = {}
        for m in db.session.scalars(select(Membership).where(Membership.person_id == person_id)):
            if m.is_current(on):
                found.setdefault(m.committee_id, set()).add(Role.MEMBER)
                if m.role == MemberRole.CHAIR:
                    found[m.committee_id].add(Role.CHAIR)
        for post in db.session.scalars(select(SecretariatPost).where(SecretariatPost.person_id == person_id)):
            if post.is_current(on):
                found.setdefault(post.committee_id, set()).add(Role.SECRETARIAT)
        for officer in db.session.scalars(select(Officer).where(Officer.person_id == person_id)):
            if officer.is_current(on):
                found.setdefault(officer.committee_id, set()).add(Role.OFFICER)
        return {committee_id: frozenset(roles) for committee_id, roles in found.items()}

    result = remember(("roles", person_id, on), derive)
    if memo is not None:
        memo[key] = result
    return result


def _represents(user: User, on: date) -> bool:
    key: tuple[object, ...] = ("represents", user.id, on)
    memo = _request_memo()
    if memo is not None and key in memo:
        return bool(memo[key])
    answer = remember(("represents", user.person_id, on), lambda: representative_of(user, on) is not None)
    if memo is not None:
        memo[key] = answer
    return answer


def representative_of(user: User, on: date) -> AgencyRepresentative | None:
    """The agency ``user`` represents on ``on`` (their current appointment as its representative)."""
    rows = db.session.scalars(select(AgencyRepresentative).where(AgencyRepresentative.person_id == user.person_id))
    return next((r for r in rows if r.is_current(on)), None)


def _meeting_roles(user: User, meeting: Meeting) -> set[Role]:
    """An approved deputy or officer in attendance, for this meeting only."""
    person_id, meeting_id = user.person_id, meeting.id

    def derive() -> frozenset[Role]:
        approved = (
            (Role.DEPUTY, DeputyRequest, DeputyRequest.deputy_id),
            (Role.ATTENDING, OfficerRequest, OfficerRequest.officer_id),
        )
        return frozenset(
            role
            for role, asked, person in approved
            if db.session.scalar(
                select(asked.id).where(
                    asked.meeting_id == meeting_id, person == person_id, asked.status == RequestDecision.APPROVED
                )
            )
            is not None
        )

    return set(remember(("meeting roles", person_id, meeting_id), derive))


def access(user: User, committee: Committee, on: date, meeting: Meeting | None = None) -> Access:
    """``user``'s access to ``committee`` on ``on`` (and to ``meeting``, which adds the meeting's own
    roles). Derived once per request and remembered for the rest of it."""
    key = (user.id, committee.id, on, meeting.id if meeting is not None else None)
    cache: dict[tuple[object, ...], Access] | None = None
    if has_app_context():
        cache = g.setdefault("_access", {})
        if key in cache:
            return cache[key]
    roles = _committee_roles(user, committee, on)
    if meeting is not None:
        roles |= _meeting_roles(user, meeting)
    result = Access(user, committee, frozenset(roles))
    if cache is not None:
        cache[key] = result
    return result


def roles_in(user: User, committee: Committee, on: date) -> frozenset[Role]:
    """The roles ``user`` holds in ``committee`` on ``on``. A Chair is a member too."""
    return access(user, committee, on).roles


def can(user: User, action: Action, committee: Committee, on: date, meeting: Meeting | None = None) -> bool:
    return access(user, committee, on, meeting).can(action)


def require(
    user: User, action: Action, committee: Committee, on: date, meeting: Meeting | None = None
) -> frozenset[Role]:
    """Refuse with a 403 that says what was refused, or return the user's roles."""
    return access(user, committee, on, meeting).require(action).roles


def reads_business(user: User, committee: Committee, on: date) -> bool:
    return can(user, Action.READ_BUSINESS, committee, on)


def require_admin(user: User) -> None:
    if not user.is_admin:
        raise Forbidden("Only an administrator can manage accounts and committees.")


def committees_for(user: User, on: date) -> list[tuple[Committee, frozenset[Role]]]:
    """Every committee the user holds a role in on ``on`` (admins see all), with those roles: from the
    person's own memberships and posts, in a fixed number of queries whatever the number of committees."""
    by_committee = _roles_by_committee(user, on)
    query = select(Committee).order_by(Committee.name)
    if not user.is_admin:
        held = Committee.id.in_(by_committee)
        # An agency's representative notifies cases to the panels.
        query = query.where(or_(held, Committee.kind == CommitteeKind.PANEL) if _represents(user, on) else held)
    return [(committee, access(user, committee, on).roles) for committee in db.session.scalars(query)]
