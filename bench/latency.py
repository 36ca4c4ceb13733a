"""Latency of corroboration on generated data of realistic size, on PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ct_corrob_bench python -m bench.latency \
        [--claims 10000] [--articles 100000] [--runs 20] [--fts]

Migrates the database and generates the data on first use (tagged, reused afterwards). Prints one JSON
object: one new article against all open claims (goal p50 ≤ 50 ms) and one claim against all articles
(goal p50 ≤ 200 ms), each next to a baseline measured in the same run, since the machine is shared.
With an encoder, "claim vs articles" is timed with the articles' embeddings stored (as they are once
an article has been matched after ingestion) and, separately, with none stored yet.
"""

import argparse
import json
import random
import statistics
import sys
import time

from django.core.management import call_command
from django.db import connection

from bench import django_env  # noqa: F401  (Django set up before the models)
from claims.models import Claim, Evidence
from corroboration import registry, services
from corroboration.candidates import get_article_candidates, plain_words
from corroboration.engine import Doc
from corroboration.models import ArticleVectors, ClaimVectors
from corroboration.vectors import article_vectors_ensure
from sources.models import Article, Source, SourceKind, content_hash

# A Zipf-like vocabulary of pseudo-words, so claims and articles overlap the way real news does: a few
# very common words, a long tail of names and topics.
_SYLLABLES = ["ka", "lo", "mi", "ne", "ru", "ta", "vo", "zi", "be", "do", "fa", "gu", "ho", "ji", "pe", "so"]
VOCAB = [a + b + c for a in _SYLLABLES for b in _SYLLABLES for c in _SYLLABLES]  # 4096 words
WEIGHTS = [1 / (rank + 1) for rank in range(len(VOCAB))]
COMPANIES = [w.capitalize() + "tek" for w in VOCAB[::7]]
FILLER = ["Shares moved little in early trading.", "Analysts had expected the move for months.",
          "The company did not respond to a request for comment.", "Regulators are reviewing the sector."]  # fmt: skip


def sentence(rng: random.Random) -> str:
    words = " ".join(rng.choices(VOCAB, weights=WEIGHTS, k=10))
    return f"{rng.choice(COMPANIES)} {words} by {rng.randint(2, 60)}% in {rng.randint(2019, 2025)}."


def ensure_data(n_claims: int, n_articles: int) -> None:
    call_command("migrate", verbosity=0)
    rng = random.Random(7)
    outlet, _ = Source.objects.get_or_create(name="Bench Wire", kind=SourceKind.OUTLET)
    have = Article.objects.filter(url__startswith="https://bench.example/").count()
    if have < n_articles:
        print(f"generating {n_articles - have} articles…", file=sys.stderr)
        batch = []
        for i in range(have, n_articles):
            text = " ".join([sentence(rng) for _ in range(3)] + rng.sample(FILLER, 2))
            batch.append(Article(url=f"https://bench.example/{i}", outlet=outlet, title=sentence(rng)[:120],
                                 language="en", text=text, content_hash=content_hash(text)))  # fmt: skip
            if len(batch) == 5000:
                Article.objects.bulk_create(batch)
                batch = []
        Article.objects.bulk_create(batch)
    have = Claim.objects.filter(summary_en="bench").count()
    if have < n_claims:
        print(f"generating {n_claims - have} claims…", file=sys.stderr)
        Claim.objects.bulk_create(
            [Claim(text=sentence(rng), language="en", summary_en="bench") for _ in range(n_claims - have)],
            batch_size=5000,
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


class PgFtsCandidates:
    """Bench-only stand-in for sources.selectors.article_search (not merged yet): PostgreSQL full-text
    search over a GIN index, OR of the query's words, ranked by ts_rank. Shows what the matcher costs
    behind a real index, next to the plain substring scan the app falls back on today."""

    name = "bench: PostgreSQL FTS over a GIN index (stand-in for sources.selectors.article_search)"
    expression = "to_tsvector('simple', title || ' ' || text)"

    def __init__(self):
        with connection.cursor() as cursor:
            cursor.execute(
                f"CREATE INDEX IF NOT EXISTS bench_article_fts ON sources_article USING gin (({self.expression}))"
            )

    def search(self, *, query, language=None, limit=50):
        words = [w for w in dict.fromkeys(plain_words(query)) if len(w) > 2][:16]
        if not words:
            return []
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT id, ts_rank({self.expression}, q) AS r FROM sources_article, to_tsquery('simple', %s) q "
                f"WHERE {self.expression} @@ q ORDER BY r DESC, id LIMIT %s",
                [" | ".join(words), limit],
            )
            return list(cursor.fetchall())


def percentiles(samples: list[float]) -> dict:
    samples = sorted(samples)
    return {
        "runs": len(samples),
        "p50_ms": round(statistics.median(samples) * 1000, 1),
        "p95_ms": round(samples[min(len(samples) - 1, int(len(samples) * 0.95))] * 1000, 1),
    }


