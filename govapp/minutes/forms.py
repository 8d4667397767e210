from __future__ import annotations

from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput, GovTextArea
from wtforms import HiddenField, IntegerField, StringField, SubmitField
from wtforms.validators import InputRequired, Length
from wtforms.widgets import HiddenInput

from govapp.forms import Form


class ActionForm(Form):
    """A button that changes the record: only a CSRF token travels with it."""


class ItemSummaryForm(Form):
    summary = StringField("Minute of this item", widget=GovTextArea(), validators=[Length(max=50_000)])
    version = IntegerField(widget=HiddenInput(), validators=[InputRequired(message="Reload the page and try again")])
    submit = SubmitField("Save this item", widget=GovSubmitInput())


class CommentForm(Form):
    text = StringField(
        "Your comment on the accuracy of the draft",
        widget=GovTextArea(),
        validators=[InputRequired(message="Enter your comment on the accuracy of the minutes"), Length(max=5000)],
    )
    item = HiddenField()
    submit = SubmitField("Send comment", widget=GovSubmitInput())


class AmendmentForm(Form):
    text = StringField(
        "Amendment as agreed at the meeting",
        widget=GovTextArea(),
        validators=[InputRequired(message="Enter the amendment as agreed"), Length(max=5000)],
    )
    submit = SubmitField("Record the amendment", widget=GovSubmitInput())
