"""The report's appendix "Where the time went": per-journey phase sums, slowest steps, the run's start-up;
site text escaped; runs recorded before timings existed still render, without the appendix."""

from __future__ import annotations

import json
import re

from report_fixtures import XSS_COUNCIL, XSS_TITLE, good, write_run

from journey_audit.reports.html import write_report
from journey_audit.reports.html.timings import run_timings
from journey_audit.storage.run_folder import load_run

JPEG = [b"\xff\xd8\xff\xe0 not shown"]


def timed(journey: dict) -> dict:
    """The fixture journey with the timings a run records: step 1 is the slow one, mostly axe."""
    per_step = {0: (400.0, 20.0, {"dom_facts": 30.0, "axe": 200.0}, 50.0),
                1: (90.0, 300.0, {"dom_facts": 25.0, "axe": 800.0, "snapshot": 40.0}, 45.0),
                2: (10.0, 0.0, {"dom_facts": 20.0}, 0.1), 3: (12.0, 0.0, {"dom_facts": 22.0}, 0.1),
                4: (14.0, 0.0, {"dom_facts": 21.0}, 0.1)}
    for step in journey["steps"]:
        if step["index"] in per_step:
            action, wait, probes, shot = per_step[step["index"]]
            step["timings_ms"] = {"action": action, "navigation_wait": wait, "probes": probes, "screenshot": shot,
                                  "total": action + wait + sum(probes.values()) + shot + 1.0}
    journey["timings_ms"] = {"context": 120.0, "assess": 33.0}
    return journey


def make(tmp_path, journeys, startup=None):
    folder = write_run(tmp_path / "results", "20261125-150000", journeys, JPEG)
    meta = json.loads((folder / "run.json").read_text())
    if startup is not None:
        meta["startup_ms"] = startup
        meta["journeys"] = [{"key": f"{j['council_id']}--{j['task']}", "write_ms": 4.5} for j in journeys]
    (folder / "run.json").write_text(json.dumps(meta))
    return load_run(folder.parent, folder.name)


def test_appendix_sums_each_phase_per_journey_and_names_the_slowest_step(tmp_path):
    run = make(tmp_path, [timed(good())], startup={"imports": 350.0, "browser_resolution": 2.0,
                                                   "first_journey": 361.0, "browser_launch": [680.0, 702.0]})
    view = run_timings(run)
    row = view["journeys"][0]
    assert row.steps == 5
    assert row.phases == {"action": 526.0, "navigation_wait": 320.0, "probes": 1158.0, "screenshot": 95.3}
    assert row.probes == {"axe": 1000.0, "dom_facts": 118.0, "snapshot": 40.0}
    assert (row.assess, row.write) == (33.0, 4.5)
    assert row.slowest[0] == "step 1 (click 'Start now'): 1301 ms, most in the axe probe"

    html = write_report(run).read_text(encoding="utf-8")
    appendix = html[html.index('<section id="timings"'):]
    text = " ".join(re.sub(r"<[^>]+>", " ", appendix).split())
    assert "Appendix: where the time went" in text
    assert "Browser launch, per worker 680 ms, 702 ms" in text
    assert "Brightwater Borough Council: report-pothole 5 526 320 1158 95" in text
    assert "Probes: axe 1000, dom_facts 118, snapshot 40." in text
    assert 'href="#timings"' in html  # listed in the contents


def test_site_text_in_the_appendix_is_escaped(tmp_path):
    journey = timed(good())
    journey["council"] = XSS_COUNCIL
    journey["steps"][1]["target"] = XSS_TITLE  # a link text from the site, named as the slowest step
    html = write_report(make(tmp_path, [journey], startup={"imports": 1.0})).read_text(encoding="utf-8")
    appendix = html[html.index('<section id="timings"'):html.index("</section>", html.index('<section id="timings"'))]
    assert "&lt;script&gt;window.__pwned=&#39;title&#39;&lt;/script&gt;" in appendix
    assert "&lt;script&gt;window.__pwned=&#39;council&#39;" in appendix
    assert "<script" not in appendix


def test_a_run_recorded_before_timings_renders_without_the_appendix(tmp_path):
    run = make(tmp_path, [good()])
    assert run_timings(run) is None
    html = write_report(run).read_text(encoding="utf-8")
    assert "Brightwater Borough Council" in html and 'id="timings"' not in html and "#timings" not in html
