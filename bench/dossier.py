"""The dossier page at 300 evidence rows beside 3: queries (constant) and render time (ratio).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ct_h12a_bench .venv/bin/python -m bench.dossier \
        [--rows 300] [--baseline 3] [--repeat 15]

Builds (once per database, tagged) two claims with invented coverage of every kind
(tests/dossier/story.py), then GETs each claim's dossier through the Django test client as a
reviewer, alternating the two, counting queries (CaptureQueriesContext) and timing each request.
Prints JSON with the medians and the ratio.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time

from bench import django_env  # noqa: F401, I001  (Django set up before the models)

# isort: split
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims.models import Claim
from tests.dossier.story import claim_with_evidence
from tests.factories import UserFactory


def claim_for(rows: int) -> Claim:
    tag = f"bench-dossier-{rows}"
    existing = Claim.objects.filter(evidence__article__url__startswith=f"https://{tag}.example/").first()
    return existing or claim_with_evidence(rows, tag=tag)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=300)
    parser.add_argument("--baseline", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    claims = {args.baseline: claim_for(args.baseline), args.rows: claim_for(args.rows)}
    reviewer = UserFactory(username="bench-dossier-reviewer")
    reviewer.groups.add(Group.objects.get(name="Reviewers"))
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(reviewer)
    times: dict[int, list[float]] = {n: [] for n in claims}
    queries: dict[int, int] = {}
    for round_ in range(args.repeat + 1):
        for n, claim in claims.items():
            url = reverse("dossier:claim", args=[claim.pk])
            with CaptureQueriesContext(connection) as ctx:
                began = time.perf_counter()
                response = client.get(url)
                elapsed = time.perf_counter() - began
            assert response.status_code == 200, response.status_code
            if round_:  # the first round warms caches
                times[n].append(elapsed)
                queries[n] = len(ctx.captured_queries)
    median = {n: statistics.median(t) for n, t in times.items()}
    print(
        json.dumps(
            {
                "database": connection.vendor,
                "rows": {str(n): {"queries": queries[n], "median_s": round(median[n], 4)} for n in claims},
                "ratio_time": round(median[args.rows] / median[args.baseline], 2),
                "queries_equal": queries[args.rows] == queries[args.baseline],
                "repeat": args.repeat,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
