"""Voting: majorities, ties and the Chair's casting vote."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from govapp.rules import CARRIED
from govapp.rules import CASTING_AGAINST
from govapp.rules import CASTING_FOR
from govapp.rules import LOST
from govapp.rules import TIED
from govapp.rules import decide


def test_a_tie_of_four_votes_each_is_carried_by_the_chairs_casting_vote_for() -> None:
    assert decide(4, 4, "for") == "carried"


@pytest.mark.parametrize(
    ("votes_for", "votes_against", "casting_vote", "result"),
    [
        (5, 3, None, "carried"),
        (3, 5, None, "lost"),
        (1, 0, None, "carried"),
        (0, 1, None, "lost"),
        (4, 4, None, "tied"),  # the Chair declines to use the casting vote: not carried
        (4, 4, "for", "carried"),
        (4, 4, "against", "lost"),
        (0, 0, None, "tied"),
        (5, 3, "against", "carried"),  # a casting vote only matters on a tie
        (3, 5, "for", "lost"),
    ],
)
def test_a_question_is_decided_by_a_majority_of_votes_and_on_a_tie_by_the_casting_vote(
    votes_for: int, votes_against: int, casting_vote: str | None, result: str
) -> None:
    assert decide(votes_for, votes_against, casting_vote) == result


def test_results_and_casting_votes_are_plain_words() -> None:
    assert (CARRIED, LOST, TIED) == ("carried", "lost", "tied")
    assert (CASTING_FOR, CASTING_AGAINST) == ("for", "against")


@pytest.mark.parametrize("unknown", ["For", "yes", "abstain", "", True, 1])
def test_an_unknown_casting_vote_is_refused(unknown: object) -> None:
    with pytest.raises(ValueError, match="casting vote must be 'for', 'against' or None"):
        decide(4, 4, unknown)  # type: ignore[arg-type]


def test_an_unknown_casting_vote_is_refused_even_when_the_votes_are_not_tied() -> None:
    with pytest.raises(ValueError, match="casting vote"):
        decide(5, 3, "maybe")


@pytest.mark.parametrize(
    ("votes_for", "votes_against", "message"),
    [
        (-1, 3, "votes for cannot be negative"),
        (3, -1, "votes against cannot be negative"),
        ("4", 3, "votes for must be a whole number"),
        (4, 3.0, "votes against must be a whole number"),
        (True, 0, "votes for must be a whole number"),
        (None, 0, "votes for must be a whole number"),
    ],
)
def test_impossible_vote_counts_are_refused(votes_for: object, votes_against: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        decide(votes_for, votes_against)  # type: ignore[arg-type]


MIRROR = {CARRIED: LOST, LOST: CARRIED, TIED: TIED}
SWAP_CASTING = {None: None, CASTING_FOR: CASTING_AGAINST, CASTING_AGAINST: CASTING_FOR}

votes = st.integers(min_value=0, max_value=1000)
casting_votes = st.sampled_from([None, CASTING_FOR, CASTING_AGAINST])


@settings(max_examples=200)
@given(votes_for=votes, votes_against=votes, casting_vote=casting_votes)
def test_swapping_the_votes_for_and_against_swaps_the_result(
    votes_for: int, votes_against: int, casting_vote: str | None
) -> None:
    swapped = decide(votes_against, votes_for, SWAP_CASTING[casting_vote])
    assert swapped == MIRROR[decide(votes_for, votes_against, casting_vote)]


@settings(max_examples=200)
@given(votes_for=votes, votes_against=votes, casting_vote=casting_votes)
def test_a_casting_vote_matters_only_on_a_tie(votes_for: int, votes_against: int, casting_vote: str | None) -> None:
    if votes_for != votes_against:
        assert decide(votes_for, votes_against, casting_vote) == decide(votes_for, votes_against)
    else:
        assert decide(votes_for, votes_against) == TIED


@settings(max_examples=200)
@given(casting_vote=st.text().filter(lambda text: text not in (CASTING_FOR, CASTING_AGAINST)))
def test_any_other_casting_vote_is_refused(casting_vote: str) -> None:
    with pytest.raises(ValueError, match="casting vote"):
        decide(2, 2, casting_vote)
