"""`check` reuses a worker's tab for the pages of one site (browser/reuse.py): nothing a page leaves behind
(cookies, localStorage, sessionStorage, a tab it opened) reaches the next page, the HTTP cache is kept, and
every page is judged as with a fresh context (`--fresh-tabs`).

Expected before running (written first): page /b shows "First visit" unless it can see what /a stored, so
its h1 must read "First visit" in both modes; the server sees no Cookie header on /b; the shared stylesheet
(cacheable for an hour) is fetched once with the reused tab and once per page with --fresh-tabs.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from local_server import serving

import journey_audit as ja
from journey_audit.api import journeys_for_urls, run_journeys
from journey_audit.browser.runner import RunOptions
from journey_audit.cli import main

pytestmark = pytest.mark.e2e

HEAD = "<!doctype html><html lang='en'><head><title>{t}</title><link rel='stylesheet' href='/style.css'></head>"
PAGE_A = HEAD.format(t="Bins") + (
    "<body><main><h1>Bin collections</h1><p>Your bins are collected on Tuesdays.</p></main>"
    "<script>localStorage.setItem('visited', '1'); sessionStorage.setItem('visited', '1');"
    "window.open('/c', '_blank');</script></body></html>")
PAGE_B = HEAD.format(t="Potholes") + (
    "<body><main><h1 id='h'>First visit</h1><p>Report a pothole on a road or pavement.</p></main>"
    "<script>if (document.cookie.includes('seen=') || localStorage.getItem('visited') || "
    "sessionStorage.getItem('visited')) document.getElementById('h').textContent = 'Returning visitor';</script>"
    "</body></html>")
PAGE_C = HEAD.format(t="Opened") + "<body><main><h1>A tab page A opened</h1></main></body></html>"
PAGE_HANG = HEAD.format(t="Busy") + (
    "<body><main><h1>Busy</h1></main><script>for (;;) {}</script></body></html>")  # never loads, however fast


class StatefulSite(ThreadingHTTPServer):
    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.requests: list[tuple[str, str]] = []  # (path, Cookie header)
        self.lock = threading.Lock()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def fetched(self, path: str) -> list[str]:
        with self.lock:
            return [cookie for p, cookie in self.requests if p == path]


class _Handler(BaseHTTPRequestHandler):
    server: StatefulSite

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        with self.server.lock:
            self.server.requests.append((self.path, self.headers.get("Cookie") or ""))
        if self.path == "/style.css":
            body, kind, extra = b"body { font-family: sans-serif; }", "text/css", [("Cache-Control", "max-age=3600")]
        else:
            page = {"/a": PAGE_A, "/b": PAGE_B, "/c": PAGE_C, "/hang": PAGE_HANG}.get(self.path)
            if page is None:
                self.send_error(404)
                return
            body, kind = page.encode(), "text/html; charset=utf-8"
            extra = [("Set-Cookie", "seen=1; Path=/")] if self.path == "/a" else []
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        for name, value in extra:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def site() -> Iterator[StatefulSite]:
    with serving(StatefulSite()) as server:
        yield server


def _check(site: StatefulSite, results, *extra: str) -> dict[str, dict]:
    assert main(["check", f"{site.url}/a", f"{site.url}/b", "--workers", "1", "--results", str(results), *extra]) == 0
    return {j["start_url"].rsplit("/", 1)[1]: j for j in ja.load_run(results).journeys}


def _judged(journey) -> tuple:
    return (journey.outcome, journey["friction"]["index"], sorted(f["id"] for f in journey["findings"]),
            journey["steps"][0]["artifacts"]["axe"]["violations"])


def test_a_reused_tab_carries_nothing_from_one_page_to_the_next(site, tmp_path):
    reused = _check(site, tmp_path / "reused")
    assert reused["b"]["steps"][0]["artifacts"]["content"]["h1"] == "First visit"
    assert site.fetched("/b") == [""]  # the cookie /a set was cleared before /b was loaded
    assert len(site.fetched("/style.css")) == 1  # one tab, its HTTP cache kept: the stylesheet fetched once

    fresh = _check(site, tmp_path / "fresh", "--fresh-tabs")
    assert fresh["b"]["steps"][0]["artifacts"]["content"]["h1"] == "First visit"
    assert len(site.fetched("/style.css")) == 3  # a fresh context per page: no cache, fetched by each page
    assert {k: _judged(j) for k, j in fresh.items()} == {k: _judged(j) for k, j in reused.items()}


def test_a_tab_the_watchdog_closed_is_not_reused(site, tmp_path):
    """A page whose script never returns is cut off by the watchdog (its context closed); the next page of the
    same site gets a fresh tab and is measured as usual."""
    run = run_journeys(journeys_for_urls([f"{site.url}/hang", f"{site.url}/b"]), results_dir=tmp_path / "r",
                       options=RunOptions(reuse_tabs=True, step_timeout_s=4), workers=1, handle_signals=False)
    by_page = {j["start_url"].rsplit("/", 1)[1]: j for j in run.journeys}
    assert by_page["hang"].outcome == "dead_end" and "watchdog" in by_page["hang"]["error"]["message"]
    assert by_page["b"].outcome == "completed"
    assert by_page["b"]["steps"][0]["artifacts"]["content"]["h1"] == "First visit"
