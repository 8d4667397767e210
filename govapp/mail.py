"""SMTP delivery of outbox messages: an ``EmailMessage`` built from a message, sent with smtplib.

Settings come from the app config (read from the environment in ``govapp.config``): ``SMTP_HOST``,
``SMTP_PORT``, ``SMTP_USERNAME``, ``SMTP_PASSWORD``, ``SMTP_STARTTLS``, ``SMTP_SSL``, ``MAIL_FROM``.
Calendar attachments (``text/calendar; method=...``) travel as an alternative part of the message,
as mail clients expect of an invitation; any other attachment is attached as a file.
"""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Mapping
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime
from email.utils import make_msgid
from types import TracebackType
from typing import Any

from govapp.models import OutboxMessage
from govapp.services.outbox import DeliveryError
from govapp.services.outbox import attachments_of

TIMEOUT_SECONDS = 30


@dataclass(frozen=True)
class MailSettings:
    host: str
    port: int
    mail_from: str
    username: str | None = None
    password: str | None = None
    starttls: bool = False
    use_ssl: bool = False
    timeout: float = TIMEOUT_SECONDS

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> MailSettings | None:
        """The settings, or ``None`` when SMTP is not configured (no ``SMTP_HOST``)."""
        host = (config.get("SMTP_HOST") or "").strip()
        if not host:
            return None
        starttls = bool(config.get("SMTP_STARTTLS"))
        use_ssl = bool(config.get("SMTP_SSL"))
        port = config.get("SMTP_PORT") or (465 if use_ssl else 587 if starttls else 25)
        return cls(
            host=host,
            port=int(port),
            mail_from=config.get("MAIL_FROM") or "govapp@localhost",
            username=config.get("SMTP_USERNAME") or None,
            password=config.get("SMTP_PASSWORD") or None,
            starttls=starttls,
            use_ssl=use_ssl,
        )


def _split_content_type(content_type: str) -> tuple[str, str, dict[str, str]]:
    """'text/calendar; method=REQUEST' -> ('text', 'calendar', {'method': 'REQUEST'})."""
    main, *params = [part.strip() for part in content_type.split(";")]
    maintype, _, subtype = main.partition("/")
    values = {}
    for param in params:
        key, _, value = param.partition("=")
        if key:
            values[key.strip().lower()] = value.strip().strip('"')
    return maintype.lower() or "application", subtype.lower() or "octet-stream", values


def message_id_for(message: OutboxMessage, mail_from: str) -> str:
    """A Message-ID that stays the same on every attempt, so a resent message is recognisably the same."""
    domain = mail_from.rpartition("@")[2] or "govapp.localhost"
    return f"<outbox-{message.id}-{int(message.created_at.timestamp())}@{domain}>"


def build_email(message: OutboxMessage, mail_from: str) -> EmailMessage:
    email = EmailMessage()
    email["From"] = mail_from
    email["To"] = message.to_address
    email["Subject"] = " ".join(message.subject.split())
    email["Date"] = format_datetime(message.created_at)
    email["Message-ID"] = message_id_for(message, mail_from) if message.id else make_msgid()
    email["Auto-Submitted"] = "auto-generated"
    email.set_content(message.body_text)
    for attachment in attachments_of(message):
        maintype, subtype, params = _split_content_type(attachment.content_type)
        if (maintype, subtype) == ("text", "calendar"):
            email.add_alternative(attachment.data.decode("utf-8"), subtype="calendar", params=params)
        else:
            email.add_attachment(attachment.data, maintype=maintype, subtype=subtype, filename=attachment.filename)
    return email


def _permanent(code: int) -> bool:
    return 500 <= code < 600


class SmtpSender:
    """Sends messages over one SMTP connection, opened when first needed and reopened after a failure.

    Use as a context manager so the connection is closed.
    """

    def __init__(self, settings: MailSettings) -> None:
        self.settings = settings
        self._smtp: smtplib.SMTP | None = None

    def __enter__(self) -> SmtpSender:
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.close()

    def _connect(self) -> smtplib.SMTP:
        s = self.settings
        smtp: smtplib.SMTP
        if s.use_ssl:
            smtp = smtplib.SMTP_SSL(s.host, s.port, timeout=s.timeout, context=ssl.create_default_context())
        else:
            smtp = smtplib.SMTP(s.host, s.port, timeout=s.timeout)
        try:
            smtp.ehlo()
            if s.starttls and not s.use_ssl:
                smtp.starttls(context=ssl.create_default_context())
                smtp.ehlo()
            if s.username:
                smtp.login(s.username, s.password or "")
        except BaseException:
            smtp.close()
            raise
        return smtp

    def close(self) -> None:
        if self._smtp is not None:
            try:
                self._smtp.quit()
            except (smtplib.SMTPException, OSError):
                self._smtp.close()
            self._smtp = None

    def _drop(self) -> None:
        if self._smtp is not None:
            self._smtp.close()
            self._smtp = None

    def send(self, message: OutboxMessage) -> None:
        email = build_email(message, self.settings.mail_from)
        try:
            if self._smtp is None:
                self._smtp = self._connect()
            self._smtp.send_message(email, from_addr=self.settings.mail_from, to_addrs=[message.to_address])
        except smtplib.SMTPRecipientsRefused as error:
            code, reply = next(iter(error.recipients.values()))
            raise DeliveryError(
                f"The mail server refused {message.to_address}: {code} {reply.decode('utf-8', 'replace')}",
                permanent=_permanent(code),
            ) from error
        except smtplib.SMTPResponseException as error:
            self._drop()
            reply = error.smtp_error
            text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)
            refused_message = isinstance(error, smtplib.SMTPDataError)
            raise DeliveryError(
                f"The mail server replied {error.smtp_code} {text}",
                # A refused message is refused for good; anything else (sign-in, sender) affects every message.
                permanent=refused_message and _permanent(error.smtp_code),
                connection=not refused_message,
            ) from error
        except (smtplib.SMTPException, OSError) as error:
            self._drop()
            raise DeliveryError(
                f"Could not reach the mail server at {self.settings.host}:{self.settings.port}: "
                f"{type(error).__name__}: {error}",
                connection=True,
            ) from error
