"""Thin Celery tasks: take a Fetch id, call a service, safe to run twice.

`run_fetch` is network I/O (queue `fetch`), `extract_page` is parsing (queue `cpu`); the routes
are in settings. Acknowledged late: a worker that dies mid-task leaves the message to be
redelivered, and the row compare-and-swap in sources.services.fetching keeps a redelivery from doing the work twice.
"""

from celery import shared_task
from django.utils import timezone

from . import services
from .models import FetchStatus


@shared_task(
    name="sources.run_fetch", bind=True, acks_late=True, max_retries=None, soft_time_limit=120, time_limit=150
)
def run_fetch(self, fetch_id: int) -> str:
    fetch = services.fetch_run(fetch_id=fetch_id)
    if fetch.status == FetchStatus.RETRYING and fetch.next_attempt_at and not self.request.is_eager:
        # The backoff and jitter were chosen by the service and stored on the row, so the sweep can
        # re-queue it if this retry message is lost. In-process (eager) mode leaves it to the sweep
        # instead of retrying at once in a tight loop.
        countdown = max(0.0, (fetch.next_attempt_at - timezone.now()).total_seconds())
        raise self.retry(countdown=countdown)
    return fetch.status


@shared_task(name="sources.extract_page", acks_late=True, soft_time_limit=60, time_limit=90)
def extract_page(fetch_id: int) -> str:
    return services.page_extract(fetch_id=fetch_id).status


@shared_task(name="sources.poll_due_feeds", acks_late=True, soft_time_limit=60, time_limit=90)
def poll_due_feeds() -> int:
    return len(services.feed_poll_due())


@shared_task(name="sources.sweep_stale_fetches", acks_late=True, soft_time_limit=60, time_limit=90)
def sweep_stale_fetches() -> int:
    return services.fetches_sweep_stale()
