"""The base of the errors services raise for bad input: a message and, per field, what to fix there.

Each app names its own (claims.errors.ApplicationError, sources.errors.RegistryError) so that a caller
can tell whose rule was broken; the admin shows any of them as a message and the API as a 4xx body.
"""


class ServiceError(Exception):
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
