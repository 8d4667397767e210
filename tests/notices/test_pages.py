"""The notice, serve, agenda-pack, signing-authorisation and outbox pages."""

from __future__ import annotations

from datetime import time
from datetime import timedelta

from bs4 import BeautifulSoup
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from govapp import clock
from govapp.extensions import db
from govapp.models import DeliveryStatus
from govapp.models import Meeting
from govapp.models import Notice
from govapp.models import OutboxMessage
from govapp.models import WhenAndWhere
from govapp.services.accounts import add_person
from govapp.services.committees import create_committee
from govapp.services.convening import schedule_meeting
from govapp.services.outbox import queue_email
from tests.conftest import World
from tests.conftest import csrf_token_from
from tests.conftest import get_page
from tests.conftest import sign_in
from tests.notices.helpers import BUSINESS_SUPPORT
from tests.notices.helpers import CHAIR
from tests.notices.helpers import MEMBER
from tests.notices.helpers import PROFESSIONAL_OFFICER
from tests.notices.helpers import add_item
from tests.notices.helpers import panel
from tests.notices.helpers import person


def _email(name: str) -> str:
    return name.lower().replace(" ", ".") + "@example.org"


def _client(app: Flask, world: World, name: str) -> FlaskClient:
    client = app.test_client()
    assert sign_in(client, _email(name), world.password).status_code == 302
    return client


def _meeting(app: Flask, days_ahead: int) -> int:
    """A Panel meeting ``days_ahead`` days after today (the real clock: the pages read it)."""
    with app.app_context():
        meeting = schedule_meeting(None, panel(), WhenAndWhere(clock.today() + timedelta(days=days_ahead), time(14)))
        add_item(meeting, "Notification 2026/21", presenter="Ruth Patterson")
        db.session.commit()
        meeting_id = meeting.id
        db.session.remove()
    return meeting_id


def _post(client: FlaskClient, url: str, data: dict[str, str] | None = None, *, form_page: str | None = None) -> object:
    token = csrf_token_from(client.get(form_page or url).get_data(as_text=True))
    return client.post(url, data={"csrf_token": token, **(data or {})})


def _rows(soup: BeautifulSoup, table_id: str) -> list[str]:
    table = soup.find(id=table_id)
    assert table is not None, table_id
    return [row.get_text(" ", strip=True) for row in table.find("tbody").find_all("tr")]


def test_the_chair_signs_and_the_secretariat_serves_the_notice_through_the_pages(app: Flask, world: World) -> None:
    meeting_id = _meeting(app, 30)
    chair = _client(app, world, CHAIR)
    page = get_page(chair, f"/meetings/{meeting_id}/notice", title=None)
    assert page.h1 == "Notice of meeting"
    assert "Not signed" in page.text()
    response = _post(chair, f"/meetings/{meeting_id}/notice/sign", form_page=f"/meetings/{meeting_id}/notice")
    assert response.status_code == 302  # type: ignore[attr-defined]

    secretariat = _client(app, world, BUSINESS_SUPPORT)
    page = get_page(secretariat, f"/meetings/{meeting_id}/notice")
    assert "Signed, not served" in page.text()
    assert "Morgan Adair, Chair" in page.text()
    serve = get_page(secretariat, f"/meetings/{meeting_id}/notice/serve", title="Serve the notice of meeting")
    assert "5. Notification 2026/21 (for decision), presented by Ruth Patterson" in serve.text()
    assert serve.soup.find("input", attrs={"name": "confirm_late"}) is None  # on time: no confirmation asked
    response = _post(secretariat, f"/meetings/{meeting_id}/notice/serve")
    assert response.status_code == 302  # type: ignore[attr-defined]
    page = get_page(secretariat, f"/meetings/{meeting_id}/notice")
    assert "Served" in page.soup.find(id="notice-status").get_text()
    rows = _rows(page.soup, "notice-service")
    assert len(rows) == 12
    assert all("Pending" in row for row in rows)
    assert "Sent: 0, pending: 12, failed: 0." in page.text()

    # A member sees the notice served on them, but not the delivery records.
    member = get_page(_client(app, world, MEMBER), f"/meetings/{meeting_id}/notice")
    assert "Notification 2026/21" in member.text()
    assert member.soup.find(id="notice-service") is None


