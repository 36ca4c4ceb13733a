"""URLs the HTTP client can never request are refused with the reason wherever they come in: the commands,
feed polls, redirects and the door where feeds are added (issue 15: D15, D16). Before, httpx.InvalidURL
escaped as a crash or an "internal error" with a traceback."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from sources.errors import BlockedAddress
from sources.guard import check_url
from sources.models import Feed, Fetch, FetchStatus
from sources.services import feed_add
from tests.sources.helpers import RSS, add_and_poll, pages
from tests.sources.webserver import Reply

pytestmark = pytest.mark.django_db

NEVER_FETCHABLE = [
    "http://0177.0.0.1/",
    "http://127.000.000.001/feed.xml",
    "http://\uff11\uff12\uff17.0.0.1/",  # full-width digits
    "http://exa\tmple.com/feed",
    "http://example.com/feed\r\nX-Injected: 1",
    "http://xn--a.com/feed",  # an IDNA label that decodes to nothing valid
    "http://a\\b.example.com/",
]


@pytest.mark.parametrize("url", NEVER_FETCHABLE)
def test_d15_check_url_refuses_what_the_client_cannot_request(url):
    with pytest.raises(BlockedAddress, match="not a valid URL"):
        check_url(url)


@pytest.mark.parametrize(
    "url", ["https://example.com/a b.html", "https://пример.рф/новости", "http://my_host.example.com/x"]
)
def test_d15_ordinary_urls_still_pass(url):
    check_url(url)


@pytest.mark.parametrize("url", NEVER_FETCHABLE)
def test_d16_add_feed_refuses_them_at_the_door(url):
    with pytest.raises(CommandError, match="not a valid URL"):
        call_command("add_feed", url, stdout=StringIO(), stderr=StringIO())
    with pytest.raises(BlockedAddress):
        feed_add(url=url)
    assert not Feed.objects.exists()


def test_d16_the_admin_feed_form_refuses_them(admin_client):
    response = admin_client.post(
        "/admin/sources/feed/add/",
        {
            "url": "http://xn--a.com/feed.xml",
            "poll_interval": "00:15:00",
            "active": "on",
            "state-TOTAL_FORMS": "0",
            "state-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "not a valid URL" in response.content.decode(), response.context["adminform"].form.errors
    assert not Feed.objects.exists()


@pytest.mark.parametrize("url", ["http://0177.0.0.1/", "http://127.000.000.001/x"])
def test_d15_fetch_url_reports_the_reason_without_a_traceback(url, caplog):
    out = StringIO()
    with pytest.raises(CommandError, match="1 of 1"):
        call_command("fetch_url", url, stdout=out, stderr=StringIO())
    assert "not a valid URL" in out.getvalue()
    assert "internal error" not in out.getvalue()
    assert not [r for r in caplog.records if r.exc_info]


def test_d15_import_claimreview_reports_the_reason(url="http://0177.0.0.1/"):
    with pytest.raises(CommandError, match="not a valid URL"):
        call_command("import_claimreview", url, stdout=StringIO(), stderr=StringIO())


def test_d15_extract_claims_url_reports_the_reason(caplog):
    with pytest.raises(CommandError, match="not a valid URL"):
        call_command("extract_claims", "--url", "http://127.000.000.001/x", stdout=StringIO())
    assert not [r for r in caplog.records if r.exc_info]


def test_d15_feed_items_with_such_links_are_refused_each_with_its_reason(
    web, django_capture_on_commit_callbacks, caplog
):
    body = (
        "<?xml version='1.0'?><rss version='2.0'><channel><title>t</title>"
        "<item><title>octal</title><link>http://0177.0.0.1/a</link></item>"
        "<item><title>padded</title><link>http://127.000.000.001/b</link></item>"
        "<item><title>wide</title><link>http://\uff11\uff12\uff17.0.0.1/c</link></item>"
        "</channel></rss>"
    ).encode()
    fetch = add_and_poll(
        web, "/f.xml", Reply(body=body, content_type=RSS), django_capture_on_commit_callbacks
    )

    assert fetch.status == FetchStatus.DONE, fetch.last_error
    assert len(fetch.detail["refused"]) == 3
    assert all("not a valid URL" in reason for reason in fetch.detail["refused"])
    assert pages().count() == 0
    assert not [r for r in caplog.records if r.exc_info]


def test_d15_a_redirect_to_such_a_url_fails_the_fetch_with_the_reason(web, caplog):
    from sources.services import article_fetch

    web.route("/moved", Reply(status=302, headers={"Location": "http://0177.0.0.1/x"}))
    from sources.errors import PermanentFetchError

    with pytest.raises(PermanentFetchError, match="not valid"):
        article_fetch(url=web.url("/moved"))
    fetch = Fetch.objects.get()
    assert fetch.status == FetchStatus.FAILED and "not valid" in fetch.last_error
    assert fetch.attempts == 1  # permanent: never retried
    assert "internal error" not in fetch.last_error
    assert not [r for r in caplog.records if r.exc_info]
