"""Why a fetch did not work (`retryable` decides whether a worker tries again later); why a registry
write was refused."""

from claimtracker.errors import ServiceError


class FetchError(Exception):
    retryable = False

    def __init__(self, message: str, *, http_status: int | None = None):
        super().__init__(message)
        self.message = message
        self.http_status = http_status


class TransientFetchError(FetchError):
    """Network trouble, a timeout, a 5xx or a 429: the same request may work later."""

    retryable = True

    def __init__(self, message: str, *, http_status: int | None = None, retry_after: float | None = None):
        super().__init__(message, http_status=http_status)
        self.retry_after = retry_after  # seconds the server asked us to wait (Retry-After)


class PermanentFetchError(FetchError):
    """A 4xx, a body too large, the wrong content type, a broken document: retrying will not help."""


class BlockedAddress(PermanentFetchError):
    """The URL, a redirect or the DNS answer points somewhere the guard does not let us go."""


class RegistryError(ServiceError):
    """A registry write refused: a duplicate name, an unknown affiliation. `fields` says what to fix where."""
