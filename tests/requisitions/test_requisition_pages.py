"""The requisition pages: signing, presenting, the outcome, and the overdue flag."""

from __future__ import annotations

from datetime import date
from datetime import timedelta

from bs4 import BeautifulSoup
from flask import Flask
from flask.testing import FlaskClient

from govapp import clock
from govapp import rules
from govapp.extensions import db
from govapp.models import Requisition
from govapp.services.requisitions import present_requisition
from tests.conftest import World
from tests.conftest import get_page
from tests.conftest import sign_in
from tests.requisitions.helpers import requisition_signed_by
from tests.requisitions.helpers import user


def _token(html: str, prefix: str) -> str:
    field = BeautifulSoup(html, "html.parser").find("input", attrs={"name": f"{prefix}-csrf_token"})
    assert field is not None, f"the {prefix} form carries a CSRF token"
    return str(field["value"])


def _make(app: Flask, world: World, signatures: int, *, presented_days_ago: int | None = None) -> int:
    today = clock.today()
    with app.app_context():
        requisition = requisition_signed_by(world, signatures, on=today - timedelta(days=(presented_days_ago or 0) + 1))
        if presented_days_ago is not None:
            present_requisition(
                user(world.email("chair")),
                requisition,
                presented_on=today - timedelta(days=presented_days_ago),
                today=today,
            )
        db.session.commit()
        requisition_id = requisition.id
        db.session.remove()
    return requisition_id


def test_a_member_starts_a_requisition_and_another_member_signs_it(app: Flask, world: World) -> None:
    first = app.test_client()
    sign_in(first, world.accounts["member"][0], world.password)
    page = get_page(first, "/committees/cmr-panel/requisitions", title="Requisitions – CMR Panel")
    assert "There are no requisitions." in page.text()
    form = get_page(first, "/committees/cmr-panel/requisitions/new", title="Start a requisition – CMR Panel")
    token = BeautifulSoup(form.html, "html.parser").find("input", attrs={"name": "csrf_token"})["value"]
    empty = first.post("/committees/cmr-panel/requisitions/new", data={"csrf_token": token})
    assert empty.status_code == 200
    assert "Enter the purpose of the meeting" in empty.get_data(as_text=True)
    response = first.post(
        "/committees/cmr-panel/requisitions/new",
        data={"csrf_token": token, "purpose": "To review the February notification", "business": "A CMR decision"},
    )
    assert response.status_code == 302
    url = response.headers["Location"]
    page = get_page(first, url, title="Requisition – CMR Panel")
    assert "1 of the 9 needed" in page.text()
    assert "No: 8 more signatures needed" in page.text()
    assert page.soup.find(id="withdraw-submit") is not None  # the starter has signed

    second = app.test_client()
    sign_in(second, world.accounts["member"][1], world.password)
    page = get_page(second, url)
    response = second.post(url + "/sign", data={"sign-csrf_token": _token(page.html, "sign")})
    assert response.status_code == 302
    page = get_page(second, url)
    assert "2 of the 9 needed" in page.text()
    assert page.soup.find(id="sign-submit") is None  # signed: no second button
    again = second.post(url + "/sign", data={"sign-csrf_token": _token(page.html, "withdraw")})
    assert again.status_code == 200
    assert "You have already signed this requisition" in again.get_data(as_text=True)
    assert "2 of the 9 needed" in again.get_data(as_text=True)


def test_the_chair_cannot_sign_a_requisition(app: Flask, world: World, client: FlaskClient) -> None:
    requisition_id = _make(app, world, 2)
    sign_in(client, world.email("chair"), world.password)
    page = get_page(client, f"/requisitions/{requisition_id}")
    assert page.soup.find(id="sign-submit") is None
    assert "The Chair cannot sign" in get_page(client, "/committees/cmr-panel/requisitions/new", 403).text()
    token = _token(page.html, "presentation")
    response = client.post(f"/requisitions/{requisition_id}/sign", data={"sign-csrf_token": token})
    assert response.status_code == 403
    assert "The Chair cannot sign a requisition" in response.get_data(as_text=True)


def test_roles_that_may_not_act_get_a_403_with_words(app: Flask, world: World) -> None:
    requisition_id = _make(app, world, 9)
    officer = app.test_client()
    sign_in(officer, world.email("officer"), world.password)
    assert "You cannot see the committee" in get_page(officer, "/committees/cmr-panel/requisitions", 403).text()
    get_page(officer, f"/requisitions/{requisition_id}", 403)

    secretariat = app.test_client()
    sign_in(secretariat, world.email("secretariat"), world.password)
    page = get_page(secretariat, "/committees/cmr-panel/requisitions/new", 403)
    assert "You cannot sign a requisition" in page.text()

    member = app.test_client()
    sign_in(member, world.accounts["member"][0], world.password)
    page = get_page(member, f"/requisitions/{requisition_id}")
    assert page.soup.find(id="presentation-submit") is None
    token = {"withdraw-csrf_token": _token(page.html, "withdraw")}
    response = member.post(f"/requisitions/{requisition_id}/presentation", data=token)
    assert response.status_code == 403
    assert "You cannot call, reschedule or cancel a meeting" in response.get_data(as_text=True)
    response = member.post(f"/requisitions/{requisition_id}/board-approval", data=token)
    assert response.status_code == 403
    assert get_page(member, "/requisitions/999999", 404).text().count("There is no such requisition.") == 1


