"""A real Redis and real worker processes: a worker SIGKILLed mid-fetch loses no article and
duplicates none once its message is redelivered; messages the broker lost are found by the sweep."""

import os
import re
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from celery import Celery
from django.db import connection
from django.utils import timezone

from sources.models import Article, Fetch, FetchKind, FetchStatus
from sources.services import feed_add, feed_poll_start
from tests.sources.conftest import fixture_bytes
from tests.sources.webserver import Reply

pytestmark = [pytest.mark.redis, pytest.mark.postgres_only]

ROOT = Path(__file__).resolve().parents[2]
PAGES = 4


def _redis_url() -> str:
    return os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def _database_url() -> str:
    s = connection.settings_dict
    return f"postgres://{s['USER']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def _start_worker(log: Path) -> subprocess.Popen:
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "CELERY_BROKER_URL": _redis_url(),
        "CELERY_VISIBILITY_TIMEOUT": "4",  # redeliver an unacknowledged message after 4 s
        "CELERY_UNACKED_RESTORE_INTERVAL": "1",
        "INGEST_LEASE_SECONDS": "3",  # and by then the dead worker's claim on the row has lapsed
        "INGEST_ALLOW_LOOPBACK": "1",
        "INGEST_DOMAIN_DELAY": "0",
        "INGEST_READ_TIMEOUT": "10",
    }
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "claimtracker",
            "worker",
            "-Q",
            "fetch,cpu,default",
            "-c",
            "1",
            "--without-mingle",
            "--without-gossip",
            "-l",
            "info",
        ],
        cwd=ROOT,
        env=env,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def _kill(worker: subprocess.Popen) -> None:
    try:
        os.killpg(worker.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    worker.wait(timeout=10)


def _page(i: int) -> bytes:
    html = fixture_bytes("article_en.html").decode()
    html = html.replace('<link rel="canonical" href="/2025/08/14/deepseek-r2-delay">', "")
    html = html.replace(
        "<p>The episode shows",
        f"<p>Update {i}: this is report number {i} in the series.</p><p>The episode shows",
    )
    return html.encode()


def _wait_for(condition, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture
def redis_clean():
    import redis

    client = redis.Redis.from_url(_redis_url())
    try:
        client.ping()
    except redis.ConnectionError:
        pytest.skip(f"Redis is not running at {_redis_url()}")
    client.flushdb()
    yield
    client.flushdb()


def test_a_worker_killed_mid_fetch_loses_and_duplicates_nothing(transactional_db, web, redis_clean, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("the worker process needs a database it can share with the test: PostgreSQL")
    items = "".join(
        f"<item><title>Report {i}</title><link>/reports/{i}</link><guid>r{i}</guid></item>"
        for i in range(PAGES)
    )
    web.route(
        "/feed.xml",
        Reply(
            body=f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>{items}</channel></rss>'.encode(),
            content_type="application/rss+xml",
        ),
    )
    for i in range(PAGES):
        web.route(f"/reports/{i}", Reply(body=_page(i), delay=0.7))  # slow enough to be killed mid-fetch
    feed = feed_add(url=web.url("/feed.xml"))
    poll = feed_poll_start(feed=feed, enqueue=False)

    log = tmp_path / "worker.log"
    print(f"worker log: {log}")
    worker = _start_worker(log)
    try:
        sender = Celery(broker=_redis_url())
        sender.send_task("sources.run_fetch", args=[poll.id], queue="fetch")
        # Kill the whole worker (parent and pool child) once it is inside a page fetch.
        _wait_for(lambda: any(h.path.startswith("/reports/") for h in web.hits), 60, "the first page fetch")
        time.sleep(0.3)
        _kill(worker)
        killed_during = [h.path for h in web.hits if h.path.startswith("/reports/")]
        assert Fetch.objects.filter(kind=FetchKind.PAGE, status=FetchStatus.RUNNING).count() == 1

        worker = _start_worker(log)
        done = Fetch.objects.filter(kind=FetchKind.PAGE, status=FetchStatus.DONE)
        try:
            _wait_for(lambda: done.count() == PAGES, 60, f"all {PAGES} pages to be stored")
        except AssertionError as exc:
            rows = list(Fetch.objects.values_list("url", "status", "attempts", "last_error"))
            raise AssertionError(f"{exc}\n{rows}\n{log.read_text()[-12000:]}") from None

        # The broker loses messages: two pages whose messages never arrived. The beat's sweep
        # (sent here instead of waiting for beat) finds the rows and queues them again.
        web.route("/lost/a", Reply(body=_page(100)))
        web.route("/lost/b", Reply(body=_page(101)))
        lost = [Fetch.objects.create(kind=FetchKind.PAGE, url=web.url(p)) for p in ("/lost/a", "/lost/b")]
        Fetch.objects.filter(id__in=[f.id for f in lost]).update(
            created_at=timezone.now() - timedelta(hours=1)
        )
        sender.send_task("sources.sweep_stale_fetches", queue="default")
        _wait_for(lambda: done.count() == PAGES + 2, 60, "the swept pages to be stored")
    finally:
        _kill(worker)

    urls = list(Article.objects.values_list("url", flat=True))
    expected = [web.url(f"/reports/{i}") for i in range(PAGES)] + [web.url("/lost/a"), web.url("/lost/b")]
    assert sorted(urls) == sorted(expected)
    assert Fetch.objects.filter(kind=FetchKind.PAGE).count() == PAGES + 2
    interrupted = Fetch.objects.get(url=web.url(killed_during[0]))
    assert interrupted.attempts == 2  # claimed by the dead worker, then again after redelivery
    assert re.search(r"sources\.run_fetch\[.*\] received", log.read_text())
