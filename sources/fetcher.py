"""One guarded HTTP GET with the limits every request to the outside world needs.

Timeouts (connect, read, and a total deadline so a slow drip cannot hold a worker), a body cap,
a redirect cap with loop detection (each hop re-checked by the guard), a content-type check,
conditional GET, and per-domain politeness. Errors come out as `TransientFetchError` (try again
later) or `PermanentFetchError` (don't), each with a message a desk editor can read.
"""

import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

import httpx
from django.conf import settings

from .errors import BlockedAddress, PermanentFetchError, TransientFetchError
from .guard import AddressPolicy, GuardedTransport, check_url, request_deadline

logger = logging.getLogger(__name__)

HTML_TYPES = ("text/html", "application/xhtml+xml")
FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/xml",
    "text/xml",
    "application/x-rss+xml",
    "text/plain",  # common misconfiguration; the parser decides
)
JSON_TYPES = ("application/json", "text/json", "text/javascript")
REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})


@dataclass
class Fetched:
    url: str  # where the redirects ended
    status: int
    content_type: str
    content: bytes
    headers: dict[str, str]
    redirects: list[str] = field(default_factory=list)
    elapsed_ms: int = 0

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class DomainGate:
    """Per-domain politeness: at most N requests at once per process, and a pause between request
    starts to one domain that holds across all workers when Redis is configured
    (`INGEST_POLITENESS_REDIS_URL`, by default the Celery broker), else within this process."""

    def __init__(self):
        self._lock = threading.Lock()
        self._slots: dict[tuple[str, int], threading.BoundedSemaphore] = {}
        self._next_start: dict[str, float] = {}
        self._redis: dict[str, object] = {}

    @contextmanager
    def enter(
        self, host: str, *, concurrency: int, delay: float, redis_url: str = "", wait_limit: float = 60.0
    ) -> Iterator[None]:
        with self._lock:
            # Keyed by the limit too, so a changed setting takes effect without a restart.
            slot = self._slots.setdefault(
                (host, concurrency), threading.BoundedSemaphore(max(1, concurrency))
            )
        with slot:
            if delay > 0 and not (redis_url and self._wait_turn_shared(host, delay, redis_url, wait_limit)):
                self._wait_turn_local(host, delay)
            yield

    def _wait_turn_local(self, host: str, delay: float) -> None:
        with self._lock:
            now = time.monotonic()
            start = max(now, self._next_start.get(host, 0.0))
            self._next_start[host] = start + delay
        if start > now:
            time.sleep(start - now)

    def _wait_turn_shared(self, host: str, delay: float, redis_url: str, wait_limit: float) -> bool:
        """Take the domain's turn in Redis: a key that exists for `delay` after each request start.
        Returns False (fall back to the local pause) if Redis cannot be reached."""
        import redis

        client = self._redis.get(redis_url)
        if client is None:
            client = self._redis.setdefault(redis_url, redis.Redis.from_url(redis_url, socket_timeout=2))
        key = f"claimtracker:ingest:turn:{host}"
        give_up = time.monotonic() + wait_limit
        try:
            while not client.set(key, b"1", nx=True, px=max(1, int(delay * 1000))):
                if time.monotonic() > give_up:
                    raise TransientFetchError(f"no turn at {host} within {wait_limit:g} s (politeness queue)")
                remaining = client.pttl(key)
                time.sleep(min(max(remaining, 5), 1000) / 1000)
        except redis.RedisError as exc:
            logger.warning("politeness via Redis unavailable (%s); pausing per process instead", exc)
            return False
        return True


domain_gate = DomainGate()


def _client(policy: AddressPolicy) -> httpx.Client:
    timeout = httpx.Timeout(
        connect=settings.INGEST_CONNECT_TIMEOUT,
        read=settings.INGEST_READ_TIMEOUT,
        write=settings.INGEST_READ_TIMEOUT,
        pool=settings.INGEST_CONNECT_TIMEOUT,
    )
    return httpx.Client(
        transport=GuardedTransport(policy=policy),
        timeout=timeout,
        follow_redirects=False,  # followed by hand so every hop is checked and counted
        trust_env=False,  # a proxy from the environment would bypass the address check
        headers={"User-Agent": settings.INGEST_USER_AGENT},
    )


def _media_type(content_type: str) -> str:
    return content_type.split(";", 1)[0].strip().lower()


def media_accepted(media: str, accept: tuple[str, ...]) -> bool:
    """Whether a response's media type is one we asked for. Where XML is acceptable (feeds), any XML
    type is: feeds are served as text/rss+xml, text/atom+xml, application/x-atom+xml and more, and the
    parser, not the label, decides whether it is a feed."""
    if media in accept:
        return True
    return "application/xml" in accept and (media.endswith(("+xml", "/xml")) or media.endswith("-xml"))


