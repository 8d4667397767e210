"""Forms of the case pages: a notification (Appendix Two, in substance), an answer to "is the child or
family known to your agency?" (Appendix Three), joining notifications, and a request from the public."""

from __future__ import annotations

from govuk_frontend_wtf.wtforms_widgets import GovCheckboxesInput
from govuk_frontend_wtf.wtforms_widgets import GovSelect
from wtforms import SelectField
from wtforms import SelectMultipleField
from wtforms.fields.choices import SelectChoice

from govapp.forms import OFFICE_FILE
from govapp.forms import Chosen
from govapp.forms import Form
from govapp.forms import button
from govapp.forms import checkbox
from govapp.forms import choose
from govapp.forms import date_input
from govapp.forms import email_input
from govapp.forms import file_input
from govapp.forms import radios
from govapp.forms import text_area
from govapp.forms import text_input
from govapp.models import AGE_BANDS
from govapp.models import AREAS
from govapp.models import CRITERIA
from govapp.rules import GUIDANCE

FINDINGS = [SelectChoice("yes", "Met"), SelectChoice("no", "Not met"), SelectChoice("unknown", "Not yet known")]
YES_NO = [SelectChoice("yes", "Yes"), SelectChoice("no", "No")]


class NotificationForm(Form):
    agency = choose("Notifying agency", required="Choose the notifying agency")
    senior_representative = text_input(
        "Nominated senior representative",
        required="Enter the agency's nominated senior representative",
        max_length=200,
        hint="The Assistant Director (or equivalent) who signs the notification for the agency.",
    )
    determined_on = date_input(
        "Date the agency determined the criteria were met",
        required="Enter the date the criteria were determined",
        hint=f"The notification is due {GUIDANCE.notification_working_days} working days after it. "
        "For example, 20 11 2026",
    )
    pseudonym = text_input(
        "Case pseudonym",
        required="Enter the case pseudonym",
        max_length=60,
        hint="For example, Child A. Never the child's real name.",
    )
    age_band = radios("Age of the child", [SelectChoice(b, b) for b in AGE_BANDS], required="Choose the age band")
    area = SelectField(
        "Area (HSC Trust area where the child lived)",
        choices=[SelectChoice("", "Choose the area"), *[SelectChoice(a, a) for a in AREAS]],
        widget=GovSelect(),
    )
    family_told = radios(
        "Were the parents, or the child, told that this notification is made?",
        YES_NO,
        required="Say whether the parents or the child were told",
    )
    family_not_told_reason = text_area("If not, why not", max_length=2000)
    other_agencies = text_area(
        "Other agencies known to be involved (optional)", max_length=2000, hint="Agencies and roles; no names."
    )
    briefing = file_input(
        "Briefing report (optional)",
        hint="Now, or later from the case page. A PDF, Word, OpenDocument text or Excel file.",
    )
    confirm_no_names = checkbox("I have checked: the text holds no real names of the child, the family or anyone else")
    submit = button("Send the notification")


for _key, _words in CRITERIA:
    setattr(NotificationForm, f"criterion_{_key}", radios(_words, FINDINGS, required="Say whether it is met"))
    setattr(NotificationForm, f"note_{_key}", text_area(f"Note on {_words.split(':')[0]} (optional)", max_length=2000))


class KnownForm(Form):
    known = radios(
        "Is the child or family known to your agency?", YES_NO, required="Say whether the child or family is known"
    )
    details = text_area(
        "Details",
        max_length=5000,
        hint="How the child or family is known (services, dates, current involvement). No real names.",
    )
    submit = button("Send your answer")


class LinkForm(Form):
    notification = choose("Notification", required="Choose the notification to join")
    case_reference = text_input(
        "Case it joins",
        required="Enter the reference of the case it joins",
        max_length=20,
        hint="For example, CMR-2026-003",
    )
    reason = text_area(
        "Why these concern the same child", required="Say why these concern the same child", max_length=2000
    )
    submit = button("Join the notification to that case")


