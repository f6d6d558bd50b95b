"""A SIGINT while workers wait for their turn on a site still ends a real `journey-audit run` promptly."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from journey_audit.browser.runner import RunOptions
from journey_audit.execution import RunLoop, plan_for
from journey_audit.loader import load_journeys
from journey_audit.storage.run_folder import RunWriter, load_run

from .conftest import WatchingSite, write_journeys
from .test_per_host import SETTINGS

pytestmark = pytest.mark.e2e

def start(tmp_path: Path, folder: Path, *extra: str) -> tuple[subprocess.Popen, Path, Path]:
    results, log = tmp_path / "results", tmp_path / "run.log"
    with open(log, "w", encoding="utf-8") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "journey_audit", "run", str(folder), "--results", str(results), "--no-axe",
             "--retries", "0", *extra], stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
            env={**os.environ, "COLUMNS": "200"})
    return process, results, log


def records(results: Path) -> dict[str, dict]:
    folder = next(p.parent for p in results.glob("*/run.json") if not p.parent.is_symlink())
    return {p.stem.split("--")[0]: json.loads(p.read_text(encoding="utf-8")) for p in (folder / "journeys").glob("*.json")}


def wait_for(event_set, process: subprocess.Popen, log: Path, timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while not event_set():
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"the run never got there:\n{log.read_text()}")
        time.sleep(0.1)


@pytest.fixture
def kill_at_end():
    processes: list[subprocess.Popen] = []
    yield processes.append
    for p in processes:
        if p.poll() is None:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait(10)


def start_loop(tmp_path: Path, site: WatchingSite, names: list[str], *, workers: int,
               **options: object) -> tuple[RunLoop, threading.Thread]:
    """A run loop in a thread (no signal handlers), so a test can stop it and watch its worker threads."""
    journeys = load_journeys([write_journeys(tmp_path / "j", site, names)])
    run_options = RunOptions(axe=False, screenshots=False, probes=False, **options)  # type: ignore[arg-type]
    writer = RunWriter(tmp_path / "results", {"journey_count": len(journeys),
                                              "planned": [plan_for(j, run_options) for j in journeys]})
    loop = RunLoop(journeys, writer, run_options, SETTINGS, workers=workers)
    runner = threading.Thread(target=loop.run, daemon=True)
    runner.start()
    return loop, runner


def test_workers_waiting_for_a_full_host_end_as_soon_as_the_run_stops(tmp_path, watching_site):
    """In-process, so the test can watch the worker threads: the ones waiting for the site end at the stop,
    while the journey on the site is still held."""
    site: WatchingSite = watching_site(held="alpha")
    loop, runner = start_loop(tmp_path, site, ["alpha", "bravo", "charlie"], workers=3, per_host=1)
    assert site.arrived.wait(90), "the first journey never reached the site"
    time.sleep(0.3)
    assert sum(t.is_alive() for t in loop.threads) == 3, "two workers wait for the site, none has given up"
    loop.stop.request("interrupted by SIGINT", signum=signal.SIGINT)
    deadline = time.monotonic() + 3.0  # a waiting worker looks at the stop every 0.1 s
    while sum(t.is_alive() for t in loop.threads) > 1 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert sum(t.is_alive() for t in loop.threads) == 1, "only the worker whose journey is on the site is left"
    site.release.set()
    runner.join(60)
    assert loop.finish() == "interrupted"
    outcomes = {j["council_id"]: j.outcome for j in load_run(tmp_path / "results").journeys}
    assert outcomes == {"alpha": "completed", "bravo": "not_run", "charlie": "not_run"}
    assert {v.journey for v in site.visits} == {"alpha"}


def test_sigint_while_workers_wait_for_a_full_host(tmp_path, watching_site, kill_at_end):
    """Four workers, one site, --per-host 1: one journey is on the site (held), the other workers wait their turn."""
    site: WatchingSite = watching_site(held="alpha")
    process, results, log = start(tmp_path, write_journeys(tmp_path / "j", site, ["alpha", "bravo", "charlie"]),
                                  "--workers", "4", "--per-host", "1")
    kill_at_end(process)
    wait_for(site.arrived.is_set, process, log)
    time.sleep(0.5)
    process.send_signal(signal.SIGINT)
    time.sleep(0.5)
    site.release.set()  # the journey on the site may finish within the grace period
    assert process.wait(60) == 130, log.read_text()
    got = records(results)
    assert {k: d["outcome"] for k, d in got.items()} == {"alpha": "completed", "bravo": "not_run",
                                                         "charlie": "not_run"}, log.read_text()
    assert got["bravo"]["error"]["kind"] == "interrupted"
    assert {v.journey for v in site.visits} == {"alpha"}, "the waiting journeys never reached the site"
    assert "Traceback" not in log.read_text()


def test_a_step_waiting_for_the_host_delay_ends_as_soon_as_the_run_stops(tmp_path, watching_site):
    """A 30 s delay: the worker waiting for its second page's turn ends at the stop, not 30 s later."""
    site: WatchingSite = watching_site()
    loop, runner = start_loop(tmp_path, site, ["alpha"], workers=1, host_delay_s=30.0)
    deadline = time.monotonic() + 90
    while not site.visits and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(1.0)  # page 1 is done; the second step waits for the site's turn
    loop.stop.request("interrupted by SIGINT", signum=signal.SIGINT)
    loop.threads[0].join(10)  # closing the page under a loaded machine takes a moment; the delay is 30 s
    assert not loop.threads[0].is_alive(), "the worker still waits for its turn"
    runner.join(10)
    loop.finish()
    (alpha,) = load_run(tmp_path / "results").journeys
    assert alpha.outcome == "not_run" and alpha["error"]["kind"] == "interrupted"
    assert len(site.visits) == 1


def test_sigint_while_a_step_waits_for_the_host_delay(tmp_path, watching_site, kill_at_end):
    """A 30 s --host-delay: the journey's second page waits its turn; the signal ends the wait, not 30 s later."""
    site: WatchingSite = watching_site()
    process, results, log = start(tmp_path, write_journeys(tmp_path / "j", site, ["alpha"]),
                                  "--workers", "1", "--host-delay", "30")
    kill_at_end(process)
    wait_for(lambda: bool(site.visits), process, log)
    time.sleep(1.0)  # the journey has probed page 1 and now waits for its turn for page 2
    process.send_signal(signal.SIGINT)
    assert process.wait(60) == 130, log.read_text()
    got = records(results)
    assert got["alpha"]["outcome"] == "not_run" and got["alpha"]["error"]["kind"] == "interrupted", got["alpha"]
    assert len(site.visits) == 1, "no page was loaded after the signal"
    assert "Traceback" not in log.read_text()
