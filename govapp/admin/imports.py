"""Bulk onboarding: upload a CSV file, see every row checked with its errors, then import it all at
once (``govapp.services.imports``). Nothing is saved until the preview is confirmed, and nothing at
all if any row fails."""

from __future__ import annotations

import base64
import binascii

from flask import flash
from flask import redirect
from flask import render_template
from flask import url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from govapp import clock
from govapp.admin.forms import ConfirmImportForm
from govapp.admin.forms import ImportForm
from govapp.admin.views import bp
from govapp.services.imports import COLUMNS
from govapp.services.imports import import_people as save_people
from govapp.services.imports import read_people_csv
from govapp.web import attempt


@bp.route("/import", methods=["GET", "POST"])
def import_people() -> ResponseReturnValue:
    form = ImportForm()
    if form.validate_on_submit():
        data = form.file.data.read()
        preview = read_people_csv(data)
        confirm = ConfirmImportForm(formdata=None, data={"content": base64.b64encode(data).decode("ascii")})
        return render_template("admin/import_preview.html", preview=preview, confirm=confirm)
    return render_template("admin/import.html", form=form, columns=COLUMNS)


@bp.route("/import/confirm", methods=["POST"])
def confirm_import() -> ResponseReturnValue:
    confirm = ConfirmImportForm()
    if not confirm.validate_on_submit():
        flash("The checked file did not come back whole. Upload it again.", "error")
        return redirect(url_for("admin.import_people"))
    try:
        data = base64.b64decode(confirm.content.data or "", validate=True)
    except (binascii.Error, ValueError):
        flash("The checked file did not come back whole. Upload it again.", "error")
        return redirect(url_for("admin.import_people"))
    preview = read_people_csv(data)
    if not preview.ok:
        return render_template("admin/import_preview.html", preview=preview, confirm=confirm)
    with attempt(None) as done:
        count = save_people(current_user, preview, now=clock.now())
    if done:
        flash(f"{count} rows imported. New people are invited by email to set their passwords.", "success")
        return redirect(url_for("admin.committees"))
    return redirect(url_for("admin.import_people"))
