"""Feeds that used to fail or crash every poll (issue 15: D11, D12, D13, D14, D24)."""

import pytest

from sources.feeds import parse_feed
from sources.models import Article, FetchStatus
from tests.sources.helpers import RSS, add_and_poll, pages
from tests.sources.webserver import Reply

pytestmark = pytest.mark.django_db

ARTICLE = b"""<html><head><title>Chip story</title></head><body><article>
<h1>Chip story</h1><p>The chipmaker said on Tuesday that its new accelerator would ship next spring,
two quarters later than planned, because the packaging plant needs new tools.</p>
<p>Analysts at two banks said the delay would not change the company's revenue forecast for the year.</p>
</article></body></html>"""


def feed(web, title: str = "Chip desk", item_title: str = "Chip delayed", extra: str = "") -> str:
    link = web.route("/a/1", Reply(body=ARTICLE))
    return (
        f"<?xml version='1.0' encoding='utf-8'?>{extra}<rss version='2.0'><channel><title>{title}</title>"
        f"<link>{web.url('/')}</link><description>d</description>"
        f"<item><title>{item_title}</title><link>{link}</link><description>x</description></item>"
        "</channel></rss>"
    )


def test_d11_a_comment_before_the_doctype_does_not_let_entities_through(
    web, django_capture_on_commit_callbacks
):
    body = (
        "<?xml version='1.0'?><!-- <a> --><!DOCTYPE r [<!ENTITY x 'y'>]>"
        "<rss version='2.0'><channel><title>&x;</title><item><title>t</title>"
        f"<link>{web.url('/a/1')}</link></item></channel></rss>"
    ).encode()
    fetch = add_and_poll(
        web, "/c.xml", Reply(body=body, content_type=RSS), django_capture_on_commit_callbacks
    )

    assert fetch.status == FetchStatus.FAILED and "entit" in fetch.last_error
    assert pages().count() == 0
    assert fetch.feed.title == ""


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"])
@pytest.mark.parametrize("declared", [True, False])
def test_d12_utf16_and_utf32_feeds_are_read(web, django_capture_on_commit_callbacks, encoding, declared):
    text = feed(web, title="Чип-деск", item_title="Выпуск отложен")
    if declared:
        text = text.replace("encoding='utf-8'", f"encoding='{encoding.split('-l')[0].split('-b')[0]}'")
    else:
        text = text.replace(" encoding='utf-8'", "")
    body = text.encode(encoding)  # "utf-16"/"utf-32" write a byte-order mark, -le/-be do not
    content_type = "application/rss+xml"
    fetch = add_and_poll(
        web, "/w.xml", Reply(body=body, content_type=content_type), django_capture_on_commit_callbacks
    )

    assert fetch.status == FetchStatus.DONE, fetch.last_error
    fetch.feed.refresh_from_db()
    assert fetch.feed.title == "Чип-деск"
    assert Article.objects.filter(title="Chip story").exists()


def test_d13_an_html_entity_does_not_fail_the_poll(web, django_capture_on_commit_callbacks):
    body = feed(web, title="Chip&nbsp;desk &mdash; news", item_title="Chip&nbsp;delayed &amp; more").encode()
    fetch = add_and_poll(
        web, "/e.xml", Reply(body=body, content_type=RSS), django_capture_on_commit_callbacks
    )

    assert fetch.status == FetchStatus.DONE, fetch.last_error
    assert fetch.feed.state.consecutive_failures == 0
    fetch.feed.refresh_from_db()
    assert fetch.feed.title == "Chip\xa0desk — news"
    assert fetch.detail["entries"] == 1


def test_d14_nul_in_a_feed_title_or_item_does_not_break_the_feed(web, django_capture_on_commit_callbacks):
    body = feed(web, title="Chip&#0; desk", item_title="Chip\x00 delayed").encode()
    fetch = add_and_poll(
        web, "/n.xml", Reply(body=body, content_type=RSS), django_capture_on_commit_callbacks
    )

    assert fetch.status == FetchStatus.DONE, fetch.last_error
    fetch.feed.refresh_from_db()
    assert fetch.feed.title == "Chip desk"
    [page] = pages()
    assert page.detail["title"] == "Chip delayed"
    assert page.status == FetchStatus.DONE


