"""A small site of keyboard test pages (tests/keyboard/pages) on a free 127.0.0.1 port, for the session,
and a helper that replays a journey on it by keyboard through the library API."""

from __future__ import annotations

import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs

import pytest
from jsonschema import Draft202012Validator
from local_server import serving

import journey_audit as ja
from journey_audit.browser.settings import load_settings
from journey_audit.schema import result_schema

PAGES = Path(__file__).resolve().parent / "pages"
ROOT = Path(__file__).resolve().parents[2]
SETTINGS = load_settings(ROOT / "playwright.config.py")
THANKS = (b"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Received</title></head>"
          b"<body><main><h1>Request received</h1><p>Thank you.</p></main></body></html>")


class PageHandler(BaseHTTPRequestHandler):
    server: PageServer

    def log_message(self, *args) -> None:
        pass

    def _send(self, body: bytes, status: int = 200) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        path = self.path.split("?")[0].lstrip("/")
        self.server.count[("GET", "/" + path)] += 1
        file = PAGES / path
        if path and file.is_file() and file.parent == PAGES:
            self._send(file.read_bytes())
        else:
            self._send(b"<!doctype html><title>Not found</title><h1>Page not found</h1>", 404)

    def do_POST(self) -> None:  # noqa: N802
        path = self.path.split("?")[0]
        self.server.count[("POST", path)] += 1
        length = int(self.headers.get("content-length") or 0)
        body = self.rfile.read(length).decode("utf-8") if length else ""
        self.server.posts.append((path, {k: v[0] for k, v in parse_qs(body).items()}))
        if path == "/slow":  # slow-answer.html: the answer comes late, as a redirect to the next page
            time.sleep(0.5)
            self.send_response(303)
            self.send_header("Location", "/done.html")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self._send(THANKS)


class PageServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), PageHandler)
        self.count: Counter = Counter()
        self.posts: list[tuple[str, dict[str, str]]] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def posts_to(self, path: str) -> list[dict[str, str]]:
        return [form for where, form in self.posts if where == path]


@pytest.fixture(scope="session")
def pages():
    with serving(PageServer()) as server:
        yield server


@pytest.fixture
def keyboard_replay(tmp_path, pages, shared_browser):
    """Run a journey (its steps as YAML) on the test pages by keyboard; return the schema-valid journey record."""

    def run(start: str, steps_yaml: str, *, allow_submit: bool = False, keyboard_in_file: bool = False,
            keyboard: bool = True):
        path = tmp_path / "journey.yaml"
        path.write_text(f"council: Testshire Council\ncouncil_id: testshire\ntask: task\nstart: {start}\n"
                        f"base_url: {pages.url}\n" + ("keyboard: true\n" if keyboard_in_file else "")
                        + f"steps:\n{steps_yaml}", encoding="utf-8")
        options = ja.RunOptions(axe=False, screenshots=False, allow_submit=allow_submit,
                                keyboard=keyboard and not keyboard_in_file)
        run_result = shared_browser(SETTINGS).run_journeys(ja.load_journeys([path]),
                                                           results_dir=tmp_path / "results", options=options)
        journey = run_result.journeys[0]
        problems = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
                    for e in Draft202012Validator(result_schema()).iter_errors(journey.data)]
        assert problems == []
        return journey, run_result

    return run
