"""The one error type services raise; the admin shows it as a message, the API as a 4xx body."""

from claimtracker.errors import ServiceError


class ApplicationError(ServiceError):
    """Bad input or a rule broken. `fields` maps a field name to what to fix there."""


class NotAllowed(ApplicationError):
    code = "permission_denied"


class ConflictError(ApplicationError):
    """The claim changed since the caller saw it; nothing was written. `current` is the claim as it is."""

    code = "conflict"

    def __init__(self, message: str, *, current=None):
        super().__init__(message)
        self.current = current
