"""Where the time went, recorded by a real run: per-step phases, the journey's own costs, the run's start-up.

And screenshots of changed states only: a step that changes nothing points at the picture before it.
"""

from __future__ import annotations

import hashlib
import json
from types import SimpleNamespace

import pytest

pytestmark = pytest.mark.e2e
SLACK_MS = 5.0  # rounding of each phase to 0.1 ms, and the few calls between phases


@pytest.fixture(scope="module")
def legacy_run(demo_run) -> SimpleNamespace:
    """Mudford's pothole report (a legacy form, many fills) and Brightwater's, with axe and screenshots, as
    `run` does it: the suite's shared `journey-audit run` (tests/conftest.py ``demo_run``, two workers), not a
    second run of the same journeys. ``whole`` is that run, for what belongs to the run rather than a journey."""
    run = demo_run[2]
    journeys = [j for j in run.journeys if j["task"] == "report-pothole" and j["council_id"] != "stonyfield"]
    assert len(journeys) == 2
    return SimpleNamespace(journeys=journeys, folder=run.folder, run_id=run.run_id, whole=run)


def _ran(run):
    return [(j, s) for j in run.journeys for s in j["steps"] if s["status"] != "skipped_final"]


def test_every_step_records_its_phases_and_they_fit_in_its_time(legacy_run):
    assert {j.outcome for j in legacy_run.journeys} == {"completed"}
    probed = 0
    for journey, step in _ran(legacy_run):
        t = step["timings_ms"]
        assert all(v >= 0 for k, v in t.items() if k != "probes"), t
        assert abs(t["action"] + t["navigation_wait"] - step["duration_ms"]) <= 0.2, (t, step["duration_ms"])
        probes = t.get("probes", {})
        assert all(v >= 0 for v in probes.values()), probes
        phases = t["action"] + t["navigation_wait"] + sum(probes.values()) + t["screenshot"]
        assert phases <= t["total"] + SLACK_MS, (journey.key, step["index"], t)
        assert t["total"] >= step["duration_ms"] - 0.2
        if step["dom_changed"]:
            assert probes["dom_facts"] > 0 and probes["axe"] > 0, t  # axe runs on every changed page
            probed += 1
        else:
            # nothing changed: no axe run (its probe only decides to skip: under 5 ms, a real run takes hundreds), no new picture
            assert probes.get("axe", 0) < 5 and t["screenshot"] < 5, t
    assert probed >= 4


def test_journey_and_run_record_their_own_costs(legacy_run):
    for journey in legacy_run.journeys:
        t = journey["timings_ms"]
        assert t["context"] > 0 and t["assess"] > 0
    meta = json.loads((legacy_run.folder / "run.json").read_text())
    startup = meta["startup_ms"]
    assert startup["imports"] > 0 and startup["browser_resolution"] >= 0 and startup["text_libraries"] >= 0
    assert startup["first_journey"] >= startup["imports"]
    assert 1 <= len(startup["browser_launch"]) <= 2 and all(ms > 0 for ms in startup["browser_launch"])
    paid = [j["timings_ms"]["browser_launch"] for j in legacy_run.whole.journeys if "browser_launch" in j["timings_ms"]]
    assert sorted(paid) == sorted(startup["browser_launch"])  # the journeys that started a worker paid it
    assert all(line["write_ms"] > 0 for line in meta["journeys"])


def test_screenshots_only_of_changed_states_and_each_picture_stored_once(legacy_run):
    for journey in legacy_run.journeys:
        steps = [s for s in journey["steps"] if s["status"] == "ok"]
        for before, step in zip(steps, steps[1:], strict=False):
            assert (legacy_run.folder / step["screenshot"]).is_file()
            if not step["dom_changed"]:
                assert step["screenshot"] == before["screenshot"], step["index"]
        files = sorted((legacy_run.folder / "screens" / journey.key).glob("*.jpg"))
        assert {f.relative_to(legacy_run.folder).as_posix() for f in files} == {s["screenshot"] for s in steps}
        hashes = [hashlib.sha256(f.read_bytes()).hexdigest() for f in files]
        assert len(set(hashes)) == len(hashes), "two files hold the same picture"
        assert len(files) < len(steps)  # typing into a form adds no pictures


def _scale_timings(value, factor: float):
    if isinstance(value, dict):
        return {k: _scale_timings(v, factor) for k, v in value.items()}
    return value * factor if isinstance(value, (int, float)) else value


def test_timings_never_change_scores_rescore_or_diff(legacy_run, tmp_path):
    import shutil

    from journey_audit.analysis.diff import diff_runs
    from journey_audit.api import rescore

    results = tmp_path / "results"
    for run_id in ("as-measured", "ten-times-slower"):
        shutil.copytree(legacy_run.folder, results / run_id)
        (results / run_id / "run.json").write_text(
            (results / run_id / "run.json").read_text().replace(legacy_run.run_id, run_id))
    for file in (results / "ten-times-slower" / "journeys").glob("*.json"):
        data = json.loads(file.read_text())
        data["timings_ms"] = _scale_timings(data["timings_ms"], 10)
        for step in data["steps"]:
            step["timings_ms"] = _scale_timings(step["timings_ms"], 10)
        file.write_text(json.dumps(data))
    fast, slow = rescore(results, "as-measured"), rescore(results, "ten-times-slower")
    judged = ("outcome", "friction", "metrics", "findings", "dead_ends", "top_fixes")
    for a, b in zip(fast.journeys, slow.journeys, strict=True):
        assert {k: a.get(k) for k in judged} == {k: b.get(k) for k in judged}
        assert b["timings_ms"]["assess"] == 10 * a["timings_ms"]["assess"]  # kept as stored: facts of that run
    diff = diff_runs([j.data for j in fast.journeys], [j.data for j in slow.journeys])
    assert all(j.status == "compared" and not j.changes for j in diff.journeys)
    assert all("write_ms" in line for line in slow.meta["journeys"])  # rescore keeps run.json's facts
    original = {j.key: j["friction"] for j in legacy_run.whole.journeys}
    assert {j.key: j["friction"] for j in fast.journeys} == original
