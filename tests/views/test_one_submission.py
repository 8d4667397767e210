"""A form counts once: sent again (a double click, a second tab, a refresh), it changes nothing and says
what already happened."""

from __future__ import annotations

import re
import threading
from datetime import date
from datetime import time

from flask import Flask
from sqlalchemy import select

from govapp.extensions import db
from govapp.models import AgendaItem
from govapp.models import SecretariatPost
from govapp.models import WhenAndWhere
from govapp.services.accounts import add_person
from govapp.services.accounts import create_account
from govapp.services.committees import create_committee
from govapp.services.committees import hold_place
from govapp.services.convening import schedule_meeting
from tests.conftest import get_page
from tests.conftest import sign_in

PASSWORD = "granite-heron-linen-falcon"


def _form(app: Flask) -> tuple[object, str, dict[str, str]]:
    with app.app_context():
        panel = create_committee(None, name="Case Management Review Panel", short_name="CMR Panel")
        person = add_person(None, full_name="Jamie Orr", email="jamie@example.org")
        create_account(None, person, PASSWORD)
        hold_place(
            None, SecretariatPost(committee=panel, person=person, title="Business support", starts_on=date(2026, 4, 1))
        )
        meeting = schedule_meeting(None, panel, WhenAndWhere(date(2027, 2, 4), time(10)), today=date(2026, 11, 23))
        db.session.commit()
        url = f"/meetings/{meeting.id}/agenda/items/new"
    client = app.test_client()
    sign_in(client, "jamie@example.org", PASSWORD)
    page = get_page(client, url)
    hidden = {i["name"]: i["value"] for i in page.soup.select("form input[type=hidden]")}
    assert set(hidden) >= {"csrf_token", "submission"}
    data = {**hidden, "title": "Notification: Child C", "purpose": "decision"}
    return client, url, data


def _items(app: Flask) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(select(AgendaItem.title).where(AgendaItem.title.startswith("Notification"))))


def test_a_form_sent_twice_adds_one_item_and_says_so(app: Flask) -> None:
    client, url, data = _form(app)
    first = client.post(url, data=data)  # type: ignore[attr-defined]
    assert first.status_code == 302
    again = client.post(url, data=data)  # type: ignore[attr-defined]
    assert again.status_code == 302 and again.headers["Location"] == first.headers["Location"]
    page = get_page(client, again.headers["Location"])  # type: ignore[arg-type]
    assert re.search(r"You already sent this form, at \d", page.text())
    assert "Nothing was changed again" in page.text()
    assert _items(app) == ["Notification: Child C"]


def test_a_form_with_an_error_can_be_corrected_and_sent_with_the_same_token(app: Flask) -> None:
    client, url, data = _form(app)
    refused = client.post(url, data={**data, "title": ""})  # type: ignore[attr-defined]
    assert refused.status_code == 200 and "Enter the item" in refused.get_data(as_text=True)
    assert client.post(url, data=data).status_code == 302  # type: ignore[attr-defined]
    assert _items(app) == ["Notification: Child C"]


def test_two_copies_sent_at_the_same_instant_add_one_item(app: Flask) -> None:
    client, url, data = _form(app)
    barrier = threading.Barrier(2)
    statuses: list[int] = []

    def send() -> None:
        barrier.wait()
        statuses.append(client.post(url, data=data).status_code)  # type: ignore[attr-defined]

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) in ([302, 302], [302, 409])
    assert _items(app) == ["Notification: Child C"]
