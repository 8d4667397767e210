"""Signing in and out, and what each role may see."""

from __future__ import annotations

from datetime import date

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from govapp.auth.views import WRONG_CREDENTIALS
from govapp.extensions import db
from govapp.models import Committee
from tests.conftest import csrf_token_from
from tests.conftest import get_page
from tests.conftest import sign_in
from tests.factories import SignIns
from tests.factories import make_meeting


def test_sign_in_page_is_a_valid_page_with_a_csrf_token(client: FlaskClient) -> None:
    page = get_page(client, "/sign-in", title="Sign in")
    assert page.h1 == "Sign in"
    assert csrf_token_from(page.html)


def test_pages_need_a_signed_in_person(client: FlaskClient) -> None:
    response = client.get("/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/sign-in")


def test_each_role_signs_in_and_sees_its_own_home_page(app: Flask, people: SignIns) -> None:
    for role in ("admin", "chair", "member", "secretariat", "officer"):
        client = app.test_client()
        response = sign_in(client, people.email(role), people.password)
        assert response.status_code == 302, role
        page = get_page(client, "/", title="Home")
        text = page.text()
        assert "Hello," in page.h1
        if role in ("chair", "member", "secretariat"):
            assert "Case Management Review Panel" in text
            assert ("Chair" if role == "chair" else role.capitalize()) in text
        if role == "admin":
            assert "Administrator" in text


def test_a_wrong_password_and_an_unknown_account_get_the_same_message(client: FlaskClient, people: SignIns) -> None:
    wrong_password = sign_in(client, people.email("member"), "not the right password at all")
    unknown = sign_in(client, "nobody@example.org", "not the right password at all")
    for response in (wrong_password, unknown):
        assert response.status_code == 200
        assert WRONG_CREDENTIALS in response.get_data(as_text=True)
    # The two responses differ only in their CSRF token and the email typed back.
    assert "Error: Sign in" in wrong_password.get_data(as_text=True)


def test_a_form_without_its_csrf_token_is_refused_with_words(client: FlaskClient, people: SignIns) -> None:
    response = client.post("/sign-in", data={"email": people.email("member"), "password": people.password})
    assert response.status_code == 400
    assert "This form has expired" in response.get_data(as_text=True)


def test_signing_in_starts_a_new_session_and_signing_out_ends_it(client: FlaskClient, people: SignIns) -> None:
    with client.session_transaction() as session:
        session["planted"] = "by someone else"
    sign_in(client, people.email("member"), people.password)
    with client.session_transaction() as session:
        assert "planted" not in session
        assert session.get("_user_id")
    token = csrf_token_from(client.get("/").get_data(as_text=True))
    response = client.post("/sign-out", data={"csrf_token": token})
    assert response.status_code == 302
    with client.session_transaction() as session:
        assert "_user_id" not in session
    assert client.get("/").status_code == 302


def test_session_cookie_is_httponly_and_samesite_lax(client: FlaskClient, people: SignIns) -> None:
    response = sign_in(client, people.email("member"), people.password)
    cookie = next(c for c in response.headers.getlist("Set-Cookie") if c.startswith("govapp_session="))
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie


def test_next_only_follows_addresses_on_this_site(app: Flask, client: FlaskClient, people: SignIns) -> None:
    sign_in(app.test_client(), people.email("member"), people.password)  # the first sign-in offers a second factor
    token = csrf_token_from(client.get("/sign-in").get_data(as_text=True))
    response = client.post(
        "/sign-in?next=https://elsewhere.example/steal",
        data={"email": people.email("member"), "password": people.password, "csrf_token": token},
    )
    assert response.headers["Location"] == "/"


def test_a_member_opening_an_admin_page_gets_a_403_page_with_words(client: FlaskClient, people: SignIns) -> None:
    sign_in(client, people.email("member"), people.password)
    page = get_page(client, "/admin/accounts", status=403)
    assert page.h1 == "You do not have permission to see this page"
    assert "Only an administrator can manage accounts" in page.text()


def test_an_admin_sees_the_accounts_page(client: FlaskClient, people: SignIns) -> None:
    sign_in(client, people.email("admin"), people.password)
    page = get_page(client, "/admin/accounts", title="Accounts")
    assert people.email("chair") in page.text()


def test_an_unknown_page_is_a_404_page(client: FlaskClient) -> None:
    page = get_page(client, "/no-such-page", status=404, title="Page not found")
    assert "check it is correct" in page.text()


def test_failed_sign_ins_are_throttled_per_account(client: FlaskClient, people: SignIns) -> None:
    for _ in range(10):
        assert sign_in(client, people.email("member"), "wrong password, wrong").status_code == 200
    # The eleventh try is refused even with the right password, and says what to do.
    response = sign_in(client, people.email("member"), people.password)
    assert response.status_code == 429
    assert "Wait 5 minutes" in response.get_data(as_text=True)


def test_failures_on_one_account_do_not_lock_out_another_from_a_different_address(app: Flask, people: SignIns) -> None:
    attacker = app.test_client()
    for _ in range(10):
        attacker.environ_base["REMOTE_ADDR"] = "192.0.2.1"
        sign_in(attacker, people.email("member"), "wrong password, wrong")
    other = app.test_client()
    other.environ_base["REMOTE_ADDR"] = "198.51.100.7"
    assert sign_in(other, people.email("chair"), people.password).status_code == 302


def test_failed_sign_ins_are_throttled_per_address(app: Flask, people: SignIns) -> None:
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = "203.0.113.9"
    for n in range(10):
        sign_in(client, f"guess{n}@example.org", "wrong password, wrong")
    assert sign_in(client, people.email("chair"), people.password).status_code == 429


def test_successful_sign_ins_do_not_count_towards_the_limit(app: Flask, people: SignIns) -> None:
    for _ in range(12):
        client = app.test_client()
        assert sign_in(client, people.email("chair"), people.password).status_code == 302


def test_an_admin_reads_the_audit_record_of_accounts_only(app: Flask, client: FlaskClient, people: SignIns) -> None:
    with app.app_context():  # committee business that the accounts' record leaves out
        make_meeting(db.session.scalars(select(Committee)).one(), on=date(2026, 12, 3))
        db.session.commit()
        db.session.remove()
    sign_in(client, people.email("admin"), people.password)
    page = get_page(client, "/admin/audit", title="Audit record of accounts")
    text = page.soup.find(id="audit-events").get_text(" ", strip=True)
    assert "sign in" in text and "create account" in text
    assert "appoint member" not in text and "schedule meeting" not in text
    get_page(client, "/committees/cmr-panel/audit", status=403)


def test_an_id_too_large_for_the_database_is_simply_not_found(client: FlaskClient, people: SignIns) -> None:
    sign_in(client, people.email("secretariat"), people.password)
    for url in ("/meetings/99999999999999999999999", "/papers/9223372036854775808/download", "/meetings/2147483648"):
        assert client.get(url).status_code == 404, url
