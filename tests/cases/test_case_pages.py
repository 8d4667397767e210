"""The case pages as each person meets them: an agency representative notifies online (warned about
what looks like a real name), sees only their own agency's notification; a member answers from the
home page's to-do; the secretariat filters the register; nobody else sees the case."""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from govapp.extensions import db
from govapp.models import Agency
from govapp.models import AuditEvent
from govapp.models import Case
from tests.cases.conftest import People
from tests.conftest import csrf_token_from
from tests.conftest import get_page
from tests.conftest import sign_in
from tests.factories import PASSWORD
from tests.factories import make_account

NOTIFY = "/committees/test-panel/cases/notify"


def _client(app: Flask, email: str) -> FlaskClient:
    client = app.test_client()
    sign_in(client, email, PASSWORD)
    return client


def _form(client: FlaskClient, url: str) -> dict[str, Any]:
    page = get_page(client, url)
    fields: dict[str, Any] = {}
    for field in page.soup.select("form input, form select"):
        if field.get("type") in ("radio", "checkbox"):
            continue
        if field.name == "select":
            chosen = field.select_one("option[selected]")
            fields[str(field["name"])] = str(chosen["value"]) if chosen else ""
        else:
            fields[str(field["name"])] = str(field.get("value", ""))
    return fields


def _notification(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "senior_representative": "Assistant Director, Children's Services",
        "determined_on": ["20", "11", "2026"],
        "pseudonym": "Child A",
        "age_band": "1 to 4",
        "area": "Belfast",
        "family_told": "yes",
        "other_agencies": "GP; health visitor",
        "criterion_a": "yes",
        "criterion_b_i": "yes",
        "criterion_b_ii": "unknown",
        "criterion_b_iii": "unknown",
        "criterion_c": "unknown",
        "criterion_d": "unknown",
    }
    data.update(overrides)
    return data


def _case(app: Flask) -> tuple[str, str]:
    with app.app_context():
        case = db.session.scalar(select(Case))
        assert case is not None
        return case.reference, case.pseudonym


def test_an_agency_representative_notifies_online_and_sees_only_their_agencys_notification(
    app: Flask, people: People
) -> None:
    trust_rep, police_rep = people.trust_rep, people.police_rep
    client = _client(app, trust_rep)
    home = get_page(client, "/")
    assert NOTIFY in home.html, "the representative's way in is from the home page"
    assert "A notification is due 2 working days after the agency determines" in get_page(client, NOTIFY).text()
    form = _form(client, NOTIFY)
    assert form["senior_representative"] == "", "no senior representative is nominated yet"
    named = client.post(NOTIFY, data={**form, **_notification(other_agencies="Seen by Siobhan McAllister, GP")})
    html = named.get_data(as_text=True)
    assert named.status_code == 200 and "looks like a person&#39;s name" in html
    with app.app_context():
        assert db.session.scalar(select(Case)) is None, "nothing saved until the text is checked"
    done = client.post(NOTIFY, data={**form, **_notification()})
    assert done.status_code == 302
    reference, _ = _case(app)
    assert done.headers["Location"].endswith(f"/cases/{reference}")
    page = get_page(client, f"/cases/{reference}")
    assert "Belfast Health and Social Care Trust" in page.html
    assert 'id="answers"' not in page.html and 'id="clocks"' not in page.html, "the Panel's answers are not theirs"

    police = _client(app, police_rep)
    assert police.get(f"/cases/{reference}").status_code == 403
    with app.app_context():
        trust_id = db.session.scalar(select(Agency.id).where(Agency.name.startswith("Belfast")))
    refused = police.post(NOTIFY, data={**_form(police, NOTIFY), **_notification(), "agency": str(trust_id)})
    assert refused.status_code == 200 and "Choose the notifying agency" in refused.get_data(as_text=True)
    with app.app_context():
        events = db.session.scalars(select(AuditEvent.action).where(AuditEvent.action == "view_case")).all()
    assert len(events) == 1


def test_a_member_answers_from_the_home_page_and_the_secretariat_follows_the_register(
    app: Flask, people: People
) -> None:
    trust_rep, member, secretary = people.trust_rep, people.trust_member, people.secretary
    rep = _client(app, trust_rep)
    rep.post(NOTIFY, data={**_form(rep, NOTIFY), **_notification()})
    reference, _ = _case(app)

    client = _client(app, member)
    home = get_page(client, "/")
    assert f"{reference}, Child A: is the child or family known to your agency?" in home.text()
    url = f"/cases/{reference}/known"
    page = get_page(client, url)
    answered = client.post(
        url, data={"csrf_token": csrf_token_from(page.html), "known": "yes", "details": "Open to family support."}
    )
    assert answered.status_code == 302
    assert f"{reference}, Child A" not in get_page(client, "/").text(), "answered: off the list"

    office = _client(app, secretary)
    register = get_page(office, "/committees/test-panel/cases", title="Cases – Test Panel")
    assert reference in register.html
    assert reference not in get_page(office, "/committees/test-panel/cases?stage=commissioned").html
    assert reference in get_page(office, "/committees/test-panel/cases?year=2026").html
    for unmet in ("year=abc", "stage=nonsense", "page=0", "year=1066"):
        refused = office.get(f"/committees/test-panel/cases?{unmet}")
        name = unmet.split("=")[0]
        assert refused.status_code == 400, f"a filter that cannot be met is refused, not ignored: {unmet}"
        assert f"&#39;{name}&#39; must be" in refused.get_data(as_text=True)
    shown = get_page(office, f"/cases/{reference}")
    assert "Open to family support." in shown.html and "Not yet answered" in shown.html


