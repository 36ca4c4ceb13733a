from datetime import timedelta

import pytest
from django.utils import timezone

from sources.models import Article, Feed, Fetch, FetchStatus
from sources.services import feed_add, feed_poll_due
from tests.sources.conftest import fixture_bytes
from tests.sources.helpers import RSS, add_and_poll, pages, poll, serve_site
from tests.sources.webserver import Reply

pytestmark = pytest.mark.django_db

BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<rss version="2.0"><channel><title>&lol9;</title>
<item><title>&lol9;</title><link>http://127.0.0.1/x</link></item></channel></rss>"""


def test_it_fails_a_truncated_feed_with_the_reason_and_keeps_what_it_could_read(
    web, django_capture_on_commit_callbacks
):
    serve_site(web)
    whole = fixture_bytes("rss2.xml")
    truncated = whole[: whole.index(b"<title>DeepSeek \xd0")]  # cut inside the second item

    fetch = add_and_poll(
        web, "/feed.xml", Reply(body=truncated, content_type=RSS), django_capture_on_commit_callbacks
    )

    assert fetch.status == FetchStatus.FAILED
    assert "not well-formed" in fetch.last_error and "1 entries salvaged" in fetch.last_error
    assert Article.objects.filter(title__startswith="DeepSeek delays").exists()
    assert fetch.feed.state.consecutive_failures == 1
    assert "not well-formed" in fetch.feed.state.last_error


@pytest.mark.parametrize(
    "body",
    [
        BOMB,
        BOMB.replace(b"<!DOCTYPE", b"<!-- " + b"padding " * 20000 + b"-->\n<!DOCTYPE"),
        b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        b"<rss version='2.0'><channel><title>&xxe;</title></channel></rss>",
    ],
    ids=["billion-laughs", "padded-past-64k", "external-entity"],
)
def test_it_refuses_entity_declarations(web, django_capture_on_commit_callbacks, body):
    fetch = add_and_poll(
        web, "/bomb.xml", Reply(body=body, content_type=RSS), django_capture_on_commit_callbacks
    )

    assert fetch.status == FetchStatus.FAILED
    assert "entity" in fetch.last_error
    assert pages().count() == 0


@pytest.mark.parametrize(
    ("reply", "reason"),
    [
        (Reply(body=b"<html><body>Welcome to our site</body></html>"), "content type 'text/html'"),
        (Reply(body=b"just some words, no feed", content_type="text/plain"), "not an RSS or Atom feed"),
        (Reply(status=404, body=b"gone"), "HTTP 404"),
        (Reply(status=502, body=b"bad gateway"), "HTTP 502"),
        (Reply(body=b"", content_type=RSS), "not an RSS or Atom feed"),
    ],
)
def test_it_fails_a_broken_feed_with_its_reason(web, django_capture_on_commit_callbacks, reply, reason):
    fetch = add_and_poll(web, "/feed.xml", reply, django_capture_on_commit_callbacks)

    assert fetch.status == FetchStatus.FAILED
    assert reason in fetch.last_error
    assert fetch.finished_at is not None and fetch.attempts == 1


def test_a_failing_feed_backs_off_and_recovers(web, django_capture_on_commit_callbacks):
    web.route("/feed.xml", Reply(status=503))
    feed = feed_add(url=web.url("/feed.xml"), poll_interval=timedelta(minutes=10))

    poll(feed, django_capture_on_commit_callbacks)
    first_wait = feed.state.__class__.objects.get(pk=feed.pk).next_poll_at - timezone.now()
    poll(feed, django_capture_on_commit_callbacks)
    state = feed.state.__class__.objects.get(pk=feed.pk)
    second_wait = state.next_poll_at - timezone.now()

    assert state.consecutive_failures == 2
    assert "HTTP 503" in state.last_error
    assert timedelta(minutes=19) < first_wait <= timedelta(minutes=20)
    assert timedelta(minutes=39) < second_wait <= timedelta(minutes=40)

    serve_site(web)
    web.route("/feed.xml", Reply(body=fixture_bytes("rss2.xml"), content_type=RSS))
    poll(feed, django_capture_on_commit_callbacks)
    state.refresh_from_db()
    assert state.consecutive_failures == 0 and state.last_error == ""


def test_one_broken_feed_does_not_stop_the_others(web, django_capture_on_commit_callbacks):
    serve_site(web)
    feed_add(url=web.route("/broken.xml", Reply(body=BOMB, content_type=RSS)))
    feed_add(url=web.route("/feed.xml", Reply(body=fixture_bytes("rss2.xml"), content_type=RSS)))

    with django_capture_on_commit_callbacks(execute=True):
        polls = feed_poll_due()

    assert len(polls) == 2
    assert Article.objects.count() == 2
    assert Feed.objects.get(url=web.url("/broken.xml")).state.consecutive_failures == 1
    # Nothing is due again until the schedule says so.
    with django_capture_on_commit_callbacks(execute=True):
        assert feed_poll_due() == []


def test_links_the_guard_refuses_or_too_long_to_store_are_skipped_with_reasons(
    web, django_capture_on_commit_callbacks
):
    serve_site(web)
    long_link = "/2025/" + "x" * 2100
    body = fixture_bytes("rss2.xml").replace(
        b"</channel>",
        b"<item><title>internal</title><link>http://169.254.169.254/latest/</link></item>"
        b"<item><title>script</title><link>javascript:alert(1)</link></item>"
        b"<item><title>long</title><link>" + long_link.encode() + b"</link></item></channel>",
    )
    fetch = add_and_poll(
        web, "/feed.xml", Reply(body=body, content_type=RSS), django_capture_on_commit_callbacks
    )

    assert fetch.status == FetchStatus.DONE
    assert fetch.detail["new"] == 3 and len(fetch.detail["refused"]) == 2
    metadata = Fetch.objects.get(url="http://169.254.169.254/latest/")
    assert metadata.status == FetchStatus.FAILED and "link-local" in metadata.last_error
    assert any("longer than 2000" in reason for reason in fetch.detail["refused"])
    assert any("javascript" in reason for reason in fetch.detail["refused"])
    assert Article.objects.count() == 2
