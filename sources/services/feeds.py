"""Feeds: register one, start polls when they are due."""

from datetime import datetime, timedelta

from django.db.models import Q
from django.utils import timezone

from ..guard import check_url
from ..models import (
    Feed,
    FeedState,
    Fetch,
    FetchKind,
    FetchStatus,
)
from .fetching import fetches_enqueue
from .registry import outlet_get_or_create

DEFAULT_POLL_INTERVAL = timedelta(minutes=15)

# A feed has a poll in flight while its fetch is in one of these states: no second poll then.
UNFINISHED = (
    FetchStatus.PENDING,
    FetchStatus.RUNNING,
    FetchStatus.RETRYING,
    FetchStatus.FETCHED,
    FetchStatus.EXTRACTING,
)


def feed_add(*, url: str, outlet_name: str = "", poll_interval: timedelta | None = None) -> Feed:
    """Register a feed (or return the one already registered at `url`). Raises PermanentFetchError
    for URLs the guard will never fetch."""
    url = url.strip()
    check_url(url)
    outlet = outlet_get_or_create(name=outlet_name) if outlet_name.strip() else None
    # Always explicit: the model's default is the string "00:15:00", which the SQLite backend
    # cannot save from Python (the admin form turns it into a timedelta first).
    defaults = {"outlet": outlet, "poll_interval": poll_interval or DEFAULT_POLL_INTERVAL}
    feed, created = Feed.objects.get_or_create(url=url, defaults=defaults)
    if not created and outlet and feed.outlet_id is None:
        feed.outlet = outlet
        feed.save(update_fields=["outlet"])
    # The feed's host is not registered as the outlet's domain: feeds often live on shared hosts
    # (feed services, CDNs). Pages from the feed fall back to the feed's outlet instead.
    FeedState.objects.get_or_create(feed=feed)
    return feed


def feed_poll_start(
    *, feed: Feed, now: datetime | None = None, force: bool = False, enqueue: bool = True
) -> Fetch | None:
    """Claim the feed's next poll and create its Fetch row; None if it is not due or already claimed."""
    now = now or timezone.now()
    FeedState.objects.get_or_create(feed=feed)
    due = Q(next_poll_at__isnull=True) | Q(next_poll_at__lte=now)
    claimed = FeedState.objects.filter(pk=feed.pk)
    if not force:
        claimed = claimed.filter(due)
    # Provisionally next due one interval from now, so the next beat tick does not poll it again.
    if claimed.update(next_poll_at=now + feed.poll_interval, last_polled_at=now) != 1:
        return None
    if Fetch.objects.filter(kind=FetchKind.FEED, feed=feed, status__in=UNFINISHED).exists():
        return None  # the previous poll is still queued or running; the sweep looks after it
    fetch = Fetch.objects.create(kind=FetchKind.FEED, url=feed.url, feed=feed)
    if enqueue:
        fetches_enqueue(fetches=[fetch])
    return fetch


def feeds_due(*, now: datetime | None = None):
    now = now or timezone.now()
    return Feed.objects.filter(active=True).filter(
        Q(state__isnull=True) | Q(state__next_poll_at__isnull=True) | Q(state__next_poll_at__lte=now)
    )


def feed_poll_due(*, now: datetime | None = None, enqueue: bool = True) -> list[Fetch]:
    now = now or timezone.now()
    started = []
    for feed in feeds_due(now=now).order_by("id"):
        fetch = feed_poll_start(feed=feed, now=now, enqueue=enqueue)
        if fetch is not None:
            started.append(fetch)
    return started