def test_nobody_else_sees_a_case(app: Flask, people: People) -> None:
    trust_rep = people.trust_rep
    rep = _client(app, trust_rep)
    rep.post(NOTIFY, data={**_form(rep, NOTIFY), **_notification()})
    reference, _ = _case(app)
    with app.app_context():
        outsider = make_account(full_name="Outsider").email
        admin = make_account(full_name="Administrator", is_admin=True).email
        db.session.commit()
    for email in (outsider, admin):
        client = _client(app, email)
        assert client.get(f"/cases/{reference}").status_code == 403
        assert client.get("/committees/test-panel/cases").status_code == 403
    assert _client(app, outsider).get(NOTIFY).status_code == 403


def test_the_notifying_agency_asks_for_a_presenter_with_no_direct_involvement(app: Flask, people: People) -> None:
    from govapp.models import OfficerRequest

    rep = _client(app, people.trust_rep)
    rep.post(NOTIFY, data={**_form(rep, NOTIFY), **_notification()})
    reference, _ = _case(app)
    assert "Ask for a staff member to attend and present the case" in get_page(rep, f"/cases/{reference}").html
    url = f"/cases/{reference}/presenter"
    page = get_page(rep, url)
    data = {
        "csrf_token": csrf_token_from(page.html),
        "full_name": "Practitioner Person",
        "email": "practitioner@example.org",
        "post": "Senior Practitioner",
    }
    refused = rep.post(url, data=data)
    assert "must have had no direct involvement" in refused.get_data(as_text=True)
    assert rep.post(url, data={**data, "no_direct_involvement": "y"}).status_code == 302
    with app.app_context():
        (request,) = db.session.scalars(select(OfficerRequest)).all()
        assert request.officer.email == "practitioner@example.org"
        assert request.agency == "Belfast Health and Social Care Trust"
        assert "No direct involvement" in (request.reason or "")
        assert request.agenda_item.title.startswith("Notification CMR-2026-001")
    police = _client(app, people.police_rep)
    theirs = get_page(police, url)  # the row allows agency representatives...
    token = csrf_token_from(theirs.html)
    answer = police.post(
        url, data={**data, "csrf_token": token, "email": "other@example.org", "no_direct_involvement": "y"}
    )
    assert answer.status_code == 403, "...but only the notifying agency's"


def test_the_case_api_follows_the_same_row(app: Flask, people: People) -> None:
    from govapp.models import TokenKind
    from govapp.models import User
    from govapp.services.tokens import create_token

    rep = _client(app, people.trust_rep)
    rep.post(NOTIFY, data={**_form(rep, NOTIFY), **_notification()})
    reference, _ = _case(app)
    tokens = {}
    with app.app_context():
        for email in (people.secretary, people.trust_rep):
            user = db.session.scalar(select(User).join(User.person).where(User.person.has(email=email)))
            assert user is not None
            tokens[email] = create_token(user, TokenKind.API, "tests")[1]
        db.session.commit()
    api = app.test_client()
    office = {"Authorization": f"Bearer {tokens[people.secretary]}"}
    listed = api.get("/api/v1/committees/test-panel/cases?year=2026", headers=office).get_json()
    assert [c["reference"] for c in listed["cases"]] == [reference]
    assert listed["cases"][0]["notified_by"] == ["Belfast Health and Social Care Trust"]
    detail = api.get(f"/api/v1/cases/{reference}", headers=office).get_json()
    assert detail["pseudonym"] == "Child A" and len(detail["answers"]) == 5
    assert any(clock["what"].startswith("Answers") for clock in detail["clocks"])
    assert api.get("/api/v1/committees/test-panel/cases?stage=nonsense", headers=office).status_code == 400
    assert api.get("/api/v1/cases/CMR-1999-999", headers=office).status_code == 404
    as_rep = {"Authorization": f"Bearer {tokens[people.trust_rep]}"}
    assert api.get(f"/api/v1/cases/{reference}", headers=as_rep).status_code == 403


def test_the_notifying_agency_adds_its_briefing_report_to_the_cases_papers(app: Flask, people: People) -> None:
    import io

    from govapp.models import Paper
    from tests.agenda.conftest import pdf_bytes

    rep = _client(app, people.trust_rep)
    rep.post(NOTIFY, data={**_form(rep, NOTIFY), **_notification()})
    reference, _ = _case(app)
    url = f"/cases/{reference}/briefing-report"
    page = get_page(rep, url)
    done = rep.post(
        url,
        data={"csrf_token": csrf_token_from(page.html), "file": (io.BytesIO(pdf_bytes("Briefing")), "briefing.pdf")},
        content_type="multipart/form-data",
    )
    assert done.status_code == 302
    with app.app_context():
        (paper,) = db.session.scalars(select(Paper)).all()
        assert paper.title == "Briefing report from Belfast Health and Social Care Trust"
        assert paper.agenda_item is not None and paper.agenda_item.title.startswith("Notification CMR-2026-001")
    office = _client(app, people.secretary)
    assert "Briefing report from Belfast Health and Social Care Trust" in get_page(office, f"/cases/{reference}").html


def test_the_briefing_report_may_come_with_the_notification(app: Flask, people: People) -> None:
    import io

    from govapp.models import Paper
    from tests.agenda.conftest import pdf_bytes

    rep = _client(app, people.trust_rep)
    data = {**_form(rep, NOTIFY), **_notification(), "briefing": (io.BytesIO(pdf_bytes("Briefing")), "briefing.pdf")}
    assert rep.post(NOTIFY, data=data, content_type="multipart/form-data").status_code == 302
    with app.app_context():
        (paper,) = db.session.scalars(select(Paper)).all()
        assert paper.title == "Briefing report from Belfast Health and Social Care Trust"
