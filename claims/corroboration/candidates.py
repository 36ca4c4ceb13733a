"""Candidate generation behind one small interface, so the search backend can change without the matcher.

`ArticleCandidates.search(query=..., language=..., limit=...)` returns [(article_id, rank)], best first:
the same shape as `sources.selectors.article_search`. `get_article_candidates()` uses that search index
when the sources app provides it, and otherwise `DbArticleCandidates`, a plain query over Article rows.
"""

import importlib
import re
from collections import Counter
from typing import Protocol

from django.db.models import Q

from sources.models import Article

from .text import STOPWORDS, WORD_RE, content_terms, fold


class ArticleCandidates(Protocol):
    name: str

    def search(
        self, *, query: str, language: str | None = None, limit: int = 50
    ) -> list[tuple[int, float]]: ...


class DbArticleCandidates:
    """Articles containing the query's rarest-looking words, ranked by how many of its stems they hold.

    Stems are matched as substrings, so Russian inflections match ("инженер" finds "инженеров"). A
    stand-in for the full-text index: it scans, so it is for small stores and tests, not 100k articles.
    """

    name = "db-substring"

    def __init__(self, *, max_terms: int = 8, scan_limit: int = 2000):
        self.max_terms, self.scan_limit = max_terms, scan_limit

    def search(self, *, query, language=None, limit=50):
        terms = [t for t in dict.fromkeys(content_terms(query)) if len(t) >= 3 and not t.isdigit()]
        if not terms:
            return []
        # Longer stems are rarer; names (Latin or Cyrillic) survive any language's stemmer.
        picked = sorted(terms, key=len, reverse=True)[: self.max_terms]
        condition = Q()
        for term in picked:
            condition |= Q(text__icontains=term) | Q(title__icontains=term)
        rows = (
            Article.objects.filter(condition)
            .order_by("-published_at", "-id")
            .values_list("id", "title", "text")
        )
        scored = []
        for article_id, title, text in rows[: self.scan_limit]:
            haystack = fold(f"{title} {text}")
            hits = sum(1 for t in picked if t in haystack)
            scored.append((article_id, hits / len(picked)))
        scored.sort(key=lambda item: (-item[1], -item[0]))
        return scored[:limit]


class SearchIndexCandidates:
    """The sources app's full-text index (PostgreSQL FTS, SQLite fallback)."""

    name = "sources.article_search"

    def __init__(self, search):
        self._search = search

    def search(self, *, query, language=None, limit=50):
        return list(self._search(query=query, language=language, limit=limit))


def get_article_candidates() -> ArticleCandidates:
    try:
        selectors = importlib.import_module("sources.selectors")
    except ImportError:
        return DbArticleCandidates()
    search = getattr(selectors, "article_search", None)
    return SearchIndexCandidates(search) if search else DbArticleCandidates()


def expand_query(text: str, alias_names: list[str]) -> str:
    """The claim plus the other-script names of the entities it mentions, so "Хуавэй" also finds "Huawei"."""
    return " ".join([text, *alias_names])


def merge_ranked(*lists: list[tuple[int, float]], limit: int) -> list[tuple[int, float]]:
    """Reciprocal-rank fusion of several ranked lists (the plain query and its alias expansion)."""
    fused: Counter = Counter()
    for ranked in lists:
        for position, (key, _) in enumerate(ranked):
            fused[key] += 1 / (60 + position)
    return fused.most_common(limit)


def plain_words(text: str) -> list[str]:
    return [w for w in WORD_RE.findall(fold(text)) if w not in STOPWORDS and not re.fullmatch(r"\d+", w)]
