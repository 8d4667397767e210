"""Forms for calling, rescheduling and cancelling meetings and for the year's schedule."""

from __future__ import annotations

import re
from datetime import date, time
from typing import Any

from govuk_frontend_wtf.wtforms_widgets import GovCheckboxesInput, GovCheckboxInput, GovTextInput
from wtforms import BooleanField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import URL, InputRequired, Length, Optional, ValidationError

from govapp.forms import Chosen, Form, button, date_input, text_area, text_input

_TIME = re.compile(r"^(?P<hour>\d{1,2})(?:[:.](?P<minute>\d{2}))?\s*(?P<suffix>am|pm)?$")


def parse_time(text: str) -> time | None:
    """'10:00', '10am', '2:30pm', '14.30', 'midday' → a time; anything else → None."""
    text = text.strip().lower().replace(" ", "")
    if text in {"midday", "noon", "12noon"}:
        return time(12, 0)
    match = _TIME.match(text)
    if not match:
        return None
    hour, minute = int(match["hour"]), int(match["minute"] or 0)
    suffix = match["suffix"]
    if suffix:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if suffix == "pm" else 0)
    elif match["minute"] is None:
        return None  # '10' alone is ambiguous
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


class TimeText(StringField):
    """A time typed as text: '10:00', '2:30pm'."""

    widget = GovTextInput()

    def __init__(self, label: str, *, what: str, **kwargs: Any) -> None:
        super().__init__(label, **kwargs)
        self.what = what
        self.time: time | None = None

    def _value(self) -> str:
        if self.raw_data:
            return str(self.raw_data[0])
        if isinstance(self.data, time):
            return self.data.strftime("%H:%M")
        return str(self.data or "")

    def post_validate(self, form: Any, validation_stopped: bool) -> None:
        if validation_stopped:
            return
        text = self.data if isinstance(self.data, str) else ""
        if isinstance(self.data, time):
            self.time = self.data
            return
        if not text.strip():
            self.time = None
            return
        self.time = parse_time(text)
        if self.time is None:
            raise ValidationError(f"Enter the {self.what} as a time of day, like 10:00 or 2:30pm")


def _place_fields() -> tuple[StringField, StringField]:
    """Where a meeting is held, and the link to join it online."""
    location = text_input(
        "Where (optional)",
        hint="The room and building, or 'Online'",
        max_length=300,
        too_long="Where must be 300 characters or fewer",
    )
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
    return text_area(label, hint=hint, max_length=1000, too_long="The reason must be 1,000 characters or fewer")


class MeetingForm(Form):
    """Call a meeting, or move one: date, times and place."""

    meeting_date = date_input(
        "Date of the meeting", what="meeting date", hint="For example, 3 12 2026", required="Enter the meeting date"
    )
    starts_at = TimeText(
        "Start time",
        what="start time",
        description="For example, 10:00 or 2:30pm",
        validators=[InputRequired(message="Enter the start time")],
    )
    ends_at = TimeText("Finish time (optional)", what="finish time", description="For example, 12:30 or 4pm")
    location, online_link = _place_fields()
    confirm_late = BooleanField(
        "I confirm the further meeting is to be held after the date the standing orders set",
        widget=GovCheckboxInput(),
    )
    confirm_orders = BooleanField(
        "I confirm the meeting is to be held on this date although it breaks the standing orders above",
        widget=GovCheckboxInput(),
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
    starts_at = TimeText(
        "Start time",
        what="start time",
        description="For example, 10:00",
        validators=[InputRequired(message="Enter the start time")],
    )
    ends_at = TimeText("Finish time (optional)", what="finish time", description="For example, 12:30")
    location, online_link = _place_fields()
    confirm_orders = BooleanField(
        "I confirm these meetings are to be held on these dates although they break the standing orders above",
        widget=GovCheckboxInput(),
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
        too_long="The reason must be 2,000 characters or fewer",
    )
    submit = button("Cancel the meeting and tell members")


class InquorateForm(Form):
    submit = button("Record the meeting as inquorate")
