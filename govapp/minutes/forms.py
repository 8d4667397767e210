from __future__ import annotations

from wtforms import HiddenField
from wtforms import IntegerField
from wtforms.validators import InputRequired
from wtforms.widgets import HiddenInput

from govapp.forms import Form
from govapp.forms import button
from govapp.forms import text_area


class ActionForm(Form):
    """A button that changes the record: only a CSRF token travels with it."""


class ItemSummaryForm(Form):
    summary = text_area("Minute of this item", max_length=50_000)
    version = IntegerField(widget=HiddenInput(), validators=[InputRequired(message="Reload the page and try again")])
    submit = button("Save this item")


class CommentForm(Form):
    text = text_area(
        "Your comment on the accuracy of the draft",
        required="Enter your comment on the accuracy of the minutes",
        max_length=5000,
    )
    item = HiddenField()
    submit = button("Send comment")


class AmendmentForm(Form):
    text = text_area("Amendment as agreed at the meeting", required="Enter the amendment as agreed", max_length=5000)
    submit = button("Record the amendment")
