"""Case clocks: when each step of a Case Management Review falls due (``docs/case-reviews.md``).

Every number is a setting of the Board's case procedure (:class:`CaseProcedure`, passed as
``orders=``), not a constant: the defaults are the guidance's. Dates are ``datetime.date`` in
Europe/London; working days are Northern Ireland's unless ``calendar=`` says otherwise.

How the guidance's words are read:

- "n working days after D" is :func:`~govapp.rules.working_days.add_working_days` (D itself does not
  count; weekends, bank holidays and the calendar's closure days are skipped).
- "n weeks after D" is D + 7n days, whatever the weekday; it is not moved off a holiday.
- "n calendar months after D" is the same day-number n months later; where that month is too short,
  its last day (31 August + 6 months = 28 February, or 29 in a leap year).
- "at least 2 weeks before the meeting" means received on or before the meeting date less 14 days.
- Progress on action plans is reported for each quarter of the reporting year (1 April - 31 March),
  due on the quarter's last day: 30 June, 30 September, 31 December and 31 March.
- The criteria of regulation 17(2): a review may be recommended only when (a), at least one of
  (b)(i)-(iii), (c) and (d) all hold; a notification is owed when (a) and a (b) hold. With criteria
  not yet known, :func:`criteria_met` gives the answer that holds whatever they turn out to be, and
  ``"unknown"`` when the unknowns could change it.
"""

from __future__ import annotations

import calendar as _calendar
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import fields
from datetime import date
from typing import Literal

from govapp.rules._checks import check_count
from govapp.rules._checks import check_date
from govapp.rules._checks import shift
from govapp.rules.dates import _month_after
from govapp.rules.working_days import NORTHERN_IRELAND
from govapp.rules.working_days import WorkingCalendar
from govapp.rules.working_days import add_working_days
from govapp.rules.working_days import require_calendar

__all__ = [
    "GUIDANCE",
    "CaseProcedure",
    "CriteriaAnswer",
    "action_plan_due",
    "considered_at",
    "criteria_met",
    "iar_due",
    "nominations_due",
    "notification_due",
    "progress_due_dates",
    "reports_due",
    "summary_to_panels_on",
]

CriteriaAnswer = Literal["review", "notify_only", "not_met", "unknown"]


@dataclass(frozen=True)
class CaseProcedure:
    """The Board's case-review clocks. Each is a whole number of the unit its name says."""

    notification_working_days: int = 2  # section 9: notify within 2 working days of the determination
    consider_after_days: int = 14  # section 10: documents received at least 2 weeks before the meeting
    nominations_working_days: int = 10  # section 12: IAR author and team member nominated after forewarning
    iar_weeks: int = 6  # sections 12, 22: IAR reports 6 weeks after the Board's confirmation
    reports_months: int = 6  # sections 25, 26: overview report at most 6 months after the IARs
    summary_after_days: int = 14  # section 31: executive summary to Safeguarding Panels 2 weeks after sharing
    action_plan_days: int = 28  # section 30: action plans within 4 weeks of approval

    def __post_init__(self) -> None:
        for setting in fields(self):
            value = getattr(self, setting.name)
            check_count(value, f"the case procedure's {setting.name.replace('_', ' ')}")
        if self.reports_months < 1:
            raise ValueError("The case procedure's reports months must be at least 1.")


#: The guidance's numbers.
GUIDANCE = CaseProcedure()


def _procedure(orders: object) -> CaseProcedure:
    if not isinstance(orders, CaseProcedure):
        raise ValueError(f"The case procedure must be a CaseProcedure, not {orders!r}.")
    return orders


def notification_due(
    determined_on: date, *, orders: CaseProcedure = GUIDANCE, calendar: WorkingCalendar = NORTHERN_IRELAND
) -> date:
    """The last day for the agency to notify: 2 working days after it determined the criteria are met.

    >>> notification_due(date(2026, 12, 24))  # Christmas Day, Boxing Day and the weekend skipped
    datetime.date(2026, 12, 30)
    """
    check_date(determined_on, "the date the criteria were determined")
    procedure = _procedure(orders)
    return add_working_days(determined_on, procedure.notification_working_days, calendar=require_calendar(calendar))


def considered_at(received_on: date, meeting_dates: Sequence[date], *, orders: CaseProcedure = GUIDANCE) -> date | None:
    """The first of ``meeting_dates`` (the Panel's scheduled meetings, in date order) on or after
    ``received_on`` + 14 days: the meeting that will consider the case. ``None`` if none is late enough.

    >>> considered_at(date(2026, 11, 20), [date(2026, 12, 3), date(2027, 1, 7)])  # 3 December is too soon
    datetime.date(2027, 1, 7)
    """
    check_date(received_on, "the date the documents were received")
    procedure = _procedure(orders)
    if isinstance(meeting_dates, str | bytes) or not isinstance(meeting_dates, Sequence):
        raise ValueError(f"The meeting dates must be a list of dates, not {meeting_dates!r}.")
    dates = [check_date(day, "each meeting date") for day in meeting_dates]
    for earlier, later in itertools.pairwise(dates):
        if later < earlier:
            raise ValueError(
                f"The meeting dates must be in date order: {later.isoformat()} comes after {earlier.isoformat()}."
            )
    earliest = shift(received_on, procedure.consider_after_days)
    return next((day for day in dates if day >= earliest), None)


