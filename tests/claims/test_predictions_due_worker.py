"""The real path: beat (embedded in a worker process, on Redis and PostgreSQL) queues a due prediction once."""

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from claims import services
from claims.models import AuditEntry, Claim, SummaryRevision
from tests.migration_data import restore_groups
from tests.workers import celery_worker

pytestmark = [pytest.mark.redis, pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def beat_worker(tmp_path, django_db_blocker):
    with celery_worker(queues="cpu", beat_dir=tmp_path, PREDICTIONS_DUE_EVERY_SECONDS="1") as client:
        yield client
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
