"""Before the meeting (apologies, deputies and the Chair's pending requests) and after it (absence
alerts, the attendance report)."""

from __future__ import annotations

import csv
import io
from datetime import time

from flask import Flask
from sqlalchemy import select

from govapp import clock
from govapp.extensions import db
from govapp.models import Apology
from govapp.models import Attendance
from govapp.models import AuditEvent
from govapp.models import Committee
from govapp.models import DeputyRequest
from govapp.models import Meeting
from govapp.models import RequestDecision
from govapp.services.proceedings import record_attendance
from tests.conftest import World
from tests.conftest import get_page
from tests.proceedings.pages import client_for
from tests.proceedings.pages import next_meeting_with_item
from tests.proceedings.pages import panel
from tests.proceedings.pages import person
from tests.proceedings.pages import token
from tests.proceedings.pages import user


def test_a_member_sends_apologies_and_the_roll_call_starts_from_them(app: Flask, world: World) -> None:
    setting = next_meeting_with_item(app, world)
    member_email = world.accounts["member"][4]
    member = client_for(app, world, member_email)
    meeting_page = get_page(member, f"/meetings/{setting.meeting_id}")
    assert f"/meetings/{setting.meeting_id}/apologies" in str(meeting_page.soup.find(id="proceedings-links"))
    page = get_page(member, f"/meetings/{setting.meeting_id}/apologies", title="Send apologies – CMR Panel")
    response = member.post(
        f"/meetings/{setting.meeting_id}/apologies", data={"csrf_token": token(page.html), "reason": "On leave"}
    )
    assert response.status_code == 302
    with app.app_context():
        apology = db.session.scalar(select(Apology).where(Apology.meeting_id == setting.meeting_id))
        assert apology is not None and apology.person_id == setting.ids[member_email]
        db.session.remove()
    secretary = client_for(app, world, world.email("secretariat"))
    console = get_page(secretary, f"/meetings/{setting.meeting_id}/console")
    assert (
        console.soup.find("a", string=lambda s: bool(s) and s.strip() == "Record the roll call")["href"]
        == f"/meetings/{setting.meeting_id}/console/roll-call"
    )
    roll_call = get_page(secretary, f"/meetings/{setting.meeting_id}/console/roll-call")
    chosen = roll_call.soup.find("input", attrs={"name": f"roll-status_{setting.ids[member_email]}", "checked": True})
    assert chosen is not None and chosen["value"] == "apologies"


def test_the_chair_approves_a_deputy_request_from_the_pending_requests_page(app: Flask, world: World) -> None:
    setting = next_meeting_with_item(app, world)
    member = client_for(app, world, world.email("member"))
    url = f"/meetings/{setting.meeting_id}/deputy-requests/new"
    page = get_page(member, url, title="Ask for a deputy – CMR Panel")
    empty = member.post(url, data={"csrf_token": token(page.html)})
    assert empty.status_code == 200 and "Enter the deputy&#39;s full name" in empty.get_data(as_text=True)
    response = member.post(
        url,
        data={
            "csrf_token": token(page.html),
            "full_name": "Rowan Deputy",
            "email": "rowan.deputy@example.org",
            "agency": "Belfast Health and Social Care Trust",
            "reason": "Long-term sick leave; the Trust's nominated deputy attends",
        },
    )
    assert response.status_code == 302

    assert get_page(member, "/committees/cmr-panel/requests", status=403)
    chair = client_for(app, world, world.email("chair"))
    home = get_page(chair, "/")
    assert "/committees/cmr-panel/requests" in str(home.soup.find(id="attendance-requests-waiting"))
    page = get_page(chair, "/committees/cmr-panel/requests", title="Requests waiting for your decision – CMR Panel")
    with app.app_context():
        request_id = db.session.scalar(select(DeputyRequest.id))
        db.session.remove()
    card = page.soup.find(id=f"deputy-request-{request_id}").get_text(" ", strip=True)
    assert "Rowan Deputy to deputise for Aoife Brennan" in card
    prefix = f"deputy-{request_id}"
    refused = chair.post(
        f"/deputy-requests/{request_id}/decide",
        data={f"{prefix}-csrf_token": token(page.html, prefix), f"{prefix}-decision": "refuse"},
    )
    assert refused.status_code == 200 and "Give the reason for refusing." in refused.get_data(as_text=True)
    response = chair.post(
        f"/deputy-requests/{request_id}/decide",
        data={f"{prefix}-csrf_token": token(page.html, prefix), f"{prefix}-decision": "approve"},
    )
    assert response.status_code == 302
    with app.app_context():
        request = db.session.get(DeputyRequest, request_id)
        assert request is not None and request.status == RequestDecision.APPROVED
        db.session.remove()
    page = get_page(chair, "/committees/cmr-panel/requests")
    assert "No deputy requests are waiting." in page.text()
    console = get_page(client_for(app, world, world.email("secretariat")), f"/meetings/{setting.meeting_id}/console")
    assert "Rowan Deputy, deputy for Aoife Brennan" in console.soup.find(id="attendees").find_next("div").get_text()


