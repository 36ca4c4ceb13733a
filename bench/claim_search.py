"""Benchmark: claim search with alias expansion (`claims.selectors.claim_search`) against the
full-text match it replaced (`FULLTEXT_MATCH_SQL` alone), side by side on the same data.

The data is bench/api.py's (COPY-loaded chains, appearances, bare entity names "DeepSeek" and
"Huawei", evidence), plus a registry source Huawei with the alias "Хуавэй". Each case fetches the
first API-sized page (50 newest claims, ids only) in-process, alternating new and old, and reports
the median and p90 of each in ms; the ratio new/old is the number to read.

    .venv/bin/python -m bench.claim_search --claims 20000 --repeat 30

Needs PostgreSQL (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/ct_search_bench).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time

from bench.api import _django, ensure_database, generate

DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/ct_search_bench"
CASES = {
    # an alias: old finds nothing; new expands it to Huawei and matches text, entities (bare names)
    "alias (Хуавэй)": "Хуавэй",
    "canonical name (Huawei)": "Huawei",
    "a word no claim has": "zyzzyva",
    "a source in chains (Outlet 7)": "Outlet 7",
}


def _registry() -> None:
    from sources.models import Source, SourceAlias, SourceKind

    huawei, _ = Source.objects.get_or_create(name="Huawei", kind=SourceKind.ORGANISATION)
    SourceAlias.objects.get_or_create(source=huawei, name="Хуавэй", defaults={"language": "ru"})


def _page_old(term: str) -> list[int]:
    from django.db.models.expressions import RawSQL

    from claims.models import Claim
    from claims.selectors import FULLTEXT_MATCH_SQL

    qs = Claim.objects.filter(pk__in=RawSQL(FULLTEXT_MATCH_SQL, [term]))
    return list(qs.order_by("-created_at", "-id").values_list("id", flat=True)[:50])


def _page_new(term: str) -> list[int]:
    from claims.models import Claim
    from claims.selectors import claim_search

    qs = claim_search(Claim.objects.all(), term)
    return list(qs.order_by("-created_at", "-id").values_list("id", flat=True)[:50])


def _time(fn, term: str) -> tuple[float, int]:
    started = time.perf_counter()
    rows = fn(term)
    return (time.perf_counter() - started) * 1000, len(rows)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--claims", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    db_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB)
    ensure_database(db_url)
    _django(db_url)
    generate(args.claims)
    _registry()
    out = {"claims": args.claims, "repeat": args.repeat, "cases": {}}
    for name, term in CASES.items():
        for fn in (_page_old, _page_new):  # warm both
            fn(term)
        old, new = [], []
        rows = {}
        for i in range(args.repeat):
            order = [("old", _page_old, old), ("new", _page_new, new)]
            if i % 2:
                order.reverse()
            for label, fn, times in order:
                ms, n = _time(fn, term)
                times.append(ms)
                rows[label] = n
        q = statistics.quantiles
        out["cases"][name] = {
            "old_ms": {"median": round(statistics.median(old), 2), "p90": round(q(old, n=10)[-1], 2)},
            "new_ms": {"median": round(statistics.median(new), 2), "p90": round(q(new, n=10)[-1], 2)},
            "ratio_new_over_old": round(statistics.median(new) / statistics.median(old), 2),
            "rows_on_page": rows,
        }
    print(json.dumps(out, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
