"""Parse RSS and Atom with feedparser, refusing what could hurt the parser."""

import calendar
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urljoin

import feedparser

from textkit.charset import charset_of, xml_as_utf8

from .errors import PermanentFetchError

# A feed has no business declaring entities; a DTD with them is how entity-expansion bombs start.
_ENTITY_DECL = re.compile(rb"<!ENTITY", re.IGNORECASE)
_ROOT_START = re.compile(rb"<[A-Za-z]")
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


def _when(entry) -> datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            return datetime.fromtimestamp(calendar.timegm(value), tz=UTC)
    return None


def parse_feed(content: bytes, *, base_url: str, content_type: str = "") -> ParsedFeed:
    # Declarations can only come before the root element, but may be pushed past any fixed-size
    # prefix by comments, so look at everything up to the root element.
    root = _ROOT_START.search(content)
    if _ENTITY_DECL.search(content, 0, root.start() if root else len(content)):
        raise PermanentFetchError("the feed declares XML entities (refused: entity-expansion attack)")
    content = xml_as_utf8(content, charset_of(content_type))
    media = content_type.split(";", 1)[0].strip() or "application/xml"
    headers = {"content-location": base_url, "content-type": f"{media}; charset=utf-8"}
    parsed = feedparser.parse(content, response_headers=headers, sanitize_html=True)
    entries: list[FeedEntry] = []
    seen: set[str] = set()
    for raw in parsed.entries:
        link = raw.get("link") or ""
        if not link:
            link = next((item.get("href") for item in raw.get("links", []) if item.get("href")), "")
        if not link:
            continue
        link = urljoin(base_url, link.strip())
        if link in seen:
            continue
        seen.add(link)
        entries.append(
            FeedEntry(
                url=link,
                title=(raw.get("title") or "").strip(),
                summary=(raw.get("summary") or "").strip(),
                published_at=_when(raw),
                guid=(raw.get("id") or "").strip(),
            )
        )
    result = ParsedFeed(title=(parsed.feed.get("title") or "").strip(), entries=entries)
    if parsed.bozo:
        exc = parsed.get("bozo_exception")
        name = type(exc).__name__
        if name not in _ENCODING_WARNINGS:
            result.problem = f"the feed is not well-formed XML ({exc})"
    if not parsed.get("version") and not entries:
        detail = f": {result.problem}" if result.problem else ""
        raise PermanentFetchError(f"not an RSS or Atom feed{detail}")
    return result
