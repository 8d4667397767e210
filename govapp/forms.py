"""The base of every form, and form fields shared by every area."""

from __future__ import annotations

import re
import secrets
from datetime import date
from datetime import time
from typing import Any
from typing import TypeVar

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from flask_wtf.file import FileRequired
from flask_wtf.file import MultipleFileField
from govuk_frontend_wtf.wtforms_widgets import GovCheckboxInput
from govuk_frontend_wtf.wtforms_widgets import GovDateInput
from govuk_frontend_wtf.wtforms_widgets import GovFileInput
from govuk_frontend_wtf.wtforms_widgets import GovPasswordInput
from govuk_frontend_wtf.wtforms_widgets import GovRadioInput
from govuk_frontend_wtf.wtforms_widgets import GovSelect
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput
from govuk_frontend_wtf.wtforms_widgets import GovTextArea
from govuk_frontend_wtf.wtforms_widgets import GovTextInput
from markupsafe import Markup
from wtforms import BooleanField
from wtforms import Field
from wtforms import HiddenField
from wtforms import PasswordField
from wtforms import RadioField
from wtforms import SelectField
from wtforms import StringField
from wtforms import SubmitField
from wtforms import TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.utils import unset_value
from wtforms.validators import Email
from wtforms.validators import InputRequired
from wtforms.validators import Length
from wtforms.validators import Optional
from wtforms.validators import StopValidation
from wtforms.validators import ValidationError
from wtforms.widgets import HiddenInput

from govapp.text import text_problem

#: The name of the one-time token every form carries beside its CSRF token (``govapp.web``).
SUBMISSION_FIELD = "submission"

_Value = TypeVar("_Value")


def given(value: _Value | None) -> _Value:
    """The value of a required field, once its form has validated (its ``InputRequired`` makes sure
    there is one)."""
    assert value is not None, "a required field had no value after validation"
    return value


def submission_input() -> Markup:
    """A hidden input with a new one-time token: the form it is in counts once (``govapp.web``)."""
    return Markup('<input type="hidden" name="{}" value="{}">').format(SUBMISSION_FIELD, secrets.token_urlsafe(24))


class _CsrfAndSubmission(HiddenInput):
    """Renders a form's CSRF token and, beside it, its one-time submission token."""

    def __call__(self, field: Any, **kwargs: Any) -> Markup:
        rendered: Markup = super().__call__(field, **kwargs)
        return rendered + submission_input()


class GovDateField(Field):
    """A date typed as day, month and year (GOV.UK date input), with messages that say what to do."""

    widget = GovDateInput()
    data: date | None
    raw_data: list[str] | None

    def __init__(self, label: str, *, what: str, **kwargs: Any) -> None:
        super().__init__(label, **kwargs)
        self.what = what

    def _value(self) -> str:
        return self.data.strftime("%d %m %Y") if isinstance(self.data, date) else ""

    def process_formdata(self, valuelist: list[str]) -> None:
        parts = [v.strip() for v in valuelist]
        self.data = None
        if not parts or not any(parts):
            return
        padded = [*parts, "", "", ""][:3]
        missing = [name for name, value in zip(("day", "month", "year"), padded, strict=True) if not value]
        if missing:
            raise ValueError(f"The {self.what} must include a {missing[0]}")
        try:
            day, month, year = (int(p) for p in padded)
            if year < 1000 or len(parts) != 3:
                raise ValueError
            self.data = date(year, month, day)
        except (ValueError, OverflowError):
            raise ValueError(f"The {self.what} must be a real date, like 3 12 2026") from None

    def process(self, formdata: Any, data: Any = unset_value, extra_filters: Any = None) -> None:
        super().process(formdata, data, extra_filters)
        if self.raw_data is not None and len(self.raw_data) != 3:
            # The widget redisplays exactly three boxes, whatever was posted.
            self.raw_data = [*self.raw_data, "", "", ""][:3]

    def pre_validate(self, form: Any) -> None:
        if self.process_errors:
            raise StopValidation()  # the error is already in self.errors


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


