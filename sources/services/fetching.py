"""Running fetches: claim a row, download, extract, store; retries, leases and the sweep."""

import logging
import random
from datetime import datetime, timedelta

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from textkit.charset import charset_of, decode

from ..connectors import get_connector
from ..errors import FetchError, PermanentFetchError, TransientFetchError
from ..extract import extract_page
from ..feeds import parse_feed
from ..fetcher import FEED_TYPES, HTML_TYPES, http_get
from ..guard import check_url
from ..leases import LeaseKeeper
from ..models import (
    Article,
    Feed,
    FeedState,
    Fetch,
    FetchKind,
    FetchStatus,
)
from ..signals import FETCH_JOB_EXTRACT, FETCH_JOB_RUN, fetches_ready
from ..urls import canonical_url, url_host
from .articles import article_store
from .registry import outlet_for_page

logger = logging.getLogger(__name__)


MAX_URL_LENGTH = Fetch._meta.get_field("url").max_length


def feed_backoff(feed: Feed, failures: int) -> timedelta:
    interval = feed.poll_interval.total_seconds() * (2 ** min(failures, 16))
    return timedelta(seconds=min(interval, settings.INGEST_FEED_MAX_BACKOFF_SECONDS))


# --- running fetches -------------------------------------------------------------------------------


def fetches_enqueue(*, fetches: list[Fetch]) -> None:
    """Announce the work for each row once the rows are committed (a task must never outrun its row).

    The services do not import the tasks (the tasks import the services): `fetches_ready` is sent
    after commit and `sources.receivers` queues the right task for each fetch.
    """
    if not fetches:
        return
    now = timezone.now()
    Fetch.objects.filter(id__in=[f.id for f in fetches]).update(enqueued_at=now)
    jobs = [
        (
            FETCH_JOB_EXTRACT if f.status in (FetchStatus.FETCHED, FetchStatus.EXTRACTING) else FETCH_JOB_RUN,
            f.id,
        )
        for f in fetches
    ]
    transaction.on_commit(lambda: fetches_ready.send(sender=Fetch, jobs=jobs))


def _claim(fetch_id: int, *, claimable: Q, to: str, now: datetime) -> bool:
    lease = now + timedelta(seconds=settings.INGEST_LEASE_SECONDS)
    changes = {"status": to, "lease_until": lease}
    if to == FetchStatus.RUNNING:
        changes.update(attempts=F("attempts") + 1, started_at=now)
    return Fetch.objects.filter(claimable, id=fetch_id).update(**changes) == 1


def _lease_kept(fetch_id: int, status: str) -> LeaseKeeper:
    """Renew the row's short lease while this worker holds it (see sources.leases)."""

    def renew():
        lease = timezone.now() + timedelta(seconds=settings.INGEST_LEASE_SECONDS)
        Fetch.objects.filter(id=fetch_id, status=status).update(lease_until=lease)

    return LeaseKeeper(renew, seconds=settings.INGEST_LEASE_SECONDS)


def _retry_delay(attempts: int) -> float:
    """Exponential backoff with jitter, so retries of one outage do not arrive together."""
    delay = min(settings.INGEST_RETRY_BASE_SECONDS * (2 ** max(attempts - 1, 0)), 3600)
    return random.uniform(delay / 2, delay)


def _finish(
    fetch: Fetch, *, status: str, now: datetime, error: str = "", http_status: int | None = None
) -> None:
    fetch.status = status
    fetch.last_error = error
    if http_status is not None:
        fetch.http_status = http_status
    fetch.finished_at = now
    fetch.lease_until = None
    if fetch.started_at:
        fetch.duration_ms = max(0, int((now - fetch.started_at).total_seconds() * 1000))


def _record_failure(fetch: Fetch, exc: FetchError) -> None:
    now = timezone.now()
    retry = exc.retryable and fetch.kind != FetchKind.FEED and fetch.attempts < settings.INGEST_MAX_ATTEMPTS
    if retry:
        _finish(fetch, status=FetchStatus.RETRYING, now=now, error=exc.message, http_status=exc.http_status)
        wait = _retry_delay(fetch.attempts)
        asked = getattr(exc, "retry_after", None)
        if asked:  # the server said when; never sooner, and not more than an hour
            wait = max(wait, min(asked, 3600))
        fetch.next_attempt_at = now + timedelta(seconds=wait)
    else:
        message = exc.message
        if exc.retryable and fetch.kind != FetchKind.FEED:
            message = f"gave up after {fetch.attempts} attempts: {message}"
        _finish(fetch, status=FetchStatus.FAILED, now=now, error=message, http_status=exc.http_status)
        fetch.next_attempt_at = None
    fetch.save()
    if fetch.kind == FetchKind.FEED and fetch.feed_id:
        state, _ = FeedState.objects.get_or_create(feed_id=fetch.feed_id)
        state.consecutive_failures += 1
        state.last_error = exc.message
        state.next_poll_at = now + feed_backoff(fetch.feed, state.consecutive_failures)
        state.save()


