"""Hypothesis strategies shared by the rules tests."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from hypothesis import strategies as st

from govapp.rules import StandingOrders

# Dates in a range the Panel will plausibly meet in; the holiday library is exercised on each year.
meeting_dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31))

# Whole numbers of members: a committee rarely exceeds a few dozen, but the arithmetic must hold for any size.
memberships = st.integers(min_value=0, max_value=500)

fractions_in_unit_interval = st.builds(
    Fraction,
    st.integers(min_value=1, max_value=12),
    st.integers(min_value=1, max_value=12),
).filter(lambda fraction: fraction <= 1)

standing_orders = st.builds(
    StandingOrders,
    notice_clear_days=st.integers(min_value=0, max_value=60),
    papers_days=st.integers(min_value=1, max_value=60),
    agenda_request_clear_days=st.integers(min_value=0, max_value=60),
    minutes_working_days=st.integers(min_value=0, max_value=60),
    quorum_fraction=fractions_in_unit_interval,
    chair_required_for_quorum=st.booleans(),
    interest_exception_above=fractions_in_unit_interval,
    requisition_fraction=fractions_in_unit_interval,
    requisition_call_days=st.integers(min_value=0, max_value=60),
    reconvene_months=st.integers(min_value=1, max_value=24),
    meetings_per_year=st.integers(min_value=0, max_value=24),
    absence_consecutive=st.integers(min_value=1, max_value=6),
    absence_window_months=st.integers(min_value=1, max_value=36),
    usual_weekday=st.integers(min_value=0, max_value=6),
    usual_week_of_month=st.integers(min_value=1, max_value=5),
    deputy_chair=st.booleans(),
    seconder_required=st.booleans(),
    standing_items=st.lists(
        st.text(alphabet="abcdefghijklmnopqrstuvwxyz ", min_size=1, max_size=20).map(str.strip).filter(bool),
        unique=True,
        max_size=6,
    ).map(tuple),
)
