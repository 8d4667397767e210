"""Quorum, the declared-interest exception, and requisition thresholds."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from govapp.rules import StandingOrders
from govapp.rules import interest_exception_applies
from govapp.rules import is_quorate
from govapp.rules import quorum_required
from govapp.rules import requisition_threshold

from .strategies import memberships


def test_the_quorum_of_nine_members_is_six() -> None:
    assert quorum_required(9) == 6


def test_when_four_of_nine_declare_an_interest_four_of_the_five_remaining_make_a_quorum() -> None:
    assert quorum_required(9, 4) == 4
    assert is_quorate(9, 4, 4) is True


def test_three_of_nine_declaring_an_interest_is_not_more_than_one_third_so_gets_no_exception() -> None:
    assert interest_exception_applies(9, 3) is False
    assert quorum_required(9, 3) == 6
    assert is_quorate(9, 6, 3) is True  # all six remaining members must be present
    assert is_quorate(9, 5, 3) is False


@pytest.mark.parametrize(
    ("membership", "declared", "quorum"),
    [
        (0, 0, 0),
        (1, 0, 1),
        (2, 0, 2),
        (3, 0, 2),
        (6, 0, 4),
        (7, 0, 5),
        (9, 0, 6),
        (10, 0, 7),
        (12, 0, 8),
        (9, 3, 6),  # 3 of 9 is exactly one third: no exception
        (9, 4, 4),  # 4 of 9 is more than one third: two thirds of the 5 remaining, rounded up
        (9, 9, 0),
        (10, 3, 7),
        (10, 4, 4),  # two thirds of 6
        (12, 4, 8),  # 4 of 12 is exactly one third: no exception
        (12, 5, 5),  # two thirds of 7, rounded up
        (2, 1, 1),
        (1, 1, 0),
    ],
)
def test_quorum_is_two_thirds_rounded_up_with_the_interest_exception(
    membership: int, declared: int, quorum: int
) -> None:
    assert quorum_required(membership, declared) == quorum


@pytest.mark.parametrize(
    ("membership", "present", "declared", "chair_present", "quorate"),
    [
        (9, 6, 0, True, True),
        (9, 5, 0, True, False),
        (9, 9, 0, True, True),
        (9, 6, 0, False, False),  # no deputy Chair: the Chair's absence makes the meeting inquorate
        (9, 9, 0, False, False),
        (9, 4, 4, True, True),
        (9, 3, 4, True, False),
        (9, 5, 4, False, False),
        (9, 6, 3, True, True),
        (9, 5, 3, True, False),
        (0, 0, 0, True, True),
    ],
)
def test_a_meeting_is_quorate_with_enough_members_present_including_the_chair(
    membership: int, present: int, declared: int, chair_present: bool, quorate: bool
) -> None:
    assert is_quorate(membership, present, declared, chair_present) is quorate


def test_a_committee_that_does_not_need_its_chair_for_a_quorum_counts_only_heads() -> None:
    orders = StandingOrders(chair_required_for_quorum=False, deputy_chair=True)
    assert is_quorate(9, 6, chair_present=False, orders=orders) is True
    assert is_quorate(9, 5, chair_present=False, orders=orders) is False


def test_a_committee_with_a_half_quorum_uses_its_own_fraction() -> None:
    half = StandingOrders(quorum_fraction=Fraction(1, 2), interest_exception_above=Fraction(1, 2))
    assert quorum_required(9, orders=half) == 5
    assert quorum_required(9, 4, orders=half) == 5  # 4 of 9 is not more than half
    assert quorum_required(9, 5, orders=half) == 2  # half of the 4 remaining


@pytest.mark.parametrize(
    ("membership", "signatures"),
    [(0, 0), (1, 1), (4, 3), (8, 6), (9, 7), (10, 8), (12, 9), (13, 10)],
)
def test_a_requisition_needs_three_quarters_of_the_members_rounded_up(membership: int, signatures: int) -> None:
    assert requisition_threshold(membership) == signatures


def test_a_requisition_threshold_follows_the_committees_fraction() -> None:
    assert requisition_threshold(10, orders=StandingOrders(requisition_fraction=Fraction(1, 2))) == 5


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((-1,), "membership cannot be negative"),
        ((9, -1), "declared an interest cannot be negative"),
        ((9, 10), "10 members cannot have declared an interest when there are only 9"),
        (("9",), "membership must be a whole number"),
        ((9.0,), "membership must be a whole number"),
        ((True,), "membership must be a whole number"),
        ((None,), "membership must be a whole number"),
        ((9, "1"), "declared an interest must be a whole number"),
    ],
)
def test_quorum_required_refuses_impossible_counts(args: tuple[object, ...], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        quorum_required(*args)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((9, 10), "10 members cannot be present when there are only 9 members"),
        ((9, -1), "present cannot be negative"),
        ((9, 6, 4), "declared an interest and withdrew"),
        ((9, 6, 10), "cannot have declared an interest"),
        ((-9, 0), "membership cannot be negative"),
        ((9, "6"), "present must be a whole number"),
        ((9, 6, 0, "yes"), "Chair is present must be true or false"),
        ((9, 6, 0, None), "Chair is present must be true or false"),
    ],
)
def test_is_quorate_refuses_impossible_counts(args: tuple[object, ...], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        is_quorate(*args)  # type: ignore[arg-type]


@pytest.mark.parametrize("bad_membership", [-1, "10", 7.5, False])
def test_requisition_threshold_refuses_a_bad_membership(bad_membership: object) -> None:
    with pytest.raises(ValueError, match="membership"):
        requisition_threshold(bad_membership)  # type: ignore[arg-type]


# ---- properties ------------------------------------------------------------------------------


@st.composite
def membership_and_declared(draw: st.DrawFn) -> tuple[int, int]:
    membership = draw(memberships)
    return membership, draw(st.integers(min_value=0, max_value=membership))


@settings(max_examples=200)
@given(case=membership_and_declared())
def test_quorum_never_exceeds_the_membership(case: tuple[int, int]) -> None:
    membership, declared = case
    assert 0 <= quorum_required(membership, declared) <= membership


@settings(max_examples=200)
@given(case=membership_and_declared())
def test_the_interest_exception_applies_only_when_more_than_one_third_declared(case: tuple[int, int]) -> None:
    membership, declared = case
    if 3 * declared > membership:
        assert interest_exception_applies(membership, declared)
        assert quorum_required(membership, declared) == -(-2 * (membership - declared) // 3)
    else:
        assert not interest_exception_applies(membership, declared)
        assert quorum_required(membership, declared) == quorum_required(membership)


@settings(max_examples=200)
@given(membership=memberships)
def test_quorum_is_exactly_two_thirds_rounded_up_in_integer_arithmetic(membership: int) -> None:
    assert quorum_required(membership) == (2 * membership + 2) // 3
    assert quorum_required(membership) * 3 >= 2 * membership
    assert requisition_threshold(membership) == (3 * membership + 3) // 4


@settings(max_examples=200)
@given(case=membership_and_declared(), data=st.data())
def test_more_members_present_never_makes_a_quorate_item_inquorate(case: tuple[int, int], data: st.DataObject) -> None:
    membership, declared = case
    present = data.draw(st.integers(min_value=0, max_value=membership - declared))
    if is_quorate(membership, present, declared) and present < membership - declared:
        assert is_quorate(membership, present + 1, declared)
    assert is_quorate(membership, present, declared) == (present >= quorum_required(membership, declared))
    assert not is_quorate(membership, present, declared, chair_present=False)


@settings(max_examples=200)
@given(membership=memberships, excess=st.integers(min_value=1, max_value=50))
def test_more_declarations_or_members_present_than_members_is_refused(membership: int, excess: int) -> None:
    with pytest.raises(ValueError, match="cannot have declared an interest"):
        quorum_required(membership, membership + excess)
    with pytest.raises(ValueError, match="cannot be present"):
        is_quorate(membership, membership + excess)


@settings(max_examples=200)
@given(negative=st.integers(max_value=-1), other=memberships)
def test_negative_counts_are_refused(negative: int, other: int) -> None:
    with pytest.raises(ValueError, match="cannot be negative"):
        quorum_required(negative)
    with pytest.raises(ValueError, match="cannot be negative"):
        quorum_required(other, negative)
    with pytest.raises(ValueError, match="cannot be negative"):
        is_quorate(other, negative)
    with pytest.raises(ValueError, match="cannot be negative"):
        requisition_threshold(negative)
