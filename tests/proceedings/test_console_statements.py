"""The console runs the same number of SQL statements whatever the number of items on the agenda."""

from __future__ import annotations

from datetime import time

import pytest
from flask import Flask
from sqlalchemy import event

from govapp import clock
from govapp.extensions import db
from govapp.models import Attendance
from govapp.services.proceedings import record_attendance
from govapp.services.proceedings import record_declaration
from tests.conftest import get_page
from tests.conftest import sign_in
from tests.factories import PASSWORD
from tests.factories import make_committee
from tests.factories import make_item
from tests.factories import make_meeting
from tests.factories import make_motion
from tests.proceedings.conftest import MEETING_DAY
from tests.proceedings.conftest import NOW


def _console_statements(app: Flask, items: int, monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr(clock, "now", lambda: NOW)
    with app.app_context():
        setup = make_committee(members=8, name=f"Panel {items}", short_name=f"Panel {items}")
        assert setup.secretariat is not None
        meeting = make_meeting(setup.committee, on=MEETING_DAY)
        for person in setup.everyone:
            record_attendance(setup.secretariat.user, meeting, person, Attendance.PRESENT, arrived_at=time(10))
        for n in range(items):
            item = make_item(meeting, f"Item of business {n}")
            make_motion(item, proposer=setup.members[0].person, actor=setup.secretariat.user)
            if n % 3 == 0:
                record_declaration(setup.secretariat.user, item, setup.members[1].person, "An interest", now=NOW)
        db.session.commit()
        url, email = f"/meetings/{meeting.id}/console", setup.secretariat.email
    client = app.test_client()
    sign_in(client, email, PASSWORD)
    get_page(client, url)  # warm: sign-in bookkeeping is done
    count = 0

    def counted(*_: object) -> None:
        nonlocal count
        count += 1

    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", counted)
        try:
            page = get_page(client, url)
        finally:
            event.remove(db.engine, "before_cursor_execute", counted)
    assert f"Item of business {items - 1}" in page.html
    return count


def test_the_console_costs_the_same_for_6_and_40_items(app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    few = _console_statements(app, 6, monkeypatch)
    many = _console_statements(app, 40, monkeypatch)
    assert many == few, f"{few} statements for 6 items, {many} for 40"
