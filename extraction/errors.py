from claims.errors import ApplicationError


class ExtractionError(ApplicationError):
    """The input cannot be read as an article (empty, binary, too long, …); nothing was saved."""

    def __init__(self, message: str, *, code: str = "invalid"):
        super().__init__(message, fields={"text": [message]})
        self.code = code
