"""The base of every form, and form fields shared by every area."""

from __future__ import annotations

import secrets
from datetime import date
from typing import Any

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovDateInput,
    GovPasswordInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from markupsafe import Markup
from wtforms import Field, HiddenField, PasswordField, RadioField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.utils import unset_value
from wtforms.validators import Email, InputRequired, Length, Optional, StopValidation
from wtforms.widgets import HiddenInput

from govapp.text import text_problem

#: The name of the one-time token every form carries beside its CSRF token (``govapp.web``).
SUBMISSION_FIELD = "submission"


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


class Chosen:
    """A select's answer is required: ``message`` when nothing was chosen. (A select's blank option
    posts an empty value, which ``InputRequired`` would let through.)"""

    def __init__(self, message: str) -> None:
        self.message = message

    def __call__(self, form: Any, field: Field) -> None:
        if not field.data:
            raise StopValidation(self.message)


def _text_validators(label: str, required: str | None, max_length: int | None, too_long: str | None) -> list[Any]:
    validators: list[Any] = [InputRequired(message=required) if required else Optional()]
    if max_length is not None:
        name = label.removesuffix(" (optional)")
        message = too_long or f"{name} must be {max_length:,} characters or fewer"
        validators.append(Length(max=max_length, message=message))
    return validators


def text_input(
    label: str,
    *,
    required: str | None = None,
    max_length: int | None = None,
    too_long: str | None = None,
    hint: str | None = None,
    default: str | None = None,
) -> StringField:
    """A one-line text box. ``required`` is the message when it is left empty (otherwise it is
    optional); ``max_length`` and ``too_long`` its declared limit (otherwise the form's default)."""
    return StringField(
        label,
        widget=GovTextInput(),
        description=hint or "",
        default=default,
        validators=_text_validators(label, required, max_length, too_long),
    )


def text_area(
    label: str,
    *,
    required: str | None = None,
    max_length: int | None = None,
    too_long: str | None = None,
    hint: str | None = None,
) -> TextAreaField:
    """A multi-line text box, as ``text_input``."""
    validators = _text_validators(label, required, max_length, too_long)
    return TextAreaField(label, widget=GovTextArea(), description=hint or "", validators=validators)


def password_input(label: str, *, required: str, hint: str | None = None) -> PasswordField:
    """A password box: never shown back, at most 256 characters."""
    return PasswordField(
        label,
        widget=GovPasswordInput(),
        description=hint or "",
        validators=[
            InputRequired(message=required),
            Length(max=256, message=f"The {label.lower()} must be 256 characters or fewer"),
        ],
    )


def email_input(label: str, *, required: str, hint: str | None = None) -> StringField:
    """An email address, required, checked for its shape."""
    return StringField(
        label,
        widget=GovTextInput(),
        description=hint or "",
        validators=[
            InputRequired(message=required),
            Length(max=320, message="The email address must be 320 characters or fewer"),
            Email(message="Enter an email address in the correct format, like name@example.org"),
        ],
    )


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


def date_input(label: str, *, what: str, required: str | None = None, hint: str | None = None) -> GovDateField:
    """A GOV.UK date input; ``what`` names the date in its messages."""
    return GovDateField(
        label,
        what=what,
        description=hint or "",
        validators=[InputRequired(message=required) if required else Optional()],
    )


def button(label: str) -> SubmitField:
    """The form's submit button."""
    return SubmitField(label, widget=GovSubmitInput())
