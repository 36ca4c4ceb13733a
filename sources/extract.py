"""Main text, title, byline, publication date and language of a page."""

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from html import unescape
from urllib.parse import urljoin, urlsplit

import trafilatura
from django.utils.dateparse import parse_date, parse_datetime

from textkit.language import detect as detect_language

from .errors import PermanentFetchError

MIN_TEXT_CHARS = 80  # shorter is a menu, a paywall stub or an error page, not an article
_CANONICAL = re.compile(r"<link\b[^>]*\brel=[\"']?canonical\b[^>]*>", re.IGNORECASE)
_HREF = re.compile(r"\bhref=[\"']?([^\"'\s>]+)", re.IGNORECASE)


@dataclass
class Extracted:
    title: str
    byline: str
    published_at: datetime | None
    text: str
    language: str
    canonical_url: str
    site_name: str = ""  # what the page calls its publisher (og:site_name, JSON-LD publisher…)


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


_META_TAG = re.compile(r"<meta\b[^>]*>", re.IGNORECASE)
_ATTR = re.compile(r"([\w:-]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))")
_PUBLISHED_KEYS = (
    "article:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "dc.date.issued",
    "date",
)


def _meta_published(html: str) -> datetime | None:
    """The publication time the page states in its metadata, which is precise to the minute; the
    date found by trafilatura is often only a day (taken from the URL)."""
    found: dict[str, str] = {}
    for tag in _META_TAG.findall(html[:200000]):
        attrs = {
            m.group(1).lower(): m.group(2) or m.group(3) or m.group(4) or "" for m in _ATTR.finditer(tag)
        }
        key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
        if key in _PUBLISHED_KEYS and attrs.get("content"):
            found.setdefault(key, attrs["content"])
    for key in _PUBLISHED_KEYS:
        if key in found:
            moment = parse_datetime(found[key].strip())
            if moment is not None:
                return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return None


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
    text = (document.text or "").strip() if document is not None else ""
    title = (document.title or "").strip() if document is not None else ""
    if title and text.startswith(title + "\n"):
        text = text[len(title) + 1 :].lstrip()  # the headline is stored as the title, not twice
    if len(text) < MIN_TEXT_CHARS:
        raise PermanentFetchError(f"no article text found on the page ({len(text)} characters of text)")
    return Extracted(
        title=title[:1000],
        byline=(document.author or "").strip()[:500],
        published_at=_meta_published(html) or _published(document.date),
        text=text,
        language=detect_language(f"{title}\n{text}"),
        canonical_url=_canonical(html, url),
        site_name=_site_name(document, url),
    )


def _site_name(document, url: str) -> str:
    """The publisher's name as the page states it; trafilatura falls back on the host, which is not
    a name the page gave (the registry names such outlets by host itself)."""
    name = " ".join((document.sitename or "").split()) if document is not None else ""
    netloc = urlsplit(url).netloc.lower()
    if name.lower().removeprefix("www.") in {netloc, netloc.removeprefix("www."), document.hostname or ""}:
        return ""
    return name[:300]
