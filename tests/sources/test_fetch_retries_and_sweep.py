from datetime import timedelta

import pytest
from django.utils import timezone

from sources.models import Article, Fetch, FetchKind, FetchStatus
from sources.services import fetch_run, fetches_sweep_stale, page_extract
from sources.tasks import run_fetch
from tests.sources.conftest import fixture_bytes
from tests.sources.webserver import Reply

pytestmark = pytest.mark.django_db


def _page(url: str, **fields) -> Fetch:
    return Fetch.objects.create(kind=FetchKind.PAGE, url=url, **fields)


def test_it_waits_with_growing_jittered_backoff_on_5xx_then_gives_up(web, settings):
    settings.INGEST_MAX_ATTEMPTS = 3
    settings.INGEST_RETRY_BASE_SECONDS = 10
    fetch = _page(web.route("/flaky", Reply(status=503)))
    waits = []
    for _ in range(3):
        before = timezone.now()
        fetch = fetch_run(fetch_id=fetch.id)
        if fetch.next_attempt_at:
            waits.append((fetch.next_attempt_at - before).total_seconds())

    assert fetch.status == FetchStatus.FAILED
    assert fetch.attempts == 3
    assert fetch.last_error == "gave up after 3 attempts: HTTP 503 from 127.0.0.1"
    assert 5 <= waits[0] <= 10.5 and 10 <= waits[1] <= 20.5  # base * 2^(n-1), jittered in [d/2, d]


def test_it_waits_at_least_as_long_as_retry_after_says(web):
    fetch = _page(web.route("/busy", Reply(status=429, headers={"Retry-After": "600"})))
    before = timezone.now()
    fetch = fetch_run(fetch_id=fetch.id)
    assert fetch.status == FetchStatus.RETRYING and fetch.http_status == 429
    assert fetch.next_attempt_at - before >= timedelta(seconds=599)


def test_it_does_not_retry_a_4xx(web):
    fetch = fetch_run(fetch_id=_page(web.route("/gone", Reply(status=410))).id)
    assert fetch.status == FetchStatus.FAILED and fetch.attempts == 1 and fetch.next_attempt_at is None


def test_it_retries_after_a_timeout_and_succeeds(web):
    calls = []

    def flaky(handler):
        calls.append(1)
        if len(calls) == 1:
            return Reply(delay=1.5, body=b"late")
        return Reply(body=fixture_bytes("article_en.html"))

    fetch = _page(web.route("/2025/08/14/deepseek-r2-delay", flaky))
    assert fetch_run(fetch_id=fetch.id).status == FetchStatus.RETRYING
    assert fetch_run(fetch_id=fetch.id).status == FetchStatus.FETCHED
    done = page_extract(fetch_id=fetch.id)
    assert done.status == FetchStatus.DONE and done.attempts == 2 and done.last_error == ""


def test_running_a_task_twice_creates_no_duplicates(web, django_capture_on_commit_callbacks):
    fetch = _page(web.route("/2025/08/14/deepseek-r2-delay", Reply(body=fixture_bytes("article_en.html"))))
    with django_capture_on_commit_callbacks(execute=True):
        run_fetch.delay(fetch.id)
        run_fetch.delay(fetch.id)  # a redelivered message
    page_extract(fetch_id=fetch.id)

    fetch.refresh_from_db()
    assert fetch.status == FetchStatus.DONE and fetch.attempts == 1
    assert Article.objects.count() == 1
    assert len(web.hits_for("/2025/08/14/deepseek-r2-delay")) == 1


def test_a_row_held_by_a_live_worker_is_left_alone(web):
    fetch = _page(
        web.url("/x"), status=FetchStatus.RUNNING, lease_until=timezone.now() + timedelta(minutes=5)
    )
    assert fetch_run(fetch_id=fetch.id).status == FetchStatus.RUNNING
    assert web.hits == []


def test_the_sweep_requeues_lost_and_abandoned_work(web, settings, django_capture_on_commit_callbacks):
    settings.INGEST_STALE_SECONDS = 60
    web.route("/2025/08/14/deepseek-r2-delay", Reply(body=fixture_bytes("article_en.html")))
    web.route("/ru/deepseek-r2", Reply(body=fixture_bytes("article_ru.html")))
    long_ago = timezone.now() - timedelta(minutes=10)
    lost = _page(web.url("/2025/08/14/deepseek-r2-delay"), enqueued_at=long_ago)  # message lost
    dead = _page(  # its worker died mid-fetch
        web.url("/ru/deepseek-r2"),
        status=FetchStatus.RUNNING,
        attempts=1,
        lease_until=timezone.now() - timedelta(seconds=1),
    )
    fresh = _page(web.url("/fresh"), enqueued_at=timezone.now())  # still in the queue: not touched
    finished = _page(web.url("/done"), status=FetchStatus.DONE, enqueued_at=long_ago)

    with django_capture_on_commit_callbacks(execute=True):
        assert fetches_sweep_stale() == 2

    for row in (lost, dead, fresh, finished):
        row.refresh_from_db()
    assert lost.status == dead.status == FetchStatus.DONE
    assert dead.attempts == 2
    assert fresh.status == FetchStatus.PENDING and finished.status == FetchStatus.DONE
    assert Article.objects.count() == 2
