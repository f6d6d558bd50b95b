"""--per-host and --host-delay, measured from the server side of real runs in Chromium.

Each journey loads three pages of its site, each held by the server for a while; the site logs when each
journey's first page arrived and its last page was answered, so "journeys on the site at once" is what the
council's server would count.
"""

from __future__ import annotations

import dataclasses
import time
from pathlib import Path

import pytest

from journey_audit.api import run_journeys
from journey_audit.browser.runner import RunOptions
from journey_audit.browser.settings import load_settings
from journey_audit.loader import load_journeys
from journey_audit.politeness import HostPacer, host_of

from .conftest import Meeting, most_at_once, overlapping, write_journeys

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = dataclasses.replace(load_settings(ROOT / "playwright.config.py"), action_timeout_s=5.0,
                               navigation_timeout_s=10.0)
NAMES = ["alpha", "bravo", "charlie", "delta"]


def replay(tmp_path: Path, folders: list[Path], *, workers: int, **options: object):
    run = run_journeys(load_journeys(folders), results_dir=tmp_path / "results", workers=workers,
                       settings=SETTINGS, handle_signals=False,
                       options=RunOptions(axe=False, screenshots=False, probes=False, **options))  # type: ignore[arg-type]
    assert run.meta["status"] == "finished"
    assert sorted(j["council_id"] for j in run.journeys) == sorted(p.stem for f in folders for p in f.glob("*.yaml"))
    assert {j.outcome for j in run.journeys} == {"completed"}, [j.get("error") for j in run.journeys]
    return run


def test_per_host_1_keeps_one_journey_on_the_site_whatever_the_workers(tmp_path, watching_site):
    site = watching_site(hold_s=0.3)
    run = replay(tmp_path, [write_journeys(tmp_path / "j", site, NAMES)], workers=4, per_host=1)
    spans = site.spans()
    assert sorted(spans) == sorted(NAMES), "every journey reached the site"
    assert most_at_once(list(spans.values())) == 1, spans
    assert run.meta["politeness"] == {"per_host": 1, "host_delay_s": 0.0, "respect_robots": False}


def test_per_host_2_lets_two_journeys_on_the_site_at_once(tmp_path, watching_site):
    """The same run with a cap of 2: the server sees two at once (so the test above can fail), never three.

    The first two journeys' first pages wait for each other (up to 20 s): under a cap of 1 they could not meet."""
    site = watching_site(hold_s=0.4, meeting=Meeting(2))
    replay(tmp_path, [write_journeys(tmp_path / "j", site, NAMES)], workers=4, per_host=2)
    assert most_at_once(list(site.spans().values())) == 2, site.spans()


def test_journeys_on_two_sites_run_side_by_side_under_per_host_1(tmp_path, watching_site):
    """Two ports of 127.0.0.1 are two sites: a worker whose site is busy takes the other site's journey."""
    meeting = Meeting(2)  # the first pages of the two sites wait for each other (up to 20 s)
    first, second = watching_site(hold_s=0.4, meeting=meeting), watching_site(hold_s=0.4, meeting=meeting)
    replay(tmp_path, [write_journeys(tmp_path / "a", first, ["a1", "a2"]),
                      write_journeys(tmp_path / "b", second, ["b1", "b2"])], workers=2, per_host=1)
    a_spans, b_spans = first.spans(), second.spans()
    assert most_at_once(list(a_spans.values())) == 1 and most_at_once(list(b_spans.values())) == 1
    assert any(overlapping(a, b) for a in a_spans.values() for b in b_spans.values()), (a_spans, b_spans)


def earliest_allowed(first: float, delay: float, count: int) -> list[float]:
    """The earliest the server may see the 1st, 2nd, ... page load when steps start ``delay`` apart from ``first``."""
    return [first + k * delay for k in range(count)]


def test_host_delay_spaces_the_page_loads_on_one_site_across_workers(tmp_path, watching_site, monkeypatch):
    """The server never sees the k-th page load before k-1 delays have passed since the run first asked for a
    turn on the site; without --host-delay it does.

    Why this holds whatever the machine's load: the pacer gives the steps on a host start times ``delay`` apart,
    the first no earlier than the first ask (test_scheduling.py checks the pacer itself), and a page load reaches
    the server after its own step's start, never before, however busy the machine (lateness only delays it). So
    the k-th load to arrive comes after k starts, the k-th at least k-1 delays after the first ask. Only the
    first ask is timed here, on the test's clock, which is the server's (time.monotonic, one machine).
    """
    delay = 0.8
    asks: dict[str, list[float]] = {}
    real_wait = HostPacer.wait_turn

    def timed_wait(pacer: HostPacer, host: str) -> float:
        asks.setdefault(host, []).append(time.monotonic())
        return real_wait(pacer, host)

    monkeypatch.setattr(HostPacer, "wait_turn", timed_wait)
    # unpaced: the two journeys' first pages wait for each other, so their later pages are on the site together
    paced, unpaced = watching_site(), watching_site(meeting=Meeting(2))
    names = ["alpha", "bravo"]
    replay(tmp_path / "paced", [write_journeys(tmp_path / "p", paced, names, pages=4)], workers=2, per_host=2,
           host_delay_s=delay)
    replay(tmp_path / "unpaced", [write_journeys(tmp_path / "u", unpaced, names, pages=4)], workers=2, per_host=2)
    loads, free = paced.starts(), unpaced.starts(warm=True)
    assert len(loads) == len(unpaced.starts()) == 8  # two journeys of four page loads
    assert list(asks) == [host_of(paced.url)] and len(asks[host_of(paced.url)]) >= len(loads)  # a turn per step
    allowed = earliest_allowed(asks[host_of(paced.url)][0], delay, len(loads))
    assert all(load >= earliest for load, earliest in zip(loads, allowed, strict=True)), (loads, allowed)
    # The same bound on the unpaced run's later pages, from its first later page: broken (they come together).
    assert any(load < earliest for load, earliest in zip(free, earliest_allowed(free[0], delay, len(free)),
                                                         strict=True)), free