def test_a_member_cannot_serve_a_notice_or_despatch_the_pack(app: Flask, world: World) -> None:
    meeting_id = _meeting(app, 30)
    member = _client(app, world, MEMBER)
    page = get_page(member, f"/meetings/{meeting_id}/notice/serve", status=403)
    assert "You cannot serve a notice" in page.text()
    token = csrf_token_from(member.get("/").get_data(as_text=True))
    assert member.post(f"/meetings/{meeting_id}/notice/serve", data={"csrf_token": token}).status_code == 403
    get_page(member, f"/meetings/{meeting_id}/agenda-pack", status=403)


def test_someone_not_authorised_is_refused_signing_with_words(app: Flask, world: World) -> None:
    meeting_id = _meeting(app, 30)
    client = _client(app, world, BUSINESS_SUPPORT)
    page = get_page(client, f"/meetings/{meeting_id}/notice")
    assert page.soup.find("form", attrs={"action": f"/meetings/{meeting_id}/notice/sign"}) is None
    token = csrf_token_from(client.get("/").get_data(as_text=True))
    response = client.post(f"/meetings/{meeting_id}/notice/sign", data={"csrf_token": token})
    assert response.status_code == 403
    assert "someone the Chair has authorised" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(Notice)) is None


def test_a_late_notice_served_through_the_page_needs_the_box_ticked_and_a_reason(app: Flask, world: World) -> None:
    meeting_id = _meeting(app, 4)  # the last day for notice was 4 days ago
    officer = _client(app, world, PROFESSIONAL_OFFICER)
    _post(officer, f"/meetings/{meeting_id}/notice/sign", form_page=f"/meetings/{meeting_id}/notice")
    url = f"/meetings/{meeting_id}/notice/serve"
    page = get_page(officer, url)
    assert "Serving it now is late" in page.text()
    response = _post(officer, url)
    assert response.status_code == 200  # type: ignore[attr-defined]
    html = response.get_data(as_text=True)  # type: ignore[attr-defined]
    assert "Error: Serve the notice of meeting" in html
    assert "Confirm that you understand it is late" in html
    response = _post(officer, url, {"confirm_late": "y", "late_reason": ""})
    assert "Enter why the notice is late" in response.get_data(as_text=True)  # type: ignore[attr-defined]
    with app.app_context():
        assert db.session.scalar(select(OutboxMessage)) is None  # nothing sent by a refused form
    response = _post(officer, url, {"confirm_late": "y", "late_reason": "The venue changed."})
    assert response.status_code == 302  # type: ignore[attr-defined]
    page = get_page(officer, f"/meetings/{meeting_id}/notice")
    assert "Served late" in page.text()
    assert "Reason given: The venue changed." in page.text()
    assert "Helen Nesbitt, on behalf of the Chair" in page.text()


