"""``flask --app wsgi outbox ...``: the worker that delivers the outbox over SMTP."""

from __future__ import annotations

import time

import click
from flask import current_app
from flask.cli import AppGroup

from govapp import clock
from govapp.extensions import db
from govapp.mail import MailSettings
from govapp.mail import SmtpSender
from govapp.services.outbox import BATCH_SIZE
from govapp.services.outbox import DeliveryReport
from govapp.services.outbox import count_pending
from govapp.services.outbox import deliver_due

outbox_cli = AppGroup("outbox", help="The outbox of email waiting to be sent.")


def deliver_pass(sender: SmtpSender, *, limit: int | None, max_attempts: int) -> DeliveryReport:
    """Send what is due now, a committed batch at a time, until nothing is due (or ``limit`` are tried)."""
    total = DeliveryReport()
    while limit is None or total.tried < limit:
        batch = BATCH_SIZE if limit is None else min(BATCH_SIZE, limit - total.tried)
        try:
            report = deliver_due(clock.now(), sender, limit=batch, max_attempts=max_attempts)
            db.session.commit()
        except Exception:
            db.session.rollback()
            raise
        total.add(report)
        if report.tried == 0:  # a failed attempt is not due again until later, so this ends
            break
    return total


@outbox_cli.command("deliver")
@click.option("--once", is_flag=True, help="Send what is due now and exit (default: keep polling).")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Send at most N messages in each pass.")
@click.option(
    "--interval", type=click.FloatRange(min=0.1), default=30.0, show_default=True, help="Seconds between passes."
)
def deliver_command(once: bool, limit: int | None, interval: float) -> None:
    """Deliver due messages over SMTP, retrying failures with back-off (1, 2, 4... minutes)."""
    settings = MailSettings.from_config(current_app.config)
    if settings is None:
        waiting = count_pending()
        db.session.rollback()
        raise click.ClickException(
            f"SMTP is not configured: set SMTP_HOST (and SMTP_PORT, SMTP_USERNAME, SMTP_PASSWORD, SMTP_STARTTLS or "
            f"SMTP_SSL as needed). Nothing was sent; {waiting} message(s) wait in the outbox, visible in govapp."
        )
    max_attempts = int(current_app.config.get("OUTBOX_MAX_ATTEMPTS") or 8)
    with SmtpSender(settings) as sender:
        while True:
            report = deliver_pass(sender, limit=limit, max_attempts=max_attempts)
            if report.tried or once:
                click.echo(
                    f"Sent {report.sent}, will retry {report.retrying}, failed {report.failed} "
                    f"(via {settings.host}:{settings.port})."
                )
            if once:
                return
            sender.close()
            db.session.remove()
            try:
                time.sleep(interval)
            except KeyboardInterrupt:
                return


@outbox_cli.command("status")
def status_command() -> None:
    """Say how many messages are pending."""
    click.echo(f"{count_pending()} message(s) pending.")


@outbox_cli.command("prune")
@click.option(
    "--older-than", "days", type=click.IntRange(min=30), default=365, show_default=True, help="Days since sent."
)
def prune_command(days: int) -> None:
    """Drop the text and attachments of messages sent more than DAYS ago. Who was sent what, when, and
    how it fared stay on record (the service of a notice, the delivery counts); only the copies go."""
    from govapp.services.outbox import prune_sent

    pruned = prune_sent(clock.now(), days=days)
    db.session.commit()
    click.echo(f"Pruned {pruned} message(s) sent more than {days} days ago.")
