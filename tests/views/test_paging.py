"""Lists that grow with the history come a page at a time, newest first, with an "Older" link that
continues before the last entry shown."""

from __future__ import annotations

import pytest
from flask import Flask
from sqlalchemy import select

from govapp.extensions import db
from govapp.models import AuditEvent
from govapp.models import Committee
from govapp.services.outbox import committee_messages
from govapp.services.outbox import queue_email
from tests.conftest import get_page
from tests.conftest import sign_in
from tests.factories import PASSWORD
from tests.factories import make_committee
from tests.factories import make_meeting


def test_the_committee_audit_record_pages_back_in_time(app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import date

    import govapp.committees.views as views

    monkeypatch.setattr(views, "AUDIT_PAGE", 3)
    with app.app_context():
        setup = make_committee(members=2)
        for day in (date(2027, 1, 7), date(2027, 2, 4)):
            make_meeting(setup.committee, on=day)
        db.session.commit()
        ids = list(
            db.session.scalars(
                select(AuditEvent.id)
                .where(AuditEvent.committee_id == setup.committee.id)
                .order_by(AuditEvent.id.desc())
            )
        )
        email = setup.chair.email
    assert len(ids) > 3
    client = app.test_client()
    sign_in(client, email, PASSWORD)
    first = get_page(client, "/committees/test-panel/audit")
    assert len(first.soup.select("main table tbody tr")) == 3
    older = first.soup.find("a", rel="next")
    assert older is not None and older["href"] == f"/committees/test-panel/audit?before={ids[2]}"
    second = get_page(client, str(older["href"]))
    assert len(second.soup.select("main table tbody tr")) == min(3, len(ids) - 3)


def test_a_committees_outbox_pages_by_a_cursor(app: Flask) -> None:
    from datetime import date

    with app.app_context():
        setup = make_committee(members=1)
        meeting = make_meeting(setup.committee, on=date(2027, 1, 7))
        made = [
            queue_email(setup.chair.person, kind="notice", subject=f"Message {n}", body_text="x", meeting=meeting)
            for n in range(5)
        ]
        db.session.commit()
        committee = db.session.scalar(select(Committee))
        assert committee is not None
        first = committee_messages(committee, limit=2)
        assert [m.subject for m in first] == ["Message 4", "Message 3"]
        second = committee_messages(committee, limit=2, before=first[-1].id)
        assert [m.subject for m in second] == ["Message 2", "Message 1"]
        assert [m.subject for m in committee_messages(committee, limit=2, before=second[-1].id)] == ["Message 0"]
        assert len(made) == 5
