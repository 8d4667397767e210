"""Who counts as present, who may vote, who may be deputised, and the words of a quorum.

Pure rules over plain data: a :class:`Roll` of ids and flags in, answers out. No Flask, no
database, no clock. Every service, page, API route and document asks these functions instead of
working the answer out itself, so that each question has one answer and each refusal one message.

Interpretations (standing orders 5 to 8, CMR Panel defaults):

- **Present for the meeting**: a member whose roll-call record says present and who has not left,
  and a member whose approved deputy is present (and has not left) in their place. Officers in
  attendance are never counted. Apologies, absence and a departure count as not present.
- **Present for an item**: present for the meeting and not among those who declared an interest in
  the item (whether or not the withdrawal has been recorded yet).
- **The Chair presides** over the meeting when present (or, where the committee's orders allow a
  deputy Chair, deputised). Over an item the Chair declared an interest in, nobody presides unless
  the orders say there is a deputy Chair (``deputy_chair``), who then presides instead.
- **Deputising**: any member may be deputised; the Chair only where ``deputy_chair`` allows.
- **Voting**: a vote is cast by a member present in person, or by an approved deputy present in the
  member's place; the refusals are listed in :class:`NoVote`, asked in the order given there.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field

from govapp.rules.orders import CMR_PANEL
from govapp.rules.orders import StandingOrders
from govapp.rules.orders import require_orders
from govapp.rules.quorum import interest_exception_applies
from govapp.rules.quorum import is_quorate
from govapp.rules.quorum import quorum_required

__all__ = [
    "ABSENT",
    "APOLOGIES",
    "DEPUTY",
    "OFFICER",
    "PRESENT",
    "NoVote",
    "QuorumAnswer",
    "Roll",
    "RollEntry",
    "VoteAnswer",
    "chair_presides",
    "deputise_refusal",
    "explain_quorum",
    "may_be_deputised",
    "member_attendance",
    "present_for_item",
    "present_members",
    "quorum_of",
    "vote_eligibility",
    "vote_refusal",
    "voters",
]

#: Roll-call statuses (the values of ``govapp.models.Attendance``).
PRESENT, APOLOGIES, ABSENT, DEPUTY, OFFICER = "present", "apologies", "absent", "deputy", "officer"
_STATUSES = frozenset({PRESENT, APOLOGIES, ABSENT, DEPUTY, OFFICER})


@dataclass(frozen=True)
class RollEntry:
    """One person's roll-call record: their status, whom they deputise for, and whether they have left."""

    person_id: int
    status: str
    deputy_for: int | None = None
    departed: bool = False

    def __post_init__(self) -> None:
        if str(self.status) not in _STATUSES:
            raise ValueError(f"{self.status!r} is not a roll-call status: use one of {', '.join(sorted(_STATUSES))}.")
        object.__setattr__(self, "status", str(self.status))
        if (self.status == DEPUTY) != (self.deputy_for is not None):
            raise ValueError("A deputy, and only a deputy, attends for another member.")


@dataclass(frozen=True)
class Roll:
    """A meeting's people: the members on its date, the Chair, former members and the roll call."""

    members: frozenset[int]
    chair: int | None = None
    entries: tuple[RollEntry, ...] = ()
    former_members: frozenset[int] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        object.__setattr__(self, "members", frozenset(self.members))
        object.__setattr__(self, "former_members", frozenset(self.former_members) - self.members)
        object.__setattr__(self, "entries", tuple(self.entries))
        if self.chair is not None and self.chair not in self.members:
            raise ValueError("The Chair must be one of the members.")
        seen: set[int] = set()
        for entry in self.entries:
            if entry.person_id in seen:
                raise ValueError(f"Person {entry.person_id} has two roll-call records; a person has one.")
            seen.add(entry.person_id)

    def entry(self, person_id: int) -> RollEntry | None:
        return next((e for e in self.entries if e.person_id == person_id), None)

    def deputy_of(self, member_id: int) -> RollEntry | None:
        """The deputy recorded as attending in ``member_id``'s place, if any."""
        return next((e for e in self.entries if e.status == DEPUTY and e.deputy_for == member_id), None)


# --- presence -------------------------------------------------------------------------------------


