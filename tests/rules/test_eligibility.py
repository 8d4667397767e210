"""The eligibility orders asked directly, with no database: presence, votes, deputising, quorum words."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govapp.rules import CMR_PANEL
from govapp.rules import NoVote
from govapp.rules import Roll
from govapp.rules import RollEntry
from govapp.rules import StandingOrders
from govapp.rules import chair_presides
from govapp.rules import deputise_refusal
from govapp.rules import explain_quorum
from govapp.rules import may_be_deputised
from govapp.rules import member_attendance
from govapp.rules import present_for_item
from govapp.rules import present_members
from govapp.rules import quorum_of
from govapp.rules import vote_eligibility
from govapp.rules import vote_refusal
from govapp.rules import voters

WITH_DEPUTY_CHAIR = StandingOrders(deputy_chair=True)

CHAIR, ANN, BOB, CAT, DAN, EVE, FAY, GUS, HAL = range(1, 10)
MEMBERS = frozenset({CHAIR, ANN, BOB, CAT, DAN, EVE, FAY, GUS, HAL})
DEPUTY, OFFICER, STRANGER, FORMER = 20, 21, 22, 23


def roll(*entries: RollEntry, chair: int | None = CHAIR) -> Roll:
    return Roll(members=MEMBERS, chair=chair, entries=entries, former_members=frozenset({FORMER}))


def here(person: int, departed: bool = False) -> RollEntry:
    return RollEntry(person, "present", departed=departed)


FULL = roll(*(here(p) for p in sorted(MEMBERS)))


# --- presence ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("entries", "expected"),
    [
        ((), set()),
        ((here(CHAIR), here(ANN)), {CHAIR, ANN}),
        ((here(CHAIR), here(ANN, departed=True)), {CHAIR}),
        ((here(CHAIR), RollEntry(ANN, "apologies")), {CHAIR}),
        ((here(CHAIR), RollEntry(ANN, "absent")), {CHAIR}),
        ((here(CHAIR), RollEntry(DEPUTY, "deputy", deputy_for=ANN)), {CHAIR, ANN}),
        ((here(CHAIR), RollEntry(DEPUTY, "deputy", deputy_for=ANN, departed=True)), {CHAIR}),
        ((here(CHAIR), RollEntry(OFFICER, "officer")), {CHAIR}),
        ((here(CHAIR), here(STRANGER)), {CHAIR}),
        ((here(CHAIR), here(FORMER)), {CHAIR}),
    ],
    ids=[
        "nobody",
        "members present",
        "a member who left",
        "apologies",
        "absent",
        "a deputy in a member's place",
        "a deputy who left",
        "officers never",
        "not a member",
        "a former member",
    ],
)
def test_who_counts_as_present_for_the_meeting(entries: tuple[RollEntry, ...], expected: set[int]) -> None:
    assert present_members(roll(*entries)) == expected


def test_members_who_declared_an_interest_are_not_present_for_the_item() -> None:
    assert present_for_item(FULL, {ANN, BOB}) == MEMBERS - {ANN, BOB}


@pytest.mark.parametrize(
    ("entries", "declared", "orders", "presides"),
    [
        ((here(CHAIR),), (), CMR_PANEL, True),
        ((), (), CMR_PANEL, False),
        ((here(CHAIR),), (CHAIR,), CMR_PANEL, False),
        ((here(CHAIR),), (CHAIR,), WITH_DEPUTY_CHAIR, True),
        ((here(CHAIR, departed=True),), (), CMR_PANEL, False),
    ],
    ids=["present", "absent", "declared", "declared, deputy Chair", "left"],
)
def test_who_presides(
    entries: tuple[RollEntry, ...], declared: tuple[int, ...], orders: StandingOrders, presides: bool
) -> None:
    assert chair_presides(roll(*entries), declared, orders=orders) is presides


def test_for_the_record_each_member_attended_in_person_by_deputy_with_apologies_or_not_at_all() -> None:
    marks = member_attendance(
        roll(
            here(CHAIR),
            here(ANN, departed=True),
            RollEntry(BOB, "apologies"),
            RollEntry(DEPUTY, "deputy", deputy_for=CAT),
            RollEntry(DAN, "absent"),
            RollEntry(OFFICER, "officer"),
        ),
        apologised={EVE},
    )
    assert marks == {
        CHAIR: "present",
        ANN: "present",  # left early, but attended
        BOB: "apologies",
        CAT: "deputy",
        DAN: "absent",
        EVE: "apologies",  # sent beforehand, not yet on the roll
        FAY: "absent",
        GUS: "absent",
        HAL: "absent",
    }


# --- deputising -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("person", "orders", "allowed"),
    [
        (ANN, CMR_PANEL, True),
        (CHAIR, CMR_PANEL, False),
        (CHAIR, WITH_DEPUTY_CHAIR, True),
        (STRANGER, CMR_PANEL, False),
        (FORMER, WITH_DEPUTY_CHAIR, False),
    ],
    ids=["a member", "the Chair", "the Chair, with a deputy Chair", "not a member", "a former member"],
)
def test_who_may_be_deputised(person: int, orders: StandingOrders, allowed: bool) -> None:
    assert may_be_deputised(roll(), person, orders=orders) is allowed


def test_the_refusal_to_deputise_the_chair_names_no_deputy_chair_only_where_there_is_none() -> None:
    assert deputise_refusal() == "The Chair cannot be deputised: there is no deputy Chair."
    assert "no deputy Chair" not in deputise_refusal(orders=WITH_DEPUTY_CHAIR)


# --- quorum -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("entries", "declared", "orders", "words"),
    [
        (FULL.entries, (), CMR_PANEL, "Quorate: 9 of the 6 members needed are present."),
        ((here(CHAIR), here(ANN)), (), CMR_PANEL, "Not quorate: 2 of the 6 members needed are present."),
        (
            tuple(e for e in FULL.entries if e.person_id != CHAIR),
            (),
            CMR_PANEL,
            "Not quorate: the Chair is not present, and there is no deputy Chair.",
        ),
        (FULL.entries, (CHAIR,), CMR_PANEL, "Not quorate: the Chair is not present, and there is no deputy Chair."),
        (FULL.entries, (CHAIR,), WITH_DEPUTY_CHAIR, "Quorate: 8 of the 6 members needed are present."),
        (
            (),
            (),
            WITH_DEPUTY_CHAIR,
            "Not quorate: neither the Chair nor a deputy Chair is present.",
        ),
        (
            FULL.entries,
            (ANN, BOB, CAT, DAN),
            CMR_PANEL,
            "Quorate: 5 of the 4 members needed are present (4 of 9 members declared an interest, so the quorum "
            "is counted on the remaining members).",
        ),
    ],
    ids=[
        "all present",
        "too few",
        "Chair absent",
        "Chair declared",
        "Chair declared, deputy Chair",
        "nobody, deputy Chair",
        "the one-third exception",
    ],
)
def test_the_words_of_a_quorum(
    entries: tuple[RollEntry, ...], declared: tuple[int, ...], orders: StandingOrders, words: str
) -> None:
    answer = quorum_of(roll(*entries), declared, orders=orders)
    assert answer.explain() == words == explain_quorum(answer)


def test_the_quorum_words_never_deny_a_deputy_chair_the_orders_provide() -> None:
    for declared in ((), (CHAIR,)):
        for entries in ((), FULL.entries):
            answer = quorum_of(roll(*entries), declared, orders=WITH_DEPUTY_CHAIR)
            assert "there is no deputy Chair" not in answer.explain()


# --- voting -----------------------------------------------------------------------------------------

AT_MEETING = roll(
    here(CHAIR),
    here(ANN),
    here(BOB, departed=True),
    RollEntry(CAT, "apologies"),
    RollEntry(DEPUTY, "deputy", deputy_for=DAN),
    RollEntry(OFFICER, "officer"),
    here(EVE),
    here(FORMER),
)


@pytest.mark.parametrize(
    ("voter", "declared", "voted", "member", "reason"),
    [
        (ANN, (), (), ANN, None),
        (CHAIR, (), (), CHAIR, None),
        (DEPUTY, (), (), DAN, None),
        (OFFICER, (), (), None, NoVote.OFFICER),
        (STRANGER, (), (), None, NoVote.NOT_MEMBER),
        (FORMER, (), (), None, NoVote.FORMER_MEMBER),
        (DAN, (), (), DAN, NoVote.REPLACED_BY_DEPUTY),
        (CAT, (), (), CAT, NoVote.NOT_PRESENT),
        (FAY, (), (), FAY, NoVote.NOT_PRESENT),
        (BOB, (), (), BOB, NoVote.LEFT),
        (EVE, (EVE,), (), EVE, NoVote.DECLARED_INTEREST),
        (DEPUTY, (DAN,), (), DAN, NoVote.DECLARED_INTEREST),
        (ANN, (), (ANN,), ANN, NoVote.ALREADY_VOTED),
    ],
    ids=[
        "a member present",
        "the Chair",
        "a deputy in the member's place",
        "an officer in attendance",
        "not a member",
        "a former member",
        "replaced by a deputy",
        "apologies",
        "not on the roll",
        "left the meeting",
        "declared an interest",
        "the deputised member declared",
        "already voted",
    ],
)
def test_who_may_vote_and_why_not(
    voter: int, declared: tuple[int, ...], voted: tuple[int, ...], member: int | None, reason: NoVote | None
) -> None:
    answer = vote_eligibility(AT_MEETING, voter, declared, voted)
    assert (answer.member, answer.reason) == (member, reason)
    assert answer.may_vote is (reason is None)


def test_the_voters_are_the_members_present_and_the_deputies_in_their_place() -> None:
    assert {(a.voter, a.member) for a in voters(AT_MEETING)} == {(CHAIR, CHAIR), (ANN, ANN), (DEPUTY, DAN), (EVE, EVE)}


@pytest.mark.parametrize("reason", list(NoVote))
def test_each_reason_has_one_message_naming_the_person(reason: NoVote) -> None:
    message = vote_refusal(reason, voter="Ann Voter", member="Ann Voter", committee="the Panel", deputy="Dee Puty")
    assert message.endswith(".")
    assert "Ann Voter" in message


def test_the_messages_differ_by_reason() -> None:
    messages = {vote_refusal(r, voter="A", member="A", committee="P", deputy="D") for r in NoVote}
    assert len(messages) == len(NoVote)


def test_a_roll_refuses_impossible_records() -> None:
    with pytest.raises(ValueError, match="roll-call status"):
        RollEntry(ANN, "sleeping")
    with pytest.raises(ValueError, match="only a deputy"):
        RollEntry(ANN, "present", deputy_for=BOB)
    with pytest.raises(ValueError, match="two roll-call records"):
        roll(here(ANN), here(ANN))
    with pytest.raises(ValueError, match="Chair must be one of the members"):
        Roll(members=frozenset({ANN}), chair=BOB)


# --- properties -------------------------------------------------------------------------------------

STATUSES = ("present", "apologies", "absent", "officer")
people = st.integers(min_value=1, max_value=30)


@st.composite
def rolls(draw: st.DrawFn) -> Roll:
    members = draw(st.frozensets(st.integers(min_value=1, max_value=12), min_size=1, max_size=12))
    chair = draw(st.none() | st.sampled_from(sorted(members)))
    ids = draw(st.lists(people, unique=True, max_size=20))
    entries = []
    deputised: set[int] = set()
    for person in ids:
        free = sorted(members - deputised)
        if person not in members and free and draw(st.booleans()):
            member = draw(st.sampled_from(free))
            deputised.add(member)
            entries.append(RollEntry(person, "deputy", deputy_for=member))  # one deputy per member
        else:
            entries.append(RollEntry(person, draw(st.sampled_from(STATUSES)), departed=draw(st.booleans())))
    return Roll(members=members, chair=chair, entries=tuple(entries))


@given(rolls(), st.frozensets(people))
def test_presence_is_among_the_members_and_shrinks_with_declarations(r: Roll, declared: frozenset[int]) -> None:
    present = present_members(r)
    assert present <= r.members
    assert present_for_item(r, declared) == present - declared
    # officers in attendance never count: leaving them off the roll changes nothing
    without_officers = Roll(r.members, r.chair, tuple(e for e in r.entries if e.status != "officer"))
    assert present_members(without_officers) == present


@given(rolls(), st.frozensets(people), st.frozensets(people))
def test_every_vote_is_a_present_members_and_counts_once(
    r: Roll, declared: frozenset[int], voted: frozenset[int]
) -> None:
    answers = voters(r, declared, voted)
    members = [a.member for a in answers]
    for member in members:
        assert member in present_for_item(r, declared)
        assert member not in voted
    # a member's vote is cast by one person at most: themselves or their deputy, never both
    assert len(members) == len(set(members))
    for answer in answers:
        assert vote_eligibility(r, answer.voter, declared, voted) == answer


@given(rolls(), st.frozensets(people), st.booleans())
def test_the_quorum_answer_agrees_with_its_words(r: Roll, declared: frozenset[int], deputy_chair: bool) -> None:
    orders = StandingOrders(deputy_chair=deputy_chair)
    answer = quorum_of(r, declared, orders=orders)
    words = answer.explain()
    assert words.startswith("Quorate") is answer.quorate
    assert ("no deputy Chair" in words) is (not answer.chair_present and not deputy_chair)
