"""Tiny test sites on 127.0.0.1 (free ports): pages from a dict, every request logged, optional slowness."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Site:
    """``pages`` maps a path to HTML (or a callable returning HTML); unknown paths answer 404."""

    def __init__(self, pages: dict, delay_s: float = 0.0):
        self.pages = pages
        self.delay_s = delay_s
        self.requests: list[tuple[str, str]] = []  # (method, path), favicon left out
        site = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self) -> None:
                path = self.path.split("?")[0]
                if path != "/favicon.ico":
                    site.requests.append((self.command, self.path))
                time.sleep(site.delay_s)
                page = site.pages.get(path)
                body = (page() if callable(page) else page) if page is not None else "<h1>Not found</h1>"
                data = f"<!DOCTYPE html><html lang='en'><head><title>t</title></head><body>{body}</body></html>".encode()
                self.send_response(200 if page is not None else 404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = _answer
            do_POST = _answer

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Site:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    def page_requests(self) -> list[tuple[str, str]]:
        return list(self.requests)
