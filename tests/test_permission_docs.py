"""The project's own description of the permission table (docs/permissions.md) says what the code does."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from govapp.permissions import TABLE
from govapp.permissions import Action
from govapp.permissions import Role

DOC = Path(__file__).parent.parent / "docs" / "permissions.md"
COLUMNS = [Role.CHAIR, Role.MEMBER, Role.SECRETARIAT, Role.DEPUTY, Role.ATTENDING, Role.AGENCY_REP, Role.ADMIN]

pytestmark = pytest.mark.nodb


def _rows() -> dict[str, tuple[str, list[str]]]:
    rows = {}
    for line in DOC.read_text(encoding="utf-8").splitlines():
        match = re.match(r"\| (.+?) \| `([A-Z_]+)` \|(.*)\|\s*$", line)
        if match:
            rows[match.group(2)] = (match.group(1), [cell.strip() for cell in match.group(3).split("|")])
    return rows


def test_every_action_of_the_table_is_described_with_its_roles() -> None:
    rows = _rows()
    assert set(rows) == {action.name for action in Action}
    for action in Action:
        wording, cells = rows[action.name]
        assert wording == action.value, action.name
        row = TABLE[action]
        expected = ["✗" if role in row.excluded else "✓" if role in row.roles else "" for role in COLUMNS]
        assert cells == expected, action.name