def present_members(roll: Roll) -> frozenset[int]:
    """Member ids counted as present for the meeting: in person, or through a deputy in their place."""
    present: set[int] = set()
    for entry in roll.entries:
        if entry.departed:
            continue
        if entry.status == PRESENT and entry.person_id in roll.members:
            present.add(entry.person_id)
        elif entry.status == DEPUTY and entry.deputy_for in roll.members:
            present.add(entry.deputy_for)
    return frozenset(present)


def present_for_item(roll: Roll, declared: Iterable[int]) -> frozenset[int]:
    """Member ids present for an item: present for the meeting and not declared an interest in it."""
    return present_members(roll) - frozenset(declared)


def chair_presides(roll: Roll, declared: Iterable[int] = (), *, orders: StandingOrders = CMR_PANEL) -> bool:
    """Whether someone presides (for an item, given who declared an interest in it)."""
    orders = require_orders(orders)
    declared = frozenset(declared)
    if roll.chair is None:
        return False
    if roll.chair in declared:
        return orders.deputy_chair
    return roll.chair in present_members(roll)


def member_attendance(roll: Roll, apologised: Iterable[int] = ()) -> dict[int, str]:
    """For the record (the minutes, absence alerts): how each member attended the meeting, whatever happened
    later in it: ``PRESENT`` (in person, even if they left early), ``DEPUTY`` (a deputy attended in their
    place), ``APOLOGIES`` (recorded at the roll call or sent beforehand) or ``ABSENT``. Officers never appear."""
    apologised = frozenset(apologised)
    marks: dict[int, str] = {}
    for member in roll.members:
        entry = roll.entry(member)
        if entry is not None and entry.status == PRESENT:
            marks[member] = PRESENT
        elif roll.deputy_of(member) is not None:
            marks[member] = DEPUTY
        elif (entry is not None and entry.status == APOLOGIES) or member in apologised:
            marks[member] = APOLOGIES
        else:
            marks[member] = ABSENT
    return marks


# --- deputising -----------------------------------------------------------------------------------


def may_be_deputised(roll: Roll, member_id: int, *, orders: StandingOrders = CMR_PANEL) -> bool:
    """Whether ``member_id`` may send a deputy: a member, and the Chair only where there is a deputy Chair."""
    orders = require_orders(orders)
    if member_id not in roll.members:
        return False
    return member_id != roll.chair or orders.deputy_chair


def deputise_refusal(*, orders: StandingOrders = CMR_PANEL) -> str:
    """The words of the refusal to deputise the Chair."""
    orders = require_orders(orders)
    if orders.deputy_chair:
        return "The Chair cannot be deputised here."  # never said: the orders allow it
    return "The Chair cannot be deputised: there is no deputy Chair."


# --- quorum ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class QuorumAnswer:
    """The quorum of a meeting or one item of it, with the words shown for it."""

    membership: int
    present: int  # members present (deputies in their member's place), not withdrawn
    declared: int  # members who declared an interest (an item's count; 0 for the meeting)
    required: int
    chair_present: bool  # someone presides: the Chair, or a deputy Chair where the orders allow one
    quorate: bool
    exception_applies: bool
    deputy_chair: bool = False

    def explain(self) -> str:
        return explain_quorum(self)


def quorum_of(roll: Roll, declared: Iterable[int] = (), *, orders: StandingOrders = CMR_PANEL) -> QuorumAnswer:
    """The quorum of the meeting (no ``declared``) or of an item (``declared``: members who declared)."""
    orders = require_orders(orders)
    declared_members = frozenset(declared) & roll.members
    membership = len(roll.members)
    present = present_for_item(roll, declared_members)
    presides = chair_presides(roll, declared_members, orders=orders)
    return QuorumAnswer(
        membership=membership,
        present=len(present),
        declared=len(declared_members),
        required=quorum_required(membership, len(declared_members), orders=orders),
        chair_present=presides,
        quorate=is_quorate(membership, len(present), len(declared_members), presides, orders=orders),
        exception_applies=interest_exception_applies(membership, len(declared_members), orders=orders),
        deputy_chair=orders.deputy_chair,
    )


