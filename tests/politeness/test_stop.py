"""A SIGINT while workers wait for their turn on a site still ends a real `journey-audit run` promptly."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import WatchingSite, write_journeys

pytestmark = pytest.mark.e2e

GRACE_S = 5.0  # journey_audit.execution.STOP_GRACE_S


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


def test_sigint_while_workers_wait_for_a_full_host(tmp_path, watching_site, kill_at_end):
    """Four workers, one site, --per-host 1: one journey is on the site (held), three workers wait their turn."""
    site: WatchingSite = watching_site(held="alpha")
    process, results, log = start(tmp_path, write_journeys(tmp_path / "j", site, ["alpha", "bravo", "charlie"]),
                                  "--workers", "4", "--per-host", "1")
    kill_at_end(process)
    wait_for(site.arrived.is_set, process, log)
    time.sleep(0.5)
    process.send_signal(signal.SIGINT)
    time.sleep(0.5)
    site.release.set()  # the journey on the site may finish within the grace period
    started = time.monotonic()
    assert process.wait(30) == 130, log.read_text()
    assert time.monotonic() - started < GRACE_S, "nobody waited out the grace period"
    got = records(results)
    assert {k: d["outcome"] for k, d in got.items()} == {"alpha": "completed", "bravo": "not_run",
                                                         "charlie": "not_run"}, log.read_text()
    assert got["bravo"]["error"]["kind"] == "interrupted"
    assert {v.journey for v in site.visits} == {"alpha"}, "the waiting journeys never reached the site"
    assert "Traceback" not in log.read_text()


def test_sigint_while_a_step_waits_for_the_host_delay(tmp_path, watching_site, kill_at_end):
    """A 30 s --host-delay: the journey's second page waits its turn; the signal ends the wait, not 30 s later."""
    site: WatchingSite = watching_site()
    process, results, log = start(tmp_path, write_journeys(tmp_path / "j", site, ["alpha"]),
                                  "--workers", "1", "--host-delay", "30")
    kill_at_end(process)
    wait_for(lambda: bool(site.visits), process, log)
    time.sleep(1.0)  # the journey has probed page 1 and now waits for its turn for page 2
    started = time.monotonic()
    process.send_signal(signal.SIGINT)
    assert process.wait(30) == 130, log.read_text()
    assert time.monotonic() - started < GRACE_S
    got = records(results)
    assert got["alpha"]["outcome"] == "not_run" and got["alpha"]["error"]["kind"] == "interrupted", got["alpha"]
    assert len(site.visits) == 1, "no page was loaded after the signal"
    assert "Traceback" not in log.read_text()