def _roll_calls_with_two_absences(app: Flask, world: World) -> tuple[str, list[Meeting]]:
    """The last two meetings before today, with a roll call: one member absent from both."""
    absentee = world.accounts["member"][5]
    with app.app_context():
        meetings = list(
            db.session.scalars(
                select(Meeting)
                .join(Meeting.committee)
                .where(Committee.slug == "cmr-panel", Meeting.meeting_date < clock.today())
                .order_by(Meeting.meeting_date.desc())
            )
        )[:2]
        secretary = user(world.email("secretariat"))
        for meeting in meetings:
            for email in [world.email("chair"), *world.accounts["member"]]:
                status = Attendance.ABSENT if email == absentee else Attendance.PRESENT
                record_attendance(secretary, meeting, person(email), status, arrived_at=time(10))
        db.session.commit()
        db.session.remove()
    return absentee, meetings


def test_absence_alerts_appear_on_the_chairs_home_page_and_the_chair_records_the_reason(
    app: Flask, world: World
) -> None:
    absentee, _meetings = _roll_calls_with_two_absences(app, world)
    chair = client_for(app, world, world.email("chair"))
    alerts = get_page(chair, "/").soup.find(id="absence-alerts")
    assert alerts is not None and "Ruth Patterson" in alerts.get_text()
    assert get_page(client_for(app, world, absentee), "/").soup.find(id="absence-alerts") is None

    page = get_page(chair, "/committees/cmr-panel/absences", title="Absences – CMR Panel")
    assert "does not attend on 2 consecutive occasions within 12 months" in page.text(), "the committee's own orders"
    form = page.soup.find("input", attrs={"name": "alert"})
    key = str(form["value"])
    response = chair.post(
        "/committees/cmr-panel/absences",
        data={"alert": key, f"{key}-csrf_token": token(page.html, key), f"{key}-reason": "Covering a vacancy"},
    )
    assert response.status_code == 302
    page = get_page(chair, "/committees/cmr-panel/absences")
    assert "Covering a vacancy" in page.soup.find(id=key).get_text()
    assert get_page(chair, "/").soup.find(id="absence-alerts") is None


def test_the_attendance_report_downloads_as_csv_with_the_right_counts(app: Flask, world: World) -> None:
    absentee, _meetings = _roll_calls_with_two_absences(app, world)
    secretary = client_for(app, world, world.email("secretariat"))
    year = 2026 if clock.today().month >= 4 else 2025
    page = get_page(secretary, f"/committees/cmr-panel/attendance-report?year={year}")
    assert page.soup.find(id="attendance-report") is not None
    response = secretary.get(f"/committees/cmr-panel/attendance-report?year={year}&format=csv")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment;")
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert len(rows) == 12
    by_name = {row["Member"]: row for row in rows}
    assert (by_name["Ruth Patterson"]["Meetings expected"], by_name["Ruth Patterson"]["Attended"]) == ("2", "0")
    assert (by_name["Morgan Adair"]["Attended"], by_name["Morgan Adair"]["Not attended"]) == ("2", "0")
    with app.app_context():
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "download_attendance_report"))
        assert event is not None and event.committee_id == panel().id
        db.session.remove()
    member = client_for(app, world, absentee)
    assert member.get("/committees/cmr-panel/attendance-report?format=csv").status_code == 403
