"""Reads other apps call: ranked full-text search over stored articles.

On PostgreSQL this uses the `search_vector` column and its GIN index (sources migration
0002_article_search): each article is indexed with the stemmer of its own language
(english, russian, else simple) plus the `simple` configuration, so names match unstemmed in any
language. On SQLite a slower fallback with the same interface ranks candidates in Python.
"""

import math
import re
import time
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
    `match="any"` ranks articles that have any of the words (for long texts like a claim), leaving out
    words so common in the stored articles that they cannot tell one from another (see COMMON_SHARE).
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


def _all_words_tsquery_sql(config: str) -> str:
    return f"websearch_to_tsquery('{config}'::regconfig, %s)"


# A word in more than this share of the articles says little about which article is meant, and an
# any-word query that keeps it must rank most of the table (0.7-2 s at 100k articles).
COMMON_SHARE = 0.01
COMMON_CACHE_SECONDS = 600
_common: dict = {"at": -math.inf, "lexemes": frozenset()}


def _common_lexemes(cursor) -> frozenset[str]:
    """Lexemes in more than COMMON_SHARE of the articles, from PostgreSQL's own statistics.

    ANALYZE (autovacuum) keeps `most_common_elems` of the tsvector column; reading it is one catalog
    row. Without statistics yet (a new or small table) nothing counts as common.
    """
    now = time.monotonic()
    if now - _common["at"] < COMMON_CACHE_SECONDS:
        return _common["lexemes"]
    cursor.execute(
        """
        SELECT e.elem FROM pg_stats s,
               unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) AS e(elem, freq)
        WHERE s.schemaname = current_schema() AND s.tablename = 'sources_article'
          AND s.attname = 'search_vector' AND e.elem IS NOT NULL AND e.freq > %s
        """,
        [COMMON_SHARE],
    )
    _common.update(at=now, lexemes=frozenset(row[0] for row in cursor.fetchall()))
    return _common["lexemes"]


def forget_common_lexemes() -> None:
    _common.update(at=-math.inf, lexemes=frozenset())


def _any_word_tsquery(cursor, query: str, configs: list[str]) -> str:
    """The query's lexemes (under every config) joined with OR, leaving out the corpus's common ones."""
    vectors = " || ".join(f"to_tsvector('{c}'::regconfig, %s)" for c in configs)
    cursor.execute(f"SELECT DISTINCT unnest(tsvector_to_array({vectors}))", [query] * len(configs))
    lexemes = sorted(row[0] for row in cursor.fetchall())
    common = _common_lexemes(cursor)
    rare = [lexeme for lexeme in lexemes if lexeme not in common] or lexemes
    return " | ".join("'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'" for lexeme in rare)


def _search_postgres(query: str, config: str | None, limit: int, match: str) -> list[tuple[int, float]]:
    configs = [config] if config else ["english", "russian"]
    if "simple" not in configs:
        configs.append("simple")
    with connection.cursor() as cursor:
        if match == "any":
            tsquery, params = "%s::tsquery", [_any_word_tsquery(cursor, query, configs)]
            if params == [""]:
                return []
        else:
            tsquery = " || ".join(f"coalesce({_all_words_tsquery_sql(c)}, ''::tsquery)" for c in configs)
            params = [query] * len(configs)
        sql = f"""
            WITH q AS (SELECT ({tsquery}) AS query)
            SELECT a.id, ts_rank_cd(a.search_vector, q.query, 32) AS rank
            FROM sources_article a, q
            WHERE q.query <> ''::tsquery AND a.search_vector @@ q.query
            ORDER BY rank DESC, a.id DESC
            LIMIT %s
        """
        cursor.execute(sql, [*params, limit])
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
