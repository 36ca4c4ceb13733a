"""The one error type services raise; the admin shows it as a message, the API as a 4xx body."""


class ApplicationError(Exception):
    """Bad input or a rule broken. `fields` maps a field name to what to fix there."""

    code = "invalid"

    def __init__(self, message: str, *, fields: dict[str, list[str]] | None = None):
        super().__init__(message)
        self.message = message
        self.fields = fields or {}

    def __str__(self) -> str:
        if not self.fields:
            return self.message
        details = "; ".join(f"{name}: {' '.join(msgs)}" for name, msgs in self.fields.items())
        return f"{self.message} ({details})"


class NotAllowed(ApplicationError):
    code = "permission_denied"


class ConflictError(ApplicationError):
    """The claim changed since the caller saw it; nothing was written. `current` is the claim as it is."""

    code = "conflict"

    def __init__(self, message: str, *, current=None):
        super().__init__(message)
        self.current = current
