"""Webhook delivery throughput to a local receiver, beside the changes feed's own read rate.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ct_webhooks_bench .venv/bin/python -m bench.webhooks \
        [--changes 2000] [--threads 1 4] [--rounds 2]

The receiver is a separate process (a threading HTTP server on 127.0.0.1, an OS-chosen port) that
answers 200 at once. The changes are numbered change-log rows inserted directly (what every claims
write leaves). Timed per round: cutting them into deliveries (`webhooks_dispatch`), sending them all
with `delivery_send` (the service the `webhooks.deliver` task calls: lease, sign, guarded POST,
record) from N threads in this process, standing in for N worker slots, and reading the same
changes from `/api/v1/changes/` (pages of 1000, Django's test client: no network). Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

from bench import django_env  # noqa: F401, I001  (Django set up before the models)

# isort: split
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.utils import timezone

from api import services as api_services
from claims.models import ChangeCounter, ChangeEntry, Claim
from webhooks import services
from webhooks.models import Delivery, DeliveryStatus, Subscription

RECEIVER = """
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
class H(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *a): pass
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.send_response(200); self.send_header("Content-Length", "2"); self.end_headers(); self.wfile.write(b"ok")
s = ThreadingHTTPServer(("127.0.0.1", 0), H)
print(s.server_address[1], flush=True)
s.serve_forever()
"""


def _changes(n: int) -> tuple[int, int]:
    """n new change-log rows for one claim, numbered after the last; returns (first, last) seq."""
    claim = Claim.objects.create(text="Benchmark claim", language="en", status="confirmed")
    counter, _ = ChangeCounter.objects.get_or_create(pk=1)
    start = counter.value + 1
    now = timezone.now()
    ChangeEntry.objects.bulk_create(
        ChangeEntry(
            seq=start + i,
            claim_id_ref=claim.pk,
            kind="claim",
            action="claim_changed",
            claim_version=1,
            at=now,
        )
        for i in range(n)
    )
    ChangeCounter.objects.filter(pk=1).update(value=start + n - 1)
    return start, start + n - 1


def _send_all(ids: list[int], threads: int) -> float:
    def send(chunk):
        for pk in chunk:
            result = services.delivery_send(delivery_id=pk)
            assert result["outcome"] == "delivered", result
        connection.close()

    chunks = [ids[i::threads] for i in range(threads)]
    started = time.perf_counter()
    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(send, chunks))
    return time.perf_counter() - started


def _read_feed(first: int, last: int) -> float:
    client = Client(HTTP_HOST="127.0.0.1")
    after, seen = first - 1, 0
    started = time.perf_counter()
    while after < last:
        body = client.get(
            "/api/v1/changes/", {"after": after, "limit": 1000}, HTTP_AUTHORIZATION=_read_feed.auth
        ).json()
        seen += len(body["results"])
        after = int(body["next_after"])
        if not body["has_more"]:
            break
    elapsed = time.perf_counter() - started
    assert seen >= last - first + 1, seen
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--changes", type=int, default=2000)
    parser.add_argument("--threads", type=int, nargs="+", default=[1, 4])
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("bench.webhooks needs PostgreSQL: set DATABASE_URL=postgres://…")
    call_command("migrate", verbosity=0)
    receiver = subprocess.Popen([sys.executable, "-c", RECEIVER], stdout=subprocess.PIPE, text=True)
    try:
        port = int(receiver.stdout.readline())
        settings.INGEST_ALLOW_LOOPBACK, settings.INGEST_LOOPBACK_PORTS = True, [port]
        from django.contrib.auth import get_user_model

        user, _ = get_user_model().objects.get_or_create(
            username="bench-webhooks", defaults={"is_superuser": True}
        )
        key, raw = api_services.api_key_create(name="bench", scope="read")
        _read_feed.auth = f"Bearer {raw}"
        settings.CLAIMTRACKER_API_THROTTLE_RATES = {"key": "1000000/min", "anonymous": "1000000/min"}
        rounds = []
        for round_no in range(args.rounds):
            for threads in args.threads:
                Subscription.objects.all().delete()
                subscription, _ = services.subscription_create(
                    api_key=key, url=f"http://127.0.0.1:{port}/hook", events=["claim.changed"]
                )
                first, last = _changes(args.changes)
                started = time.perf_counter()
                ids = services.webhooks_dispatch(batch=args.changes)["created"]
                cut = time.perf_counter() - started
                assert len(ids) == args.changes, len(ids)
                sent = _send_all(ids, threads)
                delivered = Delivery.objects.filter(
                    subscription=subscription, status=DeliveryStatus.DELIVERED
                ).count()
                assert delivered == args.changes, delivered
                feed = _read_feed(first, last)
                rounds.append(
                    {
                        "round": round_no,
                        "threads": threads,
                        "cut_per_s": round(args.changes / cut),
                        "delivered_per_s": round(args.changes / sent),
                        "changes_feed_read_per_s": round(args.changes / feed),
                    }
                )
                print(json.dumps(rounds[-1]), file=sys.stderr, flush=True)
        print(
            json.dumps(
                {"changes_per_round": args.changes, "cpu_count": os.cpu_count(), "rounds": rounds}, indent=1
            )
        )
    finally:
        receiver.terminate()
        receiver.wait(timeout=10)


if __name__ == "__main__":
    main()