def fetch_run(*, fetch_id: int, enqueue: bool = True) -> Fetch:
    """Do the network part of one fetch, if it is ours to do; always returns the row as it now is.

    Safe to call twice: a row that is done, failed, or held by a live worker is left alone.
    """
    now = timezone.now()
    claimable = Q(status__in=[FetchStatus.PENDING, FetchStatus.RETRYING]) | Q(
        status=FetchStatus.RUNNING, lease_until__lt=now
    )
    if not _claim(fetch_id, claimable=claimable, to=FetchStatus.RUNNING, now=now):
        return Fetch.objects.get(id=fetch_id)
    fetch = Fetch.objects.select_related("feed").get(id=fetch_id)
    try:
        with _lease_kept(fetch_id, FetchStatus.RUNNING):
            if fetch.kind == FetchKind.FEED:
                _run_feed_poll(fetch, enqueue=enqueue)
            elif fetch.kind == FetchKind.PAGE:
                _run_page_download(fetch, enqueue=enqueue)
            else:
                _run_search(fetch, enqueue=enqueue)
    except FetchError as exc:
        _record_failure(fetch, exc)
    except SoftTimeLimitExceeded:
        _record_failure(fetch, TransientFetchError("took longer than the task's time limit"))
    except Exception as exc:  # a bug or a parser crash must fail this row, not the worker
        logger.exception("fetch %s failed unexpectedly", fetch_id)
        _record_failure(fetch, PermanentFetchError(f"internal error: {type(exc).__name__}: {exc}"))
    return fetch


def _queue_pages(parent: Fetch, links: list[tuple[str, dict]], *, enqueue: bool) -> tuple[int, list[str]]:
    """Create a page Fetch for each link not already stored or queued. Returns (new, refused)."""
    created_rows = []
    refused = []
    for link, detail in links:
        try:
            check_url(link)
            url = canonical_url(link)
        except FetchError as exc:
            refused.append(f"{link[:200]}: {exc.message}")
            continue
        if len(url) > MAX_URL_LENGTH:
            refused.append(f"{link[:200]}…: longer than {MAX_URL_LENGTH} characters")
            continue
        if Article.objects.filter(url=url).exists():
            continue
        row, created = Fetch.objects.get_or_create(
            kind=FetchKind.PAGE,
            url=url,
            defaults={"feed": parent.feed, "parent": parent, "detail": detail},
        )
        if created:
            created_rows.append(row)
    if enqueue:
        fetches_enqueue(fetches=created_rows)
    return len(created_rows), refused


def _run_feed_poll(fetch: Fetch, *, enqueue: bool) -> None:
    feed = fetch.feed
    state, _ = FeedState.objects.get_or_create(feed=feed)
    fetched = http_get(feed.url, accept=FEED_TYPES, etag=state.etag, last_modified=state.last_modified)
    now = timezone.now()
    fetch.final_url = fetched.url
    fetch.http_status = fetched.status
    fetch.content_type = fetched.content_type[:200]
    problem = ""
    if fetched.not_modified:
        fetch.detail = {"not_modified": True}
    else:
        parsed = parse_feed(
            fetched.content,
            base_url=fetched.url,
            content_type=fetched.content_type,
            max_items=settings.INGEST_FEED_MAX_ITEMS,
        )
        new, refused = _queue_pages(fetch, [(e.url, e.as_detail()) for e in parsed.entries], enqueue=enqueue)
        fetch.detail = {"entries": len(parsed.entries), "new": new, "refused": refused[:20]}
        if parsed.items_skipped:
            # Feeds list newest first: the first items are read, the rest (older) left for the record.
            fetch.detail["skipped_over_cap"] = parsed.items_skipped
        state.etag = fetched.headers.get("etag", "")[:500]
        state.last_modified = fetched.headers.get("last-modified", "")[:100]
        if parsed.title and not feed.title:
            Feed.objects.filter(pk=feed.pk).update(title=parsed.title[:500])
        problem = parsed.problem
    if problem:
        state.save(update_fields=["etag", "last_modified"])
        # What could be salvaged is queued; the poll still counts as failed so the desk sees why.
        raise PermanentFetchError(f"{problem}; {fetch.detail['entries']} entries salvaged")
    _finish(fetch, status=FetchStatus.DONE, now=now, http_status=fetched.status)
    fetch.save()
    state.consecutive_failures = 0
    state.last_error = ""
    state.last_success_at = now
    state.next_poll_at = now + feed.poll_interval
    state.save()