@pytest.mark.parametrize(
    "content_type",
    ["text/rss+xml", "text/atom+xml", "application/x-atom+xml", "text/rdf+xml", "text/x-rss+xml"],
)
def test_d24_feeds_served_with_other_xml_types_are_read(
    web, django_capture_on_commit_callbacks, content_type
):
    body = feed(web).encode()
    fetch = add_and_poll(
        web, "/t.xml", Reply(body=body, content_type=content_type), django_capture_on_commit_callbacks
    )

    assert fetch.status == FetchStatus.DONE, fetch.last_error
    assert pages().count() == 1


def test_d24_a_feed_declaring_koi8r_but_encoded_in_cp1251_is_read_as_cp1251(web):
    title = "Новый ускоритель выйдет весной, сообщает производитель"
    body = (
        "<?xml version='1.0' encoding='koi8-r'?><rss version='2.0'><channel>"
        f"<title>{title}</title><item><title>{title}</title><link>{web.url('/a/1')}</link>"
        "<description>Производитель микросхем перенёс выпуск нового ускорителя на следующую весну.</description>"
        "</item></channel></rss>"
    ).encode("cp1251")
    for content_type in ("application/rss+xml", "application/rss+xml; charset=koi8-r"):
        parsed = parse_feed(body, base_url=web.url("/k.xml"), content_type=content_type)
        assert parsed.title == title
        assert parsed.entries[0].title == title


def _many(kind: str, count: int, web) -> bytes:
    if kind == "rss":
        items = "".join(
            f"<item><title>Report {i}</title><link>{web.url(f'/r/{i}')}</link></item>" for i in range(count)
        )
        return f"<?xml version='1.0'?><rss version='2.0'><channel><title>Wire</title>{items}</channel></rss>".encode()
    if kind == "atom":
        items = "".join(
            f"<entry><title>Report {i}</title><link href='{web.url(f'/r/{i}')}'/><id>r{i}</id>"
            "<updated>2025-08-14T10:00:00Z</updated></entry>"
            for i in range(count)
        )
        return (
            "<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'><title>Wire</title>"
            f"<id>w</id><updated>2025-08-14T10:00:00Z</updated>{items}</feed>"
        ).encode()
    items = "".join(
        f"<item rdf:about='{web.url(f'/r/{i}')}'><title>Report {i}</title><link>{web.url(f'/r/{i}')}</link></item>"
        for i in range(count)
    )
    return (
        "<?xml version='1.0'?><rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#' "
        "xmlns='http://purl.org/rss/1.0/'><channel rdf:about='x'><title>Wire</title><link>x</link>"
        f"<description>d</description></channel>{items}</rdf:RDF>"
    ).encode()


@pytest.mark.parametrize("kind", ["rss", "atom", "rdf"])
def test_d23_a_huge_feed_is_read_up_to_the_per_poll_cap(web, settings, kind):
    settings.INGEST_FEED_MAX_ITEMS = 10
    parsed = parse_feed(_many(kind, 30, web), base_url=web.url("/f.xml"), max_items=10)

    assert parsed.problem == ""  # cut cleanly: the rest is skipped, not a broken document
    assert parsed.title == "Wire"
    assert [e.title for e in parsed.entries] == [f"Report {i}" for i in range(10)]
    assert parsed.items_skipped == 20


def test_d23_a_poll_queues_only_the_capped_items_and_says_so(
    web, settings, django_capture_on_commit_callbacks
):
    settings.INGEST_FEED_MAX_ITEMS = 10
    with django_capture_on_commit_callbacks(execute=False):  # the page fetches are not run here
        from sources.services import feed_add, feed_poll_start

        feed = feed_add(url=web.route("/big.xml", Reply(body=_many("rss", 30, web), content_type=RSS)))
    fetch = feed_poll_start(feed=feed, force=True, enqueue=False)
    from sources.services import fetch_run

    fetch = fetch_run(fetch_id=fetch.id, enqueue=False)

    assert fetch.status == FetchStatus.DONE, fetch.last_error
    assert fetch.detail["entries"] == 10 and fetch.detail["skipped_over_cap"] == 20
    assert pages().count() == 10
