"""The demo dataset serves ``make run`` and the browser journeys; every other test builds its own data
(``tests/factories.py``, ``tests/panel_world.py``), so a change to the demo never changes what a test
means."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

TESTS = Path(__file__).parent
#: These test the demo itself: the command that loads it, and its passwords.
ABOUT_THE_DEMO = {"test_cli.py", "test_passwords.py"}

pytestmark = pytest.mark.nodb


def _modules() -> list[Path]:
    return [
        path
        for path in TESTS.rglob("*.py")
        if "e2e" not in path.relative_to(TESTS).parts
        and path.name not in ABOUT_THE_DEMO
        and path != TESTS / "conftest.py"  # defines the demo fixture, for the browser suite
    ]


def test_no_test_outside_the_browser_suite_loads_the_demo() -> None:
    offenders = []
    for path in _modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            asks = isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and any(
                arg.arg == "demo" for arg in node.args.args
            )
            if asks:
                offenders.append(f"{path.relative_to(TESTS)}: {getattr(node, 'name', '?')} asks for the demo fixture")
            if isinstance(node, ast.ImportFrom) and node.module == "govapp.demo":
                offenders.append(f"{path.relative_to(TESTS)} imports govapp.demo")
    assert offenders == []
