"""The organisation's working calendar: Northern Ireland's bank holidays plus its own closure days."""

from __future__ import annotations

from sqlalchemy import select

from govapp import rules
from govapp.extensions import db
from govapp.models import ClosureDay


def working_calendar() -> rules.WorkingCalendar:
    closures = frozenset(db.session.scalars(select(ClosureDay.day)))
    return rules.WorkingCalendar(closures=closures)
