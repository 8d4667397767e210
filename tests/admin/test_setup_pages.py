"""A Board sets itself up in the browser: agencies, committees with their standing orders, members
from a date, the Chair and the secretariat, and people imported from a CSV file checked row by row."""

from __future__ import annotations

import io
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from govapp.extensions import db
from govapp.models import Agency
from govapp.models import Committee
from govapp.models import CommitteeKind
from govapp.models import MemberRole
from govapp.models import Membership
from govapp.models import OutboxMessage
from govapp.models import Person
from govapp.models import User
from tests.conftest import csrf_token_from
from tests.conftest import get_page
from tests.conftest import sign_in
from tests.factories import make_account


@pytest.fixture
def admin(app: Flask) -> FlaskClient:
    with app.app_context():
        account = make_account(full_name="Admin Person", email="admin@example.org", is_admin=True)
        for n in range(1, 4):
            make_account(full_name=f"Person {n}", email=f"p{n}@example.org")
        db.session.commit()
        login = account.login
    client = app.test_client()
    sign_in(client, login.email, login.password)
    return client


def _submit(client: FlaskClient, url: str, data: dict[str, Any], **kwargs: Any) -> Any:
    token = csrf_token_from(client.get(url).get_data(as_text=True))
    return client.post(url, data={"csrf_token": token, **data}, **kwargs)


def _person_id(app: Flask, email: str) -> str:
    with app.app_context():
        return str(db.session.scalar(select(Person.id).where(Person.email == email)))


def _committee(app: Flask, slug: str) -> dict[str, Any]:
    with app.app_context():
        committee = db.session.scalar(select(Committee).where(Committee.slug == slug))
        assert committee is not None
        return {
            "kind": committee.kind,
            "orders": committee.standing_orders,
            "members": [(m.person.email, m.role, m.agency, m.starts_on, m.ends_on) for m in committee.memberships],
            "secretariat": [(p.person.email, p.title) for p in committee.secretariat_posts],
        }


def _agency(admin: FlaskClient, name: str, kind: str = "health_trust") -> Any:
    return _submit(admin, "/admin/agencies/new", {"name": name, "kind": kind, "senior_representative": ""})


