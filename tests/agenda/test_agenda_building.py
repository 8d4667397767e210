"""Building the agenda: standing items first, the rest added, edited, ordered and removed."""

from __future__ import annotations

from datetime import UTC
from datetime import datetime

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from govapp.extensions import db
from govapp.models import AuditEvent
from govapp.models import Meeting
from govapp.models import MeetingStatus
from govapp.models import Notice
from govapp.services.notices import business_of
from tests.agenda.conftest import meeting_in
from tests.agenda.conftest import post_form
from tests.conftest import World
from tests.conftest import get_page
from tests.conftest import sign_in

STANDING = ["Apologies", "Declarations of interest", "Minutes of the previous meeting", "Matters arising"]


def _rows(client: FlaskClient, meeting_id: int) -> list[tuple[str, str]]:
    page = get_page(client, f"/meetings/{meeting_id}/agenda")
    rows = page.soup.find(id="agenda-items").find("tbody").find_all("tr")
    return [(r.find_all("td")[0].get_text(strip=True), r.find("p").get_text(strip=True)) for r in rows]


def _item_ids(app: Flask, meeting_id: int) -> dict[str, int]:
    with app.app_context():
        meeting = db.session.get(Meeting, meeting_id)
        assert meeting is not None
        return {i.title: i.id for i in meeting.agenda_items}


def _add(client: FlaskClient, meeting_id: int, title: str, purpose: str = "decision") -> None:
    url = f"/meetings/{meeting_id}/agenda/items/new"
    response = post_form(client, url, {"title": title, "purpose": purpose, "presenter": "Helen Nesbitt"})
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]


def test_every_agenda_opens_with_the_standing_items_numbered_in_order(
    app: Flask, client: FlaskClient, world: World
) -> None:
    meeting_id = meeting_in(app, 30)
    sign_in(client, world.email("member"), world.password)
    assert _rows(client, meeting_id) == [(str(n), title) for n, title in enumerate(STANDING, start=1)]


def test_the_secretariat_adds_and_orders_other_business_after_the_standing_items(
    app: Flask, client: FlaskClient, world: World
) -> None:
    meeting_id = meeting_in(app, 30)
    sign_in(client, world.email("secretariat"), world.password)
    get_page(client, f"/meetings/{meeting_id}/agenda/items/new", title="Add an item to the agenda")
    _add(client, meeting_id, "Notification 14/2026")
    _add(client, meeting_id, "Annual report", "information")
    assert [t for _, t in _rows(client, meeting_id)] == [*STANDING, "Notification 14/2026", "Annual report"]
    ids = _item_ids(app, meeting_id)
    response = post_form(
        client,
        f"/meetings/{meeting_id}/agenda/items/{ids['Annual report']}/move-up",
        {},
        page=f"/meetings/{meeting_id}/agenda",
    )
    assert response.status_code == 302
    page = get_page(client, f"/meetings/{meeting_id}/agenda")
    assert "it is now item 5" in page.text()
    rows = _rows(client, meeting_id)
    assert rows[4:] == [("5", "Annual report"), ("6", "Notification 14/2026")]
    tags = page.soup.find(id="agenda-items").get_text(" ", strip=True)
    assert "For decision" in tags and "For information" in tags and "Presented by Helen Nesbitt" in tags


def test_standing_items_cannot_be_moved_below_other_business_nor_other_business_above_them(
    app: Flask, client: FlaskClient, world: World
) -> None:
    meeting_id = meeting_in(app, 30)
    sign_in(client, world.email("chair"), world.password)
    _add(client, meeting_id, "Other business")
    ids = _item_ids(app, meeting_id)
    agenda = f"/meetings/{meeting_id}/agenda"
    post_form(client, f"{agenda}/items/{ids['Matters arising']}/move-down", {}, page=agenda)
    assert "cannot move below other business" in get_page(client, agenda).text()
    post_form(client, f"{agenda}/items/{ids['Other business']}/move-up", {}, page=agenda)
    assert "cannot move above" in get_page(client, agenda).text()
    assert [t for _, t in _rows(client, meeting_id)] == [*STANDING, "Other business"]
    # Standing items may be ordered among themselves.
    post_form(client, f"{agenda}/items/{ids['Apologies']}/move-down", {}, page=agenda)
    assert [t for _, t in _rows(client, meeting_id)][:2] == ["Declarations of interest", "Apologies"]


