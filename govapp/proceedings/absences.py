"""Absence follow-up (the Chair ascertains the reasons for consecutive absences) and the attendance report."""

from __future__ import annotations

from datetime import date

from flask import Response
from flask import abort
from flask import flash
from flask import redirect
from flask import render_template
from flask import request
from flask import url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from werkzeug.exceptions import NotFound

from govapp import clock
from govapp import rules
from govapp.models import Committee
from govapp.permissions import Action
from govapp.proceedings.common import ConsoleForms
from govapp.proceedings.common import bp
from govapp.proceedings.common import signed_in_access
from govapp.proceedings.forms import AbsenceReasonForm
from govapp.services import absences as absences_service
from govapp.web import attempt
from govapp.web import committee_route

# --- absence and attendance ----------------------------------------------------------------------


@committee_route(bp, "/committees/<slug>/absences", Action.SEE_ABSENCES, methods=["GET", "POST"])
def absences(committee: Committee) -> ResponseReturnValue:
    """Members' consecutive absences, and the reasons the Chair ascertained."""
    found = signed_in_access(committee)
    today = clock.today()
    alerts = absences_service.absence_alerts(committee, today)
    keys = {f"absence-{a.person.id}-{a.first.id}-{a.second.id}": a for a in alerts}
    failed: AbsenceReasonForm | None = None
    if request.method == "POST":
        found.require(Action.RECORD_ABSENCE_REASON)
        key = request.form.get("alert", "")
        alert = keys.get(key)
        if alert is None:
            raise NotFound("There is no such absence alert.")
        form = AbsenceReasonForm(prefix=key)
        if form.validate_on_submit():
            with attempt(form, conflicts_on_form=False) as done:
                absences_service.record_absence_reason(
                    current_user, committee, alert.person, alert.first, alert.second, form.reason.data, now=clock.now()
                )
            if done:
                flash(f"The reason for {alert.person.full_name}'s absences is recorded", "success")
                return redirect(url_for("proceedings.absences", slug=committee.slug))
        failed = form
    forms = ConsoleForms(failed)
    return render_template(
        "proceedings/absences.html",
        form=failed,
        committee=committee,
        alerts=[(key, alert, forms.get(AbsenceReasonForm, key)) for key, alert in keys.items()],
        can_record=found.can(Action.RECORD_ABSENCE_REASON),
    )


def _year_start(raw: str | None, today: date) -> date:
    if not raw:
        return rules.reporting_year(today)[0]
    if not raw.isdigit() or not 2000 <= int(raw) <= 2100:
        abort(400, "Choose a reporting year, like 2026 for 1 April 2026 to 31 March 2027.")
    return date(int(raw), 4, 1)


@committee_route(bp, "/committees/<slug>/attendance-report", Action.SEE_ATTENDANCE_REPORT)
def attendance_report(committee: Committee) -> ResponseReturnValue:
    today = clock.today()
    year_start = _year_start(request.args.get("year"), today)
    lines = absences_service.attendance_report(committee, year_start, today)
    label = absences_service.report_year_label(year_start)
    if request.args.get("format") == "csv":
        absences_service.record_report_download(current_user, committee, year_start)
        filename = f"{committee.slug}-attendance-{label}.csv"
        return Response(
            absences_service.attendance_report_csv(lines),
            mimetype="text/csv",
            headers={"Content-Disposition": f'attachment; filename="{filename}"'},
        )
    this_year = rules.reporting_year(today)[0].year
    return render_template(
        "proceedings/attendance_report.html",
        committee=committee,
        lines=lines,
        year_start=year_start,
        year_end=rules.reporting_year(year_start)[1],
        label=label,
        years=list(range(this_year, this_year - 5, -1)),
    )
