"""Many people changing one agenda at once: every request takes its turn, and the agenda stays numbered
1..N with no position used twice or skipped. Runs on SQLite and, in `make test`, on PostgreSQL."""

from __future__ import annotations

import random
import threading
from datetime import date
from datetime import time

from flask import Flask
from sqlalchemy import select

from govapp.extensions import db
from govapp.models import AgendaItem
from govapp.models import ItemPurpose
from govapp.models import SecretariatPost
from govapp.models import WhenAndWhere
from govapp.services.accounts import add_person
from govapp.services.accounts import create_account
from govapp.services.agenda import ItemDetails
from govapp.services.agenda import add_agenda_item
from govapp.services.committees import create_committee
from govapp.services.committees import hold_place
from govapp.services.convening import schedule_meeting
from tests.conftest import FROZEN_NOW
from tests.conftest import csrf_token_from
from tests.conftest import sign_in

PASSWORD = "granite-heron-linen-falcon"
CLIENTS, MOVES_EACH = 10, 5  # 50 moves, all at once


def _agenda(app: Flask) -> tuple[int, list[int]]:
    with app.app_context():
        panel = create_committee(None, name="Case Management Review Panel", short_name="CMR Panel")
        for n in range(CLIENTS):
            person = add_person(None, full_name=f"Officer {n}", email=f"officer{n}@example.org")
            create_account(None, person, PASSWORD)
            hold_place(
                None,
                SecretariatPost(committee=panel, person=person, title="Business support", starts_on=date(2026, 4, 1)),
            )
        meeting = schedule_meeting(None, panel, WhenAndWhere(date(2027, 2, 4), time(10)), today=date(2026, 11, 23))
        items = [
            add_agenda_item(None, meeting, ItemDetails(f"Item {n}", ItemPurpose.DISCUSSION), now=FROZEN_NOW)  # type: ignore[arg-type]
            for n in range(8)
        ]
        db.session.commit()
        return meeting.id, [item.id for item in items]


def test_fifty_simultaneous_agenda_moves_leave_positions_one_to_n(app: Flask) -> None:
    meeting_id, item_ids = _agenda(app)
    clients = []
    for n in range(CLIENTS):
        client = app.test_client()
        assert sign_in(client, f"officer{n}@example.org", PASSWORD).status_code == 302
        token = csrf_token_from(client.get(f"/meetings/{meeting_id}/agenda").get_data(as_text=True))
        clients.append((client, token))
    barrier = threading.Barrier(CLIENTS)
    statuses: list[int] = []
    failures: list[BaseException] = []

    def move(client: object, token: str, seed: int) -> None:
        chooser = random.Random(seed)
        try:
            barrier.wait()
            for _ in range(MOVES_EACH):
                item_id = chooser.choice(item_ids)
                direction = chooser.choice(["up", "down"])
                url = f"/meetings/{meeting_id}/agenda/items/{item_id}/move-{direction}"
                statuses.append(client.post(url, data={"csrf_token": token}).status_code)  # type: ignore[attr-defined]
        except BaseException as error:  # reported below, not lost in the thread
            failures.append(error)

    threads = [threading.Thread(target=move, args=(c, t, n)) for n, (c, t) in enumerate(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []
    assert len(statuses) == CLIENTS * MOVES_EACH
    assert set(statuses) <= {302}, statuses  # each move is done, or said to be impossible, never a 500
    with app.app_context():
        positions = db.session.scalars(
            select(AgendaItem.position).where(AgendaItem.meeting_id == meeting_id).order_by(AgendaItem.position)
        ).all()
    assert positions == list(range(1, len(positions) + 1))


def test_racing_duplicate_apologies_get_one_record_and_409s_with_words_never_a_500(app: Flask) -> None:
    from govapp.models import Apology
    from govapp.services.committees import appoint_member

    with app.app_context():
        panel = create_committee(None, name="Case Management Review Panel", short_name="CMR Panel")
        person = add_person(None, full_name="Bea Member", email="bea@example.org")
        create_account(None, person, PASSWORD)
        appoint_member(None, panel, person, agency="PSNI", starts_on=date(2026, 4, 1))
        meeting = schedule_meeting(None, panel, WhenAndWhere(date(2027, 2, 4), time(10)), today=date(2026, 11, 23))
        db.session.commit()
        meeting_id = meeting.id
    url = f"/meetings/{meeting_id}/apologies"
    tabs = []
    for _ in range(12):  # the same member, in twelve tabs and devices, all pressing Send at once
        client = app.test_client()
        sign_in(client, "bea@example.org", PASSWORD)
        tabs.append((client, csrf_token_from(client.get(url).get_data(as_text=True))))
    barrier = threading.Barrier(len(tabs))
    answers: list[tuple[int, str]] = []

    def send(client: object, token: str) -> None:
        barrier.wait()
        response = client.post(url, data={"csrf_token": token, "reason": "Annual leave"})  # type: ignore[attr-defined]
        answers.append((response.status_code, response.get_data(as_text=True)))

    threads = [threading.Thread(target=send, args=tab) for tab in tabs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(answers) == len(tabs)
    assert {status for status, _ in answers} <= {200, 302, 409}, [s for s, _ in answers]
    for status, text in answers:
        if status == 409:
            assert "Someone else has just made the same change" in text or "already" in text
    with app.app_context():
        assert len(db.session.scalars(select(Apology).where(Apology.meeting_id == meeting_id)).all()) == 1
