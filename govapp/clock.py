"""The one place the application reads the clock. Rules never do: they are given dates."""

from __future__ import annotations

from datetime import UTC
from datetime import date
from datetime import datetime

from govapp.rules import LONDON


def now() -> datetime:
    return datetime.now(UTC)


def today() -> date:
    """Today's date in Europe/London, the zone every standing-order deadline is counted in."""
    return now().astimezone(LONDON).date()
