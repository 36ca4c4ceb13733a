"""Benchmark: articles indexed per second into PostgreSQL, and ranked search latency.

Run against a throw-away PostgreSQL database (its name must contain "bench"; its articles are
deleted first):

    createdb -h 127.0.0.1 -U postgres ct_ingest_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ct_ingest_bench \
        .venv/bin/python bench/ingest_index.py --articles 20000

Each number is printed beside a baseline measured in the same run, because the machine is shared:
- indexing: `article_store` (the service workers call: dedup look-ups, one transaction per article,
  the generated tsvector and its GIN index) and a batched `bulk_create`, against the same rows
  inserted into a copy of the table without the search column and index;
- search: `article_search` against a hand-written single-configuration full-text query of the same
  shape (`@@` + `ts_rank_cd` + `ORDER BY rank DESC LIMIT 50`), interleaved query by query.
"""

import argparse
import random
import re
import statistics
import sys
import time
from pathlib import Path

from django.core.management import call_command
from django.db import connection

from bench import django_env  # noqa: F401  (Django set up before the models)
from sources.models import Article, content_hash
from sources.selectors import article_search
from sources.services import article_store

ROOT = Path(__file__).resolve().parents[1]

SITE = ROOT / "sources" / "demo_site" / "claimtracker-demo"
TAG = re.compile(r"<[^>]+>")


def sentences(path: Path) -> list[str]:
    html = path.read_text(encoding="utf-8")
    paragraphs = re.findall(r"<p>(.*?)</p>", html, flags=re.S)
    text = " ".join(TAG.sub("", p) for p in paragraphs)
    return [s.strip() for s in re.split(r"(?<=[.!?»])\s+", text) if len(s.strip()) > 30]


def corpus():
    en = sentences(SITE / "harbour" / "deepseek-r2-delay.html")
    ru = sentences(SITE / "vestnik" / "deepseek-r2.html") + sentences(SITE / "vestnik" / "nvidia-h20.html")
    return en, ru


def make_articles(n: int, seed: int = 7):
    """3–8 KB texts: shuffled real sentences plus rare 'topic' words, so queries range from
    matching half the articles (common words) to about 1% (topic words)."""
    rng = random.Random(seed)
    en, ru = corpus()
    topics_en = [f"topic{i}x" for i in range(300)]
    topics_ru = [f"тема{i}ш" for i in range(300)]
    for i in range(n):
        russian = i % 2 == 1
        pool, topics = (ru, topics_ru) if russian else (en, topics_en)
        target = rng.randint(3000, 8000)
        parts, size = [], 0
        while size < target:
            sentence = rng.choice(pool)
            if rng.random() < 0.15:
                sentence = f"{sentence} {rng.choice(topics)}"
            parts.append(sentence)
            size += len(sentence.encode()) + 1
        text = " ".join(parts)
        yield {
            "url": f"https://bench.example/{i}",
            "title": f"{rng.choice(pool)[:80]} #{i}",
            "language": "ru" if russian else "en",
            "text": text,
        }


PLAIN = "bench_article_plain"


def time_store(rows) -> float:
    started = time.perf_counter()
    for row in rows:
        article_store(**row)
    return time.perf_counter() - started


def time_store_parallel(rows, workers: int) -> float:
    """article_store from several threads, each with its own connection, like several workers."""
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connections

    def run(part):
        try:
            for row in part:
                article_store(**row)
        finally:
            connections.close_all()

    parts = [rows[i::workers] for i in range(workers)]
    started = time.perf_counter()
    with ThreadPoolExecutor(workers) as pool:
        list(pool.map(run, parts))
    return time.perf_counter() - started


def time_bulk(rows, batch: int = 500) -> float:
    started = time.perf_counter()
    for i in range(0, len(rows), batch):
        Article.objects.bulk_create(
            [Article(content_hash=content_hash(r["text"]), **r) for r in rows[i : i + batch]]
        )
    return time.perf_counter() - started


def time_plain(rows, batch: int = 500) -> float:
    """The same rows into a copy of the article table without the search column and GIN index."""
    started = time.perf_counter()
    with connection.cursor() as cursor:
        for i in range(0, len(rows), batch):
            chunk = rows[i : i + batch]
            cursor.executemany(
                f"INSERT INTO {PLAIN} (url, title, byline, language, text, content_hash, created_at, updated_at)"
                " VALUES (%s, %s, '', %s, %s, %s, now(), now())",
                [(r["url"], r["title"], r["language"], r["text"], content_hash(r["text"])) for r in chunk],
            )
    return time.perf_counter() - started