def test_an_administrator_sets_up_agencies_a_committee_and_its_people(app: Flask, admin: FlaskClient) -> None:
    assert _agency(admin, "Belfast Health and Social Care Trust").status_code == 302
    duplicate = _agency(admin, "belfast health and social care trust")
    assert "There is already an agency called Belfast Health and Social Care Trust" in duplicate.get_data(as_text=True)

    created = _submit(
        admin,
        "/admin/committees/new",
        {"name": "Safeguarding Board for Northern Ireland", "short_name": "SBNI Board", "slug": "", "kind": "board"},
    )
    assert created.status_code == 302 and created.headers["Location"].endswith("/admin/committees/sbni-board")
    assert _committee(app, "sbni-board")["kind"] == CommitteeKind.BOARD

    page = get_page(admin, "/admin/committees/sbni-board/orders")
    orders: dict[str, str] = {}
    for field in page.soup.select("form input, form textarea"):
        name = str(field.get("name"))
        if field.name == "textarea":
            orders[name] = field.get_text()
        elif field.get("type") == "checkbox":
            if field.has_attr("checked"):
                orders[name] = "y"
        else:
            orders[name] = str(field.get("value", ""))
    orders.pop("csrf_token", None)
    bad = _submit(admin, "/admin/committees/sbni-board/orders", {**orders, "quorum_fraction": "3/2"})
    assert bad.status_code == 200
    assert "The quorum fraction must be more than 0 and at most 1" in bad.get_data(as_text=True)
    bad = _submit(admin, "/admin/committees/sbni-board/orders", {**orders, "notice_clear_days": "seven"})
    assert "must be a whole number, like 7" in bad.get_data(as_text=True)
    assert _committee(app, "sbni-board")["orders"].notice_clear_days == 7, "nothing saved"
    good = {**orders, "notice_clear_days": "10", "quorum_fraction": "1/2", "standing_items": "Apologies\nMinutes"}
    assert _submit(admin, "/admin/committees/sbni-board/orders", good).status_code == 302
    saved = _committee(app, "sbni-board")["orders"]
    assert (saved.notice_clear_days, str(saved.quorum_fraction), saved.standing_items) == (
        10,
        "1/2",
        ("Apologies", "Minutes"),
    )

    with app.app_context():
        agency_id = str(db.session.scalar(select(Agency.id)))
    added = _submit(
        admin,
        "/admin/committees/sbni-board/members/new",
        {"person": _person_id(app, "p1@example.org"), "agency": agency_id, "starts_on": ["1", "4", "2026"]},
    )
    assert added.status_code == 302
    chair = _submit(
        admin,
        "/admin/committees/sbni-board/chair",
        {"person": _person_id(app, "p2@example.org"), "agency": "", "starts_on": ["1", "4", "2026"]},
    )
    assert chair.status_code == 302
    secretariat = _submit(
        admin,
        "/admin/committees/sbni-board/secretariat/new",
        {"person": _person_id(app, "p3@example.org"), "title": "Board Secretary", "starts_on": ["1", "4", "2026"]},
    )
    assert secretariat.status_code == 302
    state = _committee(app, "sbni-board")
    trust = "Belfast Health and Social Care Trust"
    assert ("p1@example.org", MemberRole.MEMBER, trust) in [m[:3] for m in state["members"]]
    assert ("p2@example.org", MemberRole.CHAIR) in [m[:2] for m in state["members"]]
    assert state["secretariat"] == [("p3@example.org", "Board Secretary")]

    with app.app_context():
        membership_id = db.session.scalar(
            select(Membership.id).join(Membership.person).where(Person.email == "p1@example.org")
        )
    ended = _submit(admin, f"/admin/memberships/{membership_id}/end", {"ends_on": ["1", "1", "2020"]})
    assert "on or after the membership began" in ended.get_data(as_text=True)
    ending = _submit(admin, f"/admin/memberships/{membership_id}/end", {"ends_on": ["31", "3", "2027"]})
    assert ending.status_code == 302
    shown = get_page(admin, "/admin/committees/sbni-board")
    assert "Wednesday 31 March 2027" in shown.html
    assert "Change the standing orders" in shown.html
    assert "Belfast Health and Social Care Trust" in get_page(admin, "/admin/agencies", title="Agencies").html
    get_page(admin, "/admin/committees", title="Committees")
    assert "Safeguarding Board for Northern Ireland" in get_page(admin, "/admin/committees").html
    get_page(admin, "/admin/import", title="Import people from a CSV file")
    get_page(admin, "/admin/accounts/invite", title="Invite a person")


def _csv(rows: list[str]) -> dict[str, Any]:
    text = "name,email,agency,committee,role,start date\n" + "\n".join(rows) + "\n"
    return {"file": (io.BytesIO(text.encode()), "people.csv")}


def _set_up_panel(app: Flask, admin: FlaskClient) -> None:
    _agency(admin, "Police Service of Northern Ireland", "police")
    _agency(admin, "Education Authority", "education")
    panel = {"name": "Case Management Review Panel", "short_name": "CMR Panel", "kind": "panel"}
    _submit(admin, "/admin/committees/new", panel)


