"""Absence: when the Chair should ascertain why a member has not attended.

Interpretation: ``history`` is one member's occasions in date order, as ``(meeting_date, attended)``
pairs: the meetings they were expected at. Cancelled meetings are not occasions and must be left
out; apologies and deputising count as not attending (``attended=False``).

With the CMR Panel's orders (2 consecutive occasions within 12 months) an alert is raised for
**each pair of consecutive occasions both missed** where the second is less than 12 months after
the first, i.e. on or before the last day of the 12-month period from and including the first
(``months_period_end``). Misses exactly 12 months apart (15 Jan 2025 and 15 Jan 2026) raise no alert.
Three misses in a row give two overlapping pairs.

For other committees' orders, every run of ``absence_consecutive`` consecutive missed occasions
whose last falls within ``absence_window_months`` of its first raises an alert, reported as the
(first, last) dates of the run; overlapping runs are each reported.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from govapp.rules._checks import check_date
from govapp.rules.dates import months_period_end
from govapp.rules.orders import CMR_PANEL
from govapp.rules.orders import StandingOrders
from govapp.rules.orders import require_orders

__all__ = ["absence_alerts"]


def absence_alerts(
    history: Sequence[tuple[date, bool]], *, orders: StandingOrders = CMR_PANEL
) -> list[tuple[date, date]]:
    """Return the (first, last) dates of each run of consecutive missed occasions that needs the Chair's follow-up.

    >>> absence_alerts([(date(2026, 1, 8), False), (date(2026, 2, 5), False), (date(2026, 3, 5), True)])
    [(datetime.date(2026, 1, 8), datetime.date(2026, 2, 5))]
    """
    orders = require_orders(orders)
    occasions = _check_history(history)
    run = orders.absence_consecutive
    alerts: list[tuple[date, date]] = []
    for start in range(len(occasions) - run + 1):
        window = occasions[start : start + run]
        if any(attended for _, attended in window):
            continue
        first, last = window[0][0], window[-1][0]
        if last <= months_period_end(first, orders.absence_window_months):
            alerts.append((first, last))
    return alerts


def _check_history(history: object) -> list[tuple[date, bool]]:
    if isinstance(history, str | bytes) or not isinstance(history, Sequence):
        raise ValueError(f"The attendance history must be a list of (meeting date, attended) pairs, not {history!r}.")
    occasions: list[tuple[date, bool]] = []
    for entry in history:
        if isinstance(entry, str | bytes) or not isinstance(entry, Sequence) or len(entry) != 2:
            raise ValueError(f"Each attendance entry must be a (meeting date, attended) pair, not {entry!r}.")
        day, attended = entry
        check_date(day, "each meeting date in the attendance history")
        if not isinstance(attended, bool):
            raise ValueError(
                f"Whether the member attended on {day.isoformat()} must be true or false, not {attended!r}."
            )
        if occasions and day <= occasions[-1][0]:
            raise ValueError(
                f"The attendance history must be in date order with one entry per meeting: "
                f"{day.isoformat()} comes after {occasions[-1][0].isoformat()}."
            )
        occasions.append((day, attended))
    return occasions
