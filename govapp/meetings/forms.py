"""Forms for calling, rescheduling and cancelling meetings and for the year's schedule."""

from __future__ import annotations

from datetime import date

from govuk_frontend_wtf.wtforms_widgets import GovCheckboxesInput
from govuk_frontend_wtf.wtforms_widgets import GovTextInput
from wtforms import SelectMultipleField
from wtforms import StringField
from wtforms import TextAreaField
from wtforms.validators import URL
from wtforms.validators import Length
from wtforms.validators import Optional

from govapp.forms import Chosen
from govapp.forms import Form
from govapp.forms import TimeText
from govapp.forms import button
from govapp.forms import checkbox
from govapp.forms import date_input
from govapp.forms import text_area
from govapp.forms import text_input
from govapp.forms import time_input


def _times(start_hint: str, finish_hint: str) -> tuple[TimeText, TimeText]:
    """When a meeting starts, and (if known) when it finishes."""
    starts_at = time_input("Start time", what="start time", hint=start_hint, required="Enter the start time")
    return starts_at, time_input("Finish time (optional)", what="finish time", hint=finish_hint)


def _place_fields() -> tuple[StringField, StringField]:
    """Where a meeting is held, and the link to join it online."""
    location = text_input("Where (optional)", hint="The room and building, or 'Online'", max_length=300)
    online_link = StringField(
        "Link to join online (optional)",
        widget=GovTextInput(),
        description="The video call's web address, starting with https://",
        validators=[
            Optional(),
            Length(max=500, message="The link must be 500 characters or fewer"),
            URL(require_tld=False, message="Enter the link in the correct format, starting with https://"),
        ],
    )
    return location, online_link


def _orders_reason(label: str, hint: str) -> TextAreaField:
    """The reason a meeting is held on a date that breaks the standing orders."""
    return text_area(label, hint=hint, max_length=1000)


class MeetingForm(Form):
    """Call a meeting, or move one: date, times and place."""

    meeting_date = date_input(
        "Date of the meeting", what="meeting date", hint="For example, 3 12 2026", required="Enter the meeting date"
    )
    starts_at, ends_at = _times("For example, 10:00 or 2:30pm", "For example, 12:30 or 4pm")
    location, online_link = _place_fields()
    confirm_late = checkbox("I confirm the further meeting is to be held after the date the standing orders set")
    confirm_orders = checkbox(
        "I confirm the meeting is to be held on this date although it breaks the standing orders above"
    )
    orders_reason = _orders_reason(
        "Why it must be held on this date",
        "Members see this on the meeting's page, and it is kept in the audit record.",
    )
    submit = button("Save and send invites")


class ScheduleYearForm(Form):
    """Create some of the reporting year's usual meetings at once."""

    days = SelectMultipleField(
        "Meetings to create",
        widget=GovCheckboxesInput(),
        coerce=str,
        choices=[],
        validators=[Chosen("Choose at least one meeting to create")],
    )
    starts_at, ends_at = _times("For example, 10:00", "For example, 12:30")
    location, online_link = _place_fields()
    confirm_orders = checkbox(
        "I confirm these meetings are to be held on these dates although they break the standing orders above"
    )
    orders_reason = _orders_reason(
        "Why they must be held on these dates",
        "Members see this on each meeting's page, and it is kept in the audit record.",
    )
    submit = button("Create the chosen meetings and send invites")

    @property
    def chosen_days(self) -> list[date]:
        return [date.fromisoformat(value) for value in self.days.data or []]


class CancelMeetingForm(Form):
    reason = text_area(
        "Why is the meeting cancelled?",
        hint="Members see this reason in the cancellation. Do not include case details.",
        required="Enter the reason the meeting is cancelled",
        max_length=2000,
    )
    submit = button("Cancel the meeting and tell members")


class InquorateForm(Form):
    submit = button("Record the meeting as inquorate")
