import gzip

import pytest

from sources.errors import PermanentFetchError, TransientFetchError
from sources.fetcher import FEED_TYPES, HTML_TYPES, http_get
from tests.sources.webserver import Reply


def test_it_times_out_on_a_server_that_does_not_answer(web):
    web.route("/slow", Reply(delay=2.5, body=b"<html>late</html>"))
    with pytest.raises(TransientFetchError, match="timed out"):
        http_get(web.url("/slow"), accept=HTML_TYPES)


def test_it_gives_up_on_a_slow_drip_at_the_total_deadline(web, settings):
    settings.INGEST_TOTAL_TIMEOUT = 1.0
    web.route("/drip", Reply(body=b"<html>" + b"x" * 400 + b"</html>", drip=0.01))
    with pytest.raises(TransientFetchError, match="not complete"):
        http_get(web.url("/drip"), accept=HTML_TYPES)


def test_it_refuses_a_body_declared_over_the_cap(web, settings):
    settings.INGEST_MAX_BYTES = 10_000
    web.route("/huge", Reply(body=b"<html>" + b"a" * 20_000 + b"</html>"))
    with pytest.raises(PermanentFetchError, match="cap"):
        http_get(web.url("/huge"), accept=HTML_TYPES)


def test_it_stops_reading_an_endless_body_at_the_cap(web, settings):
    settings.INGEST_MAX_BYTES = 200_000
    web.route("/endless", Reply(endless=True))
    with pytest.raises(PermanentFetchError, match="cap"):
        http_get(web.url("/endless"), accept=HTML_TYPES)


def test_it_caps_a_gzip_bomb_after_decompression(web, settings):
    settings.INGEST_MAX_BYTES = 100_000
    bomb = gzip.compress(b"<html>" + b"0" * 5_000_000)
    web.route("/bomb", Reply(body=bomb, headers={"Content-Encoding": "gzip"}))
    assert len(bomb) < 100_000
    with pytest.raises(PermanentFetchError, match="cap"):
        http_get(web.url("/bomb"), accept=HTML_TYPES)


def test_it_decompresses_gzip_and_refuses_encodings_it_did_not_ask_for(web):
    web.route("/gz", Reply(body=gzip.compress(b"<html>hello</html>"), headers={"Content-Encoding": "gzip"}))
    web.route("/br", Reply(body=b"\x1b\x03\x00", headers={"Content-Encoding": "br"}))
    assert http_get(web.url("/gz"), accept=HTML_TYPES).content == b"<html>hello</html>"
    with pytest.raises(PermanentFetchError, match="unsupported content encoding 'br'"):
        http_get(web.url("/br"), accept=HTML_TYPES)


def test_it_detects_a_redirect_loop(web):
    web.route("/a", Reply(status=301, headers={"Location": "/b"}))
    web.route("/b", Reply(status=302, headers={"Location": "/a"}))
    with pytest.raises(PermanentFetchError, match="redirect loop"):
        http_get(web.url("/a"), accept=HTML_TYPES)


def test_it_caps_the_number_of_redirects(web, settings):
    settings.INGEST_MAX_REDIRECTS = 3
    for i in range(10):
        web.route(f"/r{i}", Reply(status=307, headers={"Location": f"/r{i + 1}"}))
    with pytest.raises(PermanentFetchError, match="more than 3 redirects"):
        http_get(web.url("/r0"), accept=HTML_TYPES)


def test_it_refuses_an_unexpected_content_type(web):
    web.route("/image", Reply(body=b"\x89PNG....", content_type="image/png"))
    with pytest.raises(PermanentFetchError, match="image/png"):
        http_get(web.url("/image"), accept=HTML_TYPES)


@pytest.mark.parametrize(
    ("status", "error"),
    [
        (404, PermanentFetchError),
        (410, PermanentFetchError),
        (500, TransientFetchError),
        (503, TransientFetchError),
        (429, TransientFetchError),
    ],
)
def test_it_classifies_http_errors(web, status, error):
    web.route("/x", Reply(status=status, body=b"no"))
    with pytest.raises(error) as info:
        http_get(web.url("/x"), accept=HTML_TYPES)
    assert info.value.http_status == status


def test_it_sends_conditional_headers_and_reports_not_modified(web):
    web.route("/feed.xml", Reply(status=304, content_type=""))
    fetched = http_get(
        web.url("/feed.xml"), accept=FEED_TYPES, etag='"v1"', last_modified="Thu, 14 Aug 2025 10:00:00 GMT"
    )
    assert fetched.not_modified
    hit = web.hits_for("/feed.xml")[0]
    assert hit.headers["if-none-match"] == '"v1"'
    assert hit.headers["if-modified-since"] == "Thu, 14 Aug 2025 10:00:00 GMT"


def test_it_waits_between_requests_to_one_domain(web, settings):
    import time

    settings.INGEST_DOMAIN_DELAY = 0.3
    web.route("/p", Reply(body=b"<html>ok</html>"))
    started = time.monotonic()
    for _ in range(3):
        http_get(web.url("/p"), accept=HTML_TYPES)
    assert time.monotonic() - started >= 0.6


def test_it_limits_concurrent_requests_to_one_domain(web, settings):
    import threading
    import time

    settings.INGEST_DOMAIN_CONCURRENCY = 1
    lock = threading.Lock()
    state = {"now": 0, "max": 0}

    def slow(handler):
        with lock:
            state["now"] += 1
            state["max"] = max(state["max"], state["now"])
        time.sleep(0.2)
        with lock:
            state["now"] -= 1
        return Reply(body=b"<html>ok</html>")

    web.route("/busy", slow)
    threads = [
        threading.Thread(target=http_get, args=(web.url("/busy"),), kwargs={"accept": HTML_TYPES})
        for _ in range(3)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(web.hits_for("/busy")) == 3
    assert state["max"] == 1
