"""The account page: private calendar links (feeds) and API tokens, each shown once and revocable."""

from __future__ import annotations

from datetime import date

import pytest
from flask import Flask
from flask.testing import FlaskClient
from icalendar import Calendar
from sqlalchemy import select

from govapp.extensions import db
from govapp.models import Committee
from govapp.models import PersonalToken
from govapp.models import TokenKind
from govapp.services.tokens import find_active_token
from tests.conftest import csrf_token_from
from tests.conftest import get_page
from tests.factories import SignIns
from tests.factories import make_meeting
from tests.meetings.helpers import freeze_clock
from tests.meetings.helpers import meeting_id_on
from tests.meetings.helpers import post_form
from tests.meetings.helpers import signed_in


@pytest.fixture(autouse=True)
def _demo_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    freeze_clock(monkeypatch)


#: The Panel's twelve meetings of its year, first Thursdays from April 2026 to March 2027.
MEETING_DAYS = [
    date(2026, 4, 2),
    date(2026, 5, 7),
    date(2026, 6, 4),
    date(2026, 7, 2),
    date(2026, 8, 6),
    date(2026, 9, 3),
    date(2026, 10, 1),
    date(2026, 11, 5),
    date(2026, 12, 3),
    date(2027, 1, 7),
    date(2027, 2, 4),
    date(2027, 3, 4),
]


@pytest.fixture
def panel(app: Flask, people: SignIns) -> SignIns:
    """A login for each role of the CMR Panel, which has the twelve meetings of MEETING_DAYS."""
    with app.app_context():
        committee = db.session.scalars(select(Committee)).one()
        for day in MEETING_DAYS:
            make_meeting(committee, on=day, today=date(2026, 3, 2))
        db.session.commit()
        db.session.remove()
    return people


def _make(client: FlaskClient, kind: str, name: str) -> tuple[int, str]:
    token = csrf_token_from(client.get("/account").get_data(as_text=True))
    prefix = "calendar" if kind == "calendar" else "api"
    url = "/account/calendar-links" if kind == "calendar" else "/account/api-tokens"
    response = client.post(url, data={f"{prefix}-name": name, f"{prefix}-csrf_token": token})
    return response.status_code, response.get_data(as_text=True)


def _secret(html: str) -> str:
    return html.split('id="new-secret">', 1)[1].split("<", 1)[0]


def _feed_path(html: str) -> str:
    """The feed's address on this site: the link shown starts with BASE_URL, not the request's host."""
    link = _secret(html)
    assert link.startswith("http://127.0.0.1:5000/calendar/"), link
    return link.removeprefix("http://127.0.0.1:5000")


def test_every_person_has_an_account_page_linked_from_the_navigation(app: Flask, panel: SignIns) -> None:
    for role in ("chair", "member", "secretariat", "officer", "admin"):
        client = signed_in(app, panel, role)
        home = get_page(client, "/")
        assert home.soup.find("a", href="/account") is not None, role
        page = get_page(client, "/account", title="Your account")
        assert "You have no calendar links." in page.text()
        assert "You have no API tokens." in page.text()


def test_a_calendar_link_is_shown_once_and_its_feed_lists_the_persons_meetings(app: Flask, panel: SignIns) -> None:
    client = signed_in(app, panel, "member")
    status, html = _make(client, "calendar", "Work Outlook")
    assert status == 200
    path = _feed_path(html)
    assert path.startswith("/calendar/gvc_") and path.endswith(".ics")
    page = get_page(client, "/account")
    assert "Work Outlook" in page.text()
    assert path.split("/")[-1].removesuffix(".ics") not in page.html, "the secret is shown only once"

    feed = app.test_client().get(path)  # no sign-in needed
    assert feed.status_code == 200
    assert feed.headers["Content-Type"].startswith("text/calendar")
    cal = Calendar.from_ical(feed.data)
    assert cal["METHOD"] == "PUBLISH"
    assert cal.walk("VTIMEZONE")
    events = cal.walk("VEVENT")
    assert len(events) == 12
    assert {str(e["SUMMARY"]) for e in events} == {"CMR Panel meeting"}
    with app.app_context():
        token = db.session.scalars(select(PersonalToken).where(PersonalToken.kind == TokenKind.CALENDAR)).one()
        assert token.last_used_at is not None
        db.session.remove()


