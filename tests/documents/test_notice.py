"""The notice of meeting: when and where, the business, the signature, the standing order."""

from __future__ import annotations

from govapp.documents import build_notice
from govapp.documents.examples import example_notice
from tests.documents.helpers import body_lines
from tests.documents.helpers import body_text
from tests.documents.helpers import open_docx
from tests.documents.helpers import table_headed


def test_notice_gives_the_date_in_long_form_the_time_the_place_and_the_online_link() -> None:
    lines = body_lines(open_docx(build_notice(example_notice())))
    assert "Date: Thursday 3 December 2026" in lines
    assert "Time: 10am to 12:30pm" in lines
    assert "Place: Room 2, Linum Chambers, Belfast" in lines
    assert "Join online: https://meet.example.org/j/123456" in lines


def test_an_online_only_notice_says_so_and_a_place_not_yet_known_is_to_be_confirmed() -> None:
    online = body_lines(open_docx(build_notice(example_notice(location=None))))
    assert "Place: Online only" in online
    # With neither a place nor a link the place is to be confirmed (it used to say "Online only").
    lines = body_lines(open_docx(build_notice(example_notice(location=None, online_link=None))))
    assert "Place: To be confirmed" in lines
    assert not any(line.startswith("Join online") for line in lines)


def test_notice_specifies_the_business_with_numbers_and_purposes() -> None:
    data = example_notice()
    rows = table_headed(open_docx(build_notice(data)), "Item", "Business", "Purpose")
    assert rows == [[str(item.number), item.title, f"For {item.purpose}"] for item in data.business]


def test_notice_is_signed_with_the_signers_name_capacity_and_date() -> None:
    lines = body_lines(open_docx(build_notice(example_notice())))
    assert "Signed: Ms Niamh Kelly, on behalf of the Chair" in lines
    assert "Date: Tuesday 24 November 2026" in lines


def test_notice_signed_by_the_chair_says_chair() -> None:
    data = example_notice(signed_by="Dr Aoife Brennan", signed_capacity="Chair")
    assert "Signed: Dr Aoife Brennan, Chair" in body_lines(open_docx(build_notice(data)))


def test_notice_states_the_standing_order_on_clear_days() -> None:
    text = body_text(open_docx(build_notice(example_notice())))
    assert "must be served on each member at least 7 clear days before the day of the meeting" in text
    other = body_text(open_docx(build_notice(example_notice(notice_clear_days=10))))
    assert "at least 10 clear days before" in other


def test_a_notice_served_on_time_says_nothing_about_lateness() -> None:
    assert "served late" not in body_text(open_docx(build_notice(example_notice())))


def test_a_late_notice_says_it_was_served_late_and_why() -> None:
    data = example_notice(served_late=True, late_reason="The meeting was called at short notice.")
    text = body_text(open_docx(build_notice(data)))
    assert "This notice was served late: fewer than 7 clear days before the meeting." in text
    assert "does not invalidate the meeting" in text
    assert "Reason: The meeting was called at short notice." in text


def test_a_reissued_notice_shows_its_version() -> None:
    assert "Version 2." in body_text(open_docx(build_notice(example_notice(version=2))))
    assert "Version" not in body_text(open_docx(build_notice(example_notice())))


def test_a_place_to_be_confirmed_stays_to_be_confirmed_in_every_document() -> None:
    import dataclasses

    from govapp.documents.agenda_pack import build_agenda_pack
    from govapp.documents.examples import example_agenda_pack
    from govapp.documents.examples import example_notice
    from govapp.formatting import place

    assert place(None, None) == "To be confirmed"
    assert place("  ", "https://meet.example/panel") == "Online only"
    assert place("Room 2, Belfast", "https://meet.example/panel") == "Room 2, Belfast"
    for build, example in ((build_notice, example_notice), (build_agenda_pack, example_agenda_pack)):
        data = dataclasses.replace(example(), location=None, online_link=None)  # type: ignore[operator]
        text = body_text(open_docx(build(data)))  # type: ignore[operator]
        assert "To be confirmed" in text and "Online only" not in text
