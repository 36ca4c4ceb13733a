"""The real path: a Celery worker process consuming the `cpu` queue from Redis, on PostgreSQL."""

import uuid

import pytest

from claims.models import CorroborationSummary, Evidence
from tests.migration_data import restore_groups
from tests.workers import celery_worker

pytestmark = [pytest.mark.redis, pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


@pytest.fixture(scope="module")
def _groups_restored_after_flush(django_db_blocker):
    yield
    with django_db_blocker.unblock():
        restore_groups()


@pytest.fixture
def worker(_groups_restored_after_flush):
    with celery_worker(queues="cpu") as client:
        yield client


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
