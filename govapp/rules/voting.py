"""Voting: the result of a question from the votes for and against and the Chair's casting vote.

Interpretations:

- A question is decided by a majority of the votes of the members present and voting. Abstentions
  are not votes, so only the votes for and against are counted.
- More votes for: ``"carried"``; more against: ``"lost"``.
- On an equality of votes the Chair has a second, casting vote: ``"for"`` carries the question,
  ``"against"`` loses it. If the Chair declines to use it (``None``), the result is ``"tied"``,
  which means *not carried*. A casting vote given when the votes are not equal is ignored.
"""

from __future__ import annotations

from govapp.rules._checks import check_count
from govapp.rules.orders import CMR_PANEL
from govapp.rules.orders import StandingOrders
from govapp.rules.orders import require_orders

__all__ = ["CARRIED", "CASTING_AGAINST", "CASTING_FOR", "LOST", "TIED", "decide"]

CARRIED = "carried"
"""The question was carried."""
LOST = "lost"
"""The question was lost."""
TIED = "tied"
"""The votes were equal and no casting vote decided it: the question is not carried."""
CASTING_FOR = "for"
"""The Chair's casting vote for the question."""
CASTING_AGAINST = "against"
"""The Chair's casting vote against the question."""


def decide(
    votes_for: int, votes_against: int, casting_vote: str | None = None, *, orders: StandingOrders = CMR_PANEL
) -> str:
    """Return ``CARRIED``, ``LOST`` or ``TIED`` for a question.

    >>> decide(4, 4, "for")
    'carried'
    """
    check_count(votes_for, "the number of votes for")
    check_count(votes_against, "the number of votes against")
    if casting_vote is not None and casting_vote not in (CASTING_FOR, CASTING_AGAINST):
        raise ValueError(f"The casting vote must be 'for', 'against' or None, not {casting_vote!r}.")
    require_orders(orders)
    if votes_for > votes_against:
        return CARRIED
    if votes_against > votes_for:
        return LOST
    if casting_vote == CASTING_FOR:
        return CARRIED
    if casting_vote == CASTING_AGAINST:
        return LOST
    return TIED
