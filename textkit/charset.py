"""Bytes to text: one decoder for pages, feeds and uploads.

In order: a byte-order mark wins (UTF-8, UTF-16, UTF-32); then each declared charset (the HTTP header's,
then the document's own <meta charset> or XML declaration) if it decodes cleanly and is not a clear
mismatch; then UTF-8 if the bytes are valid UTF-8; then charset-normalizer's guess.

"Decodes cleanly" is not enough on its own: latin-1 and koi8-r decode any bytes, and the UTF-16 of
Cyrillic or Latin text is valid UTF-8 (full of control characters). So a declared charset is also
refused when the result is full of control characters, when the bytes are valid non-ASCII UTF-8 (which
no 8-bit text is by accident), or when charset-normalizer finds the declared reading incoherent (the
cp1251 bytes of a Russian page read as koi8-r come out in inverted case; inside XML or HTML markup it
may not, so a reading whose non-ASCII letters are mostly capitals is refused too).
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable
from dataclasses import dataclass

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Labels browsers read as a superset (WHATWG Encoding): pages labelled latin-1 are cp1252 in practice.
_SUPERSET = {
    "ascii": "cp1252",
    "latin-1": "cp1252",
    "iso8859-1": "cp1252",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "euc_kr": "cp949",
    "shift_jis": "cp932",
}
_WIDE = {"utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_META = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?([A-Za-z0-9_\-:.]+)", re.IGNORECASE)
_XML_DECL = re.compile(rb"^\s*<\?xml[^>]*?\bencoding\s*=\s*[\"']([A-Za-z0-9_\-.:]+)[\"']")
SNIFF_BYTES = 4096


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # Python codec name: "utf-8", "cp1251", "utf-16-le", ...
    how: str  # "bom", "declared", "utf-8", "detected" or "fallback"


def charset_of(content_type: str) -> str | None:
    """The charset parameter of a Content-Type header, if any."""
    for part in (content_type or "").split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def declared_charset(content: bytes) -> str | None:
    """The charset the document declares for itself: an XML declaration or an HTML <meta charset>."""
    head = content[:SNIFF_BYTES]
    found = _XML_DECL.match(head) or _META.search(head)
    return found.group(1).decode("ascii") if found else None


def codec_name(label: str | None) -> str | None:
    """The Python codec for a charset label, widened as browsers widen it; None if unknown."""
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().strip("\"'")).name
    except LookupError:
        return None
    return _SUPERSET.get(name, name)


def decode(content: bytes, declared: str | Iterable[str | None] | None = None) -> str:
    """The text of `content`; `declared` is the charset the transport claims (e.g. charset_of(header))."""
    return decode_detail(content, declared).text


def decode_detail(content: bytes, declared: str | Iterable[str | None] | None = None) -> Decoded:
    """The text of `content` with the encoding chosen and why (see the module docstring)."""
    content = bytes(content)
    for bom, encoding in _BOMS:
        if content.startswith(bom):
            return Decoded(content[len(bom) :].decode(encoding, errors="replace"), encoding, "bom")
    labels = [declared] if isinstance(declared, str) or declared is None else list(declared)
    labels.append(declared_charset(content))
    tried: set[str] = set()
    for label in labels:
        encoding = codec_name(label)
        if encoding is None or encoding in tried:
            continue
        tried.add(encoding)
        reading = _declared_reading(content, encoding)
        if reading is not None:
            return Decoded(reading[0], reading[1], "declared")
    utf8 = _clean(content, "utf-8")
    if utf8 is not None:
        return Decoded(utf8, "utf-8", "utf-8")
    guess = _detected(content)
    if guess is not None:
        return guess
    return Decoded(content.decode("utf-8", errors="replace"), "utf-8", "fallback")


def _clean(content: bytes, encoding: str) -> str | None:
    try:
        text = content.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None
    sample = text[:65536]
    if len(_CONTROL.findall(sample)) > len(sample) // 200:
        return None  # UTF-16 read as 8-bit, or 8-bit read as UTF-16: not text
    return text


def _declared_reading(content: bytes, encoding: str) -> tuple[str, str] | None:
    """(text, codec) if the declared encoding is believable for these bytes."""
    if encoding in _WIDE:
        return _wide_reading(content, encoding)
    text = _clean(content, encoding)
    if text is None:
        return None
    if content.isascii() or encoding == "utf-8":
        return text, encoding
    if _clean(content, "utf-8") is not None:
        return None  # valid non-ASCII UTF-8 is UTF-8, whatever the label says
    from charset_normalizer import from_bytes

    if from_bytes(content, cp_isolation=[encoding]).best() is None:
        return None  # the declared reading is gibberish
    if _case_inverted(text):
        return None  # e.g. cp1251 read as koi8-r: markup around it can hide that from charset-normalizer
    return text, encoding


def _case_inverted(text: str) -> bool:
    """Whether most non-ASCII letters are capitals: what one Cyrillic 8-bit charset read as another gives
    (koi8-r puts capitals where cp1251 has small letters), and what real prose, even headlines, never is."""
    letters = [c for c in text[:65536] if c.isalpha() and not c.isascii()]
    if len(letters) < 20:
        return False
    return sum(c.isupper() for c in letters) > 0.6 * len(letters)


def _wide_reading(content: bytes, encoding: str) -> tuple[str, str] | None:
    """UTF-16/32 without a byte-order mark: believed only where the bytes are not 8-bit text (the
    UTF-16 of Latin text is full of NULs, of Cyrillic full of 0x04), in the byte order that reads."""
    if _clean(content, "utf-8") is not None:
        return None
    orders = [encoding] if encoding.endswith(("-le", "-be")) else [f"{encoding}-be", f"{encoding}-le"]
    if len(orders) == 2 and _high_byte_last(content, 2 if encoding == "utf-16" else 4):
        orders.reverse()
    for order in orders:
        text = _clean(content, order)
        if text is not None:
            return text, order
    return None


def _high_byte_last(content: bytes, width: int) -> bool:
    """Whether code units look little-endian: the first byte of each unit varies more than the last."""
    sample = content[: SNIFF_BYTES - SNIFF_BYTES % width]
    return len(set(sample[0::width])) > len(set(sample[width - 1 :: width]))


def _detected(content: bytes) -> Decoded | None:
    from charset_normalizer import from_bytes

    best = from_bytes(content).best()
    if best is None:
        return None
    encoding = codec_name(best.encoding) or best.encoding
    text = _clean(content, encoding)
    return Decoded(text, encoding, "detected") if text is not None else None


def xml_as_utf8(content: bytes, declared: str | None = None) -> bytes:
    """An XML document re-encoded as UTF-8, its declaration saying so (for parsers that trust it)."""
    text = decode(content, declared)
    text = re.sub(r"^(\s*<\?xml[^>]*?\bencoding\s*=\s*[\"'])[A-Za-z0-9_\-.:]+", r"\g<1>utf-8", text, count=1)
    return text.encode("utf-8")
