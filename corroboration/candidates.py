"""Candidate generation behind one small interface, so the search backend can change without the matcher.

`ArticleCandidates.search(query=..., language=..., limit=...)` returns [(article_id, rank)], best first:
the shape of `sources.selectors.article_search`, which `get_article_candidates()` uses. The SciFact
bench plugs in its own in-memory index through the same interface.
"""

import re
from collections import Counter
from typing import Protocol

from sources.selectors import article_search
from textkit.folding import STOPWORDS, WORD_RE, fold


class ArticleCandidates(Protocol):
    name: str

    def search(
        self, *, query: str, language: str | None = None, limit: int = 50
    ) -> list[tuple[int, float]]: ...


class SearchIndexCandidates:
    """The sources app's full-text index (PostgreSQL FTS with a GIN index; a scan on SQLite).

    A claim is a long query, so articles are ranked by how many of its words they hold (`match="any"`)
    rather than required to hold them all.
    """

    name = "sources.article_search"

    def search(self, *, query, language=None, limit=50):
        return article_search(query=query, language=language, limit=limit, match="any")


def get_article_candidates() -> ArticleCandidates:
    return SearchIndexCandidates()


def merge_ranked(*lists: list[tuple[int, float]], limit: int) -> list[tuple[int, float]]:
    """Reciprocal-rank fusion of several ranked lists (the plain query and its alias expansion)."""
    fused: Counter = Counter()
    for ranked in lists:
        for position, (key, _) in enumerate(ranked):
            fused[key] += 1 / (60 + position)
    return fused.most_common(limit)


def plain_words(text: str) -> list[str]:
    return [w for w in WORD_RE.findall(fold(text)) if w not in STOPWORDS and not re.fullmatch(r"\d+", w)]
