"""A member can withdraw their apologies until the meeting begins."""

from __future__ import annotations

from datetime import UTC
from datetime import datetime

import pytest
from sqlalchemy import select

from govapp.extensions import db
from govapp.models import Apology
from govapp.services import ServiceError
from govapp.services.proceedings import send_apologies
from govapp.services.proceedings import withdraw_apologies
from tests.conftest import csrf_token_from
from tests.conftest import get_page
from tests.conftest import sign_in
from tests.factories import make_committee
from tests.factories import make_meeting
from tests.proceedings.conftest import BEFORE
from tests.proceedings.conftest import Panel


def test_apologies_are_withdrawn_before_the_meeting_and_not_after_it_begins(panel: Panel) -> None:
    apology = send_apologies(None, panel.meeting, panel.members[0], "Annual leave", now=BEFORE)
    late = datetime(2026, 12, 3, 10, 5, tzinfo=UTC)  # the meeting began at 10am
    with pytest.raises(ServiceError, match="The meeting has begun"):
        withdraw_apologies(None, apology, now=late)
    withdraw_apologies(None, apology, now=BEFORE)
    assert db.session.scalars(select(Apology)).all() == []


def test_a_member_withdraws_their_apologies_from_the_page(app) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    with app.app_context():
        setup = make_committee(members=2)
        meeting = make_meeting(setup.committee, on=date(2027, 1, 7))
        send_apologies(None, meeting, setup.members[0].person, "Annual leave", now=BEFORE)
        db.session.commit()
        meeting_id, login = meeting.id, setup.members[0].login
    client = app.test_client()
    sign_in(client, login.email, login.password)
    page = get_page(client, f"/meetings/{meeting_id}/apologies")
    assert page.soup.find(id="withdraw-apologies") is not None
    response = client.post(
        f"/meetings/{meeting_id}/apologies/withdraw", data={"csrf_token": csrf_token_from(page.html)}
    )
    assert response.status_code == 302
    assert "are withdrawn" in get_page(client, response.headers["Location"]).text()
    with app.app_context():
        assert db.session.scalars(select(Apology)).all() == []
