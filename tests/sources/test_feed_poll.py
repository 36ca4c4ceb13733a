from datetime import UTC, datetime

import pytest

from sources.models import Article, FetchStatus, Source
from tests.sources.conftest import fixture_bytes
from tests.sources.helpers import RSS, add_and_poll, pages, poll, serve_site
from tests.sources.webserver import Reply

pytestmark = pytest.mark.django_db


def test_it_turns_rss_entries_into_articles(web, django_capture_on_commit_callbacks):
    serve_site(web)
    fetch = add_and_poll(
        web,
        "/feed.xml",
        Reply(body=fixture_bytes("rss2.xml"), content_type=RSS),
        django_capture_on_commit_callbacks,
        outlet_name="Harbour Tech Review",
    )

    assert fetch.status == FetchStatus.DONE, fetch.last_error
    assert fetch.detail["entries"] == 2 and fetch.detail["new"] == 2
    english = Article.objects.get(url=web.url("/2025/08/14/deepseek-r2-delay"))  # utm_* dropped
    assert english.title == "DeepSeek delays R2 model after Huawei chip training setbacks"
    assert english.byline == "Maria Lindqvist"
    assert english.language == "en"
    assert english.published_at == datetime(2025, 8, 14, 9, 30, tzinfo=UTC)
    assert "Huawei sent a team of engineers" in english.text
    assert "Most read" not in english.text  # boilerplate left out
    assert english.outlet == Source.objects.get(name="Harbour Tech Review")
    russian = Article.objects.get(url=web.url("/ru/deepseek-r2"))
    assert russian.language == "ru"
    assert "Лян Вэньфэн" in russian.text
    assert russian.published_at == datetime(2025, 8, 14, 9, 5, tzinfo=UTC)
    assert pages(FetchStatus.DONE).count() == 2


def test_it_reads_atom(web, django_capture_on_commit_callbacks):
    web.route("/wire/nvidia-h20-revenue", Reply(body=fixture_bytes("article_en.html")))
    fetch = add_and_poll(
        web,
        "/atom.xml",
        Reply(body=fixture_bytes("atom.xml"), content_type="application/atom+xml"),
        django_capture_on_commit_callbacks,
    )

    assert fetch.status == FetchStatus.DONE
    assert fetch.detail["entries"] == 2
    assert pages(FetchStatus.DONE).count() == 1
    missing = pages(FetchStatus.FAILED).get()
    assert missing.url.endswith("/wire/huawei-ascend-generation")
    assert missing.http_status == 404 and "HTTP 404" in missing.last_error


@pytest.mark.parametrize(
    "content_type", ["application/rss+xml; charset=utf-8", "text/xml", "application/xml; charset=iso-8859-1"]
)
def test_it_reads_cp1251_rss_whatever_the_charset_header_says(
    web, django_capture_on_commit_callbacks, content_type
):
    serve_site(web)
    fetch = add_and_poll(
        web,
        "/ru.xml",
        Reply(body=fixture_bytes("rss_cp1251.xml"), content_type=content_type),
        django_capture_on_commit_callbacks,
    )

    assert fetch.status == FetchStatus.DONE, fetch.last_error
    titles = {row.detail["title"] for row in pages()}
    assert "DeepSeek отложила выпуск модели R2 из-за проблем с чипами Huawei" in titles
    assert "Nvidia поделится выручкой от продаж H20 в Китае с правительством США" in titles


def test_it_polls_conditionally_and_does_nothing_on_304(web, django_capture_on_commit_callbacks):
    serve_site(web)
    feed_body = fixture_bytes("rss2.xml")

    def feed(handler):
        if handler.headers.get("If-None-Match") == '"rss-v1"':
            return Reply(status=304, content_type="", headers={"ETag": '"rss-v1"'})
        return Reply(
            body=feed_body,
            content_type=RSS,
            headers={"ETag": '"rss-v1"', "Last-Modified": "Thu, 14 Aug 2025 10:00:00 GMT"},
        )

    first = add_and_poll(web, "/feed.xml", feed, django_capture_on_commit_callbacks)
    second = poll(first.feed, django_capture_on_commit_callbacks)

    assert first.status == second.status == FetchStatus.DONE
    assert second.http_status == 304 and second.detail == {"not_modified": True}
    assert web.hits_for("/feed.xml")[1].headers["if-modified-since"] == "Thu, 14 Aug 2025 10:00:00 GMT"
    assert Article.objects.count() == 2
    assert len(web.hits_for("/2025/08/14/deepseek-r2-delay")) == 1


def test_it_does_not_fetch_a_page_twice_when_a_feed_repeats_it(web, django_capture_on_commit_callbacks):
    serve_site(web)
    reply = Reply(body=fixture_bytes("rss2.xml"), content_type=RSS)
    first = add_and_poll(web, "/feed.xml", reply, django_capture_on_commit_callbacks)
    poll(first.feed, django_capture_on_commit_callbacks)

    assert Article.objects.count() == 2
    assert pages().count() == 2
    assert len(web.hits_for("/ru/deepseek-r2")) == 1
