"""Bulk onboarding from a CSV file: one row per person and role, checked in full before anything is
saved.

The columns (a header row names them, in any order, any case): ``name``, ``email``, ``agency``,
``committee``, ``role`` and ``start date``. A role is ``chair``, ``member`` or ``secretariat``; a
member or Chair represents an agency already recorded (by name), and the committee is named by its
name, short name or web address. Dates are ``2027-04-01`` or ``1/4/2027`` (day first). A person
new to govapp is invited by email (``govapp.services.onboarding``); someone already recorded keeps
their account. Every row is checked, with its line number and words, and the file is saved only
when every row is right: all of it in one transaction, or none of it.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from dataclasses import field
from datetime import date
from datetime import datetime

from sqlalchemy import func
from sqlalchemy import or_
from sqlalchemy import select

from govapp.extensions import db
from govapp.models import Agency
from govapp.models import Committee
from govapp.models import MemberRole
from govapp.models import Person
from govapp.models import SecretariatPost
from govapp.models import User
from govapp.services import ServiceError
from govapp.services.accounts import PersonDetails
from govapp.services.accounts import find_person
from govapp.services.accounts import normalise_email
from govapp.text import text_problem

COLUMNS = ("name", "email", "agency", "committee", "role", "start date")
ROLES = ("chair", "member", "secretariat")
MAX_ROWS = 2000
MAX_BYTES = 1024 * 1024
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass
class ImportRow:
    line: int
    name: str
    email: str
    agency_name: str
    committee_name: str
    role: str
    start_text: str
    starts_on: date | None = None
    agency: Agency | None = None
    committee: Committee | None = None
    person: Person | None = None
    errors: list[str] = field(default_factory=list)


@dataclass
class ImportPreview:
    rows: list[ImportRow]
    problems: list[str]  # about the file as a whole

    @property
    def ok(self) -> bool:
        return not self.problems and all(not row.errors for row in self.rows)

    @property
    def error_count(self) -> int:
        return len(self.problems) + sum(len(row.errors) for row in self.rows)


def _date(text: str) -> date | None:
    text = text.strip()
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    match = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", text)
    if match:
        day, month, year = (int(g) for g in match.groups())
        try:
            return date(year, month, day)
        except ValueError:
            return None
    return None


def _committee(text: str) -> Committee | None:
    text = text.strip().lower()
    return db.session.scalar(
        select(Committee).where(
            or_(func.lower(Committee.name) == text, func.lower(Committee.short_name) == text, Committee.slug == text)
        )
    )


def _agency(text: str) -> Agency | None:
    return db.session.scalar(select(Agency).where(func.lower(Agency.name) == text.strip().lower()))


def read_people_csv(data: bytes) -> ImportPreview:
    """Read and check the file; nothing is saved."""
    if len(data) > MAX_BYTES:
        return ImportPreview([], [f"The file is larger than {MAX_BYTES // 1024} KB. Split it into smaller files."])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return ImportPreview([], ["The file is not UTF-8 text. Save it from your spreadsheet as 'CSV UTF-8'."])
    try:
        records = list(csv.reader(io.StringIO(text)))
    except csv.Error as error:
        return ImportPreview([], [f"The file is not a CSV file that can be read: {error}."])
    records = [r for r in records if any(cell.strip() for cell in r)]
    if not records:
        return ImportPreview([], ["The file is empty. Its first row names the columns: " + ", ".join(COLUMNS) + "."])
    header = [" ".join(cell.strip().lower().replace("_", " ").split()) for cell in records[0]]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        return ImportPreview(
            [], [f"The first row must name the columns {', '.join(COLUMNS)}; missing: {', '.join(missing)}."]
        )
    if len(records) - 1 > MAX_ROWS:
        return ImportPreview([], [f"The file has more than {MAX_ROWS} rows. Split it into smaller files."])
    index = {name: header.index(name) for name in COLUMNS}
    rows = []
    for line, record in enumerate(records[1:], start=2):
        cells = [*record, *[""] * len(header)]

        def cell(name: str, cells: list[str] = cells) -> str:
            return cells[index[name]].strip()

        rows.append(
            ImportRow(
                line,
                cell("name"),
                cell("email"),
                cell("agency"),
                cell("committee"),
                cell("role").lower(),
                cell("start date"),
            )
        )
    _check(rows)
    return ImportPreview(rows, [])


def _check(rows: list[ImportRow]) -> None:
    seen: dict[tuple[str, int], int] = {}
    chairs: dict[int, int] = {}
    for row in rows:
        for label, value in (("name", row.name), ("email", row.email), ("agency", row.agency_name)):
            problem = text_problem(value, multiline=False)
            if problem:
                row.errors.append(f"The {label} {problem}.")
        if not row.name:
            row.errors.append("Enter the person's name.")
        row.email = normalise_email(row.email)
        if not _EMAIL.match(row.email):
            row.errors.append(f"'{row.email or '(blank)'}' is not an email address like name@example.org.")
        if row.role not in ROLES:
            row.errors.append(f"The role must be chair, member or secretariat, not '{row.role or '(blank)'}'.")
        row.starts_on = _date(row.start_text)
        if row.starts_on is None:
            row.errors.append(f"'{row.start_text or '(blank)'}' is not a date like 2027-04-01 or 1/4/2027.")
        row.committee = _committee(row.committee_name) if row.committee_name else None
        if row.committee is None:
            row.errors.append(f"There is no committee '{row.committee_name or '(blank)'}'. Create it first.")
        if row.role in ("chair", "member"):
            row.agency = _agency(row.agency_name) if row.agency_name else None
            if row.agency is None:
                row.errors.append(
                    f"There is no agency '{row.agency_name or '(blank)'}'. Add it on the Agencies page first."
                )
        row.person = find_person(row.email) if _EMAIL.match(row.email) else None
        if row.person is not None and row.person.full_name.lower() != row.name.lower():
            row.errors.append(f"{row.email} is already recorded for {row.person.full_name}, not {row.name}.")
        if row.committee is None or row.starts_on is None:
            continue
        key = (row.email, row.committee.id)
        if key in seen:
            row.errors.append(f"{row.email} is already on line {seen[key]} for this committee.")
        seen[key] = row.line
        if row.role == "chair":
            if row.committee.id in chairs:
                row.errors.append(f"Line {chairs[row.committee.id]} already makes someone its Chair.")
            chairs[row.committee.id] = row.line
            existing = row.committee.chair_on(row.starts_on)
            if existing is not None and (row.person is None or existing.person_id != row.person.id):
                row.errors.append(
                    f"{row.committee.name} already has a Chair then ({existing.person.full_name}). Appoint a new "
                    "Chair on the committee's page."
                )
        person_id = row.person.id if row.person is not None else None
        if row.role in ("chair", "member") and any(
            m.person_id == person_id for m in row.committee.members_on(row.starts_on)
        ):
            row.errors.append(f"{row.name} is already a member of {row.committee.name} then.")


def import_people(actor: User, preview: ImportPreview, *, now: datetime) -> int:
    """Save every row of a checked file: invite the people new to govapp, then add each membership or
    post. Raises :class:`ServiceError` (the caller rolls everything back) if any row fails now."""
    from govapp.services.committees import hold_place
    from govapp.services.memberships import add_member
    from govapp.services.onboarding import invite

    if not preview.ok:
        raise ServiceError(f"The file has {preview.error_count} problem(s). Correct them and upload it again.")
    invited: dict[str, Person] = {}
    for row in preview.rows:
        assert row.committee is not None and row.starts_on is not None
        person = row.person or invited.get(row.email) or find_person(row.email)
        if person is None:
            user = invite(actor, PersonDetails(row.name, row.email, row.agency_name or None), now=now)
            person = user.person
            invited[row.email] = person
        try:
            if row.role == "secretariat":
                hold_place(
                    actor,
                    SecretariatPost(
                        committee=row.committee, person=person, title="Secretariat", starts_on=row.starts_on
                    ),
                )
            else:
                role = MemberRole.CHAIR if row.role == "chair" else MemberRole.MEMBER
                add_member(actor, row.committee, person, agency=row.agency, starts_on=row.starts_on, role=role, now=now)
        except ServiceError as error:
            raise ServiceError(f"Line {row.line}: {error.message} Nothing was saved.") from None
    db.session.flush()
    return len(preview.rows)
