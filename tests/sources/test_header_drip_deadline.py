"""The total fetch deadline covers the response headers too (issue 15: D10). A server sending one header
line every half second never trips the per-read timeout; before, it held a fetch (a worker, a request)
for as long as it liked."""

import socket
import threading
import time

import pytest

from sources.errors import TransientFetchError
from sources.fetcher import FEED_TYPES, HTML_TYPES, http_get

HEADER_LINES = 60
GAP = 0.5  # seconds between header lines: well inside the 1 s read timeout


class HeaderDripServer:
    """Answers each connection with a status line, then one header line every GAP seconds."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.port = self.sock.getsockname()[1]
        self.lines_sent: list[int] = []
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._drip, args=(conn,), daemon=True).start()

    def _drip(self, conn):
        sent = 0
        try:
            conn.recv(65536)
            conn.sendall(b"HTTP/1.1 200 OK\r\n")
            for i in range(HEADER_LINES):
                conn.sendall(f"X-Drip-{i}: {i}\r\n".encode())
                sent += 1
                time.sleep(GAP)
            conn.sendall(b"Content-Type: text/html\r\nContent-Length: 2\r\n\r\nok")
        except OSError:
            pass
        finally:
            self.lines_sent.append(sent)
            conn.close()

    def close(self):
        self.sock.close()


@pytest.fixture
def drip():
    server = HeaderDripServer()
    yield server
    server.close()


@pytest.mark.parametrize("accept", [HTML_TYPES, FEED_TYPES])
def test_d10_a_header_drip_ends_at_the_total_deadline(settings, drip, accept):
    settings.INGEST_ALLOW_LOOPBACK = True
    settings.INGEST_LOOPBACK_PORTS = []
    settings.INGEST_DOMAIN_DELAY = 0.0
    settings.INGEST_POLITENESS_REDIS_URL = ""
    settings.INGEST_READ_TIMEOUT = 1.0
    settings.INGEST_TOTAL_TIMEOUT = 2.0

    with pytest.raises(TransientFetchError, match="not complete within 2 s"):
        http_get(f"http://127.0.0.1:{drip.port}/slow", accept=accept)

    deadline = time.monotonic() + 10
    while not drip.lines_sent and time.monotonic() < deadline:
        time.sleep(0.05)
    # The client hung up while the server was still sending headers: about 2 s of them, not all 30 s.
    assert drip.lines_sent and drip.lines_sent[0] < HEADER_LINES // 2
