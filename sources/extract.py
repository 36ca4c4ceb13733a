"""Main text, title, byline, publication date and language of a page."""

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from html import unescape
from urllib.parse import urljoin

import py3langid
import trafilatura
from django.utils.dateparse import parse_date, parse_datetime

from .errors import PermanentFetchError

_CANONICAL = re.compile(r"<link\b[^>]*\brel=[\"']?canonical\b[^>]*>", re.IGNORECASE)
_HREF = re.compile(r"\bhref=[\"']?([^\"'\s>]+)", re.IGNORECASE)
_CHARSET_META = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?([A-Za-z0-9_\-]+)", re.IGNORECASE)


@dataclass
class Extracted:
    title: str
    byline: str
    published_at: datetime | None
    text: str
    language: str
    canonical_url: str


def decode_html(content: bytes, *, header_charset: str | None) -> str:
    """Header charset if it decodes cleanly, then the page's <meta charset>, then UTF-8, then cp1251.

    A wrong header is common (servers that say utf-8 for everything), so a charset that fails to
    decode is not trusted.
    """
    candidates = [header_charset]
    meta = _CHARSET_META.search(content[:4096])
    if meta:
        candidates.append(meta.group(1).decode("ascii"))
    candidates += ["utf-8", "cp1251"]
    for name in candidates:
        if not name:
            continue
        try:
            return content.decode(name)
        except (LookupError, UnicodeDecodeError):
            continue
    return content.decode("utf-8", errors="replace")


def detect_language(text: str) -> str:
    if not text.strip():
        return ""
    language, _score = py3langid.classify(text[:5000])
    return language


def _published(value: str | None) -> datetime | None:
    if not value:
        return None
    moment = parse_datetime(value)
    if moment is None:
        day = parse_date(value[:10])
        if day is None:
            return None
        moment = datetime(day.year, day.month, day.day)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment


def _canonical(html: str, url: str) -> str:
    tag = _CANONICAL.search(html[:200000])
    href = _HREF.search(tag.group(0)) if tag else None
    return urljoin(url, unescape(href.group(1))) if href else ""


def extract_page(html: str, *, url: str) -> Extracted:
    document = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
        date_extraction_params={
            "extensive_search": True,
            "original_date": True,
            "outputformat": "%Y-%m-%dT%H:%M:%S%z",
        },
    )
    if document is None or not (document.text or "").strip():
        raise PermanentFetchError("no article text found on the page")
    text = document.text.strip()
    return Extracted(
        title=(document.title or "").strip()[:1000],
        byline=(document.author or "").strip()[:500],
        published_at=_published(document.date),
        text=text,
        language=detect_language(f"{document.title or ''}\n{text}"),
        canonical_url=_canonical(html, url),
    )
