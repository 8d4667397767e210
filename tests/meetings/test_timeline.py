"""The meeting page's timeline: every standing-order deadline, its date, its state and who acted."""

from __future__ import annotations

from datetime import UTC
from datetime import date
from datetime import datetime

import pytest
from flask import Flask
from flask.testing import FlaskClient

from govapp import rules
from govapp.extensions import db
from govapp.models import AgendaRequest
from govapp.models import Notice
from govapp.models import RequestStatus
from govapp.models import User
from govapp.services.timeline import CLOSED
from govapp.services.timeline import meeting_timeline
from tests.conftest import DEMO_TODAY
from tests.conftest import get_page
from tests.conftest import sign_in
from tests.factories import Login
from tests.factories import make_account
from tests.factories import make_committee
from tests.factories import make_meeting
from tests.factories import make_officer
from tests.meetings.helpers import freeze_clock
from tests.meetings.helpers import meeting_id_on
from tests.meetings.helpers import meeting_on

WORKED_EXAMPLE = date(2026, 12, 3)  # Thursday 3 December 2026


@pytest.fixture
def worked_example(app_ctx: Flask) -> None:
    """A Panel's meeting on the worked example's day, and the people the tests name: Helen Nesbitt
    (Professional Officer), Jamie Orr (business support) and Aoife Brennan (a member)."""
    setup = make_committee(members=0, secretariat_name=None)
    make_meeting(setup.committee, on=WORKED_EXAMPLE)
    make_account(full_name="Helen Nesbitt", email="helen.nesbitt@example.org")
    make_account(full_name="Jamie Orr", email="jamie.orr@example.org")
    make_account(full_name="Aoife Brennan", email="aoife.brennan@example.org")


def _user(email: str) -> User:
    return next(u for u in db.session.scalars(db.select(User)) if u.email == email)


def _states(today: date) -> dict[str, tuple[date, str]]:
    meeting = meeting_on(WORKED_EXAMPLE)
    return {e.key: (e.deadline, e.state) for e in meeting_timeline(meeting, today)}


def test_the_worked_example_has_the_standing_orders_dates(app_ctx: Flask, worked_example: None) -> None:
    states = _states(DEMO_TODAY)
    assert states["agenda_requests"] == (date(2026, 11, 18), CLOSED)  # Wed 18 Nov 2026, passed on the 23rd
    assert states["notice"] == (date(2026, 11, 25), rules.TO_COME)  # Wed 25 Nov 2026
    assert states["papers"] == (date(2026, 11, 26), rules.TO_COME)  # Thu 26 Nov 2026
    assert states["minutes"] == (rules.minutes_deadline(WORKED_EXAMPLE), rules.TO_COME)
    assert [e.key for e in meeting_timeline(meeting_on(WORKED_EXAMPLE), DEMO_TODAY)] == [
        "agenda_requests",
        "notice",
        "papers",
        "minutes",
    ]


@pytest.mark.parametrize(
    ("today", "served_on", "state"),
    [
        (date(2026, 11, 24), None, rules.TO_COME),
        (date(2026, 11, 25), None, rules.DUE),
        (date(2026, 11, 26), None, rules.MISSED),
        (date(2026, 11, 26), date(2026, 11, 25), rules.MET),
        (date(2026, 11, 27), date(2026, 11, 26), rules.LATE),
    ],
)
def test_the_notice_deadline_state_follows_the_latest_served_notice(
    app_ctx: Flask, worked_example: None, today: date, served_on: date | None, state: str
) -> None:
    meeting = meeting_on(WORKED_EXAMPLE)
    db.session.add(Notice(meeting_id=meeting.id, version=1, served_at=None))  # drafted, never served
    if served_on is not None:
        # Served at 9:30 UTC: the same date in London.
        served_at = datetime(served_on.year, served_on.month, served_on.day, 9, 30, tzinfo=UTC)
        db.session.add(
            Notice(meeting_id=meeting.id, version=2, served_at=served_at, served_by=_user("helen.nesbitt@example.org"))
        )
    db.session.flush()
    entry = next(e for e in meeting_timeline(meeting, today) if e.key == "notice")
    assert entry.state == state
    assert entry.done_on == served_on
    assert entry.done_by == ("Helen Nesbitt" if served_on else None)


def test_papers_are_done_when_the_pack_is_despatched(app_ctx: Flask, worked_example: None) -> None:
    meeting = meeting_on(WORKED_EXAMPLE)
    meeting.pack_despatched_at = datetime(2026, 11, 27, 0, 30, tzinfo=UTC)  # Friday 27 November in London
    meeting.pack_despatched_by_id = _user("jamie.orr@example.org").id
    db.session.flush()
    entry = next(e for e in meeting_timeline(meeting, date(2026, 11, 30)) if e.key == "papers")
    assert (entry.done_on, entry.state, entry.done_by) == (date(2026, 11, 27), rules.LATE, "Jamie Orr")


