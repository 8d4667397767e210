"""The proceedings area: before and at the meeting, in one blueprint (``proceedings``) split by concern.

- :mod:`~govapp.proceedings.common`: the blueprint and shared helpers;
- :mod:`~govapp.proceedings.requests`: apologies, deputies, officers, the Chair's pending requests;
- :mod:`~govapp.proceedings.console`: the console, roll call, declarations and withdrawals;
- :mod:`~govapp.proceedings.decisions`: motions, outcomes, deferrals and actions;
- :mod:`~govapp.proceedings.votes`: a member's vote, the casting vote, corrections;
- :mod:`~govapp.proceedings.absences`: absence follow-up and the attendance report.

Importing this module registers every route (the app registers ``bp`` from here), and the links from
the meeting page to this area's pages.
"""

from __future__ import annotations

from flask import url_for
from flask_login import current_user

from govapp import clock
from govapp.cache import remember
from govapp.models import Meeting
from govapp.models import MeetingStatus
from govapp.permissions import Action
from govapp.proceedings import absences  # noqa: F401  (registers the routes)
from govapp.proceedings import console  # noqa: F401  (registers the routes)
from govapp.proceedings import decisions  # noqa: F401  (registers the routes)
from govapp.proceedings import requests  # noqa: F401  (registers the routes)
from govapp.proceedings import todos  # noqa: F401  (registers the routes)
from govapp.proceedings import votes  # noqa: F401  (registers the routes)
from govapp.proceedings.common import bp as bp  # the app registers the blueprint from here
from govapp.proceedings.common import console_url
from govapp.proceedings.common import signed_in_access
from govapp.services import voting as voting_service


@bp.app_template_global()
def proceedings_links(meeting: Meeting) -> list[tuple[str, str]]:
    """Links from the meeting page to this area's pages that the signed-in person may use."""
    if not current_user.is_authenticated:
        return []
    key = ("proceedings links", current_user.id, meeting.id, clock.today())
    return remember(key, lambda: _proceedings_links(meeting))


def _proceedings_links(meeting: Meeting) -> list[tuple[str, str]]:
    found = signed_in_access(meeting.committee, meeting)
    links: list[tuple[str, str]] = []
    if found.can(Action.VIEW_CONSOLE):
        links.append(("Meeting console: attendance, declarations, votes and outcomes", console_url(meeting)))
    upcoming = meeting.status == MeetingStatus.SCHEDULED and meeting.meeting_date >= clock.today()
    if upcoming and found.can(Action.SEND_APOLOGIES):
        links.append(("Send apologies", url_for("proceedings.send_apologies", meeting_id=meeting.id)))
        links.append(("Ask for a deputy", url_for("proceedings.request_deputy", meeting_id=meeting.id)))
        links.append(("Ask for an officer to attend", url_for("proceedings.request_officer", meeting_id=meeting.id)))
    if found.can(Action.APPROVE_ATTENDANCE):
        links.append(
            ("Requests waiting for your decision", url_for("proceedings.pending_requests", slug=meeting.committee.slug))
        )
    # Motions name the business: only those with a vote here see them (members, the Chair, deputies).
    if found.can(Action.CAST_VOTE):
        for motion in voting_service.open_motions([meeting.committee_id]):
            if motion.agenda_item.meeting_id == meeting.id:
                links.append(
                    (f"Vote on the motion: {motion.text[:80]}", url_for("proceedings.vote", motion_id=motion.id))
                )
    return links
