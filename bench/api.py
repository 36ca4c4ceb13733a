"""Benchmark: GET /api/v1/claims/?status=confirmed (page 50, chains + evidence summaries) against a
baseline view returning the same rows from one hand-written SQL query.

Both are served by the same gunicorn processes on 127.0.0.1 (an OS-chosen port); the load comes from
a separate process (threads with keep-alive connections). Rounds alternate API and baseline so
machine noise hits both alike; the ratio of their throughputs is the number to read.

    .venv/bin/python bench/api.py                       # 100k claims (generated once with COPY)
    .venv/bin/python bench/api.py --claims 20000 --duration 5 --rounds 2

Needs PostgreSQL (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/ct_api_bench).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/ct_api_bench"
API_PATH = "/api/v1/claims/?status=confirmed&page_size=50"
BASELINE_PATH = "/bench/baseline/claims/?status=confirmed&page_size=50"


# --- load generator (runs as its own process) --------------------------------------------------------


def load(port: int, path: str, concurrency: int, duration: float) -> dict:
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    deadline = time.perf_counter() + duration

    def worker():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine = []
        while time.perf_counter() < deadline:
            start = time.perf_counter()
            try:
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                if response.status != 200:
                    errors[0] += 1
            except (OSError, http.client.HTTPException):
                errors[0] += 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                continue
            mine.append(time.perf_counter() - start)
        conn.close()
        with lock:
            latencies.extend(mine)

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    latencies.sort()
    pick = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000  # noqa: E731
    return {
        "requests": len(latencies),
        "errors": errors[0],
        "rps": len(latencies) / elapsed,
        "p50_ms": pick(0.50) if latencies else None,
        "p99_ms": pick(0.99) if latencies else None,
    }


# --- data ----------------------------------------------------------------------------------------------


def _django(db_url: str, settings_module: str = "claimtracker.settings"):
    os.environ["DATABASE_URL"] = db_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings_module)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def ensure_database(db_url: str) -> None:
    import psycopg

    name = db_url.rsplit("/", 1)[1]
    admin_url = db_url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def generate(n_claims: int) -> None:
    """Bulk-load a realistic shape with COPY: 3-link chains, an appearance, 2 entities, 2-3 evidence."""
    from django.core.management import call_command
    from django.db import transaction

    from claims.models import Claim

    call_command("migrate", verbosity=0)
    if Claim.objects.count() == n_claims:
        print(f"reusing {n_claims} claims already in the bench database", file=sys.stderr)
        return
    with transaction.atomic():  # claims point at verdicts loaded after them: FKs are checked at commit
        _load(n_claims)


def _load(n_claims: int) -> None:
    from django.db import connection

    started = time.perf_counter()
    rng = random.Random(42)
    tables = [
        "claims_verdict_evidence", "claims_changeentry", "claims_auditentry", "claims_verdict", "claims_evidence",
        "claims_claimentity", "claims_appearance", "claims_attributionlink", "claims_claim",
        "sources_sourcealias", "sources_article", "sources_source",
    ]  # fmt: skip
    with connection.cursor() as cur:
        cur.execute(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")
        cur.execute("DELETE FROM auth_user WHERE username = 'bench-reviewer'")
        cur.execute(
            "INSERT INTO auth_user (password, is_superuser, username, first_name, last_name, email, is_staff,"
            " is_active, date_joined) VALUES ('!', false, 'bench-reviewer', '', '', '', true, true, now())"
            " RETURNING id"
        )
        reviewer_id = cur.fetchone()[0]
    now = datetime(2025, 8, 14, tzinfo=UTC)
    n_outlets, n_people = 300, 2000
    sources = [(i, "outlet", f"Outlet {i}", "") for i in range(1, n_outlets + 1)]
    sources += [(n_outlets + i, "person", f"Person {i}", "spokesperson") for i in range(1, n_people + 1)]
    n_articles = n_claims + n_claims // 2
    statuses = ["confirmed"] * 5 + ["false", "disputed", "misleading", "unreviewed", "unreviewed"]

    def copy(table, columns, rows):
        with (
            connection.cursor() as cur,
            cur.connection.cursor().copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copier,
        ):
            for row in rows:
                copier.write_row(row)

    copy(
        "sources_source",
        [
            "id",
            "kind",
            "name",
            "normalized_name",
            "role",
            "reliability",
            "description",
            "created_at",
            "updated_at",
        ],
        ((i, k, name, name.casefold(), role, "", "", now, now) for i, k, name, role in sources),
    )
    copy(
        "sources_article",
        ["id", "url", "outlet_id", "title", "byline", "language", "published_at", "text", "content_hash",
         "created_at", "updated_at"],
        (
            (i, f"https://outlet{i % n_outlets + 1}.example/news/{i}", i % n_outlets + 1, f"Story {i}", "", "en",
             now - timedelta(minutes=i), f"Text of story {i}. DeepSeek delayed R2, people familiar said.",
             f"{i:064x}", now, now)
            for i in range(1, n_articles + 1)
        ),
    )  # fmt: skip
    claim_status = [statuses[rng.randrange(len(statuses))] for _ in range(n_claims)]
    copy(
        "claims_claim",
        ["id", "text", "language", "summary_en", "kind", "made_at", "status", "current_verdict_id", "version",
         "created_at", "updated_at"],
        (
            (i, f"Claim {i}: DeepSeek postponed R2 after training on Huawei Ascend failed", "en", "", "fact",
             now - timedelta(days=1), claim_status[i - 1], i if claim_status[i - 1] != "unreviewed" else None,
             2 if claim_status[i - 1] != "unreviewed" else 1, now - timedelta(seconds=i), now)
            for i in range(1, n_claims + 1)
        ),
    )  # fmt: skip
    copy(
        "claims_verdict",
        ["id", "claim_id", "status", "rationale", "reviewer_id", "claim_version", "created_at", "recorded_at"],
        (
            (i, i, claim_status[i - 1], "Checked against the filing and two independent reports.", reviewer_id, 1,
             now, now)
            for i in range(1, n_claims + 1)
            if claim_status[i - 1] != "unreviewed"
        ),
    )  # fmt: skip

    def links():
        for i in range(1, n_claims + 1):
            yield (i, 0, "reported_by", "outlet", i % n_outlets + 1, None, "", "", "")
            yield (i, 1, "citing", "outlet", (i * 7) % n_outlets + 1, None, "citing", "", "")
            if i % 3:
                yield (i, 2, "citing", "unnamed", None, 2, "people familiar with the matter", "", "")
            else:
                yield (
                    i,
                    2,
                    "said_by",
                    "person",
                    n_outlets + i % n_people + 1,
                    None,
                    "said",
                    "It is a matter of time",
                    "spokesperson",
                )

    copy(
        "claims_attributionlink",
        ["claim_id", "position", "relation", "source_kind", "source_id", "count", "phrase", "quote", "role"],
        links(),
    )
    copy(
        "claims_appearance",
        ["claim_id", "article_id", "span_start", "span_end", "quote"],
        ((i, i, 0, 20, "Text of story") for i in range(1, n_claims + 1)),
    )
    copy(
        "claims_claimentity",
        ["claim_id", "name"],
        ((i, name) for i in range(1, n_claims + 1) for name in ("DeepSeek", "Huawei")),
    )

    def evidence():
        for i in range(1, n_claims + 1):
            picks = rng.sample(range(n_claims + 1, n_articles + 1), 3 if i % 2 else 2)
            kinds = [("supports", "independent"), ("supports", "re_report"), ("refutes", "independent")]
            for article, (stance, independence) in zip(picks, kinds, strict=False):
                yield (i, article, stance, independence, None, None, None, "", "{}", "bench-matcher", "1", None,
                       now, "proposed")  # fmt: skip

    copy(
        "claims_evidence",
        ["claim_id", "article_id", "stance", "independence", "origin_id", "passage_start", "passage_end", "passage",
         "scores", "component", "component_version", "decided_by_id", "decided_at", "review_state"],
        evidence(),
    )  # fmt: skip
    with connection.cursor() as cur:
        for table in ["sources_source", "sources_article", "claims_claim", "claims_verdict"]:
            cur.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"
            )
        cur.execute("ANALYZE")
    # The summary is stored, as the workers would have left it: computed by its one definition.
    from claims.models import Claim
    from claims.services import summary_refresh

    for claim in Claim.objects.only("id").iterator(chunk_size=2000):
        summary_refresh(claim=claim)
    print(f"generated {n_claims} claims in {time.perf_counter() - started:.1f}s", file=sys.stderr)


# --- orchestration -----------------------------------------------------------------------------------


def serve(db_url: str, workers: int, threads: int) -> tuple[subprocess.Popen, int]:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))  # the OS picks a free port
    sock.listen(128)
    port = sock.getsockname()[1]
    env = {
        **os.environ,
        "DATABASE_URL": db_url,
        "DJANGO_SETTINGS_MODULE": "bench.api_baseline_settings",
        "DEBUG": "0",
        "SECRET_KEY": "bench-only",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "API_THROTTLE_ANONYMOUS": "100000000/min",
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "claimtracker.wsgi", "--bind", f"fd://{sock.fileno()}",
         "--workers", str(workers), "--worker-class", "gthread", "--threads", str(threads),
         "--log-level", "warning"],
        cwd=ROOT, env=env, pass_fds=[sock.fileno()],
    )  # fmt: skip
    sock.close()
    for _ in range(100):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return server, port
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("gunicorn did not come up")


def same_rows(port: int) -> None:
    """The two endpoints must answer with the same claims, or the comparison means nothing."""

    def get(path):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.request("GET", path)
        response = conn.getresponse()
        assert response.status == 200, (path, response.status)
        return json.loads(response.read())["results"]

    api, base = get(API_PATH), get(BASELINE_PATH)
    assert [c["id"] for c in api] == [c["id"] for c in base] and len(api) == 50
    assert [len(c["chain"]) for c in api] == [len(c["chain"]) for c in base]
    for a, b in zip(api, base, strict=True):
        assert a["evidence_summary"]["evidence_count"] == b["evidence_summary"]["evidence_count"]
        assert len(a["evidence_summary"]["supporting_origins"]) == len(
            b["evidence_summary"]["supporting_origins"]
        )
        assert a["evidence_summary"]["re_reports"] == b["evidence_summary"]["re_reports"]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--duration", type=float, default=8.0, help="seconds per round per endpoint")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument(
        "--load", nargs=4, metavar=("PORT", "PATH", "CONCURRENCY", "DURATION"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.load:
        port, path, concurrency, duration = args.load
        print(json.dumps(load(int(port), path, int(concurrency), float(duration))))
        return

    db_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB)
    ensure_database(db_url)
    _django(db_url)
    generate(args.claims)
    server, port = serve(db_url, args.workers, args.threads)
    try:
        same_rows(port)
        for path in (API_PATH, BASELINE_PATH):  # warm up both
            load(port, path, 2, 1.0)
        results = {"api": [], "baseline": []}
        for round_no in range(args.rounds):
            order = [("api", API_PATH), ("baseline", BASELINE_PATH)]
            if round_no % 2:
                order.reverse()
            for name, path in order:
                out = subprocess.run(
                    [sys.executable, __file__, "--load", str(port), path, str(args.concurrency), str(args.duration)],
                    capture_output=True, text=True, check=True,
                )  # fmt: skip
                result = json.loads(out.stdout)
                results[name].append(result)
                print(f"round {round_no + 1} {name:8} {result}", file=sys.stderr)
    finally:
        server.terminate()
        server.wait(10)

    def summary(runs):
        return {
            "rps": statistics.median(r["rps"] for r in runs),
            "p50_ms": statistics.median(r["p50_ms"] for r in runs),
            "p99_ms": statistics.median(r["p99_ms"] for r in runs),
            "errors": sum(r["errors"] for r in runs),
        }

    api, base = summary(results["api"]), summary(results["baseline"])
    print(f"claims in database: {args.claims}; page size 50; concurrency {args.concurrency}; "
          f"gunicorn {args.workers} workers x {args.threads} threads; {args.rounds} rounds x {args.duration}s")  # fmt: skip
    print("| endpoint | requests/s | p50 ms | p99 ms | errors |")
    print("|---|---|---|---|---|")
    for name, s in (("API `/api/v1/claims/?status=confirmed`", api), ("baseline (one SQL query)", base)):
        print(f"| {name} | {s['rps']:.1f} | {s['p50_ms']:.1f} | {s['p99_ms']:.1f} | {s['errors']} |")
    print(f"ratio API / baseline throughput: {api['rps'] / base['rps']:.2f}")


if __name__ == "__main__":
    main()
