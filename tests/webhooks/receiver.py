"""A real webhook receiver on 127.0.0.1: checks each signature, answers from a script, records everything."""

import json
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from webhooks.signing import SIGNATURE_HEADER, signature_valid


@dataclass
class Received:
    key: str
    event: str
    body: dict
    signed: bool
    answered: int


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_POST(self):
        receiver: Receiver = self.server.owner
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        with receiver.lock:
            status = receiver.script.pop(0) if receiver.script else receiver.then
            receiver.requests.append(
                Received(
                    key=self.headers.get("Idempotency-Key", ""),
                    event=self.headers.get("X-Claimtracker-Event", ""),
                    body=json.loads(raw),
                    signed=signature_valid(receiver.secret, self.headers.get(SIGNATURE_HEADER, ""), raw),
                    answered=status,
                )
            )
        self.send_response(status)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")


class Receiver:
    """`script`: statuses for the first requests, in order; `then` for every later one."""

    def __init__(self, *, script=(), then=200):
        self.script, self.then = list(script), then
        self.secret = ""
        self.requests: list[Received] = []
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.server.owner = self
        self.port = self.server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}/hooks/claimtracker"

    def __enter__(self):
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def accepted(self) -> list[str]:
        """Idempotency keys of the requests answered 2xx: what the receiver took in."""
        return [r.key for r in self.requests if 200 <= r.answered < 300]