def hand_written(query: str, config: str) -> list:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, ts_rank_cd(search_vector, q, 32) AS rank"
            f" FROM sources_article, websearch_to_tsquery('{config}', %s) q"
            " WHERE search_vector @@ q ORDER BY rank DESC LIMIT 50",
            [query],
        )
        return cursor.fetchall()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=20000, help="articles in the search corpus")
    parser.add_argument("--index-sample", type=int, default=2000, help="articles timed for indexing")
    parser.add_argument("--queries", type=int, default=40)
    args = parser.parse_args()
    if connection.vendor != "postgresql" or "bench" not in connection.settings_dict["NAME"]:
        sys.exit("Run against a PostgreSQL database whose name contains 'bench' (its articles are deleted).")
    call_command("migrate", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE sources_article RESTART IDENTITY CASCADE")
        cursor.execute(f"DROP TABLE IF EXISTS {PLAIN}")
        cursor.execute(
            f"CREATE TABLE {PLAIN} (id bigserial PRIMARY KEY, url varchar(2000) UNIQUE, title varchar(1000),"
            " byline varchar(500), language varchar(12), text text, content_hash varchar(64),"
            " created_at timestamptz, updated_at timestamptz)"
        )
        cursor.execute(f"CREATE INDEX ON {PLAIN} (content_hash)")

    rows = list(make_articles(args.articles))
    sample = rows[: args.index_sample]
    mean_kb = statistics.mean(len(r["text"].encode()) for r in sample) / 1024
    print(
        f"corpus: {len(rows)} articles, sample of {len(sample)} timed, mean text {mean_kb:.1f} KB (half en, half ru)"
    )

    plain = time_plain(sample)
    store = time_store(sample)
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE sources_article RESTART IDENTITY CASCADE")
    parallel = time_store_parallel(sample, 4)
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE sources_article RESTART IDENTITY CASCADE")
    bulk = time_bulk(sample)
    n = len(sample)
    print(f"article_store (one at a time, as workers do): {n / store:8.0f} articles/s")
    print(f"article_store from 4 threads (4 workers):     {n / parallel:8.0f} articles/s")
    print(f"bulk_create into the indexed table (500/batch): {n / bulk:8.0f} articles/s")
    print(f"baseline: same rows, table without search index: {n / plain:8.0f} articles/s")
    print(f"  ratio indexed/plain: article_store {plain / store:.2f}, bulk {plain / bulk:.2f}")

    started = time.perf_counter()
    time_bulk(rows[len(sample) :])
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE sources_article")
    print(
        f"loaded the rest ({len(rows) - len(sample)}) in {time.perf_counter() - started:.0f} s; searching {Article.objects.count()} articles"
    )

    rng = random.Random(11)
    queries = []
    for i in range(args.queries):
        kind = i % 4
        if kind == 0:
            queries.append(("Huawei chips", "en"))
        elif kind == 1:
            queries.append((f"topic{rng.randrange(300)}x training", "en"))
        elif kind == 2:
            queries.append(("чипы Huawei", "ru"))
        else:
            queries.append((f"тема{rng.randrange(300)}ш обучение", "ru"))
    ours, theirs = [], []
    for query, language in queries:  # interleaved so load changes hit both alike
        config = {"en": "english", "ru": "russian"}[language]
        started = time.perf_counter()
        a = article_search(query=query, language=language, limit=50)
        ours.append(time.perf_counter() - started)
        started = time.perf_counter()
        b = hand_written(query, config)
        theirs.append(time.perf_counter() - started)
        assert a and b, f"no results for {query!r}"
    for label, picks in (("broad (≈half the articles match)", (0, 2)), ("selective (≈1-2% match)", (1, 3))):
        mine = [t for i, t in enumerate(ours) if i % 4 in picks]
        hand = [t for i, t in enumerate(theirs) if i % 4 in picks]
        print(
            f"  {label:34s} p50 article_search {statistics.median(mine) * 1000:7.1f} ms,"
            f" hand-written {statistics.median(hand) * 1000:7.1f} ms"
        )
    p50_ours, p50_theirs = statistics.median(ours) * 1000, statistics.median(theirs) * 1000
    p95 = lambda xs: sorted(xs)[int(len(xs) * 0.95) - 1] * 1000  # noqa: E731
    print(f"article_search   p50 {p50_ours:7.1f} ms   p95 {p95(ours):7.1f} ms")
    print(
        f"hand-written SQL p50 {p50_theirs:7.1f} ms   p95 {p95(theirs):7.1f} ms   (one configuration, same shape)"
    )
    print(f"  ratio p50 article_search / hand-written: {p50_ours / p50_theirs:.2f}")
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {PLAIN}")


if __name__ == "__main__":
    main()
