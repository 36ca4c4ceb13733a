"""The real path: beat (embedded in a worker process, on Redis and PostgreSQL) queues a due prediction once."""

import os
import subprocess
import sys
import time
from datetime import timedelta

import pytest
from celery import Celery
from django.db import connection
from django.utils import timezone

from claims import services
from claims.models import AuditEntry, Claim, SummaryRevision
from tests.migration_data import restore_groups

pytestmark = [pytest.mark.redis, pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def beat_worker(is_postgres, tmp_path, django_db_blocker):
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
        "PREDICTIONS_DUE_EVERY_SECONDS": "1",
    }
    Celery(broker=redis_url).control.purge()
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "claimtracker", "worker", "-B", "-Q", "cpu", "-c", "1",
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


def _wait_for(check, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.2)
    return False


def test_beat_requeues_a_prediction_due_in_the_past_once_on_a_real_worker(beat_worker):
    claim = services.claim_create(
        text="DeepSeek will release R2 by May",
        language="en",
        kind="prediction",
        due_at=timezone.now().date() - timedelta(days=3),
    )
    assert _wait_for(lambda: Claim.objects.get(pk=claim.pk).due_queued_at is not None), "beat never queued it"
    queued_at = Claim.objects.get(pk=claim.pk).due_queued_at
    # The corroboration run it queued refreshes the summary on the worker, after the queueing.
    assert _wait_for(lambda: SummaryRevision.objects.filter(claim=claim, at__gt=queued_at).exists())
    # Beat keeps ticking every second; a few more ticks queue nothing more.
    ticks_after = time.monotonic() + 4
    while time.monotonic() < ticks_after:
        time.sleep(0.5)
    assert AuditEntry.objects.filter(claim=claim, action="prediction_due").count() == 1
    assert Claim.objects.get(pk=claim.pk).due_queued_at == queued_at