def test_failed_deliveries_show_on_the_notice_page_home_page_and_outbox_and_the_meeting_goes_on(
    app: Flask, world: World
) -> None:
    meeting_id = _meeting(app, 30)
    chair = _client(app, world, CHAIR)
    _post(chair, f"/meetings/{meeting_id}/notice/sign", form_page=f"/meetings/{meeting_id}/notice")
    _post(chair, f"/meetings/{meeting_id}/notice/serve")
    with app.app_context():
        failed = db.session.scalar(select(OutboxMessage).where(OutboxMessage.to_address == _email("Owen Kerr")))
        assert failed is not None
        failed.status, failed.attempts, failed.last_error = DeliveryStatus.FAILED, 8, "550 No such mailbox"
        failed_id = failed.id
        db.session.commit()
        db.session.remove()
    secretariat = _client(app, world, BUSINESS_SUPPORT)
    page = get_page(secretariat, f"/meetings/{meeting_id}/notice")
    owen = next(row for row in _rows(page.soup, "notice-service") if row.startswith("Owen Kerr"))
    assert "Failed" in owen and "550 No such mailbox" in owen
    home = get_page(secretariat, "/")
    assert "Outbox failures" in home.text()
    assert "CMR Panel: 1 email could not be sent" in home.soup.find(id="outbox-failures").get_text(" ", strip=True)
    assert get_page(_client(app, world, MEMBER), "/").soup.find(id="outbox-failures") is None
    # The meeting is not blocked: the agenda and papers still go to every member.
    response = _post(secretariat, f"/meetings/{meeting_id}/agenda-pack")
    assert response.status_code == 302  # type: ignore[attr-defined]
    page = get_page(secretariat, f"/meetings/{meeting_id}/notice")
    assert "Despatched to members on" in page.soup.find(id="pack-status").get_text()
    # The failed message can be tried again from the outbox.
    message = get_page(secretariat, f"/committees/cmr-panel/outbox/{failed_id}")
    assert "Failed" in message.text()
    response = _post(secretariat, f"/committees/cmr-panel/outbox/{failed_id}/retry", form_page="/")
    assert response.status_code == 302  # type: ignore[attr-defined]
    with app.app_context():
        retried = db.session.get(OutboxMessage, failed_id)
        assert retried is not None and retried.status == DeliveryStatus.PENDING and retried.attempts == 0


def test_the_chair_authorises_and_revokes_on_the_signing_authorisations_page(app: Flask, world: World) -> None:
    chair = _client(app, world, CHAIR)
    url = "/committees/cmr-panel/signing-authorisations"
    page = get_page(chair, url, title="Authorisations to sign notices")
    rows = _rows(page.soup, "authorisations")
    assert rows[0].startswith("Helen Nesbitt Morgan Adair 1 Apr 2026 No end date Current")
    with app.app_context():
        jamie_id = person(BUSINESS_SUPPORT).id
    today = clock.today()
    response = _post(
        chair,
        url,
        {"person_id": str(jamie_id), "starts_on": [str(today.day), str(today.month), str(today.year)]},  # type: ignore[dict-item]
    )
    assert response.status_code == 302, response.get_data(as_text=True)  # type: ignore[attr-defined]
    page = get_page(chair, url)
    assert any(
        row.startswith("Jamie Orr Morgan Adair") and "Current" in row for row in _rows(page.soup, "authorisations")
    )
    meeting_id = _meeting(app, 30)
    jamie = _client(app, world, BUSINESS_SUPPORT)
    assert _post(jamie, f"/meetings/{meeting_id}/notice/sign", form_page="/").status_code == 302  # type: ignore[attr-defined]

    revoke_buttons = [b for b in page.soup.find_all("button") if "Revoke" in b.get_text()]
    assert len(revoke_buttons) == 2  # Helen's and Jamie's
    with app.app_context():
        from govapp.services.signing import current_authorisation

        authorisation = current_authorisation(panel(), person(BUSINESS_SUPPORT), today)
        assert authorisation is not None
        revoke_url = f"{url}/{authorisation.id}/revoke"
    assert _post(chair, revoke_url, form_page=url).status_code == 302  # type: ignore[attr-defined]
    assert _post(jamie, f"/meetings/{meeting_id}/notice/sign", form_page="/").status_code == 403  # type: ignore[attr-defined]


