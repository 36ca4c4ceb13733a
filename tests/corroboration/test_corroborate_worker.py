"""The real path: a Celery worker process consuming the `cpu` queue from Redis, on PostgreSQL."""

import os
import subprocess
import sys
import uuid

import pytest
from celery import Celery
from django.db import connection

from claims.models import CorroborationSummary, Evidence
from tests.migration_data import restore_groups

pytestmark = [pytest.mark.redis, pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


@pytest.fixture(scope="module")
def _groups_restored_after_flush(django_db_blocker):
    yield
    with django_db_blocker.unblock():
        restore_groups()


@pytest.fixture
def worker(is_postgres, _groups_restored_after_flush):
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
    }
    sender = Celery(broker=redis_url, backend=redis_url)
    sender.control.purge()
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "claimtracker", "worker", "-Q", "cpu", "-c", "1", "-l", "warning",
         "--without-gossip", "--without-mingle", "--without-heartbeat"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        yield sender
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_it_runs_on_a_real_worker_and_a_redelivered_task_creates_no_duplicates(story, worker):
    task_id = str(uuid.uuid4())
    # The same message twice, as the broker delivers it again after a worker died before acking.
    first = worker.send_task(
        "corroboration.corroborate_claim", args=[story.claim.pk], queue="cpu", task_id=task_id
    )
    first.get(timeout=60)
    worker.send_task("corroboration.corroborate_claim", args=[story.claim.pk], queue="cpu", task_id=task_id)
    # One worker process takes tasks in order: once this one is done, the redelivered one was too.
    result = worker.send_task("corroboration.corroborate_claim", args=[story.claim.pk], queue="cpu").get(
        timeout=60
    )

    assert result["evidence"] == {"unchanged": 6}
    assert Evidence.objects.filter(claim=story.claim).count() == 6
    assert [r["name"] for r in CorroborationSummary.objects.get(claim=story.claim).supporting_origins] == [
        "Nikkei Asia"
    ]
