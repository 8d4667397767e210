"""The year's schedule (first Thursdays, working days, four a year) and inquorate meetings."""

from __future__ import annotations

from datetime import date

import pytest
from flask import Flask

from govapp import rules
from govapp.extensions import db
from govapp.models import Meeting
from govapp.models import MeetingStatus
from govapp.services.convening import propose_year
from govapp.services.convening import year_record
from tests.conftest import DEMO_TODAY
from tests.conftest import World
from tests.conftest import get_page
from tests.meetings.helpers import date_fields
from tests.meetings.helpers import freeze_clock
from tests.meetings.helpers import invite_of
from tests.meetings.helpers import meeting_id_on
from tests.meetings.helpers import meeting_on
from tests.meetings.helpers import outbox
from tests.meetings.helpers import panel
from tests.meetings.helpers import post_form
from tests.meetings.helpers import signed_in


@pytest.fixture(autouse=True)
def _demo_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    freeze_clock(monkeypatch)


def test_proposals_for_2025_26_flag_1_january_2026_and_offer_8_january(app_ctx: Flask, world: World) -> None:
    proposals = propose_year(panel(), date(2025, 4, 1), DEMO_TODAY)
    assert len(proposals) == 12
    january = next(p for p in proposals if p.proposed.day.month == 1)
    assert january.proposed.day == date(2026, 1, 1)
    assert not january.proposed.is_working_day
    assert january.proposed.alternative == date(2026, 1, 8)
    assert january.day == date(2026, 1, 8)
    assert all(p.in_past for p in proposals), "2025-26 is over on 23 November 2026"
    assert [p.proposed.day for p in proposals if not p.proposed.is_working_day] == [date(2026, 1, 1)]


def test_the_schedule_page_warns_about_1_january_2026(app: Flask, world: World) -> None:
    client = signed_in(app, world, "member")
    page = get_page(client, "/committees/cmr-panel/schedule?year=2025", title="Meetings in 2025–26")
    rows = [tr.get_text(" ", strip=True) for tr in page.soup.find(id="proposals").find("tbody").find_all("tr")]
    january = next(r for r in rows if "January 2026" in r)
    assert "Thursday 1 January 2026" in january
    assert "Not a working day" in january
    assert "Suggested instead: Thursday 8 January 2026" in january
    # The world holds no meetings in 2025-26: the year fell short of the four the standing orders require.
    warning = page.soup.find(class_="govuk-warning-text").get_text(" ", strip=True)
    assert "Only 0 of the 4 meetings the standing orders require were held in the reporting year 2025–26" in warning
    assert page.soup.find_all("input", attrs={"name": "days"}) == [], "members create nothing"


def test_the_chair_creates_chosen_proposed_meetings_and_invites_go_out(app: Flask, world: World) -> None:
    client = signed_in(app, world, "chair")
    url = "/committees/cmr-panel/schedule?year=2027"
    page = get_page(client, url, title="Meetings in 2027–28")
    boxes = page.soup.find_all("input", attrs={"name": "days"})
    assert len(boxes) == 12
    assert all(box.has_attr("checked") for box in boxes), "all proposals start chosen"
    assert page.soup.find(class_="govuk-warning-text") is None, "a year not yet begun is not flagged"
    status, _ = post_form(
        client,
        url,
        {"days": ["2027-04-01", "2027-05-06"], "starts_at": "10:00", "ends_at": "12:00", "location": "Belfast"},
    )
    assert status == 302
    with app.app_context():
        created = [meeting_on(date(2027, 4, 1)), meeting_on(date(2027, 5, 6))]
        invites = outbox("invite")
        assert len(invites) == 2 * 12
        uids = {str(invite_of(m).walk("VEVENT")[0]["UID"]) for m in invites}
        assert uids == {m.ics_uid for m in created}
        db.session.remove()
    page = get_page(client, url)
    assert len(page.soup.find_all("input", attrs={"name": "days"})) == 10
    assert "Meeting on Thursday 1 April 2027" in page.text()


def test_creating_no_proposed_meeting_is_a_form_error(app: Flask, world: World) -> None:
    client = signed_in(app, world, "chair")
    status, html = post_form(client, "/committees/cmr-panel/schedule?year=2027", {"starts_at": "10:00"})
    assert status == 200
    assert "Choose at least one meeting to create" in html
    with app.app_context():
        assert outbox() == []
        db.session.remove()


def test_a_member_cannot_create_proposed_meetings(app: Flask, world: World) -> None:
    client = signed_in(app, world, "member")
    status, _ = post_form(
        client, "/committees/cmr-panel/schedule?year=2027", {"days": ["2027-04-01"], "starts_at": "10:00"}
    )
    assert status == 403


def test_a_year_with_fewer_than_four_meetings_held_is_flagged(app_ctx: Flask, world: World) -> None:
    committee = panel()
    record = year_record(committee, DEMO_TODAY, DEMO_TODAY)
    assert (record.held, record.planned, record.falls_short) == (8, 4, False)  # April to November held
    # Cancel all but two of the held meetings' records: the year can still reach four with those planned.
    for meeting in committee.meetings:
        if meeting.meeting_date < date(2026, 10, 1):
            meeting.status = MeetingStatus.CANCELLED
    for meeting in committee.meetings:
        if meeting.meeting_date > DEMO_TODAY:
            meeting.status = MeetingStatus.CANCELLED
    db.session.flush()
    record = year_record(committee, DEMO_TODAY, DEMO_TODAY)
    assert (record.held, record.planned, record.shortfall) == (2, 0, rules.meetings_shortfall(2))
    assert record.falls_short


