"""The real path: a worker process (beat embedded) cuts deliveries and sends them to a local receiver,
retrying with backoff; the receiver fails twice and still gets each event exactly once."""

import time
from collections import Counter

import pytest

from api import services as api_services
from claims import services as claim_services
from claims.models import ChangeEntry
from tests.migration_data import restore_groups
from tests.webhooks.receiver import Receiver
from tests.workers import celery_worker
from webhooks import services
from webhooks.models import Delivery, DeliveryStatus

pytestmark = [pytest.mark.redis, pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def receiver():
    with Receiver(script=[500, 502]) as running:
        yield running


@pytest.fixture
def worker(tmp_path, receiver, django_db_blocker):
    with celery_worker(
        queues="cpu,fetch",
        concurrency=2,
        beat_dir=tmp_path,
        INGEST_ALLOW_LOOPBACK="1",
        INGEST_LOOPBACK_PORTS=str(receiver.port),
        WEBHOOK_DISPATCH_EVERY_SECONDS="1",
        WEBHOOK_RETRY_BASE_SECONDS="0.5",
        PREDICTIONS_DUE_EVERY_SECONDS="3600",
    ) as client:
        yield client
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