#: Limits for text fields that declare none (``Length(max=...)`` declares one).
DEFAULT_MAX_SINGLE_LINE = 500
DEFAULT_MAX_MULTI_LINE = 10_000


def _declared_limit(field: Field) -> int | None:
    limits = [v.max for v in field.validators if isinstance(v, Length) and v.max is not None and v.max >= 0]
    return min(limits) if limits else None


class Form(FlaskForm):
    """Every govapp form. Its text fields all have a length limit, said in their hint, and refuse
    control characters and broken characters with words (``govapp.text``); line breaks and tabs are
    allowed in multi-line fields only."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "csrf_token" in self._fields:
            self._fields["csrf_token"].widget = _CsrfAndSubmission()
        #: Each text field's limit, and whether a Length validator already enforces it.
        self.text_limits: dict[str, tuple[int, bool]] = {}
        for field in self._text_fields():
            declared = _declared_limit(field)
            default = DEFAULT_MAX_MULTI_LINE if isinstance(field, TextAreaField) else DEFAULT_MAX_SINGLE_LINE
            limit = declared or default
            self.text_limits[field.name] = (limit, declared is not None)
            if isinstance(field, PasswordField | HiddenField):
                continue
            description = str(field.description or "").strip()
            if "characters" not in description:
                hint = f"At most {limit:,} characters."
                field.description = f"{description.rstrip('.')}. {hint}" if description else hint

    def _text_fields(self) -> list[Any]:
        return [field for field in self if isinstance(field, StringField) and field.name != "csrf_token"]

    def validate(self, extra_validators: Any = None) -> bool:
        valid = bool(super().validate(extra_validators))
        for field in self._text_fields():
            if not isinstance(field.data, str):
                continue
            problem = text_problem(field.data, multiline=isinstance(field, TextAreaField))
            limit, enforced = self.text_limits[field.name]
            if problem is None and len(field.data) > limit and not enforced:
                problem = f"must be {limit:,} characters or fewer"
            if problem:
                field.errors = [*field.errors, f"{field.label.text} {problem}"]
                valid = False
        return valid


# --- field builders: one way to declare each kind of field -----------------------------------------


def _offered(choices: Any) -> set[str]:
    """The values a select offers, however its choices are given: values, (value, label) pairs, or
    groups of either by heading."""
    groups = choices.values() if isinstance(choices, dict) else [choices or []]
    return {str(c[0] if isinstance(c, tuple | list) else c) for group in groups for c in group}


class Chosen:
    """A select's answer is required and is one of its choices: ``message`` when nothing was chosen
    (a select's blank option posts an empty value, which ``InputRequired`` would let through) or when
    what was sent is not on the list (a forged or stale value)."""

    def __init__(self, message: str) -> None:
        self.message = message

    def __call__(self, form: Any, field: Field) -> None:
        if not field.data:
            raise StopValidation(self.message)
        offered = _offered(getattr(field, "choices", None))
        sent = field.data if isinstance(field.data, list | tuple) else [field.data]
        if offered and not {str(value) for value in sent} <= offered:
            raise StopValidation(self.message)


def _text_validators(label: str, required: str | None, max_length: int | None) -> list[Any]:
    validators: list[Any] = [InputRequired(message=required) if required else Optional()]
    if max_length is not None:
        name = label.removesuffix(" (optional)")
        validators.append(Length(max=max_length, message=f"{name} must be {max_length:,} characters or fewer"))
    return validators


def _described(kind: Any, label: str, widget: Any, hint: str | None, validators: list[Any], **options: Any) -> Any:
    """A field of ``kind`` drawn by the GOV.UK ``widget``, with ``hint`` under its label."""
    return kind(label, widget=widget, description=hint or "", validators=validators, **options)


def text_input(
    label: str,
    *,
    required: str | None = None,
    max_length: int | None = None,
    hint: str | None = None,
    default: str | None = None,
) -> StringField:
    """A one-line text box. ``required`` is the message when it is left empty (otherwise it is
    optional); ``max_length`` its declared limit (otherwise the form's default). Too long, it says
    "<label> must be N characters or fewer", as GOV.UK's pattern has it."""
    validators = _text_validators(label, required, max_length)
    field: StringField = _described(StringField, label, GovTextInput(), hint, validators, default=default)
    return field


def text_area(
    label: str, *, required: str | None = None, max_length: int | None = None, hint: str | None = None
) -> TextAreaField:
    """A multi-line text box, as ``text_input``."""
    field: TextAreaField = _described(
        TextAreaField, label, GovTextArea(), hint, _text_validators(label, required, max_length)
    )
    return field


def password_input(label: str, *, required: str, hint: str | None = None) -> PasswordField:
    """A password box: never shown back, at most 256 characters."""
    too_long = Length(max=256, message=f"The {label.lower()} must be 256 characters or fewer")
    field: PasswordField = _described(
        PasswordField, label, GovPasswordInput(), hint, [InputRequired(message=required), too_long]
    )
    return field


def new_password_input(label: str, *, required: str) -> PasswordField:
    """A box for choosing a new password, with the advice on choosing a strong one."""
    hint = "At least 12 characters. Three or four random words together make a strong password."
    return password_input(label, required=required, hint=hint)


def email_input(label: str, *, required: str, hint: str | None = None) -> StringField:
    """An email address, required, checked for its shape."""
    validators = [
        InputRequired(message=required),
        Length(max=320, message="The email address must be 320 characters or fewer"),
        Email(message="Enter an email address in the correct format, like name@example.org"),
    ]
    field: StringField = _described(StringField, label, GovTextInput(), hint, validators)
    return field


def choose(label: str, *, required: str, coerce: Any = str) -> SelectField:
    """A select whose choices the view fills; ``required`` is the message when none is chosen."""
    return SelectField(
        label, choices=[], coerce=coerce, widget=GovSelect(), validate_choice=False, validators=[Chosen(required)]
    )


def radios(label: str, choices: list[SelectChoice], *, required: str, default: str | None = None) -> RadioField:
    """Radio buttons; ``required`` is the message when none is selected."""
    return RadioField(
        label, choices=choices, default=default, widget=GovRadioInput(), validators=[InputRequired(message=required)]
    )


def _named(label: str) -> str:
    """How a field's messages name it: its label, from a small letter, without "(optional)"."""
    name = label.removesuffix(" (optional)")
    return name[:1].lower() + name[1:]


def date_input(
    label: str, *, what: str | None = None, required: str | None = None, hint: str | None = None
) -> GovDateField:
    """A GOV.UK date input; ``what`` names the date in its messages ("The <what> must be a real
    date"), its label unless said."""
    validators = [InputRequired(message=required) if required else Optional()]
    return GovDateField(label, what=what or _named(label), description=hint or "", validators=validators)


def button(label: str) -> SubmitField:
    """The form's submit button."""
    return SubmitField(label, widget=GovSubmitInput())


def time_input(label: str, *, what: str, required: str | None = None, hint: str | None = None) -> TimeText:
    """A time of day typed as text ('10:00', '2:30pm'); ``what`` names the time in its messages."""
    validators = [InputRequired(message=required)] if required else []
    return TimeText(label, what=what, description=hint or "", validators=validators)


def checkbox(label: str, *, required: str | None = None, default: bool = False) -> BooleanField:
    """A single checkbox; ``required`` is the message when it must be ticked and is not."""
    validators = [InputRequired(message=required)] if required else []
    return BooleanField(label, widget=GovCheckboxInput(), default=default, validators=validators)


#: The hint of a file input taking a paper.
OFFICE_FILE = "A PDF, Word (.docx), OpenDocument text (.odt) or Excel (.xlsx) file."


def file_input(label: str, *, hint: str, required: str | None = None) -> FileField:
    """A file to upload; ``required`` is the message when none is chosen."""
    field: FileField = _described(
        FileField, label, GovFileInput(), hint, [FileRequired(message=required)] if required else []
    )
    return field


def files_input(label: str, *, hint: str) -> MultipleFileField:
    """Any number of files to upload, all optional."""
    field: MultipleFileField = _described(MultipleFileField, label, GovFileInput(multiple=True), hint, [])
    return field
