"""Every form refuses control characters and over-long text with words, and says its limit in the hint."""

from __future__ import annotations

from datetime import date

from flask import Flask
from sqlalchemy import select
from wtforms import SelectMultipleField
from wtforms import StringField
from wtforms import TextAreaField

from govapp.extensions import db
from govapp.forms import DEFAULT_MAX_MULTI_LINE
from govapp.forms import Chosen
from govapp.forms import Form
from govapp.forms import choose
from govapp.models import PersonalToken
from govapp.services.accounts import add_person
from govapp.services.accounts import create_account
from govapp.services.committees import appoint_member
from govapp.services.committees import create_committee
from tests.conftest import csrf_token_from
from tests.conftest import get_page
from tests.conftest import sign_in


class NoteForm(Form):
    class Meta:
        csrf = False

    title = StringField("Title")
    body = TextAreaField("Note")


def test_a_web_form_refuses_control_characters_and_keeps_what_was_typed(app: Flask) -> None:
    with app.app_context():
        bea = add_person(None, full_name="Bea Member", email="bea@example.org")
        create_account(None, bea, "granite-heron-linen-falcon")
        panel = create_committee(None, name="Case Management Review Panel", short_name="CMR Panel")
        appoint_member(None, panel, bea, agency="PSNI", starts_on=date(2026, 4, 1))
        db.session.commit()
    client = app.test_client()
    sign_in(client, "bea@example.org", "granite-heron-linen-falcon")
    page = get_page(client, "/account")
    assert "At most 100 characters." in page.text()  # the limit is in the hint
    response = client.post(
        "/account/api-tokens", data={"csrf_token": csrf_token_from(page.html), "api-name": "Board\x07 spreadsheet"}
    )
    html = response.get_data(as_text=True)
    assert "Name for the API token contains control characters, which are invisible" in html
    with app.app_context():
        assert db.session.scalars(select(PersonalToken)).all() == []


def test_line_breaks_are_for_multi_line_fields_and_every_field_has_a_limit(app: Flask) -> None:
    with app.test_request_context(method="POST", data={"title": "A\nB", "body": "First line\n\tindented"}):
        form = NoteForm()
        assert not form.validate()
        assert form.title.errors == [
            "Title contains control characters, which are invisible. Remove them, or paste it as plain text."
        ]
        assert form.body.errors == []
        assert form.body.description == f"At most {DEFAULT_MAX_MULTI_LINE:,} characters."
    with app.test_request_context(method="POST", data={"title": "x" * 501, "body": "y" * (DEFAULT_MAX_MULTI_LINE + 1)}):
        form = NoteForm()
        assert not form.validate()
        assert form.title.errors == ["Title must be 500 characters or fewer"]
        assert form.body.errors == [f"Note must be {DEFAULT_MAX_MULTI_LINE:,} characters or fewer"]
    with app.test_request_context(method="POST", data={"title": "Child A", "body": "Line one\r\nLine two"}):
        assert NoteForm().validate()


class ChoiceForm(Form):
    class Meta:
        csrf = False

    meeting = choose("Meeting", required="Choose the meeting")
    agencies = SelectMultipleField(
        "Agencies", choices=[], validate_choice=False, validators=[Chosen("Choose the agencies")]
    )


def test_a_choice_not_on_the_list_is_refused_with_the_fields_words(app: Flask) -> None:
    """A forged or stale value for a select or checkboxes never reaches the view."""
    offered = [("", "Choose a meeting"), ("7", "3 December 2026"), ("9", "7 January 2027")]
    for sent, accepted in [
        ({"meeting": "7", "agencies": ["1", "2"]}, True),
        ({"meeting": "😀", "agencies": ["1"]}, False),
        ({"meeting": "8", "agencies": ["1"]}, False),
        ({"meeting": "9", "agencies": ["1", "3"]}, False),
        ({"meeting": "", "agencies": []}, False),
    ]:
        with app.test_request_context(method="POST", data=sent):
            form = ChoiceForm()
            form.meeting.choices = offered
            form.agencies.choices = [("1", "Police"), ("2", "Education")]
            assert form.validate() is accepted, sent
            if not accepted:
                assert form.errors, sent
                assert set(form.errors) <= {"meeting", "agencies"}
    with app.test_request_context(method="POST", data={"meeting": "😀", "agencies": ["5"]}):
        form = ChoiceForm()
        form.meeting.choices = offered
        form.agencies.choices = [("1", "Police")]
        assert not form.validate()
        assert form.errors == {"meeting": ["Choose the meeting"], "agencies": ["Choose the agencies"]}
