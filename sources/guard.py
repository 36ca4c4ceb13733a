"""The guard between our workers and the outside world.

A URL from a feed, a page or a search API is untrusted: it may point at the metadata service
(169.254.169.254), at Redis on localhost or at a host on the office network, directly or by a
redirect, or by a DNS name that resolves there. Checking the URL's host string is not enough
(DNS can change between the check and the connect), so the check runs inside the connection:
`GuardedBackend` resolves the name itself, refuses any address that is not public, connects to
the address it checked and checks the peer of the connected socket again. TLS and the Host
header still use the hostname, because httpcore does those above the network backend.
"""

import contextvars
import ipaddress
import re
import socket
import ssl
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import httpcore
import httpx

from .errors import BlockedAddress

ALLOWED_SCHEMES = frozenset({"http", "https"})


@dataclass(frozen=True)
class AddressPolicy:
    """Which addresses may be connected to. Only public unicast addresses, unless loopback is allowed
    (tests and the offline demo), optionally only on some ports."""

    allow_loopback: bool = False
    loopback_ports: frozenset[int] = field(default_factory=frozenset)

    @classmethod
    def from_settings(cls) -> "AddressPolicy":
        from django.conf import settings

        return cls(
            allow_loopback=settings.INGEST_ALLOW_LOOPBACK,
            loopback_ports=frozenset(settings.INGEST_LOOPBACK_PORTS),
        )

    def refusal(self, address: str, port: int) -> str | None:
        """Why connecting to `address` is refused, or None if it is allowed."""
        try:
            ip = ipaddress.ip_address(address.split("%", 1)[0])
        except ValueError:
            return f"{address!r} is not an IP address"
        if isinstance(ip, ipaddress.IPv6Address):
            # ::ffff:a.b.c.d reaches the IPv4 host a.b.c.d: judge it as that address.
            mapped = ip.ipv4_mapped or ip.sixtofour
            if mapped is not None:
                ip = mapped
        if ip.is_loopback:
            if self.allow_loopback and (not self.loopback_ports or port in self.loopback_ports):
                return None
            return f"{ip} is a loopback address"
        for label, flag in (
            ("a link-local", ip.is_link_local),
            ("a private", ip.is_private),
            ("a multicast", ip.is_multicast),
            ("a reserved", ip.is_reserved),
            ("an unspecified", ip.is_unspecified),
            ("a site-local", getattr(ip, "is_site_local", False)),
        ):
            if flag:
                return f"{ip} is {label} address"
        if not ip.is_global:
            return f"{ip} is not a public address"
        return None


# A host as DNS knows it once IDNA-encoded (underscores occur in real hostnames), or an IP literal.
_HOSTNAME = re.compile(r"[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?)*\.?")


def check_url(url: str) -> None:
    """Refuse URLs that are not plain http(s) with a host, before any connection is tried.

    Also every URL the HTTP client could never request (control characters, a host that is not a
    valid name or address: octal or zero-padded IPv4 like 0177.0.0.1, full-width digits, bad IDNA), so
    such a URL is refused at the door with the reason instead of failing deep inside a fetch.
    """
    if not isinstance(url, str) or any(ord(c) < 0x20 or c == "\x7f" or c == "\\" for c in url):
        raise BlockedAddress("not a valid URL: it contains a control character or a backslash")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number in range
    except ValueError as exc:
        raise BlockedAddress(f"not a valid URL: {exc}") from exc
    if parts.scheme.lower() not in ALLOWED_SCHEMES:
        raise BlockedAddress(
            f"only http and https URLs are fetched, not {parts.scheme or 'a relative URL'!r}"
        )
    if not parts.hostname:
        raise BlockedAddress("the URL has no host")
    if parts.username or parts.password:
        raise BlockedAddress("URLs with credentials are not fetched")
    try:
        parsed = httpx.URL(url)
        parsed.host  # noqa: B018 - decodes IDNA: raises for labels like xn--a that decode to nothing
        host = parsed.raw_host.decode("ascii").lower()
    except (httpx.InvalidURL, UnicodeError, ValueError) as exc:
        raise BlockedAddress(f"not a valid URL: {exc}") from exc
    if not host:
        raise BlockedAddress("the URL has no host")
    if ":" not in host and not _HOSTNAME.fullmatch(host):
        raise BlockedAddress(f"not a valid URL: {parts.hostname!r} is not a host name or address")


