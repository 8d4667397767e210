"""Signing a notice of meeting: by the Chair, or by someone the Chair has authorised on the day."""

from __future__ import annotations

from datetime import UTC
from datetime import date
from datetime import datetime

import pytest
from flask import Flask

from govapp.extensions import db
from govapp.services import ConflictError
from govapp.services import ServiceError
from govapp.services.notices import notice_text
from govapp.services.notices import sign_notice
from govapp.services.signing import current_authorisation
from govapp.services.signing import grant_authorisation
from govapp.services.signing import revoke_authorisation
from tests.conftest import World
from tests.notices.helpers import BUSINESS_SUPPORT
from tests.notices.helpers import CHAIR
from tests.notices.helpers import MEMBER
from tests.notices.helpers import ON_TIME
from tests.notices.helpers import PROFESSIONAL_OFFICER
from tests.notices.helpers import add_item
from tests.notices.helpers import meeting_on
from tests.notices.helpers import panel
from tests.notices.helpers import person
from tests.notices.helpers import user


def test_the_chair_signs_as_chair_and_the_notice_specifies_the_agenda(app_ctx: Flask, world: World) -> None:
    meeting = meeting_on()
    add_item(meeting, "Notification 2026/14: recommendation to the Board", presenter="Aoife Brennan")
    notice = sign_notice(user(CHAIR), meeting, now=ON_TIME)
    assert notice.version == 1
    assert notice.signed_by == person(CHAIR)
    assert notice.signed_capacity == "Chair"
    assert notice.authorisation_id is None
    titles = [item["title"] for item in notice.business]
    assert titles[0] == "Apologies"  # standing items first
    assert titles[-1] == "Notification 2026/14: recommendation to the Board"
    assert notice.business[-1] == {
        "position": 5,
        "title": "Notification 2026/14: recommendation to the Board",
        "purpose": "decision",
        "presenter": "Aoife Brennan",
    }


def test_the_authorised_professional_officer_signs_on_behalf_of_the_chair(app_ctx: Flask, world: World) -> None:
    meeting = meeting_on()
    notice = sign_notice(user(PROFESSIONAL_OFFICER), meeting, now=ON_TIME)
    assert notice.signed_capacity == "on behalf of the Chair"
    authorisation = current_authorisation(panel(), person(PROFESSIONAL_OFFICER), ON_TIME.date())
    assert authorisation is not None and notice.authorisation_id == authorisation.id
    text = notice_text(notice)
    assert f"Signed: {PROFESSIONAL_OFFICER}, on behalf of the Chair ({CHAIR})" in text


@pytest.mark.parametrize("who", [BUSINESS_SUPPORT, MEMBER])
def test_someone_without_an_authorisation_cannot_sign(app_ctx: Flask, world: World, who: str) -> None:
    with pytest.raises(ServiceError, match=r"Only the Chair .* or someone the Chair has authorised"):
        sign_notice(user(who), meeting_on(), now=ON_TIME)


def test_an_expired_authorisation_does_not_let_them_sign(app_ctx: Flask, world: World) -> None:
    grant_authorisation(
        user(CHAIR),
        panel(),
        person(BUSINESS_SUPPORT),
        starts_on=date(2026, 11, 1),
        ends_on=date(2026, 11, 23),
        today=date(2026, 11, 1),
    )
    on_the_last_day = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
    assert sign_notice(user(BUSINESS_SUPPORT), meeting_on(), now=on_the_last_day).signed_capacity == (
        "on behalf of the Chair"
    )
    with pytest.raises(ServiceError):
        sign_notice(user(BUSINESS_SUPPORT), meeting_on(), now=ON_TIME)  # 24 November: expired


def test_a_revoked_authorisation_does_not_let_them_sign(app_ctx: Flask, world: World) -> None:
    authorisation = current_authorisation(panel(), person(PROFESSIONAL_OFFICER), ON_TIME.date())
    assert authorisation is not None
    revoke_authorisation(user(CHAIR), authorisation, now=datetime(2026, 11, 20, 9, 0, tzinfo=UTC))
    db.session.commit()
    assert authorisation.revoked_at is not None
    with pytest.raises(ServiceError):
        sign_notice(user(PROFESSIONAL_OFFICER), meeting_on(), now=ON_TIME)
    with pytest.raises(ConflictError, match="already revoked"):
        revoke_authorisation(user(CHAIR), authorisation, now=ON_TIME)


def test_only_the_chair_authorises_or_revokes(app_ctx: Flask, world: World) -> None:
    with pytest.raises(ServiceError, match="Only the Chair"):
        grant_authorisation(
            user(PROFESSIONAL_OFFICER),
            panel(),
            person(BUSINESS_SUPPORT),
            starts_on=date(2026, 11, 1),
            ends_on=None,
            today=date(2026, 11, 1),
        )
    authorisation = current_authorisation(panel(), person(PROFESSIONAL_OFFICER), ON_TIME.date())
    assert authorisation is not None
    with pytest.raises(ServiceError, match="Only the Chair"):
        revoke_authorisation(user(PROFESSIONAL_OFFICER), authorisation, now=ON_TIME)


def test_an_overlapping_authorisation_for_the_same_person_is_refused(app_ctx: Flask, world: World) -> None:
    with pytest.raises(ConflictError, match="already authorised"):
        grant_authorisation(
            user(CHAIR),
            panel(),
            person(PROFESSIONAL_OFFICER),
            starts_on=date(2026, 12, 1),
            ends_on=None,
            today=date(2026, 11, 23),
        )


def test_signing_again_before_serving_updates_the_same_notice(app_ctx: Flask, world: World) -> None:
    meeting = meeting_on()
    first = sign_notice(user(CHAIR), meeting, now=ON_TIME)
    add_item(meeting, "Late item agreed by the Chair")
    again = sign_notice(user(PROFESSIONAL_OFFICER), meeting, now=ON_TIME)
    assert again.id == first.id and again.version == 1
    assert again.business[-1]["title"] == "Late item agreed by the Chair"
    assert again.signed_capacity == "on behalf of the Chair"
