"""The case pages the journeys do not walk through, checked with axe in Chromium at full width and
at 320 pixels: the register, a case, requests from the public, joining notifications, the briefing
report and the presenter."""

from __future__ import annotations

from typing import Any

from flask import Flask
from sqlalchemy import select

from govapp import clock
from govapp.extensions import db
from govapp.models import Agency
from govapp.models import Committee
from govapp.models import User
from govapp.services.cases import Finding
from govapp.services.cases import submit_notification
from tests.e2e.test_journey_case import NOTIFIED_ON
from tests.e2e.test_journey_case import _world
from tests.factories import PASSWORD


def test_the_other_case_pages_pass_axe_and_fit_320_pixels(app: Flask, open_browser: Any, set_clock: Any) -> None:
    set_clock(NOTIFIED_ON)
    people = _world(app)
    with app.app_context():
        rep = db.session.scalar(select(User).join(User.person).where(User.person.has(email=people["rep"])))
        agency = db.session.scalar(select(Agency).where(Agency.name.startswith("Belfast")))
        assert rep is not None and agency is not None
        panel = db.session.scalar(select(Committee).where(Committee.slug == "cmr-panel"))
        assert panel is not None
        reference = submit_notification(
            rep,
            panel,
            agency=agency,
            senior_representative="Assistant Director",
            determined_on=NOTIFIED_ON,
            pseudonym="Child B",
            age_band="5 to 10",
            area="Belfast",
            criteria={"a": Finding(True), "b_i": Finding(True)},
            family_told=True,
            family_not_told_reason=None,
            other_agencies=None,
            now=clock.now(),
        ).case.reference
        db.session.commit()
    pages = [
        "/committees/cmr-panel/cases",
        f"/cases/{reference}",
        "/committees/cmr-panel/public-requests",
        f"/cases/{reference}/link",
        f"/cases/{reference}/briefing-report",
        f"/cases/{reference}/presenter",
    ]
    for width in (1024, 320):
        office = open_browser(width=width)
        office.sign_in(people["secretary"], PASSWORD)
        for path in pages:
            office.goto(path)
            office.fits()
    representative = open_browser(width=320)
    representative.sign_in(people["rep"], PASSWORD)
    for path in (f"/cases/{reference}", "/committees/cmr-panel/cases/notify"):
        representative.goto(path)
        representative.fits()


def test_the_set_up_pages_pass_axe_and_fit_320_pixels(app: Flask, open_browser: Any, set_clock: Any) -> None:
    from govapp.models import Membership
    from govapp.models import SecretariatPost
    from tests.factories import make_account

    set_clock(NOTIFIED_ON)
    _world(app)
    with app.app_context():
        admin = make_account(full_name="Set-up Admin", is_admin=True).email
        agency_id = db.session.scalar(select(Agency.id))
        membership_id = db.session.scalar(select(Membership.id))
        post_id = db.session.scalar(select(SecretariatPost.id))
        db.session.commit()
    pages = [
        "/admin/accounts",
        "/admin/agencies",
        f"/admin/agencies/{agency_id}",
        f"/admin/agencies/{agency_id}/representatives/new",
        "/admin/committees",
        "/admin/committees/cmr-panel/edit",
        "/admin/committees/cmr-panel/orders",
        "/admin/committees/cmr-panel/members/new",
        "/admin/committees/cmr-panel/chair",
        f"/admin/memberships/{membership_id}/end",
        "/admin/committees/cmr-panel/secretariat/new",
        f"/admin/secretariat/{post_id}/end",
        "/admin/import",
        "/admin/audit",
    ]
    for width in (1024, 320):
        browsing = open_browser(width=width)
        browsing.sign_in(admin, PASSWORD)
        for path in pages:
            browsing.goto(path)
            browsing.fits()
