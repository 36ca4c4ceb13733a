from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from sources.models import Article, Feed, Fetch, FetchStatus
from tests.sources.conftest import fixture_bytes
from tests.sources.helpers import RSS, serve_site
from tests.sources.webserver import Reply

pytestmark = pytest.mark.django_db


def _run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_add_feed_registers_a_feed_once_with_its_outlet(web):
    url = web.url("/feed.xml")
    assert "Harbour Tech Review" in _run("add_feed", url, "--outlet", "Harbour Tech Review", "--every", "30")
    _run("add_feed", url)
    feed = Feed.objects.get()
    assert feed.outlet.name == "Harbour Tech Review" and feed.poll_interval.total_seconds() == 1800


def test_add_feed_refuses_a_non_http_url():
    with pytest.raises(CommandError, match="only http and https"):
        _run("add_feed", "file:///etc/passwd")


def test_poll_feeds_polls_due_feeds_and_stores_their_articles_going_on_past_failures(web):
    serve_site(web)
    _run("add_feed", web.route("/feed.xml", Reply(body=fixture_bytes("rss2.xml"), content_type=RSS)))
    _run("add_feed", web.route("/broken.xml", Reply(body=b"<rss><channel><item>", content_type=RSS)))

    out = _run("poll_feeds")

    assert "Polled 2 feed(s) (1 failed); 2 article(s) stored, 0 page(s) failed." in out
    assert "broken.xml: " in out
    assert Article.objects.count() == 2
    assert "Polled 0 feed(s)" in _run("poll_feeds")  # not due again yet
    assert "Polled 2 feed(s)" in _run("poll_feeds", "--all")


def test_fetch_url_fetches_each_url_and_reports_failures_at_the_end(web):
    web.route("/ru/deepseek-r2", Reply(body=fixture_bytes("article_ru.html")))
    out = StringIO()
    with pytest.raises(CommandError, match="1 of 2 URL"):
        call_command(
            "fetch_url", web.url("/ru/deepseek-r2"), web.url("/missing"), stdout=out, stderr=StringIO()
        )
    assert "[ru] DeepSeek отложила" in out.getvalue()
    assert f"FAILED {web.url('/missing')}: HTTP 404" in out.getvalue()
    assert Fetch.objects.get(url=web.url("/missing")).status == FetchStatus.FAILED


def test_ingest_demo_ingests_the_local_demo_feeds_once(settings):
    settings.DEBUG = True
    settings.INGEST_ALLOW_LOOPBACK = False  # the command opens loopback for its own server only

    out = _run("ingest_demo")

    assert "4 article(s) stored, 1 page(s) failed" in out
    assert "(copy of article" in out
    assert Article.objects.filter(language="ru", outlet__name="Вестник ИИ").count() == 2
    assert Article.objects.filter(language="en", outlet__name="Harbour Tech Review").count() == 2
    assert "already ingested" in _run("ingest_demo")


def test_ingest_demo_refuses_to_run_in_production(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        _run("ingest_demo")


def test_poll_feeds_enqueue_hands_the_polls_to_the_task_queue(web, django_capture_on_commit_callbacks):
    serve_site(web)
    _run("add_feed", web.route("/feed.xml", Reply(body=fixture_bytes("rss2.xml"), content_type=RSS)))

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        out = _run("poll_feeds", "--enqueue")

    assert "Queued 1 feed poll(s)" in out
    assert callbacks  # sent through Celery (run in-process here: no broker in tests)
    assert Article.objects.count() == 2
