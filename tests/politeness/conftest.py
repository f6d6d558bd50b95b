"""Sites that watch how a run treats them: which journeys are on them at once, how far apart steps start.

Every page is ``/j/<journey>/<n>``; the site logs each request's journey, arrival and answer times, so a test
measures concurrency and pacing from the server side, as a council's server would see them.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

PAGE = ("<!doctype html><html lang='en'><head><title>{title}</title></head><body><main>"
        "<h1>{title}</h1><p>Your bins are collected on Tuesdays.</p></main></body></html>")


@dataclass
class Visit:
    journey: str
    path: str
    arrived: float
    answered: float = 0.0


class Meeting:
    """First pages wait here until ``size`` journeys have arrived (or ``timeout_s``): browsers that start at
    different moments on a busy machine still meet, so a run that allows them together shows it."""

    def __init__(self, size: int, timeout_s: float = 20.0):
        self.size, self.timeout_s = size, timeout_s
        self.arrived = 0
        self._cond = threading.Condition()

    def wait(self) -> None:
        with self._cond:
            self.arrived += 1
            self._cond.notify_all()
            self._cond.wait_for(lambda: self.arrived >= self.size, self.timeout_s)


@dataclass
class WatchingSite:
    """A site on its own 127.0.0.1 port (its own host for the per-host limits)."""

    hold_s: float = 0.0  # how long each journey page is held before it is answered
    robots: str | int | None = None  # robots.txt body, an HTTP status for it, or None for 404
    robots_hang: threading.Event | None = None  # set: robots.txt is held until this is set (or 60 s)
    held: str | None = None  # this journey's first page is held until ``release`` is set (or 60 s)
    meeting: Meeting | None = None  # first pages wait for each other here (shared between sites)
    arrived: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)
    url: str = ""
    visits: list[Visit] = field(default_factory=list)
    robots_fetches: list[str] = field(default_factory=list)  # the User-Agent of each robots.txt request
    lock: threading.Lock = field(default_factory=threading.Lock)

    def spans(self) -> dict[str, tuple[float, float]]:
        """Per journey: from its first page's arrival to its last page's answer (server clock)."""
        spans: dict[str, tuple[float, float]] = {}
        with self.lock:
            for v in self.visits:
                first, last = spans.get(v.journey, (v.arrived, v.answered))
                spans[v.journey] = (min(first, v.arrived), max(last, v.answered))
        return spans

    def starts(self, *, warm: bool = False) -> list[float]:
        """When page requests arrived, in order; ``warm``: leave out each journey's first page (see below)."""
        with self.lock:
            return sorted(v.arrived for v in self.visits if not (warm and v.path.endswith("/1")))


def most_at_once(spans: list[tuple[float, float]]) -> int:
    """The largest number of spans that overlap at one moment."""
    events = sorted([(a, 1) for a, _ in spans] + [(b, -1) for _, b in spans])  # an end sorts before a start
    now = peak = 0
    for _, step in events:
        now += step
        peak = max(peak, now)
    return peak


def overlapping(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def serve(site: WatchingSite) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            if self.path == "/robots.txt":
                self._robots()
                return
            parts = self.path.strip("/").split("/")
            if len(parts) != 3 or parts[0] != "j":
                self._answer(404, "<!doctype html><title>Not found</title><h1>Page not found</h1>")
                return
            visit = Visit(journey=parts[1], path=self.path, arrived=time.monotonic())
            if parts[1] == site.held and parts[2] == "1":
                site.arrived.set()
                site.release.wait(60)
            if site.meeting is not None and parts[2] == "1":
                site.meeting.wait()
            if site.hold_s:
                time.sleep(site.hold_s)
            visit.answered = time.monotonic()
            with site.lock:
                site.visits.append(visit)
            self._answer(200, PAGE.format(title=f"Page {parts[2]} of {parts[1]}"))

        def _robots(self) -> None:
            site.robots_fetches.append(self.headers.get("User-Agent", ""))
            if site.robots_hang is not None:
                site.robots_hang.wait(60)
            if isinstance(site.robots, str):
                self._answer(200, site.robots, "text/plain")
            else:
                self._answer(site.robots or 404, "no robots here", "text/plain")

        def _answer(self, status: int, body: str, content_type: str = "text/html") -> None:
            data = body.encode()
            try:
                self.send_response(status)
                self.send_header("Content-Type", f"{content_type}; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            except OSError:
                pass  # the browser went away (the run was stopped)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    site.url = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture
def watching_site() -> Iterator[Callable[..., WatchingSite]]:
    servers: list[tuple[WatchingSite, ThreadingHTTPServer]] = []

    def make(**kwargs: object) -> WatchingSite:
        site = WatchingSite(**kwargs)  # type: ignore[arg-type]
        servers.append((site, serve(site)))
        return site

    yield make
    for site, server in servers:
        site.release.set()
        if site.robots_hang is not None:
            site.robots_hang.set()
        server.shutdown()
        server.server_close()


def write_journeys(folder: Path, site: WatchingSite, names: list[str], pages: int = 3) -> Path:
    """One journey file per name: start at page 1, then go to pages 2..N (each a page load, paced alike)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        steps = "".join(f"  - goto: /j/{name}/{n}\n" for n in range(2, pages + 1))
        steps += "  - expect: {text: 'Page'}\n"
        (folder / f"{name}.yaml").write_text(
            f"council: Council {name}\ncouncil_id: {name}\ntask: bin-days\nstart: /j/{name}/1\n"
            f"base_url: {site.url}\nsteps:\n{steps}", encoding="utf-8")
    return folder