def test_agenda_requests_are_counted_on_time_and_late(app_ctx: Flask, worked_example: None) -> None:
    meeting = meeting_on(WORKED_EXAMPLE)
    member = _user("aoife.brennan@example.org").person
    for on_time in (True, True, False):
        db.session.add(
            AgendaRequest(
                meeting_id=meeting.id,
                requested_by_id=member.id,
                matter="A matter",
                on_time=on_time,
                status=RequestStatus.INCLUDED if on_time else RequestStatus.PENDING,
            )
        )
    db.session.flush()
    entry = next(e for e in meeting_timeline(meeting, date(2026, 11, 10)) if e.key == "agenda_requests")
    assert entry.state == rules.TO_COME
    assert entry.detail == "2 received on time, 1 late"


@pytest.fixture
def logins(app: Flask) -> dict[str, Login]:
    """The CMR Panel (a Chair, one member, its secretariat officer and an officer in attendance) with
    its meeting on the worked example's day, committed for the pages; sign-in details by role."""
    with app.app_context():
        setup = make_committee(members=1, name="Case Management Review Panel", short_name="CMR Panel")
        assert setup.secretariat is not None
        officer = make_officer(setup.committee)
        make_meeting(setup.committee, on=WORKED_EXAMPLE)
        db.session.commit()
        by_role = {
            "chair": setup.chair.login,
            "member": setup.members[0].login,
            "secretariat": setup.secretariat.login,
            "officer": officer.login,
        }
        db.session.remove()
    return by_role


def _signed_in(app: Flask, login: Login) -> FlaskClient:
    client = app.test_client()
    assert sign_in(client, login.email, login.password).status_code == 302
    return client


def test_the_meeting_page_shows_each_deadline_with_its_date_and_state(
    app: Flask, logins: dict[str, Login], monkeypatch: pytest.MonkeyPatch
) -> None:
    freeze_clock(monkeypatch, date(2026, 11, 25))
    meeting_id = meeting_id_on(app, WORKED_EXAMPLE)
    client = _signed_in(app, logins["member"])
    page = get_page(client, f"/meetings/{meeting_id}", title="CMR Panel meeting, Thursday 3 December 2026")
    assert page.h1 == "Meeting on Thursday 3 December 2026"
    rows = {
        cells[0]: cells[1:]
        for cells in (
            [c.get_text(" ", strip=True) for c in tr.find_all(["td", "th"])]
            for tr in page.soup.find(id="deadlines").find("tbody").find_all("tr")
        )
    }
    assert rows["Agenda requests on time"][:2] == ["Wednesday 18 November 2026", "Closed"]
    assert rows["Notice of meeting served"][:2] == ["Wednesday 25 November 2026", "Due today"]
    assert rows["Agenda and papers despatched"][:2] == ["Thursday 26 November 2026", "To come"]
    assert rows["Draft minutes circulated"][1] == "To come"
    # A member may add the meeting to a calendar but not change it.
    assert page.soup.find("a", string="Add to calendar (.ics file)") is not None
    assert "Reschedule" not in page.text()


def test_the_chair_and_secretariat_see_coming_deadlines_on_their_home_pages(
    app: Flask, logins: dict[str, Login], monkeypatch: pytest.MonkeyPatch
) -> None:
    freeze_clock(monkeypatch)
    for role in ("chair", "secretariat"):
        page = get_page(_signed_in(app, logins[role]), "/", title="Home")
        coming = page.soup.find(id="coming-deadlines")
        assert coming is not None, role
        text = coming.get_text(" ", strip=True)
        notice = "Wednesday 25 November 2026 : Notice of meeting served,"
        assert f"{notice} for the CMR Panel meeting on Thursday 3 December 2026" in text
        assert "Thursday 26 November 2026 : Agenda and papers despatched" in text
        assert "18 November" not in text, "a passed deadline is not coming"
        assert coming.find("a")["href"].startswith("/meetings/")
    member_home = get_page(_signed_in(app, logins["member"]), "/")
    assert member_home.soup.find(id="coming-deadlines") is None


def test_an_officer_cannot_see_the_meeting_page(
    app: Flask, logins: dict[str, Login], monkeypatch: pytest.MonkeyPatch
) -> None:
    freeze_clock(monkeypatch)
    meeting_id = meeting_id_on(app, WORKED_EXAMPLE)
    client = _signed_in(app, logins["officer"])
    page = get_page(client, f"/meetings/{meeting_id}", status=403)
    assert "You cannot see the committee" in page.text()
    assert client.get(f"/meetings/{meeting_id}/invite.ics").status_code == 403


def test_an_unknown_meeting_is_a_404_with_words(app: Flask, logins: dict[str, Login]) -> None:
    page = get_page(_signed_in(app, logins["chair"]), "/meetings/999999", status=404)
    assert "There is no such meeting." in page.text()
