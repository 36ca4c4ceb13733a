"""Benchmark: exporting every claim (GET /api/v1/claims/export/, and the admin's CSV and XLSX) against
reading the same claims through the list endpoint, page after page (page_size 100, following `next`).

In-process (Django's test client, no network), on the bench database `bench/api.py` fills with COPY
(3-link chains, an appearance, 2 entities, 2-3 evidence per claim, verdicts on most). Rounds alternate
the order; the number to read is the time per 1,000 claims and its ratio to the list's.

    .venv/bin/python -m bench.export                      # 5,000 claims
    .venv/bin/python -m bench.export --claims 20000 --rounds 2

Needs PostgreSQL (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/ct_export_bench).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

from bench.api import _django, ensure_database, generate

DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/ct_export_bench"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--claims", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    db_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB)
    ensure_database(db_url)
    _django(db_url)
    generate(args.claims)

    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from api import services as api_services
    from claims.export import ClaimExportResource

    settings.CLAIMTRACKER_API_THROTTLE_RATES = {"key": "1000000/min", "anonymous": "1000000/min"}
    settings.DEBUG = False
    admin_user, _ = get_user_model().objects.get_or_create(
        username="bench-export", defaults={"is_staff": True, "is_superuser": True}
    )
    _, key = api_services.api_key_create(name="bench export", scope="edit", user=admin_user)
    api = Client(HTTP_HOST="127.0.0.1", HTTP_AUTHORIZATION=f"Bearer {key}")
    admin = Client(HTTP_HOST="127.0.0.1")
    admin.force_login(admin_user)
    export_url = reverse("admin:claims_claim_export")
    # The export page's column boxes (all checked), as django-import-export names them.
    columns = {f"claimexportresource_{name}": "on" for name in ClaimExportResource().get_export_order()}

    def list_pages() -> int:
        url, rows = "/api/v1/claims/?page_size=100", 0
        while url:
            body = api.get(url).json()
            rows += len(body["results"])
            url = body["next"]
        return rows

    def api_export() -> int:
        response = api.get("/api/v1/claims/export/")
        assert response.status_code == 200, response.status_code
        return b"".join(response.streaming_content).count(b"\n") - 1

    def admin_export(file_format: str):
        def run() -> int:
            response = admin.post(export_url, {**columns, "resource": "0", "format": file_format})
            assert response.status_code == 200, response.status_code
            return args.claims if file_format == "1" else response.content.count(b"\n") - 1

        return run

    cases = {
        "list endpoint, all pages (baseline)": list_pages,
        "API export CSV": api_export,
        "admin export CSV": admin_export("0"),
        "admin export XLSX": admin_export("1"),
    }
    times: dict[str, list[float]] = {name: [] for name in cases}
    queries: dict[str, int] = {}
    for round_no in range(args.rounds):
        order = list(cases.items())
        if round_no % 2:
            order.reverse()
        for name, run in order:
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                rows = run()
                elapsed = time.perf_counter() - started
            assert rows == args.claims, (name, rows)
            times[name].append(elapsed)
            queries[name] = len(captured)
            print(f"round {round_no + 1} {name}: {elapsed:.2f} s, {len(captured)} queries", file=sys.stderr)

    base = statistics.median(times["list endpoint, all pages (baseline)"])
    print(f"claims: {args.claims}; {args.rounds} rounds, median; in-process test client, PostgreSQL")
    print("| what | time | ms per 1,000 claims | queries | ratio to the list |")
    print("|---|---|---|---|---|")
    for name in cases:
        median = statistics.median(times[name])
        print(
            f"| {name} | {median:.2f} s | {median * 1000 / args.claims * 1000:.0f} | {queries[name]} "
            f"| {median / base:.2f} |"
        )


if __name__ == "__main__":
    main()
