"""Operations that change the record: verb_noun functions.

Each takes the acting user explicitly (``None`` for the command line), asks ``govapp.rules``,
changes the models, writes the audit record, and flushes. None of them commits, rolls back,
flashes, redirects or renders: the request boundary (``govapp.web``) or the command that calls
them owns the transaction, and turns their refusals into answers with words.
"""


class ServiceError(ValueError):
    """A refusal a person can act on; the message is shown to them as it is (a 400, or a form error)."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class ConflictError(ServiceError):
    """The request clashes with the current state of the record (shown as a 409)."""


class RefusedError(ServiceError):
    """This person may not do this, for a reason beyond their role (shown as a 403)."""


class NotFoundError(ServiceError):
    """The thing asked for does not exist, or is not there for this person (shown as a 404)."""
