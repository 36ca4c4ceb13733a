"""A real Celery worker process for the tests that must cross the broker: on Redis, against the
PostgreSQL test database (SQLite's test database lives in the test process's memory)."""

import os
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest
from celery import Celery
from django.db import connection


def redis_url() -> str:
    return os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def worker_env(**extra: str) -> dict[str, str]:
    """The test process's environment pointed at its own database and Redis, lexical matching."""
    db = connection.settings_dict
    url = redis_url()
    return {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
        "CELERY_BROKER_URL": url,
        "CELERY_RESULT_BACKEND": url,
        "CORROBORATION_ENCODER": "none",
        **extra,
    }


@contextmanager
def celery_worker(*, queues: str, concurrency: int = 1, beat_dir: Path | None = None, **env: str):
    """Start `celery worker` on `queues` (with beat embedded when `beat_dir` is given: its schedule
    file goes there), after purging what earlier tests left queued; yields a Celery client app that
    sends to it, and stops the process afterwards."""
    if connection.vendor != "postgresql":
        pytest.skip("the worker process needs the PostgreSQL test database (SQLite's is in memory)")
    client = Celery(broker=redis_url(), backend=redis_url())
    client.control.purge()
    command = [sys.executable, "-m", "celery", "-A", "claimtracker", "worker", "-Q", queues,
               "-c", str(concurrency), "-l", "warning", "--without-gossip", "--without-mingle", "--without-heartbeat"]  # fmt: skip
    if beat_dir is not None:
        command += ["-B", "--scheduler", "celery.beat:PersistentScheduler", "-s", str(beat_dir / "beat")]
    process = subprocess.Popen(
        command, env=worker_env(**env), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        yield client
    finally:
        process.terminate()
        process.wait(timeout=20)
