"""An agenda's record, read in one query per kind whatever the number of items: declarations, motions
(with their votes and results), outcomes and actions, by item. The console and the minutes show every
item's record; asking item by item would cost a set of queries per item."""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from govapp.extensions import db
from govapp.models import ActionPoint
from govapp.models import AgendaItem
from govapp.models import Declaration
from govapp.models import ItemOutcome
from govapp.models import Motion
from govapp.models import Vote


@dataclass
class Business:
    """By agenda item id: its declarations, motions, outcomes (oldest first) and actions."""

    declarations: dict[int, list[Declaration]]
    motions: dict[int, list[Motion]]
    outcomes: dict[int, list[ItemOutcome]]
    actions: dict[int, list[ActionPoint]]

    def current_outcome(self, item_id: int) -> ItemOutcome | None:
        """The outcome in force: the latest recorded (as ``services.outcomes.current_outcome``)."""
        found = self.outcomes.get(item_id)
        return found[-1] if found else None


def _by_item(rows: Iterable[Any]) -> dict[int, list[Any]]:
    grouped: dict[int, list[Any]] = {}
    for row in rows:
        grouped.setdefault(row.agenda_item_id, []).append(row)
    return grouped


def business_of(items: Sequence[AgendaItem]) -> Business:
    ids = [i.id for i in items]
    motions = db.session.scalars(
        select(Motion)
        .where(Motion.agenda_item_id.in_(ids))
        .options(
            selectinload(Motion.votes).joinedload(Vote.member),
            selectinload(Motion.votes).joinedload(Vote.cast_by),
            selectinload(Motion.results),
        )
        .order_by(Motion.id)
    )
    return Business(
        declarations=_by_item(
            db.session.scalars(select(Declaration).where(Declaration.agenda_item_id.in_(ids)).order_by(Declaration.id))
        ),
        motions=_by_item(motions),
        outcomes=_by_item(
            db.session.scalars(select(ItemOutcome).where(ItemOutcome.agenda_item_id.in_(ids)).order_by(ItemOutcome.id))
        ),
        actions=_by_item(
            db.session.scalars(
                select(ActionPoint)
                .where(ActionPoint.agenda_item_id.in_(ids))
                .options(selectinload(ActionPoint.owner))
                .order_by(ActionPoint.id)
            )
        ),
    )