# The monotonic time by which the whole request must be done (set by sources.fetcher.http_get). httpx's
# timeouts are per read: a server sending one header line every few seconds never trips them.
request_deadline: contextvars.ContextVar[float | None] = contextvars.ContextVar(
    "request_deadline", default=None
)


def _within_deadline(timeout: float | None) -> float | None:
    deadline = request_deadline.get()
    if deadline is None:
        return timeout
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise httpcore.ReadTimeout("the request's total deadline passed")
    return remaining if timeout is None else min(timeout, remaining)


class DeadlineStream(httpcore.NetworkStream):
    """A connection whose every read and write ends by the request's total deadline (headers included)."""

    def __init__(self, stream: httpcore.NetworkStream):
        self._stream = stream

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, _within_deadline(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, _within_deadline(timeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(self, ssl_context, server_hostname=None, timeout=None) -> httpcore.NetworkStream:
        return DeadlineStream(self._stream.start_tls(ssl_context, server_hostname, _within_deadline(timeout)))

    def get_extra_info(self, info: str):
        return self._stream.get_extra_info(info)


class GuardedBackend(httpcore.SyncBackend):
    """A network backend that connects only to addresses the policy allows."""

    def __init__(self, policy: AddressPolicy):
        self.policy = policy

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable | None = None,
    ) -> httpcore.NetworkStream:
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)
        except (socket.gaierror, UnicodeError) as exc:
            raise httpcore.ConnectError(f"cannot resolve {host!r}: {exc}") from exc
        addresses = list(dict.fromkeys(info[4][0] for info in infos))
        # One bad address refuses the name: a name that also points inside is not an outside host,
        # and trying the next address would let rebinding pick which one we get.
        for address in addresses:
            reason = self.policy.refusal(address, port)
            if reason:
                where = host if host == address else f"{host} resolves to {address}, which"
                raise BlockedAddress(f"refused: {where} {reason.split(' ', 1)[1]}")
        last_error: Exception | None = None
        for address in addresses:
            try:
                stream = super().connect_tcp(address, port, timeout, local_address, socket_options)
            except httpcore.ConnectError as exc:
                last_error = exc
                continue
            peer = stream.get_extra_info("socket").getpeername()[0]
            reason = self.policy.refusal(peer, port)
            if reason:
                stream.close()
                raise BlockedAddress(f"connected peer {peer} for {host}: {reason}")
            return DeadlineStream(stream)
        raise httpcore.ConnectError(f"cannot connect to {host}:{port}: {last_error}")

    def connect_unix_socket(self, *args, **kwargs):  # pragma: no cover - never reachable from a URL
        raise BlockedAddress("unix sockets are not fetched")


_ssl_lock = threading.Lock()
_ssl_cache: list[ssl.SSLContext] = []


def _ssl_context() -> ssl.SSLContext:
    """One verifying SSL context per process: building one loads the CA bundle (tens of ms)."""
    with _ssl_lock:
        if not _ssl_cache:
            _ssl_cache.append(httpx.create_ssl_context())
        return _ssl_cache[0]


class GuardedTransport(httpx.HTTPTransport):
    """httpx's transport with its connection pool on the guarded backend.

    httpx does not take a network backend, so the pool it built is replaced by an identical one
    on ours (httpx is pinned below 0.29 in pyproject.toml; a test fails if this stops guarding).
    """

    def __init__(self, *, policy: AddressPolicy, max_connections: int = 20):
        context = _ssl_context()
        super().__init__(verify=context, trust_env=False, retries=0)
        self._pool = httpcore.ConnectionPool(
            ssl_context=context,
            max_connections=max_connections,
            max_keepalive_connections=max_connections,
            keepalive_expiry=5.0,
            http1=True,
            http2=False,
            retries=0,
            network_backend=GuardedBackend(policy),
        )
