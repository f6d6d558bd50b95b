"""A small site whose pages can be held open, and a CLI run of it as a real subprocess.

Holding one page lets a test signal the run at a known moment: one journey has finished, one is in
flight (its page is being held), the rest have not started. The journeys run with one worker, in key order.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from local_server import serving

PAGE = ("<!doctype html><html lang='en'><head><title>{name}</title></head><body><main>"
        "<h1>Bin collections: {name}</h1><p>Your bins are collected on Tuesdays.</p>"
        "<a href='/done/{name}'>Continue</a></main></body></html>")
COUNCILS = ("a-first", "b-held", "c-later", "d-last")  # key order = replay order with one worker
HOLD_MAX_S = 60.0


@dataclass
class HoldSite:
    """``/page/<name>`` answers at once, except the held name, which waits for ``release``."""

    url: str = ""
    held: str = "b-held"
    arrived: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)
    requests: list[str] = field(default_factory=list)


@pytest.fixture
def hold_site() -> Iterator[HoldSite]:
    site = HoldSite()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            name = self.path.strip("/").split("/")[-1]
            site.requests.append(self.path)
            if self.path.startswith("/page/") and name == site.held:
                site.arrived.set()
                site.release.wait(HOLD_MAX_S)
            body = PAGE.format(name=name).encode()
            try:
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except OSError:
                pass  # the browser went away (the run was stopped): nothing to answer

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    site.url = f"http://127.0.0.1:{server.server_address[1]}"
    with serving(server):
        try:
            yield site
        finally:
            site.release.set()  # before the shutdown: a held request would keep it waiting


def write_journeys(folder: Path, base_url: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for council in COUNCILS:
        (folder / f"{council}.yaml").write_text(
            f"council: Council {council}\ncouncil_id: {council}\ntask: bin-days\n"
            f"start: /page/{council}\nbase_url: {base_url}\n"
            f"steps:\n  - expect: {{text: 'Bin collections: {council}'}}\n", encoding="utf-8")
    return folder


@dataclass
class CliRun:
    """A `journey-audit run` in its own process group (like a job started from a shell)."""

    process: subprocess.Popen
    results: Path
    log: Path

    def signal(self, signum: int, *, group: bool = False) -> None:
        if group:  # what a terminal's Ctrl-C does: the whole foreground process group
            os.killpg(self.process.pid, signum)
        else:
            os.kill(self.process.pid, signum)

    def wait(self, timeout: float = 60.0) -> int:
        return self.process.wait(timeout=timeout)

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


def start_run(tmp_path: Path, site: HoldSite, *extra: str, results: Path | None = None) -> CliRun:
    journeys = write_journeys(tmp_path / "journeys", site.url)
    results = results or tmp_path / "results"
    log = tmp_path / f"run-{time.monotonic_ns()}.log"
    with open(log, "w", encoding="utf-8") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "journey_audit", "run", str(journeys), "--results", str(results),
             "--workers", "1", "--no-axe", "--retries", "0", *extra],
            stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
            env={**os.environ, "COLUMNS": "200"})
    return CliRun(process, results, log)


def wait_until_held(run: CliRun, site: HoldSite, timeout: float = 90.0) -> None:
    """Block until the held page is requested: the first journey is done, the second in flight."""
    deadline = time.monotonic() + timeout
    while not site.arrived.wait(0.2):
        if run.process.poll() is not None or time.monotonic() > deadline:
            run.process.kill()
            pytest.fail(f"the run never reached the held page:\n{run.output()}")


def journey_files(run_folder: Path) -> dict[str, dict]:
    """Every journey file, parsed (a half-written file would fail here)."""
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted((run_folder / "journeys").glob("*.json"))}


def run_folder_of(results: Path) -> Path:
    folders = [p.parent for p in results.glob("*/run.json") if not p.parent.is_symlink()]
    assert len(folders) == 1, folders
    return folders[0]


@pytest.fixture
def stop_process_at_end():
    """Kill (by its id) any run a failing test left behind."""
    runs: list[CliRun] = []
    yield runs.append
    for run in runs:
        if run.process.poll() is None:
            os.killpg(run.process.pid, signal.SIGKILL)
            run.process.wait(10)
