"""A committee's standing orders as configuration: the numbers the rules are computed from.

Every number in the CMR Panel's standing orders is a default of :class:`StandingOrders`, not a
constant in code: the Board, the Safeguarding Panels and sub-committees have their own. The
defaults, ``CMR_PANEL``, are what every rule uses when ``orders=`` is omitted.

How each setting is read by the rules:

- ``notice_clear_days`` (7): notice is served at least this many *clear* days before the meeting,
  so the last day to serve it is the meeting date minus (n + 1) days.
- ``papers_days`` (7): agenda and papers are despatched on or before the meeting date minus n days
  (at least 1, so papers always go before the meeting day).
- ``agenda_request_clear_days`` (14): a member's agenda request is on time when received on or
  before the meeting date minus (n + 1) days.
- ``minutes_working_days`` (21): draft minutes circulate on or before the n-th working day after
  the meeting.
- ``quorum_fraction`` (2/3): members who must be present, rounded up, the Chair included.
- ``chair_required_for_quorum`` (true): with no deputy Chair, the Chair's absence makes a meeting
  inquorate.
- ``interest_exception_above`` (1/3): when *strictly more* than this fraction of the membership has
  declared an interest in an item, the quorum for that item is counted on the remaining members.
- ``requisition_fraction`` (3/4) and ``requisition_call_days`` (14): signatures needed on a
  requisition (rounded up) and the days after presentation by which the Chair must call a meeting.
- ``reconvene_months`` (1): an inquorate meeting is reconvened within this many months from and
  including the day it was scheduled.
- ``meetings_per_year`` (4): the minimum number of meetings in a reporting year (1 April–31 March).
- ``absence_consecutive`` (2) and ``absence_window_months`` (12): this many consecutive missed
  occasions within the window raise an absence alert for the Chair.
- ``usual_weekday`` (3, Thursday; Monday is 0) and ``usual_week_of_month`` (1): the usual meeting
  day, "the first Thursday of each month".
- ``deputy_chair`` (false), ``seconder_required`` (false) and ``standing_items``: recorded for the
  app (who may preside, whether motions need a seconder, the items put first on every agenda); the
  arithmetic here does not depend on them.

Settings are checked when created: a bad value raises ``ValueError`` with a message naming the
setting in plain English. ``to_dict``/``from_dict`` convert to and from JSON-safe dictionaries
(fractions as ``"2/3"`` strings, standing items as a list).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

__all__ = ["CMR_PANEL", "OrdersError", "StandingOrders", "orders_from_text", "setting_label"]

# Plain-English names of the settings, used in error messages.
_LABELS: dict[str, str] = {
    "notice_clear_days": "the clear days' notice of a meeting",
    "papers_days": "the days before a meeting by which papers are despatched",
    "agenda_request_clear_days": "the clear days before a meeting for an agenda request",
    "minutes_working_days": "the working days for circulating draft minutes",
    "quorum_fraction": "the quorum fraction",
    "chair_required_for_quorum": "whether the Chair is needed for a quorum",
    "interest_exception_above": "the share of members declaring an interest above which the quorum exception applies",
    "requisition_fraction": "the share of members who must sign a requisition",
    "requisition_call_days": "the days the Chair has to call a requisitioned meeting",
    "reconvene_months": "the months within which an inquorate meeting is reconvened",
    "meetings_per_year": "the minimum number of meetings a year",
    "absence_consecutive": "the number of consecutive missed meetings that raises an absence alert",
    "absence_window_months": "the months within which missed meetings raise an absence alert",
    "usual_weekday": "the usual meeting weekday",
    "usual_week_of_month": "the usual week of the month for meetings",
    "deputy_chair": "whether there is a deputy Chair",
    "seconder_required": "whether a motion needs a seconder",
    "standing_items": "the standing items",
}

# (smallest, largest) allowed for each whole-number setting. The upper limits only keep the
# settings sensible (nothing in the standing orders runs beyond a year or two).
_INT_RANGES: dict[str, tuple[int, int]] = {
    "notice_clear_days": (0, 366),
    "papers_days": (1, 366),
    "agenda_request_clear_days": (0, 366),
    "minutes_working_days": (0, 260),
    "requisition_call_days": (0, 366),
    "reconvene_months": (1, 24),
    "meetings_per_year": (0, 366),
    "absence_consecutive": (1, 366),
    "absence_window_months": (1, 120),
    "usual_weekday": (0, 6),
    "usual_week_of_month": (1, 5),
}

_FRACTIONS = ("quorum_fraction", "interest_exception_above", "requisition_fraction")
_FLAGS = ("chair_required_for_quorum", "deputy_chair", "seconder_required")


@dataclass(frozen=True)
class StandingOrders:
    """One committee's standing orders. The defaults are the CMR Panel's."""

    notice_clear_days: int = 7
    papers_days: int = 7
    agenda_request_clear_days: int = 14
    minutes_working_days: int = 21
    quorum_fraction: Fraction = Fraction(2, 3)
    chair_required_for_quorum: bool = True
    interest_exception_above: Fraction = Fraction(1, 3)
    requisition_fraction: Fraction = Fraction(3, 4)
    requisition_call_days: int = 14
    reconvene_months: int = 1
    meetings_per_year: int = 4
    absence_consecutive: int = 2
    absence_window_months: int = 12
    usual_weekday: int = 3
    usual_week_of_month: int = 1
    deputy_chair: bool = False
    seconder_required: bool = False
    standing_items: tuple[str, ...] = (
        "Apologies",
        "Declarations of interest",
        "Minutes of the previous meeting",
        "Matters arising",
    )

    def __post_init__(self) -> None:
        for name, (low, high) in _INT_RANGES.items():
            _check_int_setting(name, getattr(self, name), low, high)
        for name in _FRACTIONS:
            object.__setattr__(self, name, _fraction_setting(name, getattr(self, name)))
        for name in _FLAGS:
            if not isinstance(getattr(self, name), bool):
                raise ValueError(f"{_label(name)} must be true or false, not {getattr(self, name)!r}.")
        object.__setattr__(self, "standing_items", _standing_items_setting(self.standing_items))

    def to_dict(self) -> dict[str, object]:
        """Return the settings as a JSON-safe dictionary (fractions as ``"a/b"`` strings)."""
        data: dict[str, object] = {}
        for field in dataclasses.fields(self):
            value = getattr(self, field.name)
            if isinstance(value, Fraction):
                data[field.name] = f"{value.numerator}/{value.denominator}"
            elif isinstance(value, tuple):
                data[field.name] = list(value)
            else:
                data[field.name] = value
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> StandingOrders:
        """Build standing orders from a dictionary such as ``to_dict`` returns.

        Missing settings take the CMR Panel's defaults. Unknown settings or bad values raise
        ``ValueError`` with a plain-English message.
        """
        if not isinstance(data, Mapping):
            raise ValueError(f"Standing orders must be given as a mapping of settings, not {data!r}.")
        known = {field.name for field in dataclasses.fields(cls)}
        unknown = sorted(str(key) for key in data if key not in known)
        if unknown:
            raise ValueError(f"Unknown standing-order setting(s): {', '.join(unknown)}.")
        values: dict[str, object] = {}
        for key, value in data.items():
            if key in _FRACTIONS:
                values[key] = _parse_fraction(key, value)
            elif key == "standing_items":
                if not isinstance(value, list | tuple):
                    raise ValueError(f"{_label(key)} must be a list of item titles, not {value!r}.")
                values[key] = tuple(value)
            else:
                values[key] = value
        return cls(**values)  # type: ignore[arg-type]  # each value is checked in __post_init__


def require_orders(orders: object) -> StandingOrders:
    """Return ``orders`` if it is a :class:`StandingOrders`; otherwise raise ``ValueError``."""
    if not isinstance(orders, StandingOrders):
        raise ValueError(f"The standing orders must be a StandingOrders, not {orders!r}.")
    return orders


def _label(name: str) -> str:
    text = _LABELS[name]
    return text[:1].upper() + text[1:]


def _check_int_setting(name: str, value: object, low: int, high: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{_label(name)} must be a whole number, not {value!r}.")
    if not low <= value <= high:
        raise ValueError(f"{_label(name)} must be between {low} and {high} (got {value}).")


def _fraction_setting(name: str, value: object) -> Fraction:
    if isinstance(value, bool) or not isinstance(value, Fraction | int):
        raise ValueError(f'{_label(name)} must be a fraction such as "2/3", not {value!r}.')
    fraction = Fraction(value)
    if not 0 < fraction <= 1:
        raise ValueError(f"{_label(name)} must be more than 0 and at most 1 (got {fraction}).")
    return fraction


def _parse_fraction(name: str, value: object) -> object:
    """Turn a JSON value for a fraction setting into a ``Fraction``; floats are refused as inexact."""
    if isinstance(value, str):
        try:
            return Fraction(value.strip())
        except (ValueError, ZeroDivisionError):
            raise ValueError(f'{_label(name)} must be a fraction such as "2/3", not {value!r}.') from None
    if isinstance(value, float):
        raise ValueError(f'{_label(name)} must be written as a fraction such as "2/3", not the decimal {value!r}.')
    return value


def _standing_items_setting(value: object) -> tuple[str, ...]:
    if not isinstance(value, list | tuple):
        raise ValueError(f"{_label('standing_items')} must be a list of item titles, not {value!r}.")
    items: list[str] = []
    for item in value:
        if not isinstance(item, str) or not item.strip():
            raise ValueError(f"Each standing item must be a title in words, not {item!r}.")
        if item.strip() in items:
            raise ValueError(f"The standing item {item.strip()!r} is listed twice.")
        items.append(item.strip())
    return tuple(items)


class OrdersError(ValueError):
    """A standing-order setting that cannot be accepted, naming the setting."""

    def __init__(self, setting: str, message: str) -> None:
        super().__init__(message)
        self.setting = setting
        self.message = message


def setting_label(name: str) -> str:
    """The setting's name in plain English, as the messages say it ("The quorum fraction")."""
    return _label(name)


def orders_from_text(values: Mapping[str, str | bool]) -> StandingOrders:
    """Standing orders from what a person typed: whole numbers and fractions ("2/3") as text, flags as
    booleans, standing items one per line. Settings left out keep the CMR Panel's defaults. A bad
    value raises :class:`OrdersError` naming the setting, with words a person can act on."""
    data: dict[str, object] = {}
    for name, raw in values.items():
        if name not in _LABELS:
            raise OrdersError(name, f"Unknown standing-order setting: {name}.")
        if name in _FLAGS:
            data[name] = bool(raw)
            continue
        text = str(raw).strip()
        if name == "standing_items":
            data[name] = [line.strip() for line in text.splitlines() if line.strip()]
        elif name in _FRACTIONS:
            data[name] = text
        else:
            try:
                data[name] = int(text)
            except ValueError:
                raise OrdersError(name, f"{_label(name)} must be a whole number, like 7.") from None
    for name, value in data.items():
        try:
            StandingOrders.from_dict({name: value})
        except ValueError as error:
            raise OrdersError(name, str(error)) from None
    return StandingOrders.from_dict(data)


CMR_PANEL = StandingOrders()
"""The Case Management Review Panel's standing orders: the default wherever ``orders=`` is omitted."""
