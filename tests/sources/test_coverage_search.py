import json
from datetime import UTC, datetime
from urllib.parse import parse_qs, urlsplit

import pytest

from sources.errors import PermanentFetchError
from sources.models import Article, Fetch, FetchStatus
from sources.services import coverage_search
from tests.sources.conftest import fixture_bytes
from tests.sources.helpers import serve_site
from tests.sources.webserver import Reply

pytestmark = pytest.mark.django_db


@pytest.fixture
def gdelt(web, settings):
    settings.INGEST_GDELT_URL = web.url("/api/v2/doc/doc")
    return web


def _artlist(web) -> bytes:
    return fixture_bytes("gdelt_artlist.json").replace(b"PLACEHOLDER", web.url("").encode())


def test_it_sends_gdelt_artlist_requests_and_fetches_the_hits(gdelt, django_capture_on_commit_callbacks):
    serve_site(gdelt)
    gdelt.route(
        "/api/v2/doc/doc", Reply(body=_artlist(gdelt), content_type="application/json; charset=utf-8")
    )

    with django_capture_on_commit_callbacks(execute=True):
        search = coverage_search(
            query="DeepSeek  R2 Huawei",
            limit=20,
            since=datetime(2025, 8, 14, tzinfo=UTC),
            until=datetime(2025, 8, 15, 12, 30, tzinfo=UTC),
        )
    search.refresh_from_db()

    asked = parse_qs(urlsplit(gdelt.hits_for("/api/v2/doc/doc")[0].path).query)
    assert asked == {
        "query": ["DeepSeek R2 Huawei"],
        "mode": ["artlist"],
        "format": ["json"],
        "maxrecords": ["20"],
        "sort": ["datedesc"],
        "startdatetime": ["20250814000000"],
        "enddatetime": ["20250815123000"],
    }
    assert search.status == FetchStatus.DONE
    assert search.detail["hits"] == 2 and search.detail["new"] == 2
    pages = Fetch.objects.filter(parent=search).order_by("id")
    assert [p.detail["language"] for p in pages] == ["en", "ru"]
    assert pages[0].detail["published_at"] == "2025-08-14T09:30:00+00:00"
    assert Article.objects.count() == 2


def test_it_records_an_empty_answer_as_no_hits(gdelt, django_capture_on_commit_callbacks):
    gdelt.route("/api/v2/doc/doc", Reply(body=b"{}", content_type="application/json"))
    with django_capture_on_commit_callbacks(execute=True):
        search = coverage_search(query="nothing matches this")
    search.refresh_from_db()
    assert search.status == FetchStatus.DONE and search.detail["hits"] == 0


@pytest.mark.parametrize(
    ("reply", "reason"),
    [
        (
            Reply(body=b"The specified phrase is too short.", content_type="text/html; charset=utf-8"),
            "GDELT refused the query: The specified phrase is too short.",
        ),
        (
            Reply(body=json.dumps({"articles": []}).encode()[:-3], content_type="application/json"),
            "broken JSON",
        ),
        (Reply(status=400, body=b"bad"), "HTTP 400"),
    ],
)
def test_it_fails_the_search_with_gdelts_reason(gdelt, django_capture_on_commit_callbacks, reply, reason):
    gdelt.route("/api/v2/doc/doc", reply)
    with django_capture_on_commit_callbacks(execute=True):
        search = coverage_search(query="DeepSeek")
    search.refresh_from_db()
    assert search.status == FetchStatus.FAILED
    assert reason in search.last_error


def test_it_refuses_an_empty_query_or_unknown_connector():
    with pytest.raises(PermanentFetchError, match="empty"):
        coverage_search(query="  ")
    with pytest.raises(PermanentFetchError, match="unknown coverage connector"):
        coverage_search(query="x", connector="nope")