def test_the_feed_marks_a_cancelled_meeting_cancelled(app: Flask, panel: SignIns) -> None:
    member = signed_in(app, panel, "member")
    path = _feed_path(_make(member, "calendar", "Phone")[1])
    meeting_id = meeting_id_on(app, date(2026, 12, 3))
    chair = signed_in(app, panel, "chair")
    assert post_form(chair, f"/meetings/{meeting_id}/cancel", {"reason": "No business"})[0] == 302
    events = Calendar.from_ical(app.test_client().get(path).data).walk("VEVENT")
    december = next(e for e in events if e.start.date() == date(2026, 12, 3))
    assert str(december["STATUS"]) == "CANCELLED"
    assert december["SEQUENCE"] == 1
    assert sum(1 for e in events if str(e["STATUS"]) == "CANCELLED") == 1


def test_a_revoked_feed_token_is_refused_with_words(app: Flask, panel: SignIns) -> None:
    client = signed_in(app, panel, "secretariat")
    path = _feed_path(_make(client, "calendar", "Old laptop")[1])
    assert app.test_client().get(path).status_code == 200
    with app.app_context():
        token_id = db.session.scalars(select(PersonalToken.id)).one()
        db.session.remove()
    page = get_page(client, "/account")
    token = csrf_token_from(page.html)
    response = client.post(f"/account/tokens/{token_id}/revoke", data={"csrf_token": token})
    assert response.status_code == 302
    assert "revoked" in get_page(client, "/account").text()
    refused = get_page(app.test_client(), path, status=404)
    assert "This calendar link does not work" in refused.text()
    assert get_page(app.test_client(), "/calendar/gvc_made-up.ics", status=404).h1 == "Page not found"


def test_an_api_token_is_shown_once_and_can_be_revoked(app: Flask, panel: SignIns) -> None:
    client = signed_in(app, panel, "chair")
    status, html = _make(client, "api", "Board report")
    assert status == 200
    secret = _secret(html)
    assert secret.startswith("gva_")
    with app.app_context():
        assert find_active_token(secret, TokenKind.API) is not None
        token_id = db.session.scalars(select(PersonalToken.id)).one()
        db.session.remove()
    page = get_page(client, "/account")
    assert secret not in page.html
    assert "Board report" in page.soup.find(id="api-tokens").get_text()
    client.post(f"/account/tokens/{token_id}/revoke", data={"csrf_token": csrf_token_from(page.html)})
    with app.app_context():
        assert find_active_token(secret, TokenKind.API) is None
        db.session.remove()


def test_a_token_needs_a_name(app: Flask, panel: SignIns) -> None:
    client = signed_in(app, panel, "member")
    status, html = _make(client, "api", "")
    assert status == 200
    assert "Enter a name for the API token" in html
    assert "Error: Your account" in html
    with app.app_context():
        assert db.session.scalars(select(PersonalToken)).all() == []
        db.session.remove()


def test_nobody_can_revoke_someone_elses_token(app: Flask, panel: SignIns) -> None:
    owner = signed_in(app, panel, "chair")
    _make(owner, "api", "Mine")
    with app.app_context():
        token_id = db.session.scalars(select(PersonalToken.id)).one()
        db.session.remove()
    other = signed_in(app, panel, "member")
    token = csrf_token_from(other.get("/account").get_data(as_text=True))
    assert other.post(f"/account/tokens/{token_id}/revoke", data={"csrf_token": token}).status_code == 404
    with app.app_context():
        assert db.session.get(PersonalToken, token_id).revoked_at is None  # type: ignore[union-attr]
        db.session.remove()


def test_members_download_a_meetings_invite_as_an_attachment(app: Flask, panel: SignIns) -> None:
    meeting_id = meeting_id_on(app, date(2026, 12, 3))
    response = signed_in(app, panel, "member").get(f"/meetings/{meeting_id}/invite.ics")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment;")
    cal = Calendar.from_ical(response.data)
    assert cal["METHOD"] == "REQUEST"
    assert cal.walk("VEVENT")[0].start.date() == date(2026, 12, 3)
    assert signed_in(app, panel, "admin").get(f"/meetings/{meeting_id}/invite.ics").status_code == 403
