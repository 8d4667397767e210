"""Who may do what: the table of ``shared/domain/permissions.md``, checked on the server.

Roles are per committee (Chair, member, secretariat, officer), except admin, which is an account
flag. A person can hold several. Actions that depend on more than a role (a conflicted member's
papers, a deputy's vote) are refined by the service that performs them; this table is the first
gate every view and API route passes through.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from werkzeug.exceptions import Forbidden

from govapp.extensions import db
from govapp.models import Committee, MemberRole, Membership, Officer, SecretariatPost, User


class Role(enum.StrEnum):
    ADMIN = "admin"
    CHAIR = "chair"
    MEMBER = "member"
    SECRETARIAT = "secretariat"
    OFFICER = "officer"


class Action(enum.StrEnum):
    VIEW_COMMITTEE = "see the committee, its members and meetings"
    CALL_MEETING = "call, reschedule or cancel a meeting"
    BUILD_AGENDA = "build and order the agenda"
    REQUEST_AGENDA_ITEM = "ask for an agenda item"
    DECIDE_LATE_REQUEST = "decide a late agenda request"
    AUTHORISE_SIGNATORY = "authorise someone to sign notices"
    SERVE_NOTICE = "serve a notice and despatch the pack"
    UPLOAD_PAPERS = "upload papers"
    REGISTER_INTEREST = "register or declare your own interest"
    READ_PAPERS = "read an item's papers"
    SEND_APOLOGIES = "send apologies or ask for a deputy (your own, or on a member's behalf)"
    REQUEST_OFFICER = "ask for an officer to attend to present an item"
    APPROVE_ATTENDANCE = "approve a deputy or an officer's attendance"
    RECORD_PROCEEDINGS = "record attendance, withdrawals, outcomes and actions"
    RUN_VOTE = "open and close a vote or record a show of hands"
    CAST_VOTE = "cast a vote"
    CASTING_VOTE = "give the casting vote"
    DRAFT_MINUTES = "draft and circulate minutes"
    COMMENT_ON_MINUTES = "comment on draft minutes"
    SIGN_MINUTES = "sign approved minutes"
    SIGN_REQUISITION = "sign a requisition"
    RECORD_BOARD_APPROVAL = "record the Board's approval of a reason not to call a requisitioned meeting"
    RECORD_ABSENCE_REASON = "record the reason for a member's absences"
    READ_AUDIT = "read the committee's audit record"
    MANAGE_ACCOUNTS = "manage accounts and committees"


C, M, S, A = Role.CHAIR, Role.MEMBER, Role.SECRETARIAT, Role.ADMIN

#: Which committee roles may take each action (before any per-item refinement).
ALLOWED: dict[Action, frozenset[Role]] = {
    Action.VIEW_COMMITTEE: frozenset({C, M, S, A}),
    Action.CALL_MEETING: frozenset({C, S}),
    Action.BUILD_AGENDA: frozenset({C, S}),
    Action.REQUEST_AGENDA_ITEM: frozenset({C, M}),
    Action.DECIDE_LATE_REQUEST: frozenset({C}),
    Action.AUTHORISE_SIGNATORY: frozenset({C}),
    Action.SERVE_NOTICE: frozenset({C, S}),
    Action.UPLOAD_PAPERS: frozenset({C, S}),
    Action.REGISTER_INTEREST: frozenset({C, M}),
    Action.READ_PAPERS: frozenset({C, M, S}),
    Action.SEND_APOLOGIES: frozenset({C, M, S}),
    Action.REQUEST_OFFICER: frozenset({C, M, S}),
    Action.APPROVE_ATTENDANCE: frozenset({C}),
    Action.RECORD_PROCEEDINGS: frozenset({S}),
    Action.RUN_VOTE: frozenset({C, S}),
    Action.CAST_VOTE: frozenset({C, M}),
    Action.CASTING_VOTE: frozenset({C}),
    Action.DRAFT_MINUTES: frozenset({S}),
    Action.COMMENT_ON_MINUTES: frozenset({C, M, S}),
    Action.SIGN_MINUTES: frozenset({C}),
    Action.SIGN_REQUISITION: frozenset({M}),
    Action.RECORD_BOARD_APPROVAL: frozenset({S}),
    Action.RECORD_ABSENCE_REASON: frozenset({C}),
    Action.READ_AUDIT: frozenset({C, S}),
    Action.MANAGE_ACCOUNTS: frozenset({A}),
}


@dataclass(frozen=True)
class CommitteeRoles:
    committee_id: int
    roles: frozenset[Role]

    def __contains__(self, role: object) -> bool:
        return role in self.roles


def roles_in(user: User, committee: Committee, on: date) -> frozenset[Role]:
    """The roles ``user`` holds in ``committee`` on ``on``. A Chair is a member too."""
    roles: set[Role] = set()
    if user.is_admin:
        roles.add(Role.ADMIN)
    person_id = user.person_id
    for m in db.session.scalars(
        select(Membership).where(Membership.committee_id == committee.id, Membership.person_id == person_id)
    ):
        if m.is_current(on):
            roles.add(Role.MEMBER)
            if m.role == MemberRole.CHAIR:
                roles.add(Role.CHAIR)
    for post in db.session.scalars(
        select(SecretariatPost).where(
            SecretariatPost.committee_id == committee.id, SecretariatPost.person_id == person_id
        )
    ):
        if post.is_current(on):
            roles.add(Role.SECRETARIAT)
    for officer in db.session.scalars(
        select(Officer).where(Officer.committee_id == committee.id, Officer.person_id == person_id)
    ):
        if officer.is_current(on):
            roles.add(Role.OFFICER)
    return frozenset(roles)


def can(user: User, action: Action, committee: Committee, on: date) -> bool:
    return bool(roles_in(user, committee, on) & ALLOWED[action])


def require(user: User, action: Action, committee: Committee, on: date) -> frozenset[Role]:
    """Refuse with a 403 that says what was refused, or return the user's roles."""
    roles = roles_in(user, committee, on)
    if not roles & ALLOWED[action]:
        allowed = ", ".join(sorted(r.value for r in ALLOWED[action]))
        raise Forbidden(f"You cannot {action.value} for {committee.name}. Only: {allowed}.")
    return roles


#: Who may read the business before a committee (agenda titles, motions, requisitions' purpose): it
#: names the matters, often cases, the committee considers. Not an administrator alone, nor an officer.
BUSINESS_READERS = frozenset({C, M, S})


def reads_business(user: User, committee: Committee, on: date) -> bool:
    return bool(roles_in(user, committee, on) & BUSINESS_READERS)


def require_admin(user: User) -> None:
    if not user.is_admin:
        raise Forbidden("Only an administrator can manage accounts and committees.")


def committees_for(user: User, on: date) -> list[tuple[Committee, frozenset[Role]]]:
    """Every committee the user holds a role in on ``on`` (admins see all), with those roles."""
    committees = db.session.scalars(select(Committee).order_by(Committee.name)).all()
    result = []
    for committee in committees:
        roles = roles_in(user, committee, on)
        if roles - {Role.ADMIN} or user.is_admin:
            result.append((committee, roles))
    return result
