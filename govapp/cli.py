"""``flask --app wsgi ...`` commands: accounts and demo data."""

from __future__ import annotations

from pathlib import Path

import click
from flask import Flask
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import func
from sqlalchemy import select

from govapp.extensions import db
from govapp.models import Committee
from govapp.models import User
from govapp.services import ServiceError
from govapp.services.accounts import add_person
from govapp.services.accounts import create_account
from govapp.services.accounts import find_person


def demo_sign_ins_file() -> Path:
    return Path(current_app.instance_path) / "demo-sign-ins.txt"


@click.command("create-admin")
@with_appcontext
@click.option("--email", prompt=True, help="The administrator's email address.")
@click.option("--name", prompt="Full name", help="The administrator's full name.")
@click.password_option(help="At least 12 characters; common passwords are refused.")
def create_admin_command(email: str, name: str, password: str) -> None:
    """Create an administrator account (admins manage accounts and committees)."""
    try:
        person = find_person(email) or add_person(None, full_name=name, email=email)
        create_account(None, person, password, is_admin=True)
    except ServiceError as error:
        db.session.rollback()
        raise click.ClickException(error.message) from None
    db.session.commit()
    click.echo(f"Administrator account created for {person.email}.")


@click.command("load-demo")
@with_appcontext
@click.option("--if-empty", is_flag=True, help="Do nothing when the database already has a committee.")
def load_demo_command(if_empty: bool) -> None:
    """Load the fictional demo CMR Panel, its people and this reporting year's meetings."""
    from govapp import clock
    from govapp.demo import load_demo

    has_data = bool(db.session.scalar(select(func.count()).select_from(Committee)))
    if has_data:
        if if_empty:
            click.echo("The database already has data; demo data not loaded.")
            return
        raise click.ClickException("The database already has data. Demo data goes only into an empty database.")
    sign_ins = load_demo(clock.today())
    db.session.commit()
    path = demo_sign_ins_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(sign_ins.as_text())
    path.chmod(0o600)
    click.echo(f"Demo data loaded. Sign-ins written to {path}.")


@click.command("demo-sign-ins")
@with_appcontext
def demo_sign_ins_command() -> None:
    """Print the demo accounts' sign-ins (kept in the instance folder, never in the repository)."""
    path = demo_sign_ins_file()
    if not path.exists():
        raise click.ClickException("No demo data has been loaded on this machine.")
    click.echo(path.read_text())


@click.command("accounts")
@with_appcontext
def accounts_command() -> None:
    """List the accounts."""
    for user in db.session.scalars(select(User)):
        click.echo(f"{user.email}\t{'admin' if user.is_admin else ''}\t{'active' if user.active else 'disabled'}")


@click.group("reminders")
def reminders_cli() -> None:
    """Reminders of meetings and deadlines, written to the outbox."""


@reminders_cli.command("send")
@with_appcontext
def send_reminders_command() -> None:
    """Write today's reminders to the outbox (run once a day; a reminder is never sent twice)."""
    from govapp import clock
    from govapp.sources import queue_reminders

    report = queue_reminders(clock.today())
    db.session.commit()
    if not report.total:
        click.echo("No reminders are due today.")
    for kind, count in sorted(report.queued.items()):
        click.echo(f"{count} {kind} message{'s' if count != 1 else ''} written to the outbox.")


@click.group("audit")
def audit_cli() -> None:
    """The audit record."""


@audit_cli.command("verify")
@with_appcontext
def verify_audit_command() -> None:
    """Check the audit record's hash chain; report the first broken link (exit status 1) or that it is whole."""
    from govapp.services.audit import verify_chain

    count, broken = verify_chain()
    if broken is None:
        click.echo(f"The audit record is whole: {count} record{'s' if count != 1 else ''}, every link holds.")
        return
    click.echo(f"The audit record is broken at record {broken.record_id}: {broken.reason}.", err=True)
    raise SystemExit(1)


@click.command("backup")
@with_appcontext
@click.option(
    "--to",
    "destination",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="The folder to write the archive into (default: the instance folder's backups/).",
)
def backup_command(destination: Path | None) -> None:
    """Write one archive: the database, the papers, and a manifest with their checksums."""
    from flask import current_app

    from govapp import clock
    from govapp.backup import BackupError
    from govapp.backup import make_backup

    try:
        archive = make_backup(destination or Path(current_app.instance_path) / "backups", now=clock.now())
    except BackupError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Backup written: {archive}")


@click.command("restore")
@with_appcontext
@click.argument("archive", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def restore_command(archive: Path) -> None:
    """Check ARCHIVE against its manifest and restore it into this (empty) database and papers folder."""
    from govapp.backup import BackupError
    from govapp.backup import restore_backup

    try:
        restored = restore_backup(archive)
    except BackupError as error:
        raise click.ClickException(str(error)) from None
    click.echo(
        f"Restored {restored.tables} tables and {restored.papers} paper file{'s' if restored.papers != 1 else ''} "
        f"(schema revision {restored.revision or 'unknown'})."
    )


@click.group("papers")
def papers_cli() -> None:
    """The files of papers."""


@papers_cli.command("clean-up")
@with_appcontext
@click.option("--delete", is_flag=True, help="Delete the orphaned files (without it, only list them).")
def clean_up_papers_command(delete: bool) -> None:
    """Find files in PAPERS_DIR that no paper refers to (left by an upload that was undone, or a removal)."""
    from sqlalchemy import select

    from govapp.models import Paper
    from govapp.papers_storage import current_store

    store = current_store()
    known = set(db.session.scalars(select(Paper.storage_key)))
    orphans = sorted(
        path
        for path in (store.root.iterdir() if store.root.is_dir() else [])
        if path.is_file() and path.name not in known
    )
    for path in orphans:
        click.echo(f"{'Deleted' if delete else 'Orphaned'}: {path.name} ({path.stat().st_size} bytes)")
        if delete:
            path.unlink()
    verb = "deleted" if delete else "found (run again with --delete to remove them)"
    click.echo(f"{len(orphans)} orphaned file{'s' if len(orphans) != 1 else ''} {verb}.")


def init_app(app: Flask) -> None:
    app.cli.add_command(reminders_cli)
    app.cli.add_command(audit_cli)
    app.cli.add_command(papers_cli)
    for command in (
        create_admin_command,
        load_demo_command,
        demo_sign_ins_command,
        accounts_command,
        backup_command,
        restore_command,
    ):
        app.cli.add_command(command)
    from govapp.notices.cli import outbox_cli

    app.cli.add_command(outbox_cli)