def http_get(
    url: str,
    *,
    accept: tuple[str, ...],
    etag: str = "",
    last_modified: str = "",
    params: dict | None = None,
    max_bytes: int | None = None,
    policy: AddressPolicy | None = None,
) -> Fetched:
    """GET `url` through the guard. A 304 comes back as a `Fetched` with `not_modified` set."""
    policy = policy or AddressPolicy.from_settings()
    max_bytes = max_bytes or settings.INGEST_MAX_BYTES
    deadline = time.monotonic() + settings.INGEST_TOTAL_TIMEOUT
    started = time.monotonic()
    # Only encodings _decompress can cap; httpx would otherwise offer br/zstd when installed.
    headers = {"Accept": ", ".join(accept) + ", */*;q=0.1", "Accept-Encoding": "gzip, deflate"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    # Every read and write of the request, its headers included, ends by the deadline (guard.DeadlineStream).
    deadline_token = request_deadline.set(deadline)
    try:
        return _follow(
            url, policy=policy, headers=headers, params=params, accept=accept, max_bytes=max_bytes,
            deadline=deadline, started=started,
        )  # fmt: skip
    finally:
        request_deadline.reset(deadline_token)


def _follow(
    url: str,
    *,
    policy: AddressPolicy,
    headers: dict,
    params: dict | None,
    accept: tuple[str, ...],
    max_bytes: int,
    deadline: float,
    started: float,
) -> Fetched:
    seen: list[str] = []
    current = url
    with _client(policy) as client:
        while True:
            check_url(current)
            if current in seen:
                raise PermanentFetchError(f"redirect loop: {' -> '.join([*seen, current])}")
            if len(seen) > settings.INGEST_MAX_REDIRECTS:
                raise PermanentFetchError(f"more than {settings.INGEST_MAX_REDIRECTS} redirects")
            seen.append(current)
            host = (urlsplit(current).hostname or "").lower()
            with domain_gate.enter(
                host,
                concurrency=settings.INGEST_DOMAIN_CONCURRENCY,
                delay=settings.INGEST_DOMAIN_DELAY,
                redis_url=settings.INGEST_POLITENESS_REDIS_URL,
                wait_limit=settings.INGEST_TOTAL_TIMEOUT,
            ):
                fetched = _one_request(
                    client,
                    current,
                    headers=headers,
                    params=params,
                    accept=accept,
                    max_bytes=max_bytes,
                    deadline=deadline,
                )
            params = None  # the redirect target carries its own query
            if fetched.status in REDIRECT_CODES:
                location = fetched.headers.get("location")
                if not location:
                    raise PermanentFetchError(
                        f"HTTP {fetched.status} redirect without a Location", http_status=fetched.status
                    )
                current = urljoin(current, location)
                continue
            fetched.redirects = seen[:-1]
            fetched.elapsed_ms = int((time.monotonic() - started) * 1000)
            return fetched


def _one_request(
    client: httpx.Client,
    url: str,
    *,
    headers: dict,
    params: dict | None,
    accept: tuple[str, ...],
    max_bytes: int,
    deadline: float,
) -> Fetched:
    try:
        with client.stream("GET", url, headers=headers, params=params) as response:
            status = response.status_code
            resp_headers = {k.lower(): v for k, v in response.headers.items()}
            content_type = resp_headers.get("content-type", "")
            if status in REDIRECT_CODES or status == 304:
                return Fetched(str(response.url), status, content_type, b"", resp_headers)
            if status == 429 or status >= 500:
                raise TransientFetchError(
                    f"HTTP {status} from {response.url.host}",
                    http_status=status,
                    retry_after=_retry_after(resp_headers.get("retry-after", "")),
                )
            if status >= 400:
                raise PermanentFetchError(f"HTTP {status} from {response.url.host}", http_status=status)
            if status != 200:
                raise PermanentFetchError(f"unexpected HTTP {status}", http_status=status)
            media = _media_type(content_type)
            if media and not media_accepted(media, accept):
                raise PermanentFetchError(
                    f"content type {media!r} is not one of {', '.join(accept)}", http_status=status
                )
            declared = resp_headers.get("content-length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                raise PermanentFetchError(
                    f"body of {int(declared)} bytes is over the {max_bytes}-byte cap", http_status=status
                )
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_raw():
                size += len(chunk)
                if size > max_bytes:
                    raise PermanentFetchError(f"body is over the {max_bytes}-byte cap", http_status=status)
                if time.monotonic() > deadline:
                    raise TransientFetchError(
                        f"body not complete after {settings.INGEST_TOTAL_TIMEOUT:g} s", http_status=status
                    )
                chunks.append(chunk)
            raw = b"".join(chunks)
            encoding = resp_headers.get("content-encoding", "").strip().lower()
            if encoding in ("gzip", "x-gzip", "deflate"):
                raw = _decompress(raw, encoding, max_bytes)
            elif encoding not in ("", "identity"):
                raise PermanentFetchError(f"unsupported content encoding {encoding!r}", http_status=status)
            return Fetched(str(response.url), status, content_type, raw, resp_headers)
    except BlockedAddress:
        raise
    except httpx.InvalidURL as exc:  # check_url refuses these first; this is the last line
        raise PermanentFetchError(f"not a valid URL: {exc}") from exc
    except httpx.RemoteProtocolError as exc:
        if "location header" in str(exc).lower():  # httpx reads a redirect's target before we do
            raise PermanentFetchError(f"redirect to a URL that is not valid: {exc}") from exc
        raise TransientFetchError(f"network error: {exc}") from exc
    except httpx.TimeoutException as exc:
        if time.monotonic() >= deadline:
            raise TransientFetchError(
                f"response not complete within {settings.INGEST_TOTAL_TIMEOUT:g} s from {url}"
            ) from exc
        raise TransientFetchError(f"timed out: {type(exc).__name__} on {url}") from exc
    except (httpx.TransportError, httpx.DecodingError) as exc:
        raise TransientFetchError(f"network error: {exc or type(exc).__name__}") from exc


def _retry_after(value: str) -> float | None:
    """Retry-After as seconds: either a number of seconds or an HTTP date."""
    value = value.strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _decompress(raw: bytes, encoding: str, max_bytes: int) -> bytes:
    """Decompress with the cap applied to the output, so a small gzip bomb cannot fill memory."""
    import zlib

    wbits = 15 if encoding == "deflate" else 31
    decompressor = zlib.decompressobj(wbits)
    try:
        out = decompressor.decompress(raw, max_bytes + 1)
    except zlib.error as exc:
        raise PermanentFetchError(f"broken {encoding} body: {exc}") from exc
    if len(out) > max_bytes or decompressor.unconsumed_tail:
        raise PermanentFetchError(f"decompressed body is over the {max_bytes}-byte cap")
    return out


@dataclass
class Posted:
    status: int
    elapsed_ms: int
    body_excerpt: str  # the start of the answer, for a delivery log


def http_post(
    url: str,
    *,
    body: bytes,
    headers: dict[str, str],
    timeout: float | None = None,
    policy: AddressPolicy | None = None,
    answer_bytes: int = 2048,
) -> Posted:
    """POST `body` to `url` through the guard (for outgoing webhooks). Redirects are not followed.

    Any answer comes back as `Posted` (the caller judges the status); a refused address raises
    `BlockedAddress` before anything is sent, a network failure or timeout `TransientFetchError`.
    Only the first `answer_bytes` of the answer are read.
    """
    policy = policy or AddressPolicy.from_settings()
    check_url(url)
    started = time.monotonic()
    limit = timeout or settings.INGEST_READ_TIMEOUT
    request_timeout = httpx.Timeout(
        connect=min(settings.INGEST_CONNECT_TIMEOUT, limit), read=limit, write=limit, pool=limit
    )
    try:
        request = _post_client(policy).build_request(
            "POST", url, content=body, headers=headers, timeout=request_timeout
        )
        response = _post_client(policy).send(request, stream=True)
        try:
            excerpt = b""
            for chunk in response.iter_raw():
                excerpt += chunk
                if len(excerpt) >= answer_bytes:
                    break
        finally:
            response.close()
        return Posted(
            response.status_code,
            int((time.monotonic() - started) * 1000),
            excerpt[:answer_bytes].decode("utf-8", "replace"),
        )
    except BlockedAddress:
        raise
    except httpx.TimeoutException as exc:
        raise TransientFetchError(f"timed out: {type(exc).__name__} on {url}") from exc
    except httpx.TransportError as exc:
        raise TransientFetchError(f"network error: {exc or type(exc).__name__}") from exc


_post_clients: dict[AddressPolicy, httpx.Client] = {}
_post_lock = threading.Lock()


def _post_client(policy: AddressPolicy) -> httpx.Client:
    """One client per policy and process, so deliveries to one receiver reuse their connections.

    The guard still checks every new connection (GuardedBackend), and a kept-alive one was checked
    when it was made.
    """
    with _post_lock:
        client = _post_clients.get(policy)
        if client is None:
            client = _post_clients[policy] = httpx.Client(
                transport=GuardedTransport(policy=policy),
                follow_redirects=False,  # a webhook receiver answers; it does not send us elsewhere
                trust_env=False,  # a proxy from the environment would bypass the address check
                headers={"User-Agent": settings.INGEST_USER_AGENT},
            )
        return client
