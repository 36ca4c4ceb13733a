import pytest

from sources.errors import BlockedAddress
from sources.fetcher import HTML_TYPES, http_get
from tests.sources.webserver import Reply


def _redirect(location: str) -> Reply:
    return Reply(status=302, headers={"Location": location}, body=b"")


@pytest.mark.parametrize(
    "target",
    [
        "http://127.0.0.1:{port}/admin",
        "http://localhost:{port}/admin",  # a name that resolves to a loopback address
        "http://[::1]:{port}/admin",
        "http://[::ffff:127.0.0.1]:{port}/admin",
        "http://169.254.169.254/latest/meta-data/iam/",
        "http://10.0.0.7/",
        "file:///etc/passwd",
    ],
)
def test_it_refuses_a_redirect_to_an_inside_address(guard_on, other_web, target):
    other_web.route("/admin", Reply(body=b"<html>internal admin</html>"))
    start = guard_on.route("/story", _redirect(target.format(port=other_web.port)))

    with pytest.raises(BlockedAddress):
        http_get(start, accept=HTML_TYPES)

    assert len(guard_on.hits_for("/story")) == 1
    assert other_web.hits == []


def test_it_follows_a_redirect_the_guard_allows(guard_on):
    guard_on.route("/old", _redirect("/new"))
    guard_on.route("/new", Reply(body=b"<html><body>moved here</body></html>"))

    fetched = http_get(guard_on.url("/old"), accept=HTML_TYPES)

    assert fetched.url.endswith("/new")
    assert fetched.redirects == [guard_on.url("/old")]
