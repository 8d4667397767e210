"""Standing orders as configuration: defaults, validation and the round trip through a dictionary."""

from __future__ import annotations

import dataclasses
import json
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import settings

from govapp.rules import CMR_PANEL
from govapp.rules import StandingOrders

from .strategies import standing_orders


def test_the_cmr_panels_standing_orders_are_the_defaults() -> None:
    assert StandingOrders() == CMR_PANEL
    assert CMR_PANEL.notice_clear_days == 7
    assert CMR_PANEL.papers_days == 7
    assert CMR_PANEL.agenda_request_clear_days == 14
    assert CMR_PANEL.minutes_working_days == 21
    assert CMR_PANEL.quorum_fraction == Fraction(2, 3)
    assert CMR_PANEL.chair_required_for_quorum is True
    assert CMR_PANEL.interest_exception_above == Fraction(1, 3)
    assert CMR_PANEL.requisition_fraction == Fraction(3, 4)
    assert CMR_PANEL.requisition_call_days == 14
    assert CMR_PANEL.reconvene_months == 1
    assert CMR_PANEL.meetings_per_year == 4
    assert CMR_PANEL.absence_consecutive == 2
    assert CMR_PANEL.absence_window_months == 12
    assert CMR_PANEL.usual_weekday == 3
    assert CMR_PANEL.usual_week_of_month == 1
    assert CMR_PANEL.deputy_chair is False
    assert CMR_PANEL.seconder_required is False
    assert CMR_PANEL.standing_items == (
        "Apologies",
        "Declarations of interest",
        "Minutes of the previous meeting",
        "Matters arising",
    )


def test_standing_orders_cannot_be_changed_once_made() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        CMR_PANEL.notice_clear_days = 3  # type: ignore[misc]
    assert hash(CMR_PANEL) == hash(StandingOrders())


def test_standing_orders_become_a_json_safe_dictionary() -> None:
    data = CMR_PANEL.to_dict()
    assert data["quorum_fraction"] == "2/3"
    assert data["interest_exception_above"] == "1/3"
    assert data["requisition_fraction"] == "3/4"
    assert data["standing_items"] == [
        "Apologies",
        "Declarations of interest",
        "Minutes of the previous meeting",
        "Matters arising",
    ]
    assert data["notice_clear_days"] == 7
    assert data["chair_required_for_quorum"] is True
    assert json.loads(json.dumps(data)) == data


def test_a_whole_fraction_is_written_over_one() -> None:
    assert StandingOrders(quorum_fraction=Fraction(1)).to_dict()["quorum_fraction"] == "1/1"


def test_missing_settings_take_the_cmr_panels_defaults() -> None:
    assert StandingOrders.from_dict({}) == CMR_PANEL
    orders = StandingOrders.from_dict({"notice_clear_days": 10, "quorum_fraction": "1/2"})
    assert orders.notice_clear_days == 10
    assert orders.quorum_fraction == Fraction(1, 2)
    assert orders.papers_days == 7


def test_fractions_may_be_given_as_whole_numbers_or_exact_decimal_strings() -> None:
    orders = StandingOrders.from_dict({"quorum_fraction": 1, "requisition_fraction": "0.75"})
    assert orders.quorum_fraction == Fraction(1)
    assert orders.requisition_fraction == Fraction(3, 4)
    assert isinstance(StandingOrders(quorum_fraction=1).quorum_fraction, Fraction)  # type: ignore[arg-type]


def test_standing_items_are_kept_in_order_and_tidied() -> None:
    orders = StandingOrders.from_dict({"standing_items": ["  Apologies ", "Declarations of interest"]})
    assert orders.standing_items == ("Apologies", "Declarations of interest")


def test_unknown_settings_are_refused_by_name() -> None:
    with pytest.raises(ValueError, match=r"Unknown standing-order setting.*quorum_percent"):
        StandingOrders.from_dict({"quorum_percent": 66})


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"notice_clear_days": -1}, "clear days' notice of a meeting must be between 0 and 366"),
        ({"notice_clear_days": "7"}, "clear days' notice of a meeting must be a whole number"),
        ({"notice_clear_days": 7.0}, "must be a whole number"),
        ({"notice_clear_days": True}, "must be a whole number"),
        ({"papers_days": 0}, "papers are despatched must be between 1 and 366"),
        ({"minutes_working_days": None}, "draft minutes must be a whole number"),
        ({"reconvene_months": 0}, "reconvened must be between 1 and 24"),
        ({"usual_weekday": 7}, "usual meeting weekday must be between 0 and 6"),
        ({"usual_week_of_month": 0}, "week of the month for meetings must be between 1 and 5"),
        ({"usual_week_of_month": 6}, "between 1 and 5"),
        ({"meetings_per_year": -4}, "meetings a year must be between 0"),
        ({"absence_consecutive": 0}, "absence alert must be between 1"),
        ({"quorum_fraction": "0"}, "quorum fraction must be more than 0 and at most 1"),
        ({"quorum_fraction": "3/2"}, "at most 1"),
        ({"quorum_fraction": "-1/3"}, "more than 0"),
        ({"quorum_fraction": "two thirds"}, 'quorum fraction must be a fraction such as "2/3"'),
        ({"quorum_fraction": "1/0"}, 'must be a fraction such as "2/3"'),
        ({"quorum_fraction": 0.5}, "not the decimal 0.5"),
        ({"requisition_fraction": None}, "sign a requisition must be a fraction"),
        ({"interest_exception_above": [1, 3]}, "quorum exception applies must be a fraction"),
        ({"chair_required_for_quorum": "yes"}, "Chair is needed for a quorum must be true or false"),
        ({"deputy_chair": 1}, "deputy Chair must be true or false"),
        ({"standing_items": "Apologies"}, "standing items must be a list"),
        ({"standing_items": ["Apologies", " "]}, "Each standing item must be a title"),
        ({"standing_items": ["Apologies", 3]}, "Each standing item must be a title"),
        ({"standing_items": ["Apologies", "Apologies "]}, "listed twice"),
    ],
)
def test_bad_settings_are_refused_with_a_plain_message(data: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        StandingOrders.from_dict(data)


def test_settings_that_are_not_a_mapping_are_refused() -> None:
    with pytest.raises(ValueError, match="mapping of settings"):
        StandingOrders.from_dict([("notice_clear_days", 7)])  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "kwargs",
    [{"papers_days": 0}, {"quorum_fraction": Fraction(0)}, {"usual_weekday": -1}, {"seconder_required": None}],
)
def test_bad_settings_are_refused_when_standing_orders_are_made_directly(kwargs: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        StandingOrders(**kwargs)  # type: ignore[arg-type]


def test_a_custom_committee_round_trips_through_a_dictionary() -> None:
    orders = StandingOrders(
        notice_clear_days=10,
        quorum_fraction=Fraction(1, 2),
        chair_required_for_quorum=False,
        deputy_chair=True,
        standing_items=("Apologies",),
    )
    assert StandingOrders.from_dict(orders.to_dict()) == orders


@settings(max_examples=200)
@given(orders=standing_orders)
def test_any_standing_orders_round_trip_through_json(orders: StandingOrders) -> None:
    assert StandingOrders.from_dict(json.loads(json.dumps(orders.to_dict()))) == orders
