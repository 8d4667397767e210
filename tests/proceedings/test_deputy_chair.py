"""A committee whose standing orders provide a deputy Chair: the deputising refusal and every quorum
explanation agree with the item's quorum, which already honoured the setting."""

from __future__ import annotations

from govapp.models import Attendance
from govapp.rules import CMR_PANEL
from govapp.services.accounts import add_person
from govapp.services.proceedings import decide_deputy_request
from govapp.services.proceedings import item_quorum
from govapp.services.proceedings import meeting_quorum
from govapp.services.proceedings import record_attendance
from govapp.services.proceedings import record_declaration
from govapp.services.proceedings import request_deputy
from tests.proceedings.conftest import BEFORE
from tests.proceedings.conftest import NOW
from tests.proceedings.conftest import Panel


def _with_deputy_chair(panel: Panel) -> None:
    panel.committee.orders = {**CMR_PANEL.to_dict(), "deputy_chair": True}


def test_where_the_orders_provide_a_deputy_chair_the_chair_may_be_deputised(panel: Panel) -> None:
    _with_deputy_chair(panel)
    deputy = add_person(None, full_name="Deputy Chair Person", email="deputy.chair@example.org")
    request = request_deputy(None, panel.meeting, panel.chair, deputy, "Chairing another panel", now=BEFORE)
    decide_deputy_request(panel.chair_user, request, True, None, now=BEFORE)
    panel.present(*panel.members[:5])
    record_attendance(panel.secretary, panel.meeting, deputy, Attendance.DEPUTY, deputy_for=panel.chair)
    state = meeting_quorum(panel.meeting)
    assert (state.present, state.chair_present, state.quorate) == (6, True, True)


def test_where_the_orders_provide_a_deputy_chair_the_quorum_words_never_deny_one(panel: Panel) -> None:
    _with_deputy_chair(panel)
    assert meeting_quorum(panel.meeting).explain() == "Not quorate: neither the Chair nor a deputy Chair is present."
    panel.present(*panel.everyone)
    record_declaration(panel.secretary, panel.item, panel.chair, "Related to a professional involved", now=NOW)
    state = item_quorum(panel.item)
    assert state.quorate
    assert state.explain() == "Quorate: 8 of the 6 members needed are present."


def test_without_a_deputy_chair_the_words_say_so(panel: Panel) -> None:
    panel.present(*panel.everyone)
    record_declaration(panel.secretary, panel.item, panel.chair, "Related to a professional involved", now=NOW)
    assert item_quorum(panel.item).explain() == "Not quorate: the Chair is not present, and there is no deputy Chair."
