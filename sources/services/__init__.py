"""Writes for ingestion: feeds, fetches and the articles they bring in.

Every piece of work is a `Fetch` row first and a queued task second, so a lost message or a dead
worker loses nothing: `fetches_sweep_stale` finds the row again. Tasks claim a row with a
compare-and-swap on its status, so a redelivered message is a no-op and creates no duplicates.

For other apps: `article_fetch(url=...)` fetches one URL into an `Article` right now (no worker
needed), `coverage_search(query=...)` asks a coverage API and queues the pages it names.
"""

from .articles import article_store
from .feeds import feed_add, feed_poll_due, feed_poll_start, feeds_due
from .fetching import (
    article_fetch,
    coverage_search,
    feed_backoff,
    fetch_retry_now,
    fetch_run,
    fetches_enqueue,
    fetches_sweep_stale,
    page_extract,
)
from .registry import (
    ImportRow,
    Resolution,
    affiliation_resolve,
    alias_add,
    alias_remove,
    outlet_domain_add,
    outlet_for_page,
    outlet_for_url,
    outlet_get_or_create,
    registry_import,
    source_clash,
    source_create,
    source_get_or_create,
    source_match,
    source_resolve,
    source_update,
)

__all__ = [
    "ImportRow",
    "Resolution",
    "affiliation_resolve",
    "alias_add",
    "alias_remove",
    "outlet_domain_add",
    "registry_import",
    "source_clash",
    "source_create",
    "source_match",
    "source_resolve",
    "source_update",
    "article_fetch",
    "article_store",
    "coverage_search",
    "feed_add",
    "feed_backoff",
    "feed_poll_due",
    "feed_poll_start",
    "feeds_due",
    "fetch_retry_now",
    "fetch_run",
    "fetches_enqueue",
    "fetches_sweep_stale",
    "outlet_for_page",
    "outlet_for_url",
    "outlet_get_or_create",
    "page_extract",
    "source_get_or_create",
]