def timed(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument(
        "--fts", action="store_true", help="also time the bench-only PostgreSQL FTS candidate source"
    )
    args = parser.parse_args(argv)
    if connection.vendor != "postgresql":
        parser.exit(
            2,
            "Set DATABASE_URL to a PostgreSQL database (e.g. postgres://postgres@127.0.0.1:5432/ct_corrob_bench)\n",
        )
    ensure_data(args.claims, args.articles)
    rng = random.Random(11)
    matcher = registry.matcher()
    out = {"matcher": matcher.version, "claims": Claim.objects.count(), "articles": Article.objects.count()}

    # 1. A new article against every open claim: indexed search + rerank, vs scoring every claim.
    if matcher.encoder:
        ClaimVectors.objects.all().delete()  # time a first build: every claim encoded, then stored
    build = timed(registry.claim_index)
    registry.reset()  # a new worker process: the claims' embeddings come from the database
    matcher = registry.matcher()
    rebuild = timed(registry.claim_index)
    outlet = Source.objects.get(name="Bench Wire")
    fresh = []
    for i in range(args.runs):
        text = " ".join([sentence(rng) for _ in range(3)] + rng.sample(FILLER, 2))
        fresh.append(Article.objects.create(url=f"https://bench.example/new/{time.time_ns()}-{i}", outlet=outlet,
                                            title="Markets", language="en", text=text))  # fmt: skip
    registry.claim_index()  # new articles do not change the claim index; this is a cache hit
    # The article's own embeddings (title + sentences) are computed once and stored by its first match;
    # that cost depends on the article, not on the number of claims, so it is timed apart.
    encode = [timed(lambda a=a: article_vectors_ensure(articles=[a], matcher=matcher)) for a in fresh]
    reads = [timed(lambda a=a: services.article_matches(article=a)) for a in fresh]
    matched = [timed(lambda a=a: services.article_match(article=a)) for a in fresh]
    all_claims = [matcher.prepare_claim(t) for t in Claim.objects.values_list("text", flat=True)]
    brute = []
    for a in fresh[:3]:
        doc = matcher.prepare_docs([Doc(id=a.id, title=a.title, text=a.text)])
        brute.append(timed(lambda doc=doc: [matcher.score(c, doc, with_stance=False) for c in all_claims]))
    out["article_vs_open_claims"] = {
        "article_encode_once": percentiles(encode),
        "engine_match": percentiles(reads),
        "engine_match_and_write": percentiles(matched),
        "claim_index_build_seconds": round(build, 2),
        "claim_index_build_seconds_new_worker": round(rebuild, 2),
        "baseline_score_every_claim": percentiles(brute),
        "speedup_vs_baseline": round(statistics.median(brute) / statistics.median(reads), 1),
        "goal_p50_ms": 50,
    }

    # 2. One claim against every article: candidate search + rerank, for each candidate source, next
    # to the bare database query underneath.
    claims = list(Claim.objects.filter(summary_en="bench").order_by("?")[: args.runs])
    out["claim_vs_articles"] = {"goal_p50_ms": 200}
    sources = [get_article_candidates()] + ([PgFtsCandidates()] if args.fts else [])
    for candidates in sources:
        search, cold, reads, total = [], [], [], []
        for claim in claims:
            search.append(timed(lambda c=claim, s=candidates: s.search(query=c.text, limit=50)))
            if matcher.encoder:
                # Articles not yet encoded (none are, in generated data): the first match encodes and
                # stores them, as matching right after ingestion does in production.
                ArticleVectors.objects.all().delete()
                matcher._vector_cache.clear()
                cold.append(
                    timed(lambda c=claim, s=candidates: services.claim_matches(claim=c, candidates=s))
                )
                matcher._vector_cache.clear()  # from here on only the stored embeddings remember
            reads.append(timed(lambda c=claim, s=candidates: services.claim_matches(claim=c, candidates=s)))
            total.append(
                timed(lambda c=claim, s=candidates: services.claim_corroborate(claim=c, candidates=s))
            )
        out["claim_vs_articles"][candidates.name] = {
            "candidate_search_only": percentiles(search),
            "engine_match": percentiles(reads),
            **({"engine_match_articles_not_yet_encoded": percentiles(cold)} if cold else {}),
            "engine_match_and_write": percentiles(total),
            "rerank_share_of_match_p50_ms": round(
                (statistics.median(reads) - statistics.median(search)) * 1000, 1
            ),
        }
    word = claims[0].text.split()[0]
    floor = [timed(lambda: list(Article.objects.filter(text__icontains=word).values_list("id", flat=True)[:50]))
             for _ in range(args.runs)]  # fmt: skip
    out["claim_vs_articles"]["baseline_single_icontains_query"] = percentiles(floor)
    Evidence.objects.filter(article__in=fresh).delete()
    Article.objects.filter(pk__in=[a.pk for a in fresh]).delete()
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
