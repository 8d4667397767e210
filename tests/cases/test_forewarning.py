"""Forewarning: the three judge a review more likely than not; each involved agency is written to,
nominations are due 10 working days on, and the agency's representative records them."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select

from govapp.extensions import db
from govapp.models import OutboxMessage
from govapp.services import ConflictError
from govapp.services import RefusedError
from govapp.services import ServiceError
from govapp.services import case_work
from govapp.services import cases as service
from tests.cases.conftest import NOW
from tests.cases.conftest import Cases
from tests.cases.conftest import People
from tests.cases.conftest import notify_child_a
from tests.conftest import csrf_token_from
from tests.conftest import get_page
from tests.conftest import sign_in
from tests.factories import PASSWORD

JUDGED = date(2026, 11, 23)


def _case(cases: Cases):  # type: ignore[no-untyped-def]
    return notify_child_a(cases.trust_rep.user, cases.panel, cases.trust).case


def _forewarn(cases: Cases, case, **overrides):  # type: ignore[no-untyped-def]
    secretary = cases.setup.secretariat
    assert secretary is not None
    values = {
        "judged_on": JUDGED,
        "sbni_chair": "Eileen Stewart",
        "panel_chair": "Chair Person",
        "professional_officer": "Secretary Person",
        "agencies": [cases.trust, cases.police],
        "now": NOW,
    }
    values.update(overrides)
    return case_work.record_forewarning(secretary.user, case, **values)  # type: ignore[arg-type]


def test_forewarned_agencies_are_written_to_and_owe_nominations_in_10_working_days(cases: Cases) -> None:
    case = _case(cases)
    _forewarn(cases, case)
    db.session.flush()
    assert [(w.agency.name, w.nominations_due) for w in case.forewarned] == [
        ("Belfast Health and Social Care Trust", date(2026, 12, 7)),
        ("Police Service of Northern Ireland", date(2026, 12, 7)),
    ]
    letters = db.session.scalars(select(OutboxMessage).where(OutboxMessage.kind == "case-forewarning")).all()
    assert {m.to_address for m in letters} == {cases.trust_rep.email, cases.police_rep.email}
    assert all("secure every file" in m.body_text and "Monday 7 December 2026" in m.body_text for m in letters)
    clocks = {c.what: c.state for c in service.clocks(case, date(2026, 12, 8))}
    assert clocks["Nominations from Police Service of Northern Ireland"] == "late"
    (forewarning,) = [c for c in service.clocks(case, date(2026, 12, 8)) if c.what.startswith("Forewarning")]
    assert forewarning.acted == "Secretary Person, Monday 23 November 2026", "who recorded it, and when"
    (notified,) = [c for c in service.clocks(case, date(2026, 12, 8)) if c.what.startswith("Notification")]
    assert notified.acted == "Trust Representative, Monday 23 November 2026"
    with pytest.raises(ConflictError, match="already forewarned"):
        _forewarn(cases, case)


def test_a_forewarning_needs_the_three_and_the_agencies(cases: Cases) -> None:
    case = _case(cases)
    with pytest.raises(ServiceError, match="Name each of the three"):
        _forewarn(cases, case, sbni_chair=" ")
    with pytest.raises(ServiceError, match="Choose the agencies involved"):
        _forewarn(cases, case, agencies=[])


def test_an_agency_records_its_own_nominations_and_not_anothers(cases: Cases) -> None:
    case = _case(cases)
    _forewarn(cases, case)
    db.session.flush()
    trust, police = case.forewarned
    case_work.record_nominations(
        cases.trust_rep.user,
        trust,
        iar_author="Senior Social Worker, Family Support",
        team_member="Head of Service",
        now=NOW,
    )
    assert trust.nominated_at == NOW
    with pytest.raises(RefusedError, match="Only Police Service of Northern Ireland's representative"):
        case_work.record_nominations(cases.trust_rep.user, police, iar_author="x", team_member="y", now=NOW)
    clocks = {c.what: c.state for c in service.clocks(case, date(2026, 11, 24))}
    assert clocks["Nominations from Belfast Health and Social Care Trust"] == "met"


def test_the_representative_is_asked_on_their_home_page_and_nominates_there(app: Flask, people: People) -> None:
    with app.app_context():
        from govapp.models import Agency
        from govapp.models import Case
        from govapp.models import Committee

        panel = db.session.scalar(select(Committee))
        trust = db.session.scalar(select(Agency).where(Agency.name.startswith("Belfast")))
        police = db.session.scalar(select(Agency).where(Agency.name.startswith("Police")))
        rep = db.session.scalar(_account(people.trust_rep))
        assert panel and trust and police and rep
        notification = notify_child_a(rep, panel, trust)
        secretary = db.session.scalar(_account(people.secretary))
        assert secretary is not None
        case_work.record_forewarning(
            secretary,
            notification.case,
            judged_on=JUDGED,
            sbni_chair="Eileen Stewart",
            panel_chair="Chair Person",
            professional_officer="Secretary Person",
            agencies=[police],
            now=NOW,
        )
        db.session.commit()
        case_ref = notification.case.reference
        written_id = notification.case.forewarned[0].id
        assert db.session.scalar(select(Case)) is not None
    client = app.test_client()
    sign_in(client, people.police_rep, PASSWORD)
    home = get_page(client, "/")
    assert f"{case_ref}, Child A: nominate an IAR author and a review team member" in home.text()
    url = f"/cases/{case_ref}/nominations/{written_id}"
    page = get_page(client, url)
    done = client.post(
        url,
        data={
            "csrf_token": csrf_token_from(page.html),
            "iar_author": "DI Jones, Public Protection",
            "team_member": "DCI Smith",
        },
    )
    assert done.status_code == 302
    shown = get_page(client, f"/cases/{case_ref}")
    assert "DI Jones, Public Protection" in shown.html, "a forewarned agency sees its own part of the case"
    assert 'id="answers"' not in shown.html


def _account(email: str):  # type: ignore[no-untyped-def]
    from govapp.models import Person
    from govapp.models import User

    return select(User).join(User.person).where(Person.email == email)


def test_the_secretariat_records_a_forewarning_on_the_case_page(app: Flask, people: People) -> None:
    with app.app_context():
        from govapp.models import Agency
        from govapp.models import Committee

        panel = db.session.scalar(select(Committee))
        trust = db.session.scalar(select(Agency).where(Agency.name.startswith("Belfast")))
        rep = db.session.scalar(_account(people.trust_rep))
        assert panel and trust and rep
        reference = notify_child_a(rep, panel, trust).case.reference
        db.session.commit()
    client = app.test_client()
    sign_in(client, people.secretary, PASSWORD)
    assert "Record a forewarning" in get_page(client, f"/cases/{reference}").html
    url = f"/cases/{reference}/forewarning"
    page = get_page(client, url, title=f"Forewarning – {reference}")
    fields: dict[str, Any] = {}
    for i in page.soup.select("form input[type=text], form input[type=hidden]"):
        fields.setdefault(str(i["name"]), []).append(i.get("value", ""))
    fields = {name: values[0] if len(values) == 1 else values for name, values in fields.items()}
    assert fields["panel_chair"] == "Chair Person" and fields["professional_officer"] == "Secretary Person"
    checked = [i["value"] for i in page.soup.select("input[name=agencies][checked]")]
    assert len(checked) == 1, "the notifying agency is chosen already"
    unconfirmed = client.post(url, data={**fields, "agencies": checked, "sbni_chair": "Eileen Stewart"})
    assert "Confirm the judgement" in unconfirmed.get_data(as_text=True)
    done = client.post(url, data={**fields, "agencies": checked, "sbni_chair": "Eileen Stewart", "confirm": "y"})
    assert done.status_code == 302
    shown = get_page(client, f"/cases/{reference}")
    assert "Eileen Stewart (SBNI Chair)" in shown.html and "Monday 7 December 2026" in shown.html