def test_a_requisition_short_of_signatures_cannot_be_presented(app: Flask, world: World, client: FlaskClient) -> None:
    requisition_id = _make(app, world, 8)
    sign_in(client, world.email("secretariat"), world.password)
    url = f"/requisitions/{requisition_id}"
    page = get_page(client, url)
    today = clock.today()
    response = client.post(
        url + "/presentation",
        data={
            "presentation-csrf_token": _token(page.html, "presentation"),
            "presentation-presented_on": [str(today.day), str(today.month), str(today.year)],
        },
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "This requisition has 8 of the 9 signatures it needs" in html
    assert "Error: Requisition" in html
    with app.app_context():
        assert db.session.get(Requisition, requisition_id).presented_on is None  # type: ignore[union-attr]


def test_presenting_shows_the_deadline_to_call_a_meeting(app: Flask, world: World, client: FlaskClient) -> None:
    requisition_id = _make(app, world, 9)
    sign_in(client, world.email("chair"), world.password)
    url = f"/requisitions/{requisition_id}"
    page = get_page(client, url)
    today = clock.today()
    response = client.post(
        url + "/presentation",
        data={
            "presentation-csrf_token": _token(page.html, "presentation"),
            "presentation-presented_on": [str(today.day), str(today.month), str(today.year)],
        },
    )
    assert response.status_code == 302
    page = get_page(client, url)
    from govapp.templating import long_date

    assert long_date(rules.requisition_call_deadline(today)) in page.text()
    assert "Waiting for a meeting to be called" in page.text()


def test_an_overdue_requisition_is_flagged_until_the_board_approves_the_chairs_reason(app: Flask, world: World) -> None:
    requisition_id = _make(app, world, 9, presented_days_ago=20)
    chair = app.test_client()
    sign_in(chair, world.email("chair"), world.password)
    page = get_page(chair, f"/requisitions/{requisition_id}")
    assert page.soup.find(id="overdue-warning") is not None
    assert "Overdue" in page.soup.find(id="stage").get_text()
    listing = get_page(chair, "/committees/cmr-panel/requisitions")
    assert listing.soup.find(id="overdue-warning") is not None
    assert "Overdue" in listing.soup.find(id="requisitions").get_text()
    home = get_page(chair, "/")
    assert home.soup.find(id="overdue-requisitions") is not None

    secretariat = app.test_client()
    sign_in(secretariat, world.email("secretariat"), world.password)
    url = f"/requisitions/{requisition_id}"
    page = get_page(secretariat, url)
    today = clock.today()
    blank = secretariat.post(url + "/board-approval", data={"approval-csrf_token": _token(page.html, "approval")})
    assert blank.status_code == 200
    assert "Enter the Chair’s reason" in BeautifulSoup(blank.get_data(as_text=True), "html.parser").get_text().replace(
        "'", "’"
    )
    response = secretariat.post(
        url + "/board-approval",
        data={
            "approval-csrf_token": _token(page.html, "approval"),
            "approval-approved_on": [str(today.day), str(today.month), str(today.year)],
            "approval-reason": "The matter is already on the next meeting's agenda.",
        },
    )
    assert response.status_code == 302
    page = get_page(chair, url)
    assert page.soup.find(id="overdue-warning") is None
    assert "Board approved the Chair" in page.soup.find(id="stage").get_text()
    assert get_page(chair, "/").soup.find(id="overdue-requisitions") is None


def test_an_administrator_sees_a_requisitions_state_but_not_its_purpose_or_business(app: Flask, world: World) -> None:
    with app.app_context():
        made = requisition_signed_by(world, 3, on=date(2026, 11, 20))
        db.session.commit()
        requisition_id = made.id
    admin = app.test_client()
    sign_in(admin, world.email("admin"), world.password)
    page = get_page(admin, f"/requisitions/{requisition_id}")
    assert "serious incident notification" not in page.html
    assert "Confidential to the committee" in page.text()
    listing = get_page(admin, "/committees/cmr-panel/requisitions")
    assert "serious incident notification" not in listing.html
    member = app.test_client()
    sign_in(member, world.email("member"), world.password)
    assert "serious incident notification" in get_page(member, f"/requisitions/{requisition_id}").html
