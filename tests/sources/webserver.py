"""A real HTTP server on 127.0.0.1 standing in for the outside world in tests.

Routes map a path to a `Reply` (status, headers, body, and misbehaviours: a delay before answering,
a slow drip, an endless body). Every request is recorded, so a test can assert that a refused
address was never contacted.
"""

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before the status line
    drip: float = 0.0  # seconds between 1-byte chunks of the body
    endless: bool = False  # chunked body that never ends
    send_length: bool = True


@dataclass
class Hit:
    path: str
    headers: dict[str, str]


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):  # keep test output clean
        pass

    def do_GET(self):
        server: LocalWeb = self.server.owner
        server.hits.append(Hit(self.path, {k.lower(): v for k, v in self.headers.items()}))
        route = server.routes.get(self.path) or server.routes.get(self.path.split("?", 1)[0])
        if route is None:
            reply = Reply(status=404, body=b"<html><body>Not found</body></html>")
        elif callable(route):
            reply = route(self)
        else:
            reply = route
        if reply.delay:
            time.sleep(reply.delay)
        try:
            self.send_response(reply.status)
            if reply.content_type:
                self.send_header("Content-Type", reply.content_type)
            for key, value in reply.headers.items():
                self.send_header(key, value)
            if reply.endless:
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                chunk = b"<p>" + b"x" * 65536 + b"</p>"
                deadline = time.monotonic() + 20  # bounded even if the client never hangs up
                while time.monotonic() < deadline:
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                return
            if reply.send_length:
                self.send_header("Content-Length", str(len(reply.body)))
            else:
                self.send_header("Connection", "close")
            self.end_headers()
            if reply.drip:
                for i in range(len(reply.body)):
                    self.wfile.write(reply.body[i : i + 1])
                    self.wfile.flush()
                    time.sleep(reply.drip)
            else:
                self.wfile.write(reply.body)
        except (BrokenPipeError, ConnectionResetError):
            pass


class LocalWeb:
    def __init__(self):
        self.routes: dict = {}
        self.hits: list[Hit] = []
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.httpd.daemon_threads = True
        self.httpd.owner = self
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self.thread.start()

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def route(self, path: str, reply) -> str:
        self.routes[path] = reply
        return self.url(path)

    def hits_for(self, path: str) -> list[Hit]:
        return [hit for hit in self.hits if hit.path.split("?", 1)[0] == path]

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()