def test_a_csv_with_bad_rows_is_refused_row_by_row_with_nothing_saved(app: Flask, admin: FlaskClient) -> None:
    _set_up_panel(app, admin)
    with app.app_context():
        people_before = db.session.query(Person).count()
    answer = _submit(
        admin,
        "/admin/import",
        _csv(
            [
                "Alex Boyd,alex@example.org,Education Authority,CMR Panel,member,2026-04-01",
                "Sam Reid,not-an-email,Education Authority,CMR Panel,member,2026-04-01",
                "Jo Kerr,jo@example.org,Unknown Agency,CMR Panel,member,1/4/2026",
                "Lee Moore,lee@example.org,Education Authority,No Such Panel,vice-chair,31/02/2026",
            ]
        ),
        content_type="multipart/form-data",
    )
    html = answer.get_data(as_text=True)
    assert answer.status_code == 200 and "Nothing was saved" in html
    assert "Line 3: &#39;not-an-email&#39; is not an email address" in html
    assert "Line 4: There is no agency &#39;Unknown Agency&#39;" in html
    assert "Line 5: The role must be chair, member or secretariat, not &#39;vice-chair&#39;" in html
    assert "Line 5: &#39;31/02/2026&#39; is not a date" in html
    assert "Line 5: There is no committee &#39;No Such Panel&#39;" in html
    assert "Import these people" not in html
    with app.app_context():
        assert db.session.query(Person).count() == people_before


def test_a_good_csv_is_previewed_then_imported_and_invited(app: Flask, admin: FlaskClient) -> None:
    _set_up_panel(app, admin)
    rows = [
        f"Member {n},member{n}@example.org,{'Education Authority' if n % 2 else 'Police Service of Northern Ireland'},"
        f"cmr-panel,member,2026-04-01"
        for n in range(1, 12)
    ]
    rows.append("Chair Person,chair@example.org,Education Authority,CMR Panel,chair,1/4/2026")
    rows.append("Person 3,p3@example.org,,CMR Panel,secretariat,1/4/2026")
    preview = _submit(admin, "/admin/import", _csv(rows), content_type="multipart/form-data")
    html = preview.get_data(as_text=True)
    assert "Check the import" in html and "Import these people" in html
    with app.app_context():
        assert db.session.scalar(select(User).join(User.person).where(Person.email == "member1@example.org")) is None
    token = csrf_token_from(html)
    content = html.split('name="content" type="hidden" value="')[1].split('"')[0]
    done = admin.post("/admin/import/confirm", data={"csrf_token": token, "content": content})
    assert done.status_code == 302
    state = _committee(app, "cmr-panel")
    assert len([m for m in state["members"] if m[1] == MemberRole.MEMBER]) == 11
    assert [m[0] for m in state["members"] if m[1] == MemberRole.CHAIR] == ["chair@example.org"]
    assert state["secretariat"] == [("p3@example.org", "Secretariat")]
    with app.app_context():
        invited = set(db.session.scalars(select(OutboxMessage.to_address).where(OutboxMessage.kind == "invitation")))
    assert len(invited) == 12 and "p3@example.org" not in invited, "the existing account is not invited again"


def test_only_administrators_reach_the_setup_pages(app: Flask) -> None:
    with app.app_context():
        make_account(full_name="Member Person", email="member@example.org")
        db.session.commit()
    client = app.test_client()
    sign_in(client, "member@example.org", "granite-heron-linen-falcon")
    for url in ("/admin/committees", "/admin/agencies", "/admin/import", "/admin/committees/new"):
        assert client.get(url).status_code == 403, url


def test_an_administrator_appoints_an_agencys_representative(app: Flask, admin: FlaskClient) -> None:
    from govapp.models import AgencyRepresentative

    _agency(admin, "Education Authority", "education")
    with app.app_context():
        agency_id = db.session.scalar(select(Agency.id))
    page = get_page(admin, f"/admin/agencies/{agency_id}", title="Edit Education Authority")
    assert "Appoint a representative" in page.html
    url = f"/admin/agencies/{agency_id}/representatives/new"
    done = _submit(admin, url, {"person": _person_id(app, "p1@example.org"), "starts_on": ["1", "4", "2026"]})
    assert done.status_code == 302
    twice = _submit(admin, url, {"person": _person_id(app, "p1@example.org"), "starts_on": ["1", "5", "2026"]})
    assert "already represents Education Authority" in twice.get_data(as_text=True)
    with app.app_context():
        (rep,) = db.session.scalars(select(AgencyRepresentative)).all()
        assert (rep.person.email, rep.agency.name) == ("p1@example.org", "Education Authority")