def _run_page_download(fetch: Fetch, *, enqueue: bool) -> None:
    existing = Article.objects.filter(url=fetch.url).first()
    if existing is not None:  # stored since this row was queued: nothing to download
        fetch.article = existing
        _finish(fetch, status=FetchStatus.DONE, now=timezone.now())
        fetch.save()
        return
    fetched = http_get(fetch.url, accept=HTML_TYPES)
    fetch.final_url = fetched.url
    fetch.http_status = fetched.status
    fetch.content_type = fetched.content_type[:200]
    fetch.body = fetched.content
    fetch.status = FetchStatus.FETCHED
    fetch.lease_until = None
    fetch.duration_ms = fetched.elapsed_ms
    fetch.last_error = ""
    fetch.save()
    if enqueue:
        fetches_enqueue(fetches=[fetch])


def _run_search(fetch: Fetch, *, enqueue: bool) -> None:
    connector = get_connector(fetch.connector)
    window = {
        key: datetime.fromisoformat(fetch.detail[key]) for key in ("since", "until") if fetch.detail.get(key)
    }
    hits = connector.search(query=fetch.query, limit=int(fetch.detail.get("limit", 75)), **window)
    new, refused = _queue_pages(fetch, [(hit.url, hit.as_detail()) for hit in hits], enqueue=enqueue)
    fetch.detail = {**fetch.detail, "hits": len(hits), "new": new, "refused": refused[:20]}
    _finish(fetch, status=FetchStatus.DONE, now=timezone.now(), http_status=200)
    fetch.save()


# --- extraction and articles -----------------------------------------------------------------------


def page_extract(*, fetch_id: int) -> Fetch:
    """Turn a downloaded page into an Article. Safe to call twice (the Article's URL is unique)."""
    now = timezone.now()
    claimable = Q(status=FetchStatus.FETCHED) | Q(status=FetchStatus.EXTRACTING, lease_until__lt=now)
    if not _claim(fetch_id, claimable=claimable, to=FetchStatus.EXTRACTING, now=now):
        return Fetch.objects.get(id=fetch_id)
    fetch = Fetch.objects.select_related("feed").get(id=fetch_id)
    try:
        with _lease_kept(fetch_id, FetchStatus.EXTRACTING):
            article = _article_from_fetch(fetch)
    except FetchError as exc:
        _finish(fetch, status=FetchStatus.FAILED, now=timezone.now(), error=exc.message)
        fetch.save()
        return fetch
    except SoftTimeLimitExceeded:
        _finish(fetch, status=FetchStatus.FAILED, now=timezone.now(), error="extraction took too long")
        fetch.save()
        return fetch
    except Exception as exc:
        logger.exception("extraction of fetch %s failed unexpectedly", fetch_id)
        _finish(
            fetch,
            status=FetchStatus.FAILED,
            now=timezone.now(),
            error=f"internal error: {type(exc).__name__}: {exc}",
        )
        fetch.save()
        return fetch
    fetch.article = article
    fetch.body = None  # the text lives on the Article now
    _finish(fetch, status=FetchStatus.DONE, now=timezone.now())
    fetch.save()
    return fetch


def _article_from_fetch(fetch: Fetch) -> Article:
    if not fetch.body:
        raise PermanentFetchError("nothing was downloaded")
    page_url = fetch.final_url or fetch.url
    html = decode(bytes(fetch.body), charset_of(fetch.content_type))
    extracted = extract_page(html, url=page_url)
    url = canonical_url(page_url)
    if extracted.canonical_url and url_host(extracted.canonical_url) == url_host(page_url):
        # A page may name its canonical URL on its own site only; elsewhere would let it claim
        # another outlet's article.
        url = canonical_url(extracted.canonical_url)
    hint = fetch.detail or {}
    published = extracted.published_at
    if published is None and hint.get("published_at"):
        published = datetime.fromisoformat(hint["published_at"])
    article, _ = article_store(
        url=url,
        title=extracted.title or hint.get("title", ""),
        byline=extracted.byline,
        language=extracted.language or hint.get("language", ""),
        published_at=published,
        text=extracted.text,
        outlet=(fetch.feed.outlet if fetch.feed_id else None)
        or outlet_for_page(url=url, site_name=extracted.site_name),
    )
    return article


