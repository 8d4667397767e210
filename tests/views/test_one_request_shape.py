"""The web layer keeps one request shape and one access gate: no view or API module commits, rolls
back or spells a role set of its own (the boundary in ``govapp.web`` and the table in
``govapp.permissions`` do those)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

GOVAPP = Path(__file__).parents[2] / "govapp"
MODULES = [
    *(f"{area}/views.py" for area in ("agenda", "notices", "minutes", "meetings", "requisitions", "account")),
    *(f"{area}/views.py" for area in ("admin", "committees", "auth", "api")),
    "api/auth.py",
    "services/papers.py",
]


@pytest.mark.parametrize("module", MODULES)
def test_the_module_leaves_the_transaction_to_the_request_boundary(module: str) -> None:
    source = (GOVAPP / module).read_text()
    assert not re.search(r"db\.session\.(commit|rollback)\(", source)


@pytest.mark.parametrize("module", MODULES)
def test_the_module_asks_the_permission_table_rather_than_spelling_roles(module: str) -> None:
    source = (GOVAPP / module).read_text()
    assert not re.search(r"Role\.[A-Z]", source)
    assert not re.search(r"\bin roles\b|roles &|frozenset\(\{", source)