def test_only_the_chair_may_authorise_and_a_bad_date_is_a_form_error(app: Flask, world: World) -> None:
    url = "/committees/cmr-panel/signing-authorisations"
    secretariat = _client(app, world, BUSINESS_SUPPORT)
    page = get_page(secretariat, url)
    assert page.soup.find("select") is None  # no form for them
    assert _post(secretariat, url, {"person_id": "1"}, form_page="/").status_code == 403  # type: ignore[attr-defined]
    chair = _client(app, world, CHAIR)
    response = _post(chair, url, {"person_id": "0", "starts_on": ["31", "2", "2027"]})  # type: ignore[dict-item]
    assert response.status_code == 200  # type: ignore[attr-defined]
    html = response.get_data(as_text=True)  # type: ignore[attr-defined]
    assert "Error: Authorisations to sign notices" in html
    assert "The start date must be a real date" in html
    assert "Choose who may sign notices on your behalf" in html


def test_the_outbox_is_shown_to_the_secretariat_as_status_only_to_admins_and_never_to_members(
    app: Flask, world: World
) -> None:
    meeting_id = _meeting(app, 30)
    with app.app_context():
        meeting = db.session.get(Meeting, meeting_id)
        queue_email(
            person(MEMBER), kind="reminder", subject="Panel reminder", body_text="Secret words.", meeting=meeting
        )
        other = create_committee(None, name="Safeguarding Panel South", short_name="SP South")
        elsewhere = schedule_meeting(None, other, WhenAndWhere(clock.today() + timedelta(days=9), time(10)))
        stranger = add_person(None, full_name="Una Other", email="una.other@example.org")
        hidden = queue_email(
            stranger, kind="notice", subject="Other committee's notice", body_text="x", meeting=elsewhere
        )
        db.session.commit()
        mine = db.session.scalar(select(OutboxMessage.id).where(OutboxMessage.subject == "Panel reminder"))
        hidden_id = hidden.id
        db.session.remove()

    secretariat = _client(app, world, BUSINESS_SUPPORT)
    page = get_page(secretariat, "/committees/cmr-panel/outbox", title="Outbox")
    assert "Panel reminder" in page.text()
    assert "Other committee's notice" not in page.text()
    assert "Email is not configured" in page.text()
    message = get_page(secretariat, f"/committees/cmr-panel/outbox/{mine}")
    assert "Secret words." in message.text()
    get_page(secretariat, f"/committees/cmr-panel/outbox/{hidden_id}", status=404)

    admin = app.test_client()
    sign_in(admin, world.email("admin"), world.password)
    page = get_page(admin, "/committees/cmr-panel/outbox")
    assert "Pending" in page.text() and "Panel reminder" not in page.text()
    get_page(admin, f"/committees/cmr-panel/outbox/{mine}", status=403)

    member = _client(app, world, MEMBER)
    assert "Only the Chair and the secretariat" in get_page(member, "/committees/cmr-panel/outbox", status=403).text()
    links = get_page(member, "/committees/cmr-panel").soup.find(id="notice-links").get_text(" ", strip=True)
    assert links == "Authorisations to sign notices"
    links = get_page(secretariat, "/committees/cmr-panel").soup.find(id="notice-links").get_text(" ", strip=True)
    assert links.startswith("Authorisations to sign notices Outbox")


def test_an_administrator_sees_a_notices_status_but_not_its_business(app: Flask, world: World) -> None:
    meeting_id = _meeting(app, 20)
    with app.app_context():
        meeting = db.session.get(Meeting, meeting_id)
        add_item(meeting, "Notification: Child S (pseudonym)")
        from govapp.services.notices import sign_notice
        from tests.notices.helpers import user

        sign_notice(user(CHAIR), meeting, now=clock.now())
        db.session.commit()
    admin = _client(app, world, "Sam Ferris")
    page = get_page(admin, f"/meetings/{meeting_id}/notice")
    assert "Child S" not in page.html
    assert "confidential to the committee's Chair, members and secretariat" in page.text()
    secretariat = _client(app, world, PROFESSIONAL_OFFICER)
    assert "Child S" in get_page(secretariat, f"/meetings/{meeting_id}/notice").html
