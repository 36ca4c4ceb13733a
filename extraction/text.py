"""Input checks for extraction: what is refused before the rules run, with an ExtractionError saying why.

Sentences, quotes and language come from textkit (textkit.sentences, textkit.language); this module
keeps only what raises ExtractionError.
"""

from __future__ import annotations

import re

from .errors import ExtractionError

# A long feature is ~50,000 characters; ten times that is not an article but a dump, and the rules
# are linear but not free. Refusing up front keeps every request bounded.
MAX_CHARS = 500_000

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def check_text(value: object) -> str:
    """The article text, or an ExtractionError saying why it cannot be read as one."""
    if isinstance(value, bytes | bytearray):
        if b"\x00" in value[:65536]:
            raise ExtractionError("This is binary data, not text (it contains NUL bytes).", code="binary")
        try:
            value = bytes(value).decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ExtractionError(
                f"The text is not UTF-8 (undecodable byte at position {exc.start}). Save it as UTF-8 and retry.",
                code="encoding",
            ) from None
    if not isinstance(value, str):
        raise ExtractionError("Give the article text as a string.", code="invalid")
    if len(value) > MAX_CHARS:
        raise ExtractionError(
            f"The text has {len(value):,} characters; the limit is {MAX_CHARS:,} (an article, not a dump).",
            code="too_long",
        )
    if not value.strip():
        raise ExtractionError("The text is empty.", code="empty")
    controls = len(_CONTROL.findall(value[:65536]))
    if "\x00" in value or controls > max(8, len(value[:65536]) // 100):
        raise ExtractionError(
            "This looks like binary data, not text (it is full of control characters).", code="binary"
        )
    if not re.search(r"[^\W\d_]", value):
        raise ExtractionError("The text has no letters in it.", code="no_text")
    return value