def test_the_committee_page_flags_a_short_year_and_links_meetings(app: Flask, world: World) -> None:
    with app.app_context():
        for meeting in panel().meetings:
            meeting.status = MeetingStatus.CANCELLED
        db.session.commit()
        db.session.remove()
    page = get_page(signed_in(app, world, "chair"), "/committees/cmr-panel")
    assert "0 meetings held so far in 2026–27 and 0 planned" in page.text()
    assert page.soup.find("a", string="Call a meeting") is not None
    assert any(a["href"].startswith("/meetings/") for a in page.soup.find_all("a", href=True))


def test_recording_an_inquorate_meeting_and_calling_the_further_meeting(app: Flask, world: World) -> None:
    inquorate_id = meeting_id_on(app, date(2026, 11, 5))
    client = signed_in(app, world, "chair")
    get_page(client, f"/meetings/{inquorate_id}/inquorate", title="Record the meeting as inquorate")
    assert post_form(client, f"/meetings/{inquorate_id}/inquorate", {})[0] == 302
    page = get_page(client, f"/meetings/{inquorate_id}")
    assert "The meeting was not quorate" in page.text()
    # One month from and including 5 November 2026: held by 4 December 2026.
    assert "to be held by Friday 4 December 2026" in page.text()
    further_row = next(
        tr.get_text(" ", strip=True) for tr in page.soup.find(id="deadlines").find_all("tr") if "Further" in tr.text
    )
    assert "Friday 4 December 2026" in further_row
    assert "To come" in further_row
    call = next((a for a in page.soup.find_all("a") if a.get_text(strip=True) == "Call the further meeting"), None)
    assert call is not None
    home = get_page(client, "/")
    assert home.soup.find(id="awaiting-further-meeting") is not None

    # After the deadline: refused without confirmation, and nothing saved.
    url = call["href"]
    assert url == f"/committees/cmr-panel/meetings/new?reconvenes={inquorate_id}"
    status, html = post_form(client, url, {**date_fields(date(2026, 12, 10)), "starts_at": "10:00"})
    assert status == 200
    assert "should be held by Friday 4 December 2026" in html
    with app.app_context():
        assert outbox() == []
        db.session.remove()
    status, _ = post_form(client, url, {**date_fields(date(2026, 12, 10)), "starts_at": "10:00", "confirm_late": "y"})
    assert status == 302
    with app.app_context():
        further = meeting_on(date(2026, 12, 10))
        assert further.reconvenes_meeting_id == inquorate_id
        inquorate = db.session.get(Meeting, inquorate_id)
        assert inquorate is not None
        assert inquorate.status == MeetingStatus.INQUORATE
        assert inquorate.inquorate_recorded_at is not None
        further_id = further.id
        db.session.remove()
    page = get_page(client, f"/meetings/{further_id}")
    assert "This further meeting is later than the standing orders allow" in page.text()
    page = get_page(client, f"/meetings/{inquorate_id}")
    assert "Late" in page.soup.find(id="deadlines").get_text()
    assert get_page(client, "/").soup.find(id="awaiting-further-meeting") is None


def test_a_further_meeting_in_time_is_not_flagged(app: Flask, world: World) -> None:
    inquorate_id = meeting_id_on(app, date(2026, 11, 5))
    client = signed_in(app, world, "secretariat")
    assert post_form(client, f"/meetings/{inquorate_id}/inquorate", {})[0] == 302
    url = f"/committees/cmr-panel/meetings/new?reconvenes={inquorate_id}"
    assert post_form(client, url, {**date_fields(date(2026, 12, 1)), "starts_at": "10:00"})[0] == 302
    further_id = meeting_id_on(app, date(2026, 12, 1))
    page = get_page(client, f"/meetings/{further_id}")
    assert "later than the standing orders allow" not in page.text()
    assert "Further meeting after" in page.text()


def test_a_future_meeting_cannot_be_recorded_as_inquorate(app: Flask, world: World) -> None:
    meeting_id = meeting_id_on(app, date(2026, 12, 3))
    status, html = post_form(signed_in(app, world, "chair"), f"/meetings/{meeting_id}/inquorate", {})
    assert status == 200
    assert "only be recorded as inquorate on or after its date" in html


def test_the_schedule_says_when_the_committee_usually_meets_and_offers_only_the_years_it_can_show(
    app: Flask, world: World
) -> None:
    from dataclasses import replace

    from govapp.services.committees import set_standing_orders

    client = signed_in(app, world, "member")
    page = get_page(client, "/committees/cmr-panel/schedule?year=2026")
    assert "usually meets on the first Thursday of each month" in page.text()
    with app.app_context():
        committee = panel()
        set_standing_orders(None, committee, replace(committee.standing_orders, usual_weekday=1, usual_week_of_month=2))  # type: ignore[arg-type]
        db.session.commit()
    page = get_page(client, "/committees/cmr-panel/schedule?year=2026")
    assert "usually meets on the second Tuesday of each month" in page.text()

    years = get_page(client, "/committees/cmr-panel/schedule?year=2000").soup.find(
        "nav", attrs={"aria-label": "Other years"}
    )
    assert [a.get_text(strip=True) for a in years.find_all("a")] == ["Next year"], "no year before 2000 to go to"
    years = get_page(client, "/committees/cmr-panel/schedule?year=2100").soup.find(
        "nav", attrs={"aria-label": "Other years"}
    )
    assert [a.get_text(strip=True) for a in years.find_all("a")] == ["Previous year"]
