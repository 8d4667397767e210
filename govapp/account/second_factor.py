"""Setting up the second factor: a QR code for the authenticator app, a code to prove it, and ten
recovery codes shown once (``govapp.services.second_factor``)."""

from __future__ import annotations

from flask import current_app
from flask import render_template
from flask import request
from flask import session
from flask import url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from flask_login import login_required

from govapp import clock
from govapp.account.views import bp
from govapp.auth.forms import SecondFactorForm
from govapp.services import second_factor as service
from govapp.web import attempt

SETUP_SECRET = "totp_setup"  # noqa: S105 - the session key, not a secret


def _next_url() -> str:
    target = request.args.get("next", "")
    return target if target.startswith("/") and not target.startswith("//") else url_for("home.index")


@bp.route("/account/two-factor", methods=["GET", "POST"])
@login_required
def two_factor() -> ResponseReturnValue:
    if current_user.has_second_factor:
        return render_template(
            "account/two_factor.html",
            enabled=True,
            codes_left=service.recovery_codes_left(current_user),
        )
    secret = session.get(SETUP_SECRET) or service.new_secret()
    session[SETUP_SECRET] = secret
    form = SecondFactorForm()
    form.code.label.text = "Code from your authenticator app"
    form.code.description = "The 6-digit code the app shows for govapp"
    form.submit.label.text = "Turn on the second factor"
    if form.validate_on_submit():
        with attempt(form) as done:
            codes = service.enable_second_factor(current_user, secret, form.code.data or "", now=clock.now())
        if done:
            session.pop(SETUP_SECRET, None)
            return render_template("account/recovery_codes.html", codes=codes, next_url=_next_url())
    return render_template(
        "account/two_factor.html",
        enabled=False,
        form=form,
        secret=" ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        qr_svg=service.qr_code_svg(service.provisioning_uri(current_user, secret)),
        required=current_app.config["REQUIRE_TWO_FACTOR"],
        next_url=_next_url(),
    )
