"""A local outlet for the compose proof: an RSS feed and two articles (texts written for the test)."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TRAM = (
    "Harbour City council approved a 40 million euro budget for the new tram line to the port on Tuesday, "
    "after a vote of 31 to 9. The tram line will link the old town with the ferry terminal and the port's "
    "container yards, and the council expects construction to start next spring.",
    "Deputy mayor Lena Vos said the 40 million euro budget covers the tracks, six stops and twelve trams. "
    "Opponents on the council argued that buses could serve the port for a fraction of the cost.",
    "The port authority welcomed the tram budget and said it would add its own funds for a depot near the "
    "container yards if the line opens on time.",
)
CHESS = (
    "The Harbour City chess club won the regional team championship on Sunday for the third year running. "
    "Its youngest player, aged eleven, drew against the former national champion in the final round.",
    "The club will represent the region at the national finals in the autumn.",
)


def _page(title: str, paragraphs: tuple[str, ...]) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{title}</title></head>"
        f"<body><article><h1>{title}</h1>{body}</article></body></html>"
    ).encode()


class NewsServer:
    def __init__(self):
        pages = {
            "/tram-budget": _page("Council approves tram budget for the port line", TRAM),
            "/chess": _page("Chess club wins the regional title again", CHESS),
        }

        class Handler(BaseHTTPRequestHandler):
            def do_GET(handler):  # noqa: N805
                if handler.path == "/feed.xml":
                    items = "".join(
                        f"<item><title>{title}</title><link>{self.base}{path}</link>"
                        "<pubDate>Tue, 01 Dec 2026 09:00:00 GMT</pubDate></item>"
                        for path, title in (("/tram-budget", "Tram budget"), ("/chess", "Chess"))
                    )
                    body = (
                        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
                        f"<title>Harbour Gazette</title><link>{self.base}/</link>{items}</channel></rss>"
                    ).encode()
                    kind = "application/rss+xml"
                elif handler.path in pages:
                    body, kind = pages[handler.path], "text/html; charset=utf-8"
                else:
                    handler.send_error(404)
                    return
                handler.send_response(200)
                handler.send_header("Content-Type", kind)
                handler.send_header("Content-Length", str(len(body)))
                handler.end_headers()
                handler.wfile.write(body)

            def log_message(handler, *args):  # noqa: N805
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"

    def __enter__(self):
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
