"""Coverage search APIs behind one interface: ask a question, get article links back.

Add a connector by subclassing `CoverageConnector` and registering it in `CONNECTORS`.
"""

import json
from dataclasses import dataclass
from datetime import UTC, datetime

from django.conf import settings

from .errors import PermanentFetchError
from .fetcher import JSON_TYPES, http_get


@dataclass
class CoverageHit:
    url: str
    title: str = ""
    seen_at: datetime | None = None
    language: str = ""
    domain: str = ""

    def as_detail(self) -> dict:
        return {
            "title": self.title,
            "published_at": self.seen_at.isoformat() if self.seen_at else None,
            "language": self.language,
            "domain": self.domain,
        }


class CoverageConnector:
    name = ""

    def search(
        self, *, query: str, limit: int = 75, since: datetime | None = None, until: datetime | None = None
    ) -> list[CoverageHit]:
        """Articles about `query`, newest first, published (or first seen) between since and until."""
        raise NotImplementedError


# GDELT names languages in English; the ones newsrooms meet most, as ISO 639-1.
_GDELT_LANGUAGES = {
    "english": "en",
    "russian": "ru",
    "chinese": "zh",
    "french": "fr",
    "german": "de",
    "spanish": "es",
    "italian": "it",
    "portuguese": "pt",
    "arabic": "ar",
    "japanese": "ja",
    "korean": "ko",
    "ukrainian": "uk",
    "polish": "pl",
    "turkish": "tr",
    "dutch": "nl",
    "hindi": "hi",
    "persian": "fa",
    "hebrew": "he",
}


class GdeltDocConnector(CoverageConnector):
    """GDELT DOC 2.0 article list: `?query=...&mode=artlist&format=json&maxrecords=N&sort=datedesc`.

    The answer is `{"articles": [{"url", "title", "seendate": "20250814T103000Z", "domain",
    "language": "English", "sourcecountry", ...}]}`, `{}` when nothing matched, and a plain-text
    sentence (with HTTP 200) when GDELT rejects the query.
    """

    name = "gdelt"

    def __init__(self, base_url: str | None = None):
        self.base_url = base_url or settings.INGEST_GDELT_URL

    def search(
        self, *, query: str, limit: int = 75, since: datetime | None = None, until: datetime | None = None
    ) -> list[CoverageHit]:
        params = {
            "query": query,
            "mode": "artlist",
            "format": "json",
            "maxrecords": str(max(1, min(limit, 250))),
            "sort": "datedesc",
        }
        if since:
            params["startdatetime"] = since.astimezone(UTC).strftime("%Y%m%d%H%M%S")
        if until:
            params["enddatetime"] = until.astimezone(UTC).strftime("%Y%m%d%H%M%S")
        fetched = http_get(self.base_url, accept=(*JSON_TYPES, "text/html", "text/plain"), params=params)
        body = fetched.content.decode("utf-8", errors="replace").strip()
        if not body.startswith("{"):
            raise PermanentFetchError(f"GDELT refused the query: {body[:300]}", http_status=fetched.status)
        try:
            data = json.loads(body)
        except json.JSONDecodeError as exc:
            raise PermanentFetchError(f"GDELT sent broken JSON: {exc}", http_status=fetched.status) from exc
        hits = []
        for item in data.get("articles") or []:
            url = (item.get("url") or "").strip()
            if not url:
                continue
            hits.append(
                CoverageHit(
                    url=url,
                    title=(item.get("title") or "").strip(),
                    seen_at=_gdelt_time(item.get("seendate")),
                    language=_GDELT_LANGUAGES.get((item.get("language") or "").strip().lower(), ""),
                    domain=(item.get("domain") or "").strip(),
                )
            )
        return hits[:limit]


def _gdelt_time(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.strptime(value, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    except ValueError:
        return None


CONNECTORS: dict[str, type[CoverageConnector]] = {GdeltDocConnector.name: GdeltDocConnector}


def get_connector(name: str) -> CoverageConnector:
    try:
        return CONNECTORS[name]()
    except KeyError:
        raise PermanentFetchError(
            f"unknown coverage connector {name!r}; known: {', '.join(CONNECTORS)}"
        ) from None
