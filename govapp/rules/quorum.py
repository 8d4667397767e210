"""Quorum and requisition thresholds: how many members must be present, or sign.

Interpretations (CMR Panel defaults in brackets):

- Fractions of members are **rounded up**, computed with ``Fraction`` (never floats): two thirds of
  9 is exactly 6.
- **Quorum** (2/3): ``ceil(2/3 × membership)`` members present, the Chair included.
- **Declared interests**: members who declared an interest in an item withdraw and are not present
  for it. When *strictly more* than one third of the membership declared (4 of 9, not 3 of 9), the
  item's quorum is ``ceil(2/3 × remaining members)`` (9 members, 4 declared → 4 of the 5 remaining).
  Otherwise the ordinary quorum applies to the item, counted on the members still present.
- **The Chair** must be present for a quorum (no deputy Chair), so ``is_quorate`` is false without
  the Chair whatever the count. If the Chair declared an interest in an item, the Chair is not
  present for it: pass ``chair_present=False``.
- A membership of 0 has a quorum of 0.
- **Requisition** (3/4): ``ceil(3/4 × membership)`` signatures (10 members → 8).
"""

from __future__ import annotations

import math

from govapp.rules._checks import check_count
from govapp.rules._checks import check_flag
from govapp.rules.orders import CMR_PANEL
from govapp.rules.orders import StandingOrders
from govapp.rules.orders import require_orders

__all__ = ["interest_exception_applies", "is_quorate", "quorum_required", "requisition_threshold"]


def interest_exception_applies(membership: int, declared_interest: int, *, orders: StandingOrders = CMR_PANEL) -> bool:
    """Return whether so many members declared an interest that the quorum is counted on the rest.

    True when ``declared_interest`` is strictly more than ``interest_exception_above`` of the membership.
    """
    membership, declared_interest = _check_membership(membership, declared_interest)
    orders = require_orders(orders)
    return declared_interest > orders.interest_exception_above * membership


def quorum_required(membership: int, declared_interest: int = 0, *, orders: StandingOrders = CMR_PANEL) -> int:
    """Return how many members must be present for an item, given how many declared an interest in it.

    >>> quorum_required(9)
    6
    >>> quorum_required(9, 4)
    4
    """
    membership, declared_interest = _check_membership(membership, declared_interest)
    orders = require_orders(orders)
    if interest_exception_applies(membership, declared_interest, orders=orders):
        return math.ceil(orders.quorum_fraction * (membership - declared_interest))
    return math.ceil(orders.quorum_fraction * membership)


def is_quorate(
    membership: int,
    present: int,
    declared_interest: int = 0,
    chair_present: bool = True,
    *,
    orders: StandingOrders = CMR_PANEL,
) -> bool:
    """Return whether a meeting (or one item of it) is quorate.

    ``present`` counts members present and not withdrawn from the item, the Chair included.
    Members who declared an interest have withdrawn, so ``present`` cannot exceed the membership
    less those who declared.
    """
    membership, declared_interest = _check_membership(membership, declared_interest)
    check_count(present, "the number of members present")
    check_flag(chair_present, "whether the Chair is present")
    orders = require_orders(orders)
    if present > membership:
        raise ValueError(f"{present} members cannot be present when there are only {membership} members.")
    if present > membership - declared_interest:
        raise ValueError(
            f"{present} members cannot be present for this item: {declared_interest} of the {membership} members "
            f"declared an interest and withdrew, so at most {membership - declared_interest} can be present."
        )
    if orders.chair_required_for_quorum and not chair_present:
        return False
    return present >= quorum_required(membership, declared_interest, orders=orders)


def requisition_threshold(membership: int, *, orders: StandingOrders = CMR_PANEL) -> int:
    """Return how many members' signatures a requisition needs (``requisition_fraction``, rounded up).

    >>> requisition_threshold(10)
    8
    """
    check_count(membership, "the membership")
    orders = require_orders(orders)
    return math.ceil(orders.requisition_fraction * membership)


def _check_membership(membership: int, declared_interest: int) -> tuple[int, int]:
    check_count(membership, "the membership")
    check_count(declared_interest, "the number of members who declared an interest")
    if declared_interest > membership:
        raise ValueError(
            f"{declared_interest} members cannot have declared an interest when there are only {membership} members."
        )
    return membership, declared_interest
