"""Form fields shared by every area."""

from __future__ import annotations

from datetime import date
from typing import Any

from govuk_frontend_wtf.wtforms_widgets import GovDateInput
from wtforms import Field
from wtforms.utils import unset_value
from wtforms.validators import StopValidation


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