def article_fetch(*, url: str) -> Article:
    """Fetch one URL into an Article now, in this process: download, extract, store, deduplicate.

    Returns the stored Article (the existing one if the URL, or the page's canonical URL, is already
    stored). Raises `FetchError` with a readable reason if the URL is refused by the guard or the
    page cannot be fetched or has no article text; the attempt is recorded as a page Fetch either way.
    """
    check_url(url)
    canon = canonical_url(url)
    existing = Article.objects.filter(url=canon).first()
    if existing is not None:
        return existing
    fetch, _ = Fetch.objects.get_or_create(kind=FetchKind.PAGE, url=canon)
    if fetch.status == FetchStatus.DONE and fetch.article_id:
        return fetch.article
    if fetch.status in (FetchStatus.FAILED, FetchStatus.DONE, FetchStatus.RETRYING):
        # Asked for explicitly: try again now rather than wait for the schedule.
        Fetch.objects.filter(id=fetch.id, status=fetch.status).update(status=FetchStatus.PENDING)
    fetch = fetch_run(fetch_id=fetch.id, enqueue=False)
    if fetch.status == FetchStatus.FETCHED:
        fetch = page_extract(fetch_id=fetch.id)
    if fetch.status == FetchStatus.DONE and fetch.article_id:
        return Article.objects.get(id=fetch.article_id)
    if fetch.status in (FetchStatus.RUNNING, FetchStatus.EXTRACTING):
        raise TransientFetchError("a worker is fetching this URL right now; try again shortly")
    error_class = TransientFetchError if fetch.status == FetchStatus.RETRYING else PermanentFetchError
    raise error_class(fetch.last_error or f"fetch ended as {fetch.status}", http_status=fetch.http_status)


def coverage_search(
    *,
    query: str,
    connector: str = "gdelt",
    limit: int = 75,
    since: datetime | None = None,
    until: datetime | None = None,
    enqueue: bool = True,
) -> Fetch:
    """Ask a coverage API for articles about `query` (optionally published between `since` and
    `until`); each hit becomes a page fetch. Returns the search's Fetch row."""
    query = " ".join(query.split())
    if not query:
        raise PermanentFetchError("the search query is empty")
    instance = get_connector(connector)
    fetch = Fetch.objects.create(
        kind=FetchKind.SEARCH,
        url=getattr(instance, "base_url", "") or "https://invalid.example/",
        query=query[:1000],
        connector=connector,
        detail={
            "limit": limit,
            "since": since.isoformat() if since else None,
            "until": until.isoformat() if until else None,
        },
    )
    if enqueue:
        fetches_enqueue(fetches=[fetch])
    return fetch


def fetch_retry_now(*, fetch: Fetch) -> bool:
    """Put a failed or waiting fetch back in the queue now (the admin's "retry" action)."""
    changed = Fetch.objects.filter(id=fetch.id, status__in=[FetchStatus.FAILED, FetchStatus.RETRYING]).update(
        status=FetchStatus.PENDING, next_attempt_at=None
    )
    if changed:
        fetch.refresh_from_db()
        fetches_enqueue(fetches=[fetch])
    return bool(changed)


# --- the sweep -------------------------------------------------------------------------------------


def fetches_sweep_stale(*, now: datetime | None = None, retry_grace: timedelta | None = None) -> int:
    """Re-queue work whose message was lost or whose worker died. Returns how many rows were re-queued.

    A duplicate message is harmless (the claim lets only one through), so erring towards re-queueing
    is safe.
    """
    now = now or timezone.now()
    stale = now - timedelta(seconds=settings.INGEST_STALE_SECONDS)
    grace = retry_grace if retry_grace is not None else timedelta(seconds=60)
    queued_long_ago = Q(enqueued_at__lt=stale) | Q(enqueued_at__isnull=True, created_at__lt=stale)
    lost = (
        Q(status__in=[FetchStatus.PENDING, FetchStatus.FETCHED]) & queued_long_ago
        | Q(status__in=[FetchStatus.RUNNING, FetchStatus.EXTRACTING], lease_until__lt=now)
        | Q(status=FetchStatus.RETRYING, next_attempt_at__lte=now - grace)
    )
    rows = list(Fetch.objects.filter(lost).only("id", "status")[:5000])
    fetches_enqueue(fetches=rows)
    return len(rows)