def explain_quorum(answer: QuorumAnswer) -> str:
    """The words shown for a quorum: whether it is quorate, and why, consistent with ``deputy_chair``."""
    if not answer.chair_present:
        if answer.deputy_chair:
            return "Not quorate: neither the Chair nor a deputy Chair is present."
        return "Not quorate: the Chair is not present, and there is no deputy Chair."
    state = "Quorate" if answer.quorate else "Not quorate"
    text = f"{state}: {answer.present} of the {answer.required} members needed are present"
    if answer.exception_applies:
        text += f" ({answer.declared} of {answer.membership} members declared an interest, so the quorum is "
        text += "counted on the remaining members)"
    return text + "."


# --- voting ---------------------------------------------------------------------------------------


class NoVote(enum.Enum):
    """Why someone may not vote on a motion, in the order the reasons are asked."""

    OFFICER = "officer in attendance"
    FORMER_MEMBER = "no longer a member"
    NOT_MEMBER = "not a member"
    REPLACED_BY_DEPUTY = "a deputy attends in their place"
    NOT_PRESENT = "not recorded as present"
    LEFT = "has left the meeting"
    DECLARED_INTEREST = "declared an interest in the item"
    ALREADY_VOTED = "already voted"


@dataclass(frozen=True)
class VoteAnswer:
    """Whose vote ``voter`` would cast (``member``), or why they may not (``reason``)."""

    voter: int
    member: int | None
    reason: NoVote | None = None
    deputy: int | None = None  # for REPLACED_BY_DEPUTY: who attends in the member's place

    @property
    def may_vote(self) -> bool:
        return self.reason is None


def vote_eligibility(roll: Roll, voter: int, declared: Iterable[int] = (), voted: Iterable[int] = ()) -> VoteAnswer:
    """Whether ``voter`` may vote on a motion of an item (``declared``: members who declared an interest in
    it; ``voted``: members whose vote is already recorded), and whose vote it is."""
    entry = roll.entry(voter)
    if entry is not None and entry.status == OFFICER:
        return VoteAnswer(voter, None, NoVote.OFFICER)
    if entry is not None and entry.status == DEPUTY and entry.deputy_for in roll.members:
        member = entry.deputy_for
    elif voter in roll.members:
        member = voter
        deputy = roll.deputy_of(voter)
        if deputy is not None:
            return VoteAnswer(voter, voter, NoVote.REPLACED_BY_DEPUTY, deputy.person_id)
        if entry is None or entry.status != PRESENT:
            return VoteAnswer(voter, voter, NoVote.NOT_PRESENT)
    elif voter in roll.former_members:
        return VoteAnswer(voter, None, NoVote.FORMER_MEMBER)
    else:
        return VoteAnswer(voter, None, NoVote.NOT_MEMBER)
    if entry is None or entry.departed:
        return VoteAnswer(voter, member, NoVote.LEFT)
    if member in frozenset(declared):
        return VoteAnswer(voter, member, NoVote.DECLARED_INTEREST)
    if member in frozenset(voted):
        return VoteAnswer(voter, member, NoVote.ALREADY_VOTED)
    return VoteAnswer(voter, member)


def voters(roll: Roll, declared: Iterable[int] = (), voted: Iterable[int] = ()) -> list[VoteAnswer]:
    """Everyone on the roll who may vote now, each with the member whose vote they cast."""
    answers = (vote_eligibility(roll, e.person_id, declared, voted) for e in roll.entries)
    return [a for a in answers if a.may_vote]


def vote_refusal(reason: NoVote, *, voter: str, member: str, committee: str, deputy: str = "") -> str:
    """The one message for each reason someone may not vote (names filled in)."""
    messages = {
        NoVote.OFFICER: f"{voter} is an officer in attendance: officers have no vote.",
        NoVote.FORMER_MEMBER: f"{voter} is no longer a member of {committee} and cannot vote.",
        NoVote.NOT_MEMBER: f"{voter} is not a member of {committee} and cannot vote.",
        NoVote.REPLACED_BY_DEPUTY: f"{deputy} is attending as {voter}'s deputy and votes in their place.",
        NoVote.NOT_PRESENT: f"{voter} is not recorded as present, so cannot vote.",
        NoVote.LEFT: f"{voter} has left the meeting, so cannot vote.",
        NoVote.DECLARED_INTEREST: f"{member} declared an interest in this item and takes no part in its "
        "consideration or vote.",
        NoVote.ALREADY_VOTED: f"A vote by {member} on this motion is already recorded; it counts once.",
    }
    return messages[reason]
