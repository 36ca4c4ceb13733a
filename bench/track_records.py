"""The track-record pages' query count (and time) at 1k sources, beside 10: constant, or it grows.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ct_records_bench .venv/bin/python -m bench.track_records \
        [--sources 1000] [--claims-per-source 5]

Generates (once, tagged) sources with aliases, claims whose chains name them (outlet → cited source →
unnamed group) and verdict histories, by bulk insert. Then walks every page of /api/v1/sources/
(page_size 100), now and with ?as_of=, fetches single sources' pages, and the admin's source list
and one source's admin page (with the chart), counting queries (CaptureQueriesContext) and timing
each. Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from datetime import timedelta

from bench import django_env  # noqa: F401, I001  (Django set up before the models)

# isort: split
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from claims.models import AttributionLink, Claim, Verdict
from sources.models import Source, SourceAlias, SourceKind

TAG = "bench-records"
OUTCOMES = ["confirmed", "confirmed", "confirmed", "false", "misleading", "disputed", "unverifiable"]


def generate(n_sources: int, per_source: int) -> None:
    if Source.objects.filter(description=TAG).count() >= n_sources:
        return
    rng = random.Random(14)
    user = get_user_model().objects.get_or_create(username="bench-reviewer")[0]
    carrier = Source.objects.create(kind=SourceKind.OUTLET, name="Bench Wire", description=TAG + "-carrier")
    sources = Source.objects.bulk_create(
        Source(
            kind=SourceKind.OUTLET, name=f"Outlet {i:05d}", normalized_name=f"outlet {i:05d}", description=TAG
        )
        for i in range(n_sources)
    )
    SourceAlias.objects.bulk_create(
        SourceAlias(source=s, name=f"O{i}", normalized=f"o{i}") for i, s in enumerate(sources)
    )
    start = timezone.now() - timedelta(days=400)
    claims = Claim.objects.bulk_create(
        Claim(text=f"Claim {i}", language="en", status="unreviewed") for i in range(n_sources * per_source)
    )
    links, verdicts = [], []
    for i, claim in enumerate(claims):
        cited = sources[i // per_source]
        links += [
            AttributionLink(
                claim=claim, position=0, relation="reported_by", source_kind="outlet", source=carrier
            ),
            AttributionLink(claim=claim, position=1, relation="citing", source_kind="outlet", source=cited),
            AttributionLink(
                claim=claim, position=2, relation="citing", source_kind="unnamed", count=2, phrase="sources"
            ),
        ]
        moment = start
        for _ in range(rng.randint(1, 3)):
            moment += timedelta(days=rng.randint(1, 120))
            verdicts.append(
                Verdict(claim=claim, status=rng.choice(OUTCOMES), rationale="bench", reviewer=user,
                        claim_version=1, created_at=moment, recorded_at=moment)
            )  # fmt: skip
    AttributionLink.objects.bulk_create(links, batch_size=5000)
    Verdict.objects.bulk_create(verdicts, batch_size=5000)
    latest = {}
    for v in Verdict.objects.filter(claim__in=claims).order_by("created_at", "id"):
        latest[v.claim_id] = v
    for status in {v.status for v in latest.values()}:
        Claim.objects.filter(pk__in=[c for c, v in latest.items() if v.status == status]).update(
            status=status
        )


def measure(client: Client, path: str, params: dict | None = None) -> tuple[int, float, dict]:
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = client.get(path, params or {})
        elapsed = (time.perf_counter() - started) * 1000
    assert response.status_code == 200, (path, response.status_code)
    return len(queries), elapsed, response


def walk(client: Client, params: dict) -> dict:
    counts, times, pages, seen = [], [], 0, 0
    url, query = "/api/v1/sources/", {"page_size": 100, **params}
    while url:
        n, ms, response = measure(client, url, query)
        body = response.json()
        counts.append(n)
        times.append(ms)
        seen += len(body["results"])
        pages += 1
        url, query = (body["next"].replace("http://127.0.0.1", ""), None) if body["next"] else (None, None)
    return {"pages": pages, "sources": seen, "queries_per_page": sorted(set(counts)),
            "ms_per_page_median": round(statistics.median(times), 1)}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sources", type=int, default=1000)
    parser.add_argument("--claims-per-source", type=int, default=5)
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("bench.track_records needs PostgreSQL: set DATABASE_URL=postgres://…")
    call_command("migrate", verbosity=0)
    from django.conf import settings

    settings.CLAIMTRACKER_API_THROTTLE_RATES = {"key": "1000000/min", "anonymous": "1000000/min"}
    settings.ALLOWED_HOSTS = ["*"]
    generate(args.sources, args.claims_per_source)
    client = Client(HTTP_HOST="127.0.0.1")
    client.get("/api/v1/sources/", {"page_size": 1})  # warm up (URL resolver, schema of the serializers)
    moment = (timezone.now() - timedelta(days=200)).isoformat()
    result = {
        "sources": Source.objects.count(),
        "claims": Claim.objects.count(),
        "verdicts": Verdict.objects.count(),
        "api_list_now": walk(client, {}),
        "api_list_as_of": walk(client, {"as_of": moment}),
    }
    some = list(
        Source.objects.filter(description=TAG).values_list("pk", flat=True)[:: max(1, args.sources // 20)]
    )
    detail = [measure(client, f"/api/v1/sources/{pk}/")[:2] for pk in some]
    result["api_detail"] = {
        "queries": sorted({q for q, _ in detail}),
        "ms_median": round(statistics.median(t for _, t in detail), 1),
    }
    admin = get_user_model().objects.filter(
        is_superuser=True
    ).first() or get_user_model().objects.create_superuser("bench-admin", "b@example.org", "x")
    client.force_login(admin)
    n, ms, _ = measure(client, "/admin/sources/source/")
    result["admin_list_100"] = {"queries": n, "ms": round(ms, 1)}
    n, ms, _ = measure(client, f"/admin/sources/source/{some[0]}/change/")
    result["admin_page_with_chart"] = {"queries": n, "ms": round(ms, 1)}
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
