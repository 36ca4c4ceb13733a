import pytest

from sources.errors import BlockedAddress
from sources.fetcher import HTML_TYPES, http_get
from sources.guard import AddressPolicy, check_url
from tests.sources.webserver import Reply

REFUSED = [
    "127.0.0.1",
    "127.8.9.10",
    "10.1.2.3",
    "172.16.0.1",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",  # carrier-grade NAT
    "0.0.0.0",
    "224.0.0.1",
    "240.0.0.1",
    "255.255.255.255",
    "::1",
    "::",
    "fe80::1",
    "fc00::1",
    "ff02::1",
    "::ffff:127.0.0.1",
    "::ffff:169.254.169.254",
    "::ffff:10.0.0.1",
    "2002:7f00:1::",  # 6to4 wrapping 127.0.0.1
]


@pytest.mark.parametrize("address", REFUSED)
def test_it_refuses_non_public_addresses(address):
    assert AddressPolicy().refusal(address, 80) is not None


@pytest.mark.parametrize("address", ["93.184.215.14", "8.8.8.8", "2606:4700:4700::1111"])
def test_it_allows_public_addresses(address):
    assert AddressPolicy().refusal(address, 443) is None


def test_it_allows_loopback_only_when_told_and_only_on_the_listed_ports():
    assert AddressPolicy(allow_loopback=True).refusal("127.0.0.1", 8080) is None
    assert AddressPolicy(allow_loopback=True).refusal("::1", 8080) is None
    limited = AddressPolicy(allow_loopback=True, loopback_ports=frozenset({8080}))
    assert limited.refusal("127.0.0.1", 8080) is None
    assert limited.refusal("127.0.0.1", 6379) is not None
    # Allowing loopback never opens the metadata service or private networks.
    assert AddressPolicy(allow_loopback=True).refusal("169.254.169.254", 80) is not None
    assert AddressPolicy(allow_loopback=True).refusal("10.0.0.1", 80) is not None


@pytest.mark.parametrize(
    "url",
    [
        "http://[::1",
        "http://example.com:99999/",
        "http://example.com:port/",
        "file:///etc/passwd",
        "ftp://example.com/x",
        "gopher://example.com/",
        "/relative",
        "http://user:pw@example.com/",
    ],
)
def test_it_refuses_non_http_urls(url):
    with pytest.raises(BlockedAddress):
        check_url(url)


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "[::ffff:127.0.0.1]", "2130706433", "0x7f.1"])
def test_it_refuses_loopback_in_every_spelling_before_connecting(settings, web, host):
    settings.INGEST_ALLOW_LOOPBACK = False
    web.route("/secret", Reply(body=b"<html>internal</html>"))
    with pytest.raises(BlockedAddress):
        http_get(f"http://{host}:{web.port}/secret", accept=HTML_TYPES)
    assert web.hits == []


def test_it_refuses_ipv6_loopback(settings):
    settings.INGEST_ALLOW_LOOPBACK = False
    with pytest.raises(BlockedAddress, match="loopback"):
        http_get("http://[::1]:9/", accept=HTML_TYPES)


def test_it_refuses_the_metadata_service_without_connecting(settings):
    settings.INGEST_ALLOW_LOOPBACK = True
    with pytest.raises(BlockedAddress, match="link-local"):
        http_get("http://169.254.169.254/latest/meta-data/", accept=HTML_TYPES)