def test_a_standing_item_cannot_be_deleted_or_renamed_but_other_business_can(
    app: Flask, client: FlaskClient, world: World
) -> None:
    meeting_id = meeting_in(app, 30)
    sign_in(client, world.email("secretariat"), world.password)
    _add(client, meeting_id, "Business to drop")
    ids = _item_ids(app, meeting_id)
    items = f"/meetings/{meeting_id}/agenda/items"
    page = get_page(client, f"/meetings/{meeting_id}/agenda")
    remove_links = [a["href"] for a in page.soup.find_all("a") if a.get("href", "").endswith("/remove")]
    assert remove_links == [f"{items}/{ids['Business to drop']}/remove"]

    response = post_form(client, f"{items}/{ids['Apologies']}/remove", {})
    assert response.status_code == 200
    assert "cannot be removed" in response.get_data(as_text=True)
    response = post_form(client, f"{items}/{ids['Apologies']}/edit", {"title": "Absences", "purpose": "information"})
    assert response.status_code == 200
    assert "is a standing item" in response.get_data(as_text=True)

    get_page(client, f"{items}/{ids['Business to drop']}/remove", title="Remove item 5")
    assert post_form(client, f"{items}/{ids['Business to drop']}/remove", {}).status_code == 302
    assert [t for _, t in _rows(client, meeting_id)] == STANDING
    with app.app_context():
        actions = db.session.scalars(select(AuditEvent.action).where(AuditEvent.entity_type == "AgendaItem")).all()
    assert "add_agenda_item" in actions and "remove_agenda_item" in actions


def test_an_item_is_edited_with_its_purpose_and_description(app: Flask, client: FlaskClient, world: World) -> None:
    meeting_id = meeting_in(app, 30)
    sign_in(client, world.email("chair"), world.password)
    _add(client, meeting_id, "Draft title")
    ids = _item_ids(app, meeting_id)
    url = f"/meetings/{meeting_id}/agenda/items/{ids['Draft title']}/edit"
    get_page(client, url, title="Edit item 5")
    response = post_form(client, url, {"title": "", "purpose": "discussion"})
    assert "Enter the item&#39;s title" in response.get_data(
        as_text=True
    ) or "Enter the item's title" in response.get_data(as_text=True)
    response = post_form(
        client, url, {"title": "Final title", "purpose": "discussion", "description": "First paragraph.\n\nSecond."}
    )
    assert response.status_code == 302
    page = get_page(client, f"/meetings/{meeting_id}/agenda")
    table = page.soup.find(id="agenda-items").get_text(" ", strip=True)
    assert "Final title" in table and "For discussion" in table and "Second." in table


def test_members_see_the_agenda_but_cannot_build_it(app: Flask, client: FlaskClient, world: World) -> None:
    meeting_id = meeting_in(app, 30)
    sign_in(client, world.email("member"), world.password)
    page = get_page(client, f"/meetings/{meeting_id}/agenda")
    assert "Move up" not in page.text() and "Add an item" not in page.text()
    page = get_page(client, f"/meetings/{meeting_id}/agenda/items/new", status=403)
    assert "You cannot build and order the agenda" in page.text()


def test_an_admin_or_officer_without_a_committee_role_cannot_see_the_agenda(app: Flask, world: World) -> None:
    meeting_id = meeting_in(app, 30)
    for role, words in (("admin", "confidential to its Chair, members and secretariat"), ("officer", "You cannot see")):
        client = app.test_client()
        sign_in(client, world.email(role), world.password)
        page = get_page(client, f"/meetings/{meeting_id}/agenda", status=403)
        assert words in page.text(), role


def test_the_agenda_of_a_cancelled_meeting_is_read_only(app: Flask, client: FlaskClient, world: World) -> None:
    meeting_id = meeting_in(app, 30)
    ids = _item_ids(app, meeting_id)
    with app.app_context():
        meeting = db.session.get(Meeting, meeting_id)
        assert meeting is not None
        meeting.status = MeetingStatus.CANCELLED
        db.session.commit()
    sign_in(client, world.email("chair"), world.password)
    page = get_page(client, f"/meetings/{meeting_id}/agenda")
    assert "This meeting was cancelled" in page.text()
    assert "Move down" not in page.text() and "Add an item" not in page.text()
    response = post_form(
        client, f"/meetings/{meeting_id}/agenda/items/new", {"title": "Late", "purpose": "decision"}, page="/"
    )
    assert response.status_code == 200
    assert "cancelled, so its agenda can no longer be changed" in response.get_data(as_text=True)
    post_form(client, f"/meetings/{meeting_id}/agenda/items/{ids['Apologies']}/move-down", {}, page="/")
    assert [t for _, t in _rows(client, meeting_id)] == STANDING


def test_changing_the_agenda_after_the_notice_was_served_warns_that_the_notice_no_longer_matches(
    app: Flask, client: FlaskClient, world: World
) -> None:
    meeting_id = meeting_in(app, 30)
    with app.app_context():
        meeting = db.session.get(Meeting, meeting_id)
        assert meeting is not None
        served = datetime(2026, 11, 20, 12, tzinfo=UTC)
        db.session.add(Notice(meeting=meeting, version=1, business=business_of(meeting), served_at=served))
        db.session.commit()
    sign_in(client, world.email("secretariat"), world.password)
    page = get_page(client, f"/meetings/{meeting_id}/agenda")
    assert page.soup.find(id="notice-out-of-date") is None
    _add(client, meeting_id, "New business")
    page = get_page(client, f"/meetings/{meeting_id}/agenda")
    warning = page.soup.find(id="notice-out-of-date")
    assert warning is not None
    assert "no longer specifies the business" in warning.get_text()
