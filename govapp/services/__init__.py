"""Operations that change the record: verb_noun functions.

Each takes the acting user explicitly (``None`` for the command line), asks ``govapp.rules``,
changes the models, writes the audit record, and flushes. None of them commits, flashes,
redirects or renders: the view or command that calls them owns the transaction.
"""


class ServiceError(ValueError):
    """A refusal a person can act on; the message is shown to them as it is."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class ConflictError(ServiceError):
    """The request clashes with the current state of the record (shown as a 409)."""
