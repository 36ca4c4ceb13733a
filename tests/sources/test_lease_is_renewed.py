"""A short lease on a fetch row, renewed while the work runs (issue 15: D20).

Before, the lease was the task's time limit plus a minute (420 s): work interrupted by a crash waited that
long. Now it is short (INGEST_LEASE_SECONDS, 60 s by default) and a live worker renews it, so a slow
fetch is never taken from the worker doing it, and a dead worker's row is free within one lease.
"""

import threading
import time

import pytest
from django.db import connection

from claimtracker import settings as project_settings
from sources.models import Fetch, FetchKind, FetchStatus
from sources.services import fetch_run
from tests.sources.webserver import Reply

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


def test_d20_the_default_lease_is_short():
    assert project_settings.INGEST_LEASE_SECONDS <= 60
    assert project_settings.CORROBORATION_LEASE_SECONDS <= 60


def test_d20_a_slow_fetch_keeps_its_lease_and_no_second_worker_takes_it(settings, web):
    if connection.vendor != "postgresql":
        pytest.skip("the second worker needs its own connection to a shared database")
    settings.CELERY_TASK_ALWAYS_EAGER = False  # as on a worker: the lease keeper runs
    settings.INGEST_LEASE_SECONDS = 1
    settings.INGEST_TOTAL_TIMEOUT = 10
    settings.INGEST_READ_TIMEOUT = 10
    url = web.route("/slow", Reply(body=b"<html><body><p>slow page</p></body></html>", delay=3.0))
    fetch = Fetch.objects.create(kind=FetchKind.PAGE, url=url)

    second: list[Fetch] = []

    def another_worker():
        time.sleep(2.0)  # twice the lease: without renewal it has lapsed by now
        try:
            second.append(fetch_run(fetch_id=fetch.id, enqueue=False))
        finally:
            connection.close()

    thread = threading.Thread(target=another_worker)
    thread.start()
    done = fetch_run(fetch_id=fetch.id, enqueue=False)
    thread.join(timeout=30)

    assert done.status == FetchStatus.FETCHED
    assert second and second[0].status == FetchStatus.RUNNING  # left to the live worker, not claimed
    fetch.refresh_from_db()
    assert fetch.attempts == 1
    assert len(web.hits_for("/slow")) == 1
