"""A task sent through the real Redis is run by a real worker process, which reads the test database."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from celery import Celery
from django.db import connection

from tests.factories import ClaimFactory

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.redis, pytest.mark.postgres_only]


@pytest.fixture
def sender(redis_url):
    """A client app configured like the project's, but on the test Redis (the in-process app stays eager)."""
    client = Celery("claimtracker-test-client")
    client.config_from_object("django.conf:settings", namespace="CELERY")
    client.conf.update(broker_url=redis_url, result_backend=redis_url, task_always_eager=False)
    yield client
    client.close()


@pytest.fixture
def worker(redis_url):
    if connection.vendor != "postgresql":
        pytest.skip("the worker process needs a database it can share: PostgreSQL")
    db = connection.settings_dict
    database_url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "CELERY_BROKER_URL": redis_url,
        "CELERY_RESULT_BACKEND": redis_url,
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "claimtracker",
            "worker",
            "-Q",
            "cpu",
            "-c",
            "1",
            "--without-gossip",
            "--without-mingle",
            "-l",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # its own process group: teardown stops the pool children too
    )
    try:
        yield process
    finally:
        process.terminate()
        try:
            output, _ = process.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            output, _ = process.communicate()
        if "Traceback" in (output or ""):
            print(output)


@pytest.mark.django_db(transaction=True)
def test_a_task_goes_through_redis_to_a_real_worker_process(worker, sender):
    started = time.monotonic()
    assert sender.send_task("claimtracker.ping", queue="cpu").get(timeout=60) == "pong"
    claim = ClaimFactory()
    # Routed by the project's own CELERY_TASK_ROUTES: claims.* go to the cpu queue.
    state = sender.send_task("corroboration.corroborate_claim", args=(claim.pk,)).get(timeout=60)
    assert state["claim"] == claim.pk and state["summary"]["suggested_grade"] == 6  # no coverage yet
    assert worker.poll() is None, "the worker died"
    assert time.monotonic() - started < 90
