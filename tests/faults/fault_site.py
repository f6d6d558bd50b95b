"""A hostile little site for fault-injection tests: pages that hang, die, loop, or post on their own.

Each test builds its own ``FaultSite`` on a free 127.0.0.1 port, with a route table of handlers, and
counts every request server-side so a test can assert that no POST reached the guarded endpoint.
Journeys are YAML written to tmp files and run through the library API with short timeouts.
"""

from __future__ import annotations

import dataclasses
import threading
from collections import Counter
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import journey_audit as ja
from journey_audit.browser.settings import load_settings

ROOT = Path(__file__).resolve().parents[2]
# Short page timeouts keep fault tests fast; the bounds each test asserts are derived from these.
ACTION_S = 2.0
NAVIGATION_S = 3.0
SETTINGS = dataclasses.replace(load_settings(ROOT / "playwright.config.py"), action_timeout_s=ACTION_S,
                               navigation_timeout_s=NAVIGATION_S)

Handler = Callable[["FaultHandler"], None]


def page(title: str, body: str) -> str:
    return (f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{title}</title></head>"
            f"<body><main><h1>{title}</h1>{body}</main></body></html>")


class FaultHandler(BaseHTTPRequestHandler):
    server: FaultServer

    def log_message(self, *args) -> None:  # keep test output clean
        pass

    def _dispatch(self) -> None:
        path = self.path.split("?")[0]
        self.server.count[(self.command, path)] += 1
        length = int(self.headers.get("content-length") or 0)
        self.body = self.rfile.read(length) if length else b""
        handler = self.server.routes.get((self.command, path)) or self.server.routes.get(("*", path))
        if handler is None:
            self.send_html(page("Not found", "<p>No such page.</p>"), status=404)
            return
        handler(self)

    do_GET = do_POST = _dispatch

    def send_html(self, html: str | bytes, status: int = 200, headers: dict[str, str] | None = None) -> None:
        data = html.encode() if isinstance(html, str) else html
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(data)

    def redirect(self, to: str) -> None:
        self.send_response(302)
        self.send_header("Location", to)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def hang(self) -> None:
        """Accept the request and never answer (until the test ends)."""
        self.server.released.wait(timeout=120)


class FaultServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, routes: dict[tuple[str, str], Handler]):
        super().__init__(("127.0.0.1", 0), FaultHandler)
        self.routes = routes
        self.count: Counter[tuple[str, str]] = Counter()
        self.released = threading.Event()


class FaultSite:
    """A site on a free port; ``die()`` takes it down so that new connections are refused."""

    def __init__(self, routes: dict[tuple[str, str], Handler]):
        self.server = FaultServer(routes)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self._thread.start()
        self._down = False

    @property
    def count(self) -> Counter[tuple[str, str]]:
        return self.server.count

    def posts(self, path: str) -> int:
        return self.server.count[("POST", path)]

    def die(self) -> None:
        """Stop accepting: from now on connections are refused, as when a site goes down."""
        if not self._down:
            self._down = True
            threading.Thread(target=self._shutdown, daemon=True).start()

    def _shutdown(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def close(self) -> None:
        self.server.released.set()
        if not self._down:
            self._down = True
            self._shutdown()


@dataclasses.dataclass
class Replayed:
    result: ja.JourneyResult
    seconds: float  # wall time of run_journeys (the first run in the shared browser starts it)


# Starting (and stopping) Chromium on a busy shared 2-core machine can take many seconds: every bound allows for it.
BROWSER_START_S = 30.0
