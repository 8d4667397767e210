"""The public API promised in docs/rules-api.md, and the module's promise to stay pure."""

from __future__ import annotations

import ast
import doctest
import importlib
import inspect
from datetime import date
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

import govapp.rules
from govapp.rules import CMR_PANEL
from govapp.rules import NORTHERN_IRELAND

PROMISED = [
    "is_working_day",
    "add_working_days",
    "notice_deadline",
    "papers_deadline",
    "agenda_request_deadline",
    "agenda_request_on_time",
    "minutes_deadline",
    "quorum_required",
    "is_quorate",
    "requisition_threshold",
    "requisition_call_deadline",
    "reconvene_deadline",
    "decide",
    "absence_alerts",
]
WORKING_DAY_FUNCTIONS = ["is_working_day", "add_working_days", "minutes_deadline"]
PROMISED_PARAMETERS = {
    "is_working_day": ["day"],
    "add_working_days": ["start", "n"],
    "notice_deadline": ["meeting_date"],
    "papers_deadline": ["meeting_date"],
    "agenda_request_deadline": ["meeting_date"],
    "agenda_request_on_time": ["meeting_date", "received"],
    "minutes_deadline": ["meeting_date"],
    "quorum_required": ["membership", "declared_interest"],
    "is_quorate": ["membership", "present", "declared_interest", "chair_present"],
    "requisition_threshold": ["membership"],
    "requisition_call_deadline": ["presented"],
    "reconvene_deadline": ["scheduled"],
    "decide": ["votes_for", "votes_against", "casting_vote"],
    "absence_alerts": ["history"],
}
RULES_DIRECTORY = Path(govapp.rules.__file__).parent
RULES_MODULES = sorted(f"govapp.rules.{path.stem}" for path in RULES_DIRECTORY.glob("*.py") if path.stem != "__init__")


@pytest.mark.parametrize("name", PROMISED)
def test_every_promised_function_can_be_imported_from_govapp_rules(name: str) -> None:
    module = importlib.import_module("govapp.rules")
    assert callable(getattr(module, name))
    assert name in govapp.rules.__all__


@pytest.mark.parametrize("name", PROMISED)
def test_every_promised_function_takes_its_arguments_in_order_and_orders_as_a_keyword(name: str) -> None:
    parameters = inspect.signature(getattr(govapp.rules, name)).parameters
    positional = [p.name for p in parameters.values() if p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD]
    assert positional == PROMISED_PARAMETERS[name]
    assert parameters["orders"].kind is inspect.Parameter.KEYWORD_ONLY
    assert parameters["orders"].default is CMR_PANEL
    if name in WORKING_DAY_FUNCTIONS:
        assert parameters["calendar"].kind is inspect.Parameter.KEYWORD_ONLY
        assert parameters["calendar"].default is NORTHERN_IRELAND


def test_optional_arguments_have_the_promised_defaults() -> None:
    assert inspect.signature(govapp.rules.quorum_required).parameters["declared_interest"].default == 0
    is_quorate_parameters = inspect.signature(govapp.rules.is_quorate).parameters
    assert is_quorate_parameters["declared_interest"].default == 0
    assert is_quorate_parameters["chair_present"].default is True
    assert inspect.signature(govapp.rules.decide).parameters["casting_vote"].default is None


def test_everything_in_all_exists_and_has_a_docstring() -> None:
    for name in govapp.rules.__all__:
        value = getattr(govapp.rules, name)
        if callable(value):
            assert inspect.getdoc(value), f"{name} has no docstring"


@pytest.mark.parametrize("module_name", RULES_MODULES)
def test_every_rules_module_explains_itself(module_name: str) -> None:
    module = importlib.import_module(module_name)
    assert module.__doc__ and len(module.__doc__.strip()) > 40


@pytest.mark.parametrize("module_name", RULES_MODULES)
def test_the_examples_in_the_docstrings_are_true(module_name: str) -> None:
    module = importlib.import_module(module_name)
    failures, _ = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert failures == 0


@pytest.mark.parametrize("path", sorted(RULES_DIRECTORY.glob("*.py")), ids=lambda path: path.name)
def test_the_rules_import_no_web_framework_or_database_and_never_read_the_clock(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    imported: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module.split(".")[0])
        elif isinstance(node, ast.Attribute):
            assert node.attr not in {"today", "now", "utcnow"}, f"{path.name} reads the clock"
    allowed = {"__future__", "calendar", "collections", "dataclasses", "datetime", "fractions", "functools"}
    allowed |= {"enum", "holidays", "itertools", "math", "typing", "zoneinfo", "govapp"}
    assert imported <= allowed


junk = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-1000, max_value=1000),
    st.floats(allow_nan=True),
    st.text(max_size=5),
    st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)),
    st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 12, 31)),
    st.lists(st.integers(), max_size=2),
)


@settings(max_examples=300)
@given(name=st.sampled_from(PROMISED), data=st.data())
def test_any_input_either_gets_an_answer_or_a_value_error_never_another_crash(name: str, data: st.DataObject) -> None:
    function = getattr(govapp.rules, name)
    arguments = [data.draw(junk) for _ in PROMISED_PARAMETERS[name]]
    try:
        function(*arguments)
    except ValueError as error:
        assert str(error), "a refusal must say why"
