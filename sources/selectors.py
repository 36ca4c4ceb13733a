"""Reads other apps call: ranked full-text search over stored articles.

On PostgreSQL this uses the `search_vector` column and its GIN index (migration
0002_article_search_fetch_state): each article is indexed with the stemmer of its own language
(english, russian, else simple) plus the `simple` configuration, so names match unstemmed in any
language. On SQLite a slower fallback with the same interface ranks candidates in Python.
"""

import math
import re
from collections import Counter

from django.db import connection

from .models import Article

_WORD = re.compile(r"\w+", re.UNICODE)
CONFIGS = {"en": "english", "ru": "russian"}


def _config(language: str | None) -> str | None:
    if not language:
        return None
    return CONFIGS.get(language.split("-")[0].lower(), "simple")


def article_search(
    *, query: str, language: str | None = None, limit: int = 50, match: str = "all"
) -> list[tuple[int, float]]:
    """Articles matching `query`, best first, as (article id, rank).

    `language` is the query's language (BCP 47, e.g. "ru"): it picks the stemmer; without it the
    query is stemmed as English, as Russian and as-is, and an article matching any of them counts.
    `match="all"` needs every word (web-search syntax: "quoted phrases", -exclusions, or);
    `match="any"` ranks articles that have any of the words (for long texts like a claim).
    Ranks are comparable within one call only.
    """
    if match not in ("all", "any"):
        raise ValueError("match must be 'all' or 'any'")
    query = " ".join(query.split())
    if not query or limit <= 0:
        return []
    if connection.vendor == "postgresql":
        return _search_postgres(query, _config(language), limit, match)
    return _search_fallback(query, limit, match)


def _tsquery_sql(config: str, match: str) -> str:
    if match == "all":
        return f"websearch_to_tsquery('{config}'::regconfig, %s)"
    # Turn "a & b & c" into "a | b | c": rank by how many of the words an article has.
    return f"NULLIF(replace(plainto_tsquery('{config}'::regconfig, %s)::text, ' & ', ' | '), '')::tsquery"


def _search_postgres(query: str, config: str | None, limit: int, match: str) -> list[tuple[int, float]]:
    configs = [config] if config else ["english", "russian"]
    if "simple" not in configs:
        configs.append("simple")
    parts = [f"coalesce({_tsquery_sql(c, match)}, ''::tsquery)" for c in configs]
    tsquery = " || ".join(parts)
    sql = f"""
        WITH q AS (SELECT ({tsquery}) AS query)
        SELECT a.id, ts_rank_cd(a.search_vector, q.query, 32) AS rank
        FROM sources_article a, q
        WHERE q.query <> ''::tsquery AND a.search_vector @@ q.query
        ORDER BY rank DESC, a.id DESC
        LIMIT %s
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [query] * len(configs) + [limit])
        return [(row[0], float(row[1])) for row in cursor.fetchall()]


def _stem(word: str) -> str:
    """A crude stem for the fallback: drop up to two final letters (Russian and English inflect at
    the end), keep at most six. Tokens starting with the stem count as the word."""
    return word[: min(6, max(3, len(word) - 2))]


def _search_fallback(query: str, limit: int, match: str) -> list[tuple[int, float]]:
    words = [w.casefold() for w in _WORD.findall(query) if len(w) > 1]
    stems = list(dict.fromkeys(_stem(w) for w in words))
    if not stems:
        return []
    scored: list[tuple[int, float]] = []
    # Articles are streamed and matched in Python because SQLite's LIKE folds case only for ASCII.
    for article_id, title, text in Article.objects.values_list("id", "title", "text").iterator(
        chunk_size=500
    ):
        tokens = Counter(w.casefold() for w in _WORD.findall(f"{title} {title} {text}"))
        counts = {s: sum(n for token, n in tokens.items() if token.startswith(s)) for s in stems}
        present = [s for s, n in counts.items() if n]
        if not present or (match == "all" and len(present) < len(stems)):
            continue
        length = sum(tokens.values())
        rank = sum(1 + math.log(counts[s]) for s in present) / (1 + math.log(1 + length))
        scored.append((article_id, rank))
    scored.sort(key=lambda pair: (-pair[1], -pair[0]))
    return scored[:limit]
