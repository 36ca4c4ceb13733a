"""Parse RSS and Atom with feedparser, refusing what could hurt the parser."""

import calendar
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html.entities import html5
from urllib.parse import urljoin

import feedparser

from textkit.charset import charset_of, xml_as_utf8

from .errors import PermanentFetchError

# A feed has no business declaring entities; a DTD with them is how entity-expansion bombs start.
_ENTITY_DECL = re.compile(rb"<!ENTITY", re.IGNORECASE)
_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)
# HTML's named entities are not XML's: one `&nbsp;` makes the whole feed "not well-formed" to expat.
_NAMED_ENTITY = re.compile(rb"&([A-Za-z][A-Za-z0-9]{1,31});")
_XML_ENTITIES = frozenset({b"amp", b"lt", b"gt", b"quot", b"apos"})
# Items and entries, with any namespace prefix, for the per-poll cap; tags before the first one.
_ITEM_START = re.compile(rb"<(?:[\w.-]+:)?(?:item|entry)[\s>/]", re.IGNORECASE)
_ITEM_END = re.compile(rb"</(?:[\w.-]+:)?(?:item|entry)\s*>", re.IGNORECASE)
_TAG = re.compile(rb"<(/?)([A-Za-z_][\w.:-]*)(?:\s[^<>]*?)?(/?)>")
# NUL and the other C0 controls XML forbids: never content, and each one alone fails the whole feed.
_FORBIDDEN_CONTROLS = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# A reference to a character XML forbids (`&#0;`, `&#x1b;`) is as fatal as the raw character.
_CHAR_REF = re.compile(rb"&#(?:([0-9]{1,8})|[xX]([0-9a-fA-F]{1,8}));")
_ENCODING_WARNINGS = ("CharacterEncodingOverride", "NonXMLContentType", "CharacterEncodingUnknown")


@dataclass
class FeedEntry:
    url: str
    title: str = ""
    summary: str = ""
    published_at: datetime | None = None
    guid: str = ""

    def as_detail(self) -> dict:
        return {
            "title": self.title,
            "summary": self.summary[:2000],
            "published_at": self.published_at.isoformat() if self.published_at else None,
            "guid": self.guid,
        }


@dataclass
class ParsedFeed:
    title: str = ""
    entries: list[FeedEntry] = field(default_factory=list)
    problem: str = ""  # set when the XML was broken; `entries` holds what could be salvaged
    items_skipped: int = 0  # items past the per-poll cap (the feed's first items are read)


def _numeric_reference(match: re.Match) -> bytes:
    """`&nbsp;` → `&#160;`: the character HTML means, which XML reads without a DTD. Unknown names stay."""
    name = match.group(1)
    if name in _XML_ENTITIES:
        return match.group(0)
    text = html5.get(name.decode("ascii") + ";")
    if text is None:
        return match.group(0)
    return "".join(f"&#{ord(c)};" for c in text).encode("ascii")


def _drop_forbidden_reference(match: re.Match) -> bytes:
    code = int(match.group(1)) if match.group(1) else int(match.group(2), 16)
    allowed = code in (0x9, 0xA, 0xD) or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD
    return match.group(0) if allowed or 0x10000 <= code <= 0x10FFFF else b""


def _clean(value) -> str:
    """A feed's text as we store it: NUL (raw or as &#0;) is never content, and PostgreSQL refuses it."""
    return (value or "").replace("\x00", "").strip() if isinstance(value, str) else ""


def _when(entry) -> datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            return datetime.fromtimestamp(calendar.timegm(value), tz=UTC)
    return None


def _first_items(content: bytes, limit: int) -> tuple[bytes, int]:
    """The feed cut after its `limit`-th item (RSS) or entry (Atom), its open elements closed again, and
    how many items the whole feed has. feedparser takes minutes on tens of thousands of items (a poll
    has 120 s), so what is not read is not parsed either."""
    ends = [m.end() for m in _ITEM_END.finditer(content)]
    if len(ends) <= limit:
        return content, len(ends)
    first = _ITEM_START.search(content)
    if first is None:  # pragma: no cover - an end tag implies a start tag
        return content, len(ends)
    stack: list[bytes] = []
    for match in _TAG.finditer(content, 0, first.start()):
        closing, name, self_closing = match.group(1), match.group(2), match.group(3)
        if closing:
            if name in stack:
                del stack[len(stack) - 1 - stack[::-1].index(name) :]
        elif not self_closing:
            stack.append(name)
    closing_tags = b"".join(b"</" + name + b">" for name in reversed(stack))
    return content[: ends[limit - 1]] + closing_tags, len(ends)


def parse_feed(
    content: bytes, *, base_url: str, content_type: str = "", max_items: int | None = None
) -> ParsedFeed:
    # Looked for in the UTF-8 text (in UTF-16 bytes "<!ENTITY" is spread out by NULs), and anywhere
    # after a DOCTYPE: comments before or inside it can hide where the root element starts.
    content = _FORBIDDEN_CONTROLS.sub(b"", xml_as_utf8(content, charset_of(content_type)))
    doctype = _DOCTYPE.search(content)
    if doctype and _ENTITY_DECL.search(content, doctype.start()):
        raise PermanentFetchError("the feed declares XML entities (refused: entity-expansion attack)")
    content = _CHAR_REF.sub(_drop_forbidden_reference, _NAMED_ENTITY.sub(_numeric_reference, content))
    items_total = None
    if max_items is not None:
        content, items_total = _first_items(content, max_items)
    media = content_type.split(";", 1)[0].strip() or "application/xml"
    headers = {"content-location": base_url, "content-type": f"{media}; charset=utf-8"}
    parsed = feedparser.parse(content, response_headers=headers, sanitize_html=True)
    entries: list[FeedEntry] = []
    seen: set[str] = set()
    for raw in parsed.entries:
        link = _clean(raw.get("link"))
        if not link:
            link = next((_clean(item.get("href")) for item in raw.get("links", []) if item.get("href")), "")
        if not link:
            continue
        link = urljoin(base_url, link)
        if link in seen:
            continue
        seen.add(link)
        entries.append(
            FeedEntry(
                url=link,
                title=_clean(raw.get("title")),
                summary=_clean(raw.get("summary")),
                published_at=_when(raw),
                guid=_clean(raw.get("id")),
            )
        )
    result = ParsedFeed(title=_clean(parsed.feed.get("title")), entries=entries)
    if items_total is not None and items_total > max_items:
        result.items_skipped = items_total - max_items
    if parsed.bozo:
        exc = parsed.get("bozo_exception")
        name = type(exc).__name__
        if name not in _ENCODING_WARNINGS:
            result.problem = f"the feed is not well-formed XML ({exc})"
    if not parsed.get("version") and not entries:
        detail = f": {result.problem}" if result.problem else ""
        raise PermanentFetchError(f"not an RSS or Atom feed{detail}")
    return result