def nominations_due(
    forewarned_on: date, *, orders: CaseProcedure = GUIDANCE, calendar: WorkingCalendar = NORTHERN_IRELAND
) -> date:
    """The last day for a forewarned agency to nominate its IAR author and team member: 10 working days."""
    check_date(forewarned_on, "the date of the forewarning")
    procedure = _procedure(orders)
    return add_working_days(forewarned_on, procedure.nominations_working_days, calendar=require_calendar(calendar))


def iar_due(confirmed_on: date, *, orders: CaseProcedure = GUIDANCE) -> date:
    """The last day for the Individual Agency Review reports: 6 weeks after the Board's confirmation."""
    check_date(confirmed_on, "the date of the Board's confirmation")
    return shift(confirmed_on, 7 * _procedure(orders).iar_weeks)


def reports_due(iars_completed_on: date, *, orders: CaseProcedure = GUIDANCE) -> date:
    """The last day for the overview report and executive summary: 6 calendar months after the last
    IAR report was complete, on the same day-number or, in a shorter month, its last day.

    >>> reports_due(date(2026, 8, 31))
    datetime.date(2027, 2, 28)
    """
    check_date(iars_completed_on, "the date the IAR reports were complete")
    year, month = _month_after(iars_completed_on.year, iars_completed_on.month, _procedure(orders).reports_months)
    return date(year, month, min(iars_completed_on.day, _calendar.monthrange(year, month)[1]))


def summary_to_panels_on(shared_on: date, *, orders: CaseProcedure = GUIDANCE) -> date:
    """When the executive summary goes to the Safeguarding Panel chairs: 14 days after the reports were
    first shared with the agencies' chief executives."""
    check_date(shared_on, "the date the reports were first shared")
    return shift(shared_on, _procedure(orders).summary_after_days)


def action_plan_due(approved_on: date, *, orders: CaseProcedure = GUIDANCE) -> date:
    """The last day for an agency named in a recommendation to send its action plan: 28 days after the
    Board approved the reports."""
    check_date(approved_on, "the date the Board approved the reports")
    return shift(approved_on, _procedure(orders).action_plan_days)


_QUARTER_ENDS = ((6, 30), (9, 30), (12, 31), (3, 31))


def _quarter_ends_from(day: date) -> itertools.chain[date]:
    """Every quarter end of the reporting year on or after ``day``, in order."""
    first_year = day.year if day.month >= 4 else day.year - 1

    def ends(year: int) -> list[date]:
        return [date(year if month > 3 else year + 1, month, dom) for month, dom in _QUARTER_ENDS]

    years = range(first_year, 9999)
    return itertools.chain.from_iterable(ends(year) for year in years)


def progress_due_dates(first_due: date, until: date, *, orders: CaseProcedure = GUIDANCE) -> list[date]:
    """The days progress reports on an action plan fall due: the last day of each reporting-year quarter
    (30 June, 30 September, 31 December, 31 March), from the first on or after ``first_due`` up to
    and including ``until``. Empty when ``until`` is before that first quarter end.

    >>> progress_due_dates(date(2026, 7, 1), date(2027, 3, 31))
    [datetime.date(2026, 9, 30), datetime.date(2026, 12, 31), datetime.date(2027, 3, 31)]
    """
    check_date(first_due, "the first due date")
    check_date(until, "the last date")
    _procedure(orders)
    result: list[date] = []
    for end in _quarter_ends_from(first_due):
        if end < first_due:
            continue
        if end > until:
            break
        result.append(end)
    return result


def _check_criterion(value: object, name: str) -> bool | None:
    if value is not None and not isinstance(value, bool):
        raise ValueError(
            f"Criterion {name} must be met (true), not met (false) or not yet known (none), not {value!r}."
        )
    return value


def _answer(a: bool, b_i: bool, b_ii: bool, b_iii: bool, c: bool, d: bool) -> CriteriaAnswer:
    if not a or not (b_i or b_ii or b_iii):
        return "not_met"
    return "review" if c and d else "notify_only"


def criteria_met(
    a: bool | None,
    b_i: bool | None,
    b_ii: bool | None,
    b_iii: bool | None,
    c: bool | None,
    d: bool | None,
    *,
    orders: CaseProcedure = GUIDANCE,
) -> CriteriaAnswer:
    """What the regulation 17(2) findings support: ``"review"`` when (a), at least one of (b)(i)-(iii),
    (c) and (d) all hold; ``"notify_only"`` when (a) and a (b) hold but (c) or (d) does not;
    ``"not_met"`` when (a) does not hold or no (b) holds. Each finding is ``True``, ``False`` or
    ``None`` (not yet known); with unknowns, the answer that holds whatever they turn out to be,
    else ``"unknown"``.

    >>> criteria_met(True, None, True, None, True, True)
    'review'
    >>> criteria_met(True, True, None, None, None, True)
    'unknown'
    """
    values = [
        _check_criterion(value, name)
        for value, name in zip(
            (a, b_i, b_ii, b_iii, c, d), ("(a)", "(b)(i)", "(b)(ii)", "(b)(iii)", "(c)", "(d)"), strict=True
        )
    ]
    choices = [(value,) if value is not None else (False, True) for value in values]
    answers = {_answer(*combination) for combination in itertools.product(*choices)}
    return answers.pop() if len(answers) == 1 else "unknown"
