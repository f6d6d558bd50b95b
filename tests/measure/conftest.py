"""Fixtures for the measurement tests: a tiny static site built differently from the demo councils."""

from __future__ import annotations

from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from local_server import serving

PAGES = Path(__file__).with_name("pages")
class _Handler(SimpleHTTPRequestHandler):
    """Static pages plus /status/<code> error pages; __OTHER__ becomes a different host for hand-offs."""

    def log_message(self, *args: object) -> None:  # keep test output quiet
        pass

    def do_GET(self) -> None:  # noqa: N802 - http.server API
        if self.path.startswith("/status/"):
            code = int(self.path.rsplit("/", 1)[1])
            body = f"<html><head><title>Error {code}</title></head><body><h1>Internal Server Error</h1></body></html>".encode()
            self.send_response(code)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        if self.path.split("?")[0].endswith("handoff.html"):
            port = self.server.server_address[1]
            body = (PAGES / "handoff.html").read_text().replace("__OTHER__", f"http://localhost:{port}").encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()


@pytest.fixture(scope="session")
def site() -> str:
    """Base URL of the test pages on 127.0.0.1 (an ephemeral port)."""
    with serving(ThreadingHTTPServer(("127.0.0.1", 0), partial(_Handler, directory=str(PAGES)))) as server:
        yield f"http://127.0.0.1:{server.server_address[1]}"
