"""People and accounts: creating them, and checking a sign-in."""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from sqlalchemy import func
from sqlalchemy import select

from govapp import clock
from govapp.extensions import db
from govapp.models import Person
from govapp.models import User
from govapp.passwords import hash_password
from govapp.passwords import needs_rehash
from govapp.passwords import password_problem
from govapp.passwords import verify_password
from govapp.services import ConflictError
from govapp.services import ServiceError
from govapp.services.audit import record_change
from govapp.services.audit import record_security_event
from govapp.services.audit import snapshot


def normalise_email(email: str) -> str:
    return email.strip().lower()


def find_person(email: str) -> Person | None:
    return db.session.scalar(select(Person).where(func.lower(Person.email) == normalise_email(email)))


class PersonDetails(NamedTuple):
    """Who a person is, as an administrator enters them."""

    full_name: str
    email: str
    organisation: str | None = None
    job_title: str | None = None


def add_person(
    actor: User | None,
    *,
    full_name: str,
    email: str,
    organisation: str | None = None,
    job_title: str | None = None,
) -> Person:
    """Record a person (with no account). Their email address is their identity: one person each."""
    full_name = full_name.strip()
    if not full_name:
        raise ServiceError("Enter the person's full name.", field="full_name")
    email = normalise_email(email)
    if "@" not in email:
        raise ServiceError("Enter an email address in the correct format, like name@example.org.", field="email")
    if find_person(email) is not None:
        raise ConflictError(f"Someone with the email address {email} is already recorded.", field="email")
    person = Person(full_name=full_name, email=email, organisation=organisation, job_title=job_title)
    db.session.add(person)
    record_change(actor, "add_person", person)
    return person


def create_account(actor: User | None, person: Person, password: str, *, is_admin: bool = False) -> User:
    """Give ``person`` a sign-in account. The password must meet the NCSC-based policy."""
    if person.account is not None:
        raise ConflictError(f"{person.full_name} already has an account.", field="email")
    problem = password_problem(password, email=person.email, name=person.full_name)
    if problem:
        raise ServiceError(problem, field="password")
    user = User(person=person, password_hash=hash_password(password), is_admin=is_admin)
    db.session.add(user)
    record_change(actor, "create_account", user)
    return user


def authenticate(email: str, password: str) -> User | None:
    """The account for these credentials, or ``None``. Never says which part was wrong."""
    person = find_person(email) if email else None
    user = person.account if person is not None else None
    ok = verify_password(user.password_hash if user else None, password)
    if not ok or user is None or not user.active:
        # A security event, without the password; the address given is kept, to see guessing.
        reason = "wrong password" if user is not None and not ok else "no such account" if user is None else "inactive"
        record_security_event("sign_in_failed", label=email[:320] or "(no email address)", detail={"reason": reason})
        return None
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return user


def record_sign_in(user: User) -> None:
    before = snapshot(user)
    user.last_signed_in_at = clock.now()
    record_change(user, "sign_in", user, before=before)


def change_password(user: User, current: str, new: str, *, now: datetime) -> None:
    """``user`` changes their own password: the current one must be right, the new one must meet the
    policy. Every session of theirs ends (a new one is started for the browser that made the change)."""
    if not verify_password(user.password_hash, current):
        record_security_event("password_change_failed", user=user, detail={"reason": "wrong current password"})
        raise ServiceError("Your current password is not right.", field="current_password")
    if current == new:
        raise ServiceError("Choose a new password that is different from your current one.", field="new_password")
    set_password(user, new, "change_password", now=now)


def set_password(user: User, new: str, action: str, *, now: datetime) -> None:
    """Store ``user``'s new password once it meets the policy, audit it as ``action`` and end every
    session of theirs."""
    from govapp.services.sessions import PASSWORD_CHANGED
    from govapp.services.sessions import end_all_sessions

    problem = password_problem(new, email=user.email, name=user.name)
    if problem:
        raise ServiceError(problem, field="new_password")
    before = snapshot(user)
    user.password_hash = hash_password(new)
    user.password_changed_at = now
    record_change(user, action, user, before=before)
    end_all_sessions(user, PASSWORD_CHANGED, now=now)
