from pathlib import Path

import pytest

from tests.sources.webserver import LocalWeb

FIXTURES = Path(__file__).parent / "fixtures"


def fixture_bytes(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


@pytest.fixture
def web():
    server = LocalWeb()
    yield server
    server.close()


@pytest.fixture
def other_web():
    """A second server: the place a refused redirect points at, which must never be contacted."""
    server = LocalWeb()
    yield server
    server.close()


@pytest.fixture(autouse=True)
def _ingest_settings(settings, request):
    """Loopback allowed (our stand-in servers live there), no politeness pauses, short timeouts."""
    settings.INGEST_ALLOW_LOOPBACK = True
    settings.INGEST_LOOPBACK_PORTS = []
    settings.INGEST_DOMAIN_DELAY = 0.0
    settings.INGEST_POLITENESS_REDIS_URL = ""
    settings.INGEST_CONNECT_TIMEOUT = 2.0
    settings.INGEST_READ_TIMEOUT = 1.0
    settings.INGEST_TOTAL_TIMEOUT = 3.0
    settings.INGEST_MAX_BYTES = 1024 * 1024
    settings.INGEST_RETRY_BASE_SECONDS = 1


@pytest.fixture
def guard_on(settings, web):
    """The guard as in production, except that the stand-in server's own port may be reached."""
    settings.INGEST_LOOPBACK_PORTS = [web.port]
    return web
