"""Absolute links come from BASE_URL, whatever host the request arrived on."""

from __future__ import annotations

import re
from datetime import date
from datetime import time

from flask import Flask

from govapp.extensions import db
from govapp.models import WhenAndWhere
from govapp.services.accounts import add_person
from govapp.services.accounts import create_account
from govapp.services.committees import appoint_member
from govapp.services.committees import create_committee
from govapp.services.convening import schedule_meeting
from govapp.services.invites import meeting_invite
from tests.conftest import FROZEN_NOW
from tests.conftest import ScratchDatabase
from tests.conftest import csrf_token_from
from tests.conftest import make_test_app
from tests.conftest import sign_in

BASE = "https://govapp.sbni.example"


def test_the_calendar_link_and_invites_use_base_url_not_the_requests_host(
    app: Flask, scratch_database_url: ScratchDatabase
) -> None:
    other = make_test_app(scratch_database_url.url, BASE_URL=BASE)
    try:
        with other.app_context():
            panel = create_committee(None, name="Case Management Review Panel", short_name="CMR Panel")
            bea = add_person(None, full_name="Bea Member", email="bea@example.org")
            create_account(None, bea, "granite-heron-linen-falcon")
            appoint_member(None, panel, bea, agency="PSNI", starts_on=date(2026, 4, 1))
            meeting = schedule_meeting(None, panel, WhenAndWhere(date(2027, 2, 4), time(10)))
            db.session.commit()
            invite = meeting_invite(meeting, now=FROZEN_NOW).decode()
            assert f"{BASE}/meetings/{meeting.id}" in invite.replace("\r\n ", "")
        client = other.test_client()
        client.environ_base["HTTP_HOST"] = "internal-host:8000"  # as a proxy or a worker might see it
        sign_in(client, "bea@example.org", "granite-heron-linen-falcon")
        token = csrf_token_from(client.get("/account").get_data(as_text=True))
        page = client.post("/account/calendar-links", data={"csrf_token": token, "calendar-name": "Phone"}).get_data(
            as_text=True
        )
        links = re.findall(r"(https?://[^\s\"<]+/calendar/gvc_[^\s\"<]+\.ics)", page)
        assert links and all(link.startswith(f"{BASE}/calendar/") for link in links)
        assert "internal-host" not in page
    finally:
        with other.app_context():
            db.engine.dispose()
