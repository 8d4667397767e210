"""A real CalDAV server (Radicale, on loopback) accepts govapp's invites and feed, and gives them back.

Radicale runs in a subprocess on 127.0.0.1 with a free port, a temporary storage folder and no
authentication; it is stopped at the end of the module.
"""

from __future__ import annotations

import base64
import http.client
import socket
import subprocess
import sys
import time as clock_time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from flask import Flask
from icalendar import Calendar

from govapp.extensions import db
from tests.conftest import World
from tests.conftest import csrf_token_from
from tests.meetings.helpers import date_fields
from tests.meetings.helpers import freeze_clock
from tests.meetings.helpers import invite_of
from tests.meetings.helpers import meeting_id_on
from tests.meetings.helpers import outbox
from tests.meetings.helpers import post_form
from tests.meetings.helpers import signed_in

USER = "govapp-test"
DAV = "{DAV:}"
CALDAV = "{urn:ietf:params:xml:ns:caldav}"


@dataclass
class CalDAV:
    host: str
    port: int

    def request(
        self, method: str, path: str, body: bytes = b"", headers: dict[str, str] | None = None
    ) -> tuple[int, bytes]:
        connection = http.client.HTTPConnection(self.host, self.port, timeout=10)
        try:
            auth = base64.b64encode(f"{USER}:unused".encode()).decode()
            connection.request(method, path, body=body, headers={"Authorization": f"Basic {auth}", **(headers or {})})
            response = connection.getresponse()
            return response.status, response.read()
        finally:
            connection.close()

    def put(self, path: str, data: bytes) -> int:
        status, _ = self.request("PUT", path, data, {"Content-Type": "text/calendar; charset=utf-8"})
        return status

    def events(self, collection: str) -> dict[str, Calendar]:
        """Every event in a calendar collection, by UID, read back with a CalDAV REPORT."""
        query = (
            b'<?xml version="1.0" encoding="utf-8"?>'
            b'<C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">'
            b"<D:prop><D:getetag/><C:calendar-data/></D:prop>"
            b'<C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT"/></C:comp-filter></C:filter>'
            b"</C:calendar-query>"
        )
        status, body = self.request(
            "REPORT", collection, query, {"Depth": "1", "Content-Type": "application/xml; charset=utf-8"}
        )
        assert status == 207, body[:500]
        found: dict[str, Calendar] = {}
        for data in ET.fromstring(body).iter(f"{CALDAV}calendar-data"):  # noqa: S314 (our own Radicale, on loopback)
            for event in Calendar.from_ical(data.text or "").walk("VEVENT"):
                found[str(event["UID"])] = event
        return found


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def caldav(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CalDAV]:
    folder: Path = tmp_path_factory.mktemp("radicale")
    port = _free_port()
    log = (folder / "radicale.log").open("wb")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "radicale",
            "--config",
            "",
            "--server-hosts",
            f"127.0.0.1:{port}",
            "--storage-filesystem-folder",
            str(folder / "collections"),
            "--auth-type",
            "none",
            "--rights-type",
            "owner_only",
            "--logging-level",
            "warning",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        server = CalDAV("127.0.0.1", port)
        deadline = clock_time.monotonic() + 15
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    break
            except OSError:
                if process.poll() is not None or clock_time.monotonic() > deadline:
                    log.flush()
                    raise RuntimeError(
                        "Radicale did not start: " + (folder / "radicale.log").read_text(errors="replace")
                    ) from None
                clock_time.sleep(0.05)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        log.close()


def test_radicale_accepts_the_invite_its_update_and_its_cancellation(
    app: Flask, world: World, caldav: CalDAV, monkeypatch: pytest.MonkeyPatch
) -> None:
    freeze_clock(monkeypatch)
    collection = f"/{USER}/invites/"
    assert caldav.request("MKCALENDAR", collection)[0] == 201
    client = signed_in(app, world, "chair")
    status, _ = post_form(
        client,
        "/committees/cmr-panel/meetings/new",
        {**date_fields(date(2026, 12, 17)), "starts_at": "14:00", "ends_at": "16:00", "location": "Belfast"},
    )
    assert status == 302
    meeting_id = meeting_id_on(app, date(2026, 12, 17))

    def latest_invite() -> bytes:
        with app.app_context():
            message = outbox()[-1]
            data = invite_of(message).to_ical()
            db.session.remove()
            return bytes(data)

    invite = latest_invite()
    uid = str(Calendar.from_ical(invite).walk("VEVENT")[0]["UID"])
    href = f"{collection}{meeting_id}.ics"
    assert caldav.put(href, invite) == 201
    event = caldav.events(collection)[uid]
    assert event["SEQUENCE"] == 0
    assert event.start.isoformat() == "2026-12-17T14:00:00+00:00"
    assert event.end.isoformat() == "2026-12-17T16:00:00+00:00"
    assert str(event["DTSTART"].params["TZID"]) == "Europe/London"

    # Rescheduled to a summer date: the same UID, SEQUENCE 1, British Summer Time.
    status, _ = post_form(
        client,
        f"/meetings/{meeting_id}/reschedule",
        {**date_fields(date(2027, 6, 17)), "starts_at": "10:00", "ends_at": "12:00", "location": "Belfast"},
    )
    assert status == 302
    assert caldav.put(href, latest_invite()) in (201, 204)
    event = caldav.events(collection)[uid]
    assert event["SEQUENCE"] == 1
    assert event.start.isoformat() == "2027-06-17T10:00:00+01:00"

    status, _ = post_form(client, f"/meetings/{meeting_id}/cancel", {"reason": "No business"})
    assert status == 302
    assert caldav.put(href, latest_invite()) in (201, 204)
    event = caldav.events(collection)[uid]
    assert (event["SEQUENCE"], str(event["STATUS"])) == (2, "CANCELLED")


def test_radicale_accepts_a_persons_feed(
    app: Flask, world: World, caldav: CalDAV, monkeypatch: pytest.MonkeyPatch
) -> None:
    freeze_clock(monkeypatch)
    client = signed_in(app, world, "member")
    token = csrf_token_from(client.get("/account").get_data(as_text=True))
    page = client.post("/account/calendar-links", data={"calendar-name": "CalDAV test", "calendar-csrf_token": token})
    assert page.status_code == 200
    secret_url = page.get_data(as_text=True).split('id="new-secret">', 1)[1].split("<", 1)[0]
    feed = app.test_client().get(secret_url.replace("http://localhost", ""))
    assert feed.status_code == 200
    published = {str(e["UID"]): e for e in Calendar.from_ical(feed.data).walk("VEVENT")}
    assert len(published) == 12, "the world year's meetings: all within the past 12 months or to come"

    # Uploading a whole calendar to a collection's address creates a calendar holding its events.
    collection = f"/{USER}/feed/"
    assert caldav.put(collection, feed.data) == 201
    stored = caldav.events(collection)
    assert set(stored) == set(published)
    for uid, event in stored.items():
        assert event["SEQUENCE"] == published[uid]["SEQUENCE"]
        assert event.start == published[uid].start
        assert str(event["DTSTART"].params["TZID"]) == "Europe/London"
