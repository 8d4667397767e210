"""What pages work out is kept until the record changes, and never after (govapp.cache): across
requests, across workers sharing one database, and for the access decisions that rest on it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC
from datetime import date
from datetime import datetime

import pytest
from flask import Flask
from sqlalchemy import select

from govapp import cache
from govapp import clock
from govapp.extensions import db
from govapp.models import Membership
from govapp.models import RecordVersion
from govapp.models import SignInSession
from govapp.services.accounts import add_person
from govapp.services.audit import record_security_event
from govapp.services.memberships import end_membership
from tests.conftest import ScratchDatabase
from tests.conftest import make_test_app
from tests.conftest import sign_in
from tests.factories import make_committee


def _version(app: Flask) -> int:
    with app.app_context():
        counter = db.session.scalar(select(RecordVersion.counter))
        db.session.remove()
    assert counter is not None
    return counter


class Counter:
    """A computation that counts how often it really ran."""

    def __init__(self) -> None:
        self.runs = 0

    def __call__(self) -> int:
        self.runs += 1
        return self.runs


def _ask(app: Flask, compute: Counter) -> int:
    """``compute`` through ``remember`` in a request of its own."""
    with app.test_request_context("/"):
        value = cache.remember(("test", "value"), compute)
        db.session.remove()
    return value


def test_a_value_is_reused_until_a_change_commits_then_worked_out_afresh(app: Flask) -> None:
    compute = Counter()
    assert _ask(app, compute) == 1
    assert _ask(app, compute) == 1, "nothing changed: remembered"
    before = _version(app)
    with app.app_context():
        add_person(None, full_name="Nia Change", email="nia@example.org")
        db.session.commit()
        db.session.remove()
    assert _version(app) == before + 1, "one commit that changes the record advances the version once"
    assert _ask(app, compute) == 2, "the record changed: worked out again"
    assert _ask(app, compute) == 2


def test_reading_pages_the_sessions_last_seen_times_and_auditing_do_not_advance_the_version(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    with app.app_context():
        setup = make_committee(members=1)
        db.session.commit()
        email = setup.chair.email
        db.session.remove()
    client = app.test_client()
    assert sign_in(client, email, "granite-heron-linen-falcon").status_code == 302
    before = _version(app)
    with app.app_context():
        record_security_event("sign_in_failed", user=None, detail={"email": "nobody@example.org"})
        db.session.commit()
        db.session.remove()
    assert client.get("/").status_code == 200
    later = datetime(2026, 11, 23, 10, 5, tzinfo=UTC)  # the session's last-seen time is written again
    monkeypatch.setattr(clock, "now", lambda: later)
    assert client.get("/").status_code == 200
    with app.app_context():
        assert db.session.scalar(select(SignInSession.last_seen_at)) == later
        db.session.remove()
    assert _version(app) == before


def test_a_request_that_changed_the_record_works_out_afresh(app: Flask) -> None:
    compute = Counter()
    assert _ask(app, compute) == 1
    with app.test_request_context("/"):
        add_person(None, full_name="Oisin Pending", email="oisin@example.org")
        assert cache.remember(("test", "value"), compute) == 2, "a pending change: not from memory"
        db.session.commit()
        assert cache.remember(("test", "value"), compute) == 3, "after its own commit, still afresh"
        db.session.remove()


def test_a_rollback_leaves_the_version_alone(app: Flask) -> None:
    before = _version(app)
    with app.app_context():
        add_person(None, full_name="Rory Rolled", email="rory@example.org")
        db.session.flush()
        db.session.rollback()
        db.session.commit()
        db.session.remove()
    assert _version(app) == before


@pytest.fixture
def second_worker(app: Flask, scratch_database_url: ScratchDatabase) -> Iterator[Flask]:
    """Another app on the same database: what a second gunicorn worker, or another host, would be."""
    other = make_test_app(scratch_database_url.url)
    yield other
    with other.app_context():
        db.engine.dispose()


def test_a_change_made_by_another_worker_is_seen_at_once(app: Flask, second_worker: Flask) -> None:
    compute = Counter()
    assert _ask(app, compute) == 1
    assert _ask(app, compute) == 1
    with second_worker.app_context():
        add_person(None, full_name="Wren Elsewhere", email="wren@example.org")
        db.session.commit()
        db.session.remove()
    assert _ask(app, compute) == 2


def test_a_member_whose_membership_ends_loses_the_committee_at_their_next_request(
    app: Flask, second_worker: Flask
) -> None:
    """Roles are remembered between requests; ending a membership (on another worker) is still
    honoured on the member's very next request."""
    with app.app_context():
        setup = make_committee(members=2)
        db.session.commit()
        slug, email, person_id = setup.committee.slug, setup.members[0].email, setup.members[0].person.id
        db.session.remove()
    client = app.test_client()
    assert sign_in(client, email, "granite-heron-linen-falcon").status_code == 302
    assert client.get(f"/committees/{slug}").status_code == 200
    assert client.get(f"/committees/{slug}").status_code == 200
    with second_worker.app_context():
        membership = db.session.scalar(select(Membership).where(Membership.person_id == person_id))
        assert membership is not None
        end_membership(None, membership, ends_on=date(2026, 11, 1), now=datetime(2026, 11, 23, 10, tzinfo=UTC))
        db.session.commit()
        db.session.remove()
    assert client.get(f"/committees/{slug}").status_code == 403


def test_with_no_entries_allowed_nothing_is_remembered(scratch_database_url: ScratchDatabase, app: Flask) -> None:
    off = make_test_app(scratch_database_url.url, CACHE_ENTRIES=0)
    compute = Counter()
    assert _ask(off, compute) == 1
    assert _ask(off, compute) == 2
    with off.app_context():
        db.engine.dispose()
