"""The meeting console: roll call, declarations, motions, votes, the casting vote, and who may use it."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from flask import Flask
from sqlalchemy import select

from govapp import clock
from govapp.extensions import db
from govapp.models import Motion
from govapp.models import MotionStatus
from tests.conftest import World
from tests.conftest import csrf_token_from
from tests.conftest import get_page
from tests.proceedings.pages import Setting
from tests.proceedings.pages import client_for
from tests.proceedings.pages import everyone_present
from tests.proceedings.pages import next_meeting_with_item
from tests.proceedings.pages import token

#: These pages record the meeting, which opens on its day.
pytestmark = pytest.mark.usefixtures("on_the_meeting_day")


def _motion_ids(app: Flask, setting: Setting) -> list[int]:
    with app.app_context():
        ids = list(db.session.scalars(select(Motion.id).where(Motion.agenda_item_id == setting.item_id)))
        db.session.remove()
    return ids


def _propose(client, setting: Setting, text: str, proposer: int) -> int:  # type: ignore[no-untyped-def]
    console = get_page(client, f"/meetings/{setting.meeting_id}/console?item={setting.item_id}")
    prefix = f"motion-{setting.item_id}"
    response = client.post(
        f"/agenda-items/{setting.item_id}/motions",
        data={
            f"{prefix}-csrf_token": token(console.html, prefix),
            f"{prefix}-text": text,
            f"{prefix}-proposer": proposer,
        },
    )
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    return max(_motion_ids(client.application, setting))


def _press(client, url: str, console_url: str, prefix: str) -> None:  # type: ignore[no-untyped-def]
    page = get_page(client, console_url)
    response = client.post(url, data={f"{prefix}-csrf_token": token(page.html, prefix)})
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]


def _show_of_hands(client, setting: Setting, motion_id: int, votes: dict[int, str]) -> None:  # type: ignore[no-untyped-def]
    console = get_page(client, f"/meetings/{setting.meeting_id}/console")
    prefix = f"hands-{motion_id}"
    data = {f"{prefix}-csrf_token": token(console.html, prefix)}
    data |= {f"{prefix}-vote_{pid}": choice for pid, choice in votes.items()}
    response = client.post(f"/motions/{motion_id}/show-of-hands", data=data)
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]


def test_a_meeting_runs_from_roll_call_through_declarations_to_a_carried_motion(app: Flask, world: World) -> None:
    setting = next_meeting_with_item(app, world)
    secretary = client_for(app, world, world.email("secretariat"))
    console_url = f"/meetings/{setting.meeting_id}/console"
    page = get_page(secretary, console_url)
    assert "Not quorate: the Chair is not present" in page.soup.find(id="meeting-quorum").get_text(" ", strip=True)

    members = world.accounts["member"]
    absent = members[-2:]
    roll_call = get_page(
        secretary,
        f"/meetings/{setting.meeting_id}/console/roll-call",
        title="Roll call – CMR Panel, Thursday 3 December 2026",
    )
    data = {"roll-csrf_token": token(roll_call.html, "roll")}
    for email in [world.email("chair"), *members]:
        pid = setting.ids[email]
        data[f"roll-status_{pid}"] = "absent" if email in absent else "present"
        data[f"roll-arrived_{pid}"] = "" if email in absent else "10:00"
    response = secretary.post(f"/meetings/{setting.meeting_id}/console/roll-call", data=data)
    assert response.status_code == 302
    assert response.headers["Location"].endswith("#roll-call")
    page = get_page(secretary, console_url)
    quorum = page.soup.find(id="meeting-quorum").get_text(" ", strip=True)
    assert "Quorate: 10 of the 8 members needed are present" in quorum

    conflicted = setting.ids[members[0]]
    response = secretary.post(
        f"/meetings/{setting.meeting_id}/console/declarations",
        data={
            "declare-csrf_token": token(page.html, "declare"),
            "declare-item": setting.item_id,
            "declare-member": conflicted,
            "declare-nature": "Line manager of the social worker involved",
        },
    )
    assert response.status_code == 302
    page = get_page(secretary, console_url)
    item = page.soup.find(id=f"item-{setting.item_id}")
    assert "Line manager of the social worker involved" in item.get_text(" ", strip=True)
    assert "Quorate: 9 of the 8 members needed" in page.soup.find(id=f"item-{setting.item_id}-quorum").get_text(" ")

    motion_id = _propose(
        secretary, setting, "That the Panel recommends a Case Management Review", setting.ids[members[1]]
    )
    _press(secretary, f"/motions/{motion_id}/open", console_url, f"open-{motion_id}")
    page = get_page(secretary, console_url)
    hands = page.soup.find("form", action=f"/motions/{motion_id}/show-of-hands")
    names = hands.get_text(" ", strip=True)
    assert f"hands-{motion_id}-vote_{conflicted}" not in str(hands), "a member who declared an interest has no vote"
    assert "Morgan Adair" in names
    voters = [world.email("chair"), *members[1:-2]]
    assert len(voters) == 9
    choices = ["for"] * 5 + ["against"] * 3 + ["abstain"]
    _show_of_hands(secretary, setting, motion_id, {setting.ids[e]: c for e, c in zip(voters, choices, strict=True)})
    _press(secretary, f"/motions/{motion_id}/close", console_url, f"close-{motion_id}")
    page = get_page(secretary, console_url)
    motion = page.soup.find(id=f"motion-{motion_id}").get_text(" ", strip=True)
    assert "Carried" in motion
    assert "5 for, 3 against, 1 abstention" in motion
    assert "Aoife Brennan" not in motion.split("Votes by name")[1].split("Carried")[0]


def test_a_tied_motion_is_decided_by_the_chairs_casting_vote(app: Flask, world: World) -> None:
    setting = next_meeting_with_item(app, world)
    everyone_present(app, world, setting)
    secretary = client_for(app, world, world.email("secretariat"))
    console_url = f"/meetings/{setting.meeting_id}/console"
    members = world.accounts["member"]
    motion_id = _propose(secretary, setting, "That the Panel notes the agency's report", setting.ids[members[0]])
    _press(secretary, f"/motions/{motion_id}/open", console_url, f"open-{motion_id}")
    votes = {setting.ids[e]: ("for" if n % 2 else "against") for n, e in enumerate(members[:8])}
    _show_of_hands(secretary, setting, motion_id, votes)
    _press(secretary, f"/motions/{motion_id}/close", console_url, f"close-{motion_id}")
    page = get_page(secretary, console_url)
    assert page.soup.find(id=f"casting-vote-awaited-{motion_id}") is not None

    chair = client_for(app, world, world.email("chair"))
    home = get_page(chair, "/", title="Home")
    awaited = home.soup.find(id="casting-votes-awaited")
    assert awaited is not None and f"/motions/{motion_id}/casting-vote" in str(awaited)
    form = get_page(chair, f"/motions/{motion_id}/casting-vote")
    assert "4 for and 4 against" in form.text()
    response = chair.post(f"/motions/{motion_id}/casting-vote", data={"csrf_token": token(form.html), "choice": "for"})
    assert response.status_code == 302
    page = get_page(chair, console_url)  # the Chair may view the console
    motion = page.soup.find(id=f"motion-{motion_id}").get_text(" ", strip=True)
    assert "Carried" in motion and "the Chair's casting vote for" in motion
    assert page.soup.find(id=f"casting-vote-awaited-{motion_id}") is None
    assert page.soup.find("a", href=f"/meetings/{setting.meeting_id}/console/roll-call") is None, "read-only"
    get_page(chair, f"/meetings/{setting.meeting_id}/console/roll-call", status=403)


def test_an_inquorate_item_cannot_be_decided_and_can_be_deferred(app: Flask, world: World) -> None:
    setting = next_meeting_with_item(app, world)
    everyone_present(app, world, setting, except_=tuple(world.accounts["member"][:6]))
    secretary = client_for(app, world, world.email("secretariat"))
    console_url = f"/meetings/{setting.meeting_id}/console"
    motion_id = _propose(secretary, setting, "That the Panel decides", setting.ids[world.accounts["member"][7]])
    page = get_page(secretary, console_url)
    response = secretary.post(
        f"/motions/{motion_id}/open", data={f"open-{motion_id}-csrf_token": token(page.html, f"open-{motion_id}")}
    )
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    assert "Error: Meeting console" in text
    assert "This item cannot be decided: Not quorate: 6 of the 8 members needed are present." in text
    prefix = f"defer-{setting.item_id}"
    response = secretary.post(
        f"/agenda-items/{setting.item_id}/defer", data={f"{prefix}-csrf_token": token(page.html, prefix)}
    )
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"#item-{setting.item_id}")
    page = get_page(secretary, console_url)
    assert "Deferred" in page.soup.find(id=f"item-{setting.item_id}-outcome").get_text(" ", strip=True)


def test_a_member_votes_on_their_own_device_and_a_second_vote_counts_once(app: Flask, world: World) -> None:
    setting = next_meeting_with_item(app, world)
    everyone_present(app, world, setting)
    secretary = client_for(app, world, world.email("secretariat"))
    motion_id = _propose(
        secretary, setting, "That the Panel recommends a CMR", setting.ids[world.accounts["member"][0]]
    )
    _press(secretary, f"/motions/{motion_id}/open", f"/meetings/{setting.meeting_id}/console", f"open-{motion_id}")

    member = client_for(app, world, world.accounts["member"][2])
    assert f"/motions/{motion_id}/vote" in str(get_page(member, "/").soup.find(id="open-votes"))
    page = get_page(member, f"/motions/{motion_id}/vote", title="Vote on the motion – CMR Panel")
    form_token = token(page.html)
    response = member.post(f"/motions/{motion_id}/vote", data={"csrf_token": form_token, "choice": "against"})
    assert response.status_code == 302
    page = get_page(member, f"/motions/{motion_id}/vote")
    assert "Your vote is recorded: Against ." in page.soup.find(id="your-vote").get_text(" ", strip=True)
    again = member.post(f"/motions/{motion_id}/vote", data={"csrf_token": form_token, "choice": "for"})
    assert again.status_code == 200
    assert "Your vote is already recorded" in again.get_data(as_text=True)
    with app.app_context():
        motion = db.session.get(Motion, motion_id)
        assert motion is not None and motion.status == MotionStatus.OPEN
        assert [v.choice.value for v in motion.votes] == ["against"]
        db.session.remove()


def test_a_conflicted_members_vote_is_refused_with_the_reason(app: Flask, world: World) -> None:
    setting = next_meeting_with_item(app, world)
    everyone_present(app, world, setting)
    secretary = client_for(app, world, world.email("secretariat"))
    console_url = f"/meetings/{setting.meeting_id}/console"
    conflicted = world.accounts["member"][3]
    page = get_page(secretary, console_url)
    secretary.post(
        f"/meetings/{setting.meeting_id}/console/declarations",
        data={
            "declare-csrf_token": token(page.html, "declare"),
            "declare-item": setting.item_id,
            "declare-member": setting.ids[conflicted],
            "declare-nature": "Related to the family",
        },
    )
    motion_id = _propose(
        secretary, setting, "That the Panel recommends a CMR", setting.ids[world.accounts["member"][0]]
    )
    _press(secretary, f"/motions/{motion_id}/open", console_url, f"open-{motion_id}")

    member = client_for(app, world, conflicted)
    page = get_page(member, f"/motions/{motion_id}/vote")
    response = member.post(f"/motions/{motion_id}/vote", data={"csrf_token": token(page.html), "choice": "for"})
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    assert "Error: Vote on the motion" in text
    assert "declared an interest in this item and takes no part in its consideration or vote" in text


def test_an_officers_vote_is_refused(app: Flask, world: World) -> None:
    from datetime import time

    from govapp.models import Attendance
    from govapp.models import Meeting
    from govapp.services.proceedings import decide_officer_request
    from govapp.services.proceedings import record_attendance
    from govapp.services.proceedings import request_officer_attendance
    from tests.conftest import DEMO_TODAY
    from tests.proceedings.pages import person
    from tests.proceedings.pages import user

    setting = next_meeting_with_item(app, world)
    everyone_present(app, world, setting)
    with app.app_context():
        from datetime import UTC
        from datetime import datetime

        from govapp.models import AgendaItem

        item = db.session.get(AgendaItem, setting.item_id)
        meeting = db.session.get(Meeting, setting.meeting_id)
        assert item is not None and meeting is not None
        officer = person(world.email("officer"))
        before = datetime.combine(DEMO_TODAY, time(9), tzinfo=UTC)
        request = request_officer_attendance(
            user(world.email("secretariat")), item, officer, "Belfast Trust", None, now=before
        )
        decide_officer_request(user(world.email("chair")), request, True, None, now=before)
        record_attendance(user(world.email("secretariat")), meeting, officer, Attendance.OFFICER, arrived_at=time(10))
        db.session.commit()
        db.session.remove()
    secretary = client_for(app, world, world.email("secretariat"))
    motion_id = _propose(
        secretary, setting, "That the Panel recommends a CMR", setting.ids[world.accounts["member"][0]]
    )
    _press(secretary, f"/motions/{motion_id}/open", f"/meetings/{setting.meeting_id}/console", f"open-{motion_id}")

    officer_client = client_for(app, world, world.email("officer"))
    # The officer is refused the vote page (and never sees the motion's wording), and a vote posted anyway.
    page = get_page(officer_client, f"/motions/{motion_id}/vote", status=403)
    assert "Officers in attendance have no vote" in page.text()
    assert "That the Panel recommends a CMR" not in page.html
    home = get_page(officer_client, "/")
    response = officer_client.post(f"/motions/{motion_id}/vote", data={"csrf_token": token(home.html), "choice": "for"})
    assert response.status_code == 403
    # The service refuses an officer too, with the reason, whatever route a vote comes by.
    with app.app_context():
        from govapp.services import ServiceError
        from govapp.services.voting import record_vote

        with pytest.raises(ServiceError, match="is an officer in attendance: officers have no vote"):
            record_vote(None, db.session.get(Motion, motion_id), person(world.email("officer")), "for", now=clock.now())


def test_a_member_cannot_open_the_console(app: Flask, world: World) -> None:
    setting = next_meeting_with_item(app, world)
    member = client_for(app, world, world.email("member"))
    page = get_page(member, f"/meetings/{setting.meeting_id}/console", status=403)
    assert "is for the secretariat, who record the proceedings" in page.text()
    token = csrf_token_from(member.get("/").get_data(as_text=True))
    response = member.post(f"/meetings/{setting.meeting_id}/console/roll-call", data={"csrf_token": token})
    assert response.status_code == 403  # a valid form, refused for the role: nothing recorded


def test_the_console_works_on_one_item_at_a_time_in_agenda_order(app: Flask, world: World) -> None:
    """Only the item being worked on shows the forms to record a motion, the outcome and an action:
    the first item without an outcome, another item chosen by its link, or the item whose form was
    refused. Recording an outcome moves the console on to the next item."""
    setting = next_meeting_with_item(app, world)
    secretary = client_for(app, world, world.email("secretariat"))
    console_url = f"/meetings/{setting.meeting_id}/console"

    def working(page_html: str) -> list[str]:
        return [
            section["id"]
            for section in BeautifulSoup(page_html, "html.parser").select("section.app-console-item")
            if section.find("textarea", attrs={"name": lambda n: bool(n) and n.endswith("-text")})
        ]

    page = get_page(secretary, console_url)
    sections = page.soup.select("section.app-console-item")
    first, last = sections[0]["id"], f"item-{setting.item_id}"
    assert len(sections) > 1 and last == sections[-1]["id"]
    assert working(page.html) == [first]
    assert "Working on this item" in sections[0].get_text()
    link = next(a for a in sections[-1].find_all("a") if a.get_text().startswith("Work on item"))
    assert link["href"] == f"{console_url}?item={setting.item_id}#{last}"

    chosen = get_page(secretary, link["href"])
    assert working(chosen.html) == [last]

    # A refused motion keeps the console on its item, with the error and what was typed.
    prefix = f"motion-{setting.item_id}"
    refused = secretary.post(
        f"/agenda-items/{setting.item_id}/motions",
        data={f"{prefix}-csrf_token": token(chosen.html, prefix), f"{prefix}-text": "That the Panel reviews"},
    )
    assert refused.status_code == 200
    html = refused.get_data(as_text=True)
    assert working(html) == [last] and "That the Panel reviews" in html and "govuk-error-summary" in html

    # The first item's outcome recorded: the console moves on to the next item without one.
    first_id = int(first.removeprefix("item-"))
    outcome = f"outcome-{first_id}"
    recorded = secretary.post(
        f"/agenda-items/{first_id}/outcome",
        data={
            f"{outcome}-csrf_token": token(page.html, outcome),
            f"{outcome}-kind": "noted",
            f"{outcome}-text": "Noted.",
        },
    )
    assert recorded.status_code == 302 and "item=" not in recorded.headers["Location"]
    after = get_page(secretary, console_url)
    assert working(after.html) == [after.soup.select("section.app-console-item")[1]["id"]]
    assert "Noted." in after.soup.find(id=first).get_text()


def test_the_consoles_forms_show_a_member_appointed_since_they_were_last_shown(app: Flask, world: World) -> None:
    """The fields of the console's forms are remembered between visits (govapp.cache), until the
    record changes: a member appointed meanwhile can propose a motion at once."""
    from datetime import date

    from govapp.services.accounts import add_person
    from govapp.services.memberships import add_member
    from tests.proceedings.pages import panel

    setting = next_meeting_with_item(app, world)
    secretary = client_for(app, world, world.email("secretariat"))
    url = f"/meetings/{setting.meeting_id}/console?item={setting.item_id}"

    def proposers() -> list[str]:
        page = get_page(secretary, url)
        field = page.soup.find("select", attrs={"name": f"motion-{setting.item_id}-proposer"})
        return [option.get_text(strip=True) for option in field.find_all("option")]

    assert "Tess Newcomer" not in proposers()
    assert "Tess Newcomer" not in proposers(), "shown again from memory: still not a member"
    with app.app_context():
        person = add_person(None, full_name="Tess Newcomer", email="tess.newcomer@example.org")
        add_member(None, panel(), person, agency=None, starts_on=date(2026, 11, 1), now=clock.now())
        db.session.commit()
        db.session.remove()
    assert "Tess Newcomer" in proposers()
