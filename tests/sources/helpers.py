from sources.models import Feed, Fetch
from sources.services import feed_add, feed_poll_start
from tests.sources.conftest import fixture_bytes
from tests.sources.webserver import Reply

RSS = "application/rss+xml; charset=utf-8"


def serve_site(web) -> None:
    """The English and Russian articles the feeds in fixtures/ link to."""
    web.route("/2025/08/14/deepseek-r2-delay", Reply(body=fixture_bytes("article_en.html")))
    web.route("/ru/deepseek-r2", Reply(body=fixture_bytes("article_ru.html")))


def poll(feed: Feed, capture) -> Fetch:
    """Poll a feed the way a worker does, running the queued page and extraction tasks in-process."""
    with capture(execute=True):
        fetch = feed_poll_start(feed=feed, force=True)
    fetch.refresh_from_db()
    return fetch


def add_and_poll(web, path: str, reply: Reply, capture, **kwargs) -> Fetch:
    feed = feed_add(url=web.route(path, reply), **kwargs)
    return poll(feed, capture)


def pages(status: str | None = None):
    rows = Fetch.objects.filter(kind="page")
    return rows.filter(status=status) if status else rows
