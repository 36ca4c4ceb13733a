"""Corroboration whose message the broker lost is recovered (issue 15: D19).

A real Redis and real worker and beat processes on PostgreSQL: claims are created and their messages sent,
the broker is purged, and the durable job rows plus the beat's sweep (CORROBORATION_STALE_SECONDS) bring
every claim's corroboration back without anyone re-queueing it by hand.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
from django.db import connection

from claims.models import CorroborationSummary, Evidence
from claims.services import claim_create
from claimtracker.celery import app
from corroboration.models import CorroborationJob
from tests.corroboration.corroboration_story import CLAIM_SUMMARY_EN, CLAIM_TEXT
from tests.migration_data import restore_groups

pytestmark = [pytest.mark.redis, pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
STALE_SECONDS = 4


def _redis_url() -> str:
    return os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture
def _groups_restored_after_flush(django_db_blocker):
    yield
    with django_db_blocker.unblock():
        restore_groups()


@pytest.fixture
def broker(settings, _groups_restored_after_flush):
    """This process sends real messages to Redis (not in-process) while the test runs."""
    if connection.vendor != "postgresql":
        pytest.skip("the worker process needs a database it can share with the test: PostgreSQL")
    client = redis.Redis.from_url(_redis_url())
    try:
        client.ping()
    except redis.ConnectionError:
        pytest.skip(f"Redis is not running at {_redis_url()}")
    client.flushdb()
    before = {key: app.conf[key] for key in ("task_always_eager", "broker_url")}

    def connect(**conf):
        app.conf.update(**conf)
        # The producer pool was made for the broker configured when it was first used: make it again
        # (not closed: kombu keeps pools per broker URL, and the in-process one is used again afterwards).
        app._pool = None
        app.amqp._producer_pool = None

    app.set_current()  # another test's `Celery(...)` may have made itself the app shared tasks use
    connect(task_always_eager=False, broker_url=_redis_url())
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = _redis_url()
    try:
        yield client
    finally:
        connect(**before)
        client.flushdb()


def _start(args: list[str], log: Path) -> subprocess.Popen:
    db = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
        "CELERY_BROKER_URL": _redis_url(),
        "CORROBORATION_ENCODER": "none",
        "CORROBORATION_STALE_SECONDS": str(STALE_SECONDS),
    }
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "claimtracker", *args],
        cwd=ROOT,
        env=env,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def _stop(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)
    except ProcessLookupError:
        pass
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def test_d19_claims_whose_messages_were_purged_are_corroborated_by_the_sweep(story, broker, tmp_path):
    claims = [
        claim_create(
            text=CLAIM_TEXT,
            summary_en=CLAIM_SUMMARY_EN,
            language="ru",
            chain=[{"source": story.sources["vestnik"].pk, "relation": "reported_by"}],
        )
        for _ in range(3)
    ]
    # The messages are in Redis now; the broker loses them all (a purge, or a restart without persistence).
    assert broker.llen("cpu") == 3
    broker.flushdb()
    assert broker.llen("cpu") == 0
    assert CorroborationJob.objects.filter(target_id__in=[c.pk for c in claims]).count() == 3

    log = tmp_path / "celery.log"
    worker = _start(
        ["worker", "-Q", "cpu,default", "-c", "1", "--without-mingle", "--without-gossip", "-l", "info"], log
    )
    # The schedule as the code seeds it (settings.CELERY_BEAT_SCHEDULE, with this test's short sweep
    # interval), not the database scheduler's rows: a transactional test flushes those.
    beat = _start(
        ["beat", "--scheduler", "celery.beat:PersistentScheduler", "-s", str(tmp_path / "beat-schedule"),
         "-l", "info"],
        log,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if not CorroborationJob.objects.exists() and all(
                CorroborationSummary.objects.filter(claim=c).exists() for c in claims
            ):
                break
            time.sleep(0.5)
        else:
            rows = list(CorroborationJob.objects.values())
            raise AssertionError(f"lost corroboration not recovered: {rows}\n{log.read_text()[-8000:]}")
    finally:
        _stop(beat)
        _stop(worker)

    counts = {Evidence.objects.filter(claim=claim).count() for claim in claims}
    assert len(counts) == 1 and min(counts) > 0  # the same search found the same coverage for each
    assert "corroboration.sweep_pending_corroboration" in log.read_text()
