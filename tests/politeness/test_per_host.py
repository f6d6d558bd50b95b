"""--per-host and --host-delay, measured from the server side of real runs in Chromium.

Each journey loads three pages of its site, each held by the server for a while; the site logs when each
journey's first page arrived and its last page was answered, so "journeys on the site at once" is what the
council's server would count.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from journey_audit.api import run_journeys
from journey_audit.browser.runner import RunOptions
from journey_audit.browser.settings import load_settings
from journey_audit.loader import load_journeys

from .conftest import Meeting, most_at_once, overlapping, write_journeys

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = dataclasses.replace(load_settings(ROOT / "playwright.config.py"), action_timeout_s=5.0,
                               navigation_timeout_s=10.0)
NAMES = ["alpha", "bravo", "charlie", "delta"]
JITTER_S = 0.15  # how much later than its step's start a request from a running browser may reach the server


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


def gaps(starts: list[float]) -> list[float]:
    return [round(b - a, 3) for a, b in zip(starts, starts[1:], strict=False)]


def test_host_delay_spaces_the_page_loads_on_one_site_across_workers(tmp_path, watching_site):
    delay = 0.8
    paced, unpaced = watching_site(), watching_site()
    names = ["alpha", "bravo"]
    replay(tmp_path / "paced", [write_journeys(tmp_path / "p", paced, names, pages=4)], workers=2, per_host=2,
           host_delay_s=delay)
    replay(tmp_path / "unpaced", [write_journeys(tmp_path / "u", unpaced, names, pages=4)], workers=2, per_host=2)
    assert len(paced.starts()) == len(unpaced.starts()) == 8  # two journeys of four page loads
    # The pacer spaces the steps' starts (test_scheduling.py times that exactly). A request reaches the server a
    # little later: a few hundredths of a second from a running browser, but up to 0.4 s for the first page of
    # a browser just started on a loaded machine. So the server-side gaps are checked between the later pages.
    warm = paced.starts(warm=True)
    assert min(gaps(warm)) >= delay - JITTER_S, gaps(warm)
    assert warm[-1] - warm[0] >= 5 * delay - JITTER_S, gaps(warm)  # six later pages: five delays at least
    assert min(gaps(unpaced.starts(warm=True))) < delay - JITTER_S, "without --host-delay they come closer together"
