"""The real path: a worker process (beat embedded) cuts deliveries and sends them to a local receiver,
retrying with backoff; the receiver fails twice and still gets each event exactly once."""

import os
import subprocess
import sys
import time
from collections import Counter

import pytest
from celery import Celery
from django.db import connection

from api import services as api_services
from claims import services as claim_services
from claims.models import ChangeEntry
from tests.migration_data import restore_groups
from tests.webhooks.receiver import Receiver
from webhooks import services
from webhooks.models import Delivery, DeliveryStatus

pytestmark = [pytest.mark.redis, pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def receiver():
    with Receiver(script=[500, 502]) as running:
        yield running


@pytest.fixture
def worker(is_postgres, tmp_path, receiver, django_db_blocker):
    if not is_postgres:
        pytest.skip("the worker process needs the PostgreSQL test database (SQLite's is in memory)")
    redis_url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
    db = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
        "CELERY_BROKER_URL": redis_url,
        "CELERY_RESULT_BACKEND": redis_url,
        "CORROBORATION_ENCODER": "none",
        "INGEST_ALLOW_LOOPBACK": "1",
        "INGEST_LOOPBACK_PORTS": str(receiver.port),
        "WEBHOOK_DISPATCH_EVERY_SECONDS": "1",
        "WEBHOOK_RETRY_BASE_SECONDS": "0.5",
        "PREDICTIONS_DUE_EVERY_SECONDS": "3600",
    }
    Celery(broker=redis_url).control.purge()
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "claimtracker", "worker", "-B", "-Q", "cpu,fetch", "-c", "2",
         "-l", "warning", "--scheduler", "celery.beat:PersistentScheduler", "-s", str(tmp_path / "beat"),
         "--without-gossip", "--without-mingle", "--without-heartbeat"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        yield process
    finally:
        process.terminate()
        process.wait(timeout=20)
        with django_db_blocker.unblock():
            restore_groups()


def test_the_workers_deliver_each_event_once_to_a_receiver_that_fails_twice(
    settings, receiver, worker, reviewer
):
    key, _ = api_services.api_key_create(name="Hooks", scope="review", user=reviewer)
    settings.INGEST_ALLOW_LOOPBACK, settings.INGEST_LOOPBACK_PORTS = True, [receiver.port]
    subscription, receiver.secret = services.subscription_create(
        api_key=key, url=receiver.url, events=["claim.created", "verdict.recorded"]
    )
    claim = claim_services.claim_create(text="Ascend chips lag a generation", language="en")
    claim_services.verdict_record(
        claim=claim, status="confirmed", rationale="Said on the record.", reviewer=reviewer, seen_version=1
    )
    expected = Counter(
        str(seq)
        for seq in ChangeEntry.objects.filter(action__in=["claim_created", "verdict_recorded"]).values_list(
            "seq", flat=True
        )
    )
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and Counter(receiver.accepted()) != expected:
        time.sleep(0.3)
    assert Counter(receiver.accepted()) == expected, receiver.requests
    time.sleep(3)  # more beat ticks: nothing is sent again
    assert Counter(receiver.accepted()) == expected
    assert len(receiver.requests) == 4 and all(r.signed for r in receiver.requests)
    deliveries = Delivery.objects.filter(subscription=subscription)
    assert {d.status for d in deliveries} == {DeliveryStatus.DELIVERED}
    assert sum(d.attempts for d in deliveries) == 4
