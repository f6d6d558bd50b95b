"""`--browser-per run`: one Chromium for every worker keeps the guarantees of a browser per worker.

A page stuck in a script is cut off by its journey's watchdog without touching the other worker's journey in
the same browser; a browser that dies is started again and loses nothing already done.
"""

from __future__ import annotations

import dataclasses
import os
import signal
import time
from datetime import datetime
from pathlib import Path

import pytest
import test_bounded_waits as bounded_waits
import test_hostile_pages as hostile_pages
from fault_site import BROWSER_START_S, SETTINGS, page

import journey_audit as ja

pytestmark = pytest.mark.e2e

SHARED = dataclasses.replace(SETTINGS, browser_per="run")
HUNG_BUDGET_S = 12  # the first step pays the browser start: keep room for a busy machine
PAUSE_S = 3.5  # the calm journey's 7 steps take at least 21 s: longer than the stuck step's budget


@pytest.fixture
def shared_replay(replay, monkeypatch):
    """The fault tests' ``replay``, with the run's one shared browser instead of a browser per worker."""
    real = ja.run_journeys
    monkeypatch.setattr(ja, "run_journeys", lambda *args, settings, **kwargs: real(
        *args, settings=dataclasses.replace(settings, browser_per="run"), **kwargs))
    return replay


@pytest.mark.parametrize("same_test", [
    bounded_waits.test_script_that_never_returns_is_cut_off_by_the_step_budget,
    hostile_pages.test_dialogs_are_answered_and_recorded,
    hostile_pages.test_download_is_recorded_and_the_journey_goes_on,
    hostile_pages.test_popup_is_recorded_and_the_journey_stays_on_its_page,
], ids=lambda f: f.__name__.removeprefix("test_"))
def test_the_same_fault_test_passes_in_a_shared_browser(same_test, fault_site, shared_replay):
    """The very tests of a browser per worker (watchdog, dialogs, downloads, popups), run in the shared browser."""
    same_test(fault_site, shared_replay)


def _journey(folder: Path, name: str, site_url: str, steps: str) -> Path:
    path = folder / f"{name}.yaml"
    path.write_text(f"council: Fault Council {name}\ncouncil_id: {name}\ntask: task\nstart: /\n"
                    f"base_url: {site_url}\nsteps:\n{steps}", encoding="utf-8")
    return path


def test_a_page_stuck_in_a_script_ends_only_its_own_journey(fault_site, tmp_path):
    """Two workers in one browser: one page loops for ever and is cut off by its step budget while the other
    journey, still going (a pause before each step), goes on and completes with every step recorded."""
    busy = fault_site({("GET", "/"): lambda h: h.send_html(page("Busy", """
<button type="button" onclick="setTimeout(() => { for (;;) {} }, 0)">Start</button>"""))})
    calm = fault_site({("GET", "/"): lambda h: h.send_html(page("Calm", "<p>Welcome</p><a href='/'>Home</a>"))})
    calm_steps = "  - expect: Welcome\n  - click: Home\n" * 3
    journeys = ja.load_journeys([
        _journey(tmp_path, "busy", busy.url, "  - click: Start\n  - fill: {label: Name, value: x}\n"),
        _journey(tmp_path, "calm", calm.url, calm_steps),
    ])
    options = ja.RunOptions(axe=False, screenshots=False, step_timeout_s=HUNG_BUDGET_S, pause_s=PAUSE_S)
    t0 = time.monotonic()
    run = ja.run_journeys(journeys, results_dir=tmp_path / "results", options=options, settings=SHARED, workers=2)
    seconds = time.monotonic() - t0
    by_council = {j["council_id"]: j for j in run.journeys}
    hung, calm_result = by_council["busy"], by_council["calm"]
    assert hung.outcome == "dead_end", hung.get("error")
    assert hung["outcome_reason"]["kind"] == "timeout"
    assert "watchdog" in hung["error"]["message"]
    assert calm_result.outcome == "completed", calm_result.get("error")
    assert [s["status"] for s in calm_result["steps"]] == ["ok"] * 7
    # The calm journey was still running when the stuck one was cut off (its last step started later).
    cut_off = _at(hung["steps"][-1]["started_at"]) + HUNG_BUDGET_S
    assert _at(calm_result["steps"][-1]["started_at"]) > cut_off
    assert seconds < 7 * (PAUSE_S + HUNG_BUDGET_S) + BROWSER_START_S


def _at(stamp: str) -> float:
    return datetime.fromisoformat(stamp).timestamp()


def _shared_browsers() -> list[int]:
    """Pids of the Chromium browser processes started by this test process's launch servers."""
    me = os.getpid()
    parents: dict[int, int] = {}
    commands: dict[int, bytes] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/stat", "rb") as fh:
                    parents[int(entry.name)] = int(fh.read().rsplit(b")", 1)[1].split()[1])
                with open(f"/proc/{entry.name}/cmdline", "rb") as fh:
                    commands[int(entry.name)] = fh.read()
            except OSError:
                continue
    servers = [pid for pid, parent in parents.items() if parent == me and b"launchServer" in commands.get(pid, b"")]
    return [pid for pid, parent in parents.items() if parent in servers and b"--type=" not in commands.get(pid, b"")]


def test_a_shared_browser_that_dies_is_started_again_and_nothing_is_lost(fault_site, tmp_path):
    site = fault_site({
        ("GET", "/"): lambda h: h.send_html(page("Start", "<a href='/next'>Next</a>")),
        ("GET", "/next"): lambda h: h.send_html(page("Next", "<p>Done here</p>")),
    })
    journeys = ja.load_journeys([_journey(tmp_path, f"j{n}", site.url, "  - click: Next\n  - expect: Done here\n")
                                 for n in range(3)])
    killed: list[int] = []

    def kill_the_browser(journey) -> None:
        if journey.council_id == "j1":  # the first journey is done: its browser dies before the second starts
            for pid in _shared_browsers():
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)

    options = ja.RunOptions(axe=False, screenshots=False, retries=1)
    run = ja.run_journeys(journeys, results_dir=tmp_path / "results", options=options, settings=SHARED, workers=1,
                          on_start=kill_the_browser)
    assert len(killed) == 1  # one browser served the first journey
    assert [j.outcome for j in run.journeys] == ["completed"] * 3, [j.get("error") for j in run.journeys]
    second = next(j for j in run.journeys if j["council_id"] == "j1")
    assert "browser_launch" in second["timings_ms"]  # it connected to a new browser
    assert _shared_browsers() == []  # the run closed the browser it started
