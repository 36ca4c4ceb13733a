"""The canonical form of an article URL, so one article reached by several links is stored once."""

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_TRACKING_PREFIXES = ("utm_", "mc_", "_hs")
_TRACKING_KEYS = frozenset(
    {"fbclid", "gclid", "yclid", "dclid", "igshid", "ocid", "cmpid", "ref", "at_medium", "at_campaign"}
)
_DEFAULT_PORTS = {"http": 80, "https": 443}


def canonical_url(url: str) -> str:
    """Lower-case scheme and host, no default port, no fragment, no tracking parameters."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    if ":" in host:
        host = f"[{host}]"
    port = parts.port
    netloc = host if port in (None, _DEFAULT_PORTS.get(scheme)) else f"{host}:{port}"
    query = urlencode(
        [
            (key, value)
            for key, value in parse_qsl(parts.query, keep_blank_values=True)
            if not key.lower().startswith(_TRACKING_PREFIXES) and key.lower() not in _TRACKING_KEYS
        ]
    )
    return urlunsplit((scheme, netloc, parts.path or "/", query, ""))


def url_host(url: str) -> str:
    return (urlsplit(url).hostname or "").lower().removeprefix("www.")