class PublicRequestForm(Form):
    received_on = date_input("Date received", required="Enter the date it was received")
    summary = text_area(
        "What was asked",
        required="Summarise the request",
        max_length=5000,
        hint="No real names: roles and places only.",
    )
    referred_to = choose("Referred to", required="Choose the represented body it is referred to")
    requester_told_on = date_input("Date the person was told (optional)")
    submit = button("Record the request")


class ForewarningForm(Form):
    judged_on = date_input("Date of the judgement", required="Enter the date of the judgement")
    sbni_chair = text_input("SBNI Chair", required="Name the SBNI Chair", max_length=200)
    panel_chair = text_input("Panel Chair", required="Name the Panel Chair", max_length=200)
    professional_officer = text_input("Professional Officer", required="Name the Professional Officer", max_length=200)
    agencies = SelectMultipleField(
        "Agencies involved, to be written to",
        widget=GovCheckboxesInput(),
        choices=[],
        validators=[Chosen("Choose the agencies involved, to be written to")],
    )
    confirm = checkbox(
        "The three judged that a review is more likely than not to be recommended", required="Confirm the judgement"
    )
    submit = button("Record the forewarning and write to the agencies")


class NominationForm(Form):
    iar_author = text_input(
        "IAR author", required="Name the IAR author and their post", max_length=200, hint="Name and post."
    )
    team_member = text_input(
        "Member of the review team", required="Name the member of the review team and their post", max_length=200
    )
    submit = button("Record the nominations")


class RecommendationForm(Form):
    """The Panel's findings on each criterion (fields ``finding_<key>``, added below) and the
    recommendation the carried motion made."""

    motion = choose("The motion the Panel carried", required="Choose the motion that made the recommendation")
    recommendation = radios(
        "The Panel's recommendation",
        [
            SelectChoice("review", "Recommend a Case Management Review"),
            SelectChoice("no_review", "Recommend no review"),
            SelectChoice("more_information", "Ask the agency for more information (carried to the next meeting)"),
        ],
        required="Choose the Panel's recommendation",
    )
    terms_of_reference = text_area("Draft terms of reference (for a review)", max_length=10_000)
    methodology = text_area("Methodology (for a review)", max_length=10_000)
    reason = text_area("Reason (for no review)", max_length=5000)
    involves_death_or_proceedings = radios(
        "Does the case involve a death or criminal proceedings?",
        YES_NO,
        required="Say whether the case involves a death or criminal proceedings",
    )
    family_to_be_told = radios(
        "Should the family be told of the Board's decision?", YES_NO, required="Say whether the family should be told"
    )
    family_told_by = text_input(
        "Who tells the family (if so)", max_length=200, hint="A post or agency, not a name of the family."
    )
    submit = button("Record the findings and the recommendation")


for _key, _words in CRITERIA:
    setattr(RecommendationForm, f"finding_{_key}", radios(_words, FINDINGS, required="Record the Panel's finding"))


#: What the Board may decide on the Panel's recommendation.
BOARD_DECISIONS = [
    SelectChoice("commission", "Commission a Case Management Review"),
    SelectChoice("not_commission", "Not commission a review"),
    SelectChoice("refer_back", "Refer the case back to the Panel"),
]


class AgreementForm(Form):
    decision = radios("The decision", BOARD_DECISIONS, required="Choose the decision")
    agreed = radios("Do you agree to it?", YES_NO, required="Say whether you agree")
    submit = button("Record my written agreement")


class BoardMeetingDecisionForm(Form):
    decision = radios("The Board's decision", BOARD_DECISIONS, required="Choose the decision")
    meeting = choose("The Board meeting that decided", required="Choose the Board meeting")
    submit = button("Record the Board's decision")


class PresenterForm(Form):
    full_name = text_input("Full name", required="Enter the staff member's full name", max_length=200)
    email = email_input("Email address", required="Enter their email address")
    post = text_input("Post", required="Enter their post", max_length=200, hint="For example, Senior Practitioner.")
    no_direct_involvement = checkbox("They have had no direct involvement with the child or family")
    submit = button("Ask the Chair")


class BriefingForm(Form):
    file = file_input(
        "Briefing report", hint=f"{OFFICE_FILE} Pseudonyms only.", required="Choose the file of the briefing report"
    )
    submit = button("Add the briefing report")
