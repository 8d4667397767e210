"""Passwords follow NCSC guidance and are stored as argon2id hashes."""

from __future__ import annotations

import pytest

from govapp.passwords import hash_password
from govapp.passwords import password_problem
from govapp.passwords import verify_password


@pytest.mark.parametrize(
    ("password", "problem"),
    [
        ("short pass", "at least 12 characters"),
        ("password1234", "too common"),
        ("qwertyuiop12", "too common"),
        ("aaaaaaaaaaaaaaa", "too common"),
        ("iloveyou!!!!!!", "too common"),
        ("passwordpassword", "repeats"),
        ("abcabcabcabc", "repeats"),
        ("123456789012", "sequence"),
        ("abcdefghijkl", "sequence"),
        ("zyxwvutsrqpo", "sequence"),
        ("panelpanel12", "easy to guess"),
        ("michael19801", "easy to guess"),
        ("liverpool1990x", "easy to guess"),
    ],
)
def test_weak_passwords_are_refused_with_a_reason(password: str, problem: str) -> None:
    message = password_problem(password)
    assert message is not None
    assert problem in message


@pytest.mark.parametrize("password", ["correct horse battery staple", "granite-heron-linen-falcon", "Tr0ub4dor&3xyz"])
def test_long_uncommon_passwords_are_accepted_without_composition_rules(password: str) -> None:
    assert password_problem(password) is None


def test_demo_passwords_of_four_different_words_pass_the_policy() -> None:
    import itertools

    from govapp.demo import _WORDS

    for words in itertools.islice(itertools.permutations(_WORDS, 4), 0, None, 997):
        assert password_problem("-".join(words)) is None, words


def test_a_password_containing_the_persons_email_name_is_refused() -> None:
    assert password_problem("morgan.adair-is-great", email="morgan.adair@example.org") is not None


def test_hashes_are_argon2id_and_verify() -> None:
    hashed = hash_password("granite-heron-linen-falcon")
    assert hashed.startswith("$argon2id$")
    assert verify_password(hashed, "granite-heron-linen-falcon")
    assert not verify_password(hashed, "granite-heron-linen-falcoN")
    assert not verify_password(None, "granite-heron-linen-falcon")
