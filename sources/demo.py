"""The offline ingestion demo: a small local web server with two outlets' feeds and articles.

Serves `sources/demo_site/` on 127.0.0.1 (a free port) from a background thread, so `make demo`
shows feeds being polled, pages fetched and extracted, a syndicated copy detected and a broken
link recorded as a failed fetch, with no network.
"""

import threading
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

SITE = Path(__file__).parent / "demo_site"
DEMO_FEEDS = [
    ("/claimtracker-demo/harbour/feed.xml", "Harbour Tech Review"),
    ("/claimtracker-demo/vestnik/feed.xml", "Вестник ИИ"),
]


class _QuietHandler(SimpleHTTPRequestHandler):
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".xml": "application/rss+xml"}

    def log_message(self, *args):
        pass


@contextmanager
def demo_site():
    """Yield the base URL of the demo site while it is being served."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(SITE)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
