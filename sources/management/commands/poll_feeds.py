from django.conf import settings
from django.core.management.base import BaseCommand
from django.db.models import Q
from django.utils import timezone
from tqdm import tqdm

from sources.models import Feed, Fetch, FetchKind, FetchStatus
from sources.services import (
    feed_poll_due,
    feed_poll_start,
    feeds_due,
    fetch_run,
    fetches_sweep_stale,
    page_extract,
)


class Command(BaseCommand):
    help = (
        "Poll the feeds that are due and fetch their new articles, here in this process with progress "
        "bars; with --enqueue, hand the work to the Celery workers instead."
    )

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="Poll every active feed, due or not.")
        parser.add_argument("--enqueue", action="store_true", help="Queue the polls for the workers.")

    def handle(self, *args, all, enqueue, **options):
        if enqueue:
            if not settings.CELERY_BROKER_URL:
                self.stderr.write("No CELERY_BROKER_URL: the work runs in this process instead.")
            polls = feed_poll_due()
            swept = fetches_sweep_stale()
            self.stdout.write(f"Queued {len(polls)} feed poll(s); re-queued {swept} stale fetch(es).")
            return
        now = timezone.now()
        feeds = list(
            Feed.objects.filter(active=True).order_by("id") if all else feeds_due(now=now).order_by("id")
        )
        polls = []
        for feed in tqdm(feeds, desc="feeds", unit="feed", disable=None):
            fetch = feed_poll_start(feed=feed, now=now, force=all, enqueue=False)
            if fetch is not None:
                polls.append(fetch_run(fetch_id=fetch.id, enqueue=False))
        for poll in polls:
            if poll.status == FetchStatus.FAILED:
                self.stdout.write(self.style.WARNING(f"feed {poll.url}: {poll.last_error}"))
        pages = list(
            Fetch.objects.filter(kind=FetchKind.PAGE)
            .filter(Q(status=FetchStatus.PENDING) | Q(status=FetchStatus.RETRYING, next_attempt_at__lte=now))
            .order_by("id")
            .values_list("id", flat=True)
        )
        stored = failed = 0
        for fetch_id in tqdm(pages, desc="articles", unit="page", disable=None):
            fetch = fetch_run(fetch_id=fetch_id, enqueue=False)
            if fetch.status == FetchStatus.FETCHED:
                fetch = page_extract(fetch_id=fetch_id)
            if fetch.status == FetchStatus.DONE:
                stored += 1
            elif fetch.status == FetchStatus.FAILED:
                failed += 1
                self.stdout.write(self.style.WARNING(f"page {fetch.url}: {fetch.last_error}"))
        self.stdout.write(
            f"Polled {len(polls)} feed(s) ({sum(p.status == FetchStatus.FAILED for p in polls)} failed); "
            f"{stored} article(s) stored, {failed} page(s) failed."
        )
