"""Journey files on disk (schema_version 2) are small, expand back exactly, and rescore like the fresh run,
on the shared demo runs; a file written in the old format (schema_version 1) still loads and rescores."""

from __future__ import annotations

import contextlib
import copy
import io
import json
import shutil
from pathlib import Path

import pytest

from journey_audit.cli import main
from journey_audit.probes import delta
from journey_audit.storage.journey_file import compact, expand
from journey_audit.storage.run_folder import load_run

pytestmark = pytest.mark.e2e

TARGET_BYTES = 150_000  # issue 10: at most 150 KB of JSON per legacy demo journey
JUDGED = ("outcome", "outcome_reason", "friction", "findings", "metrics", "dead_ends", "top_fixes")


def _file(run, key: str) -> Path:
    return run.folder / "journeys" / f"{key}.json"


def test_legacy_journey_files_are_at_most_150_kb(demo_run):
    run = demo_run[2]
    sizes = {j.key: _file(run, j.key).stat().st_size for j in run.journeys if j["council_id"] == "mudford"}
    assert len(sizes) == 4 and max(sizes.values()) <= TARGET_BYTES, sizes
    assert sizes["mudford--apply-parking-permit"] <= TARGET_BYTES


def test_keyboard_legacy_journey_files_are_at_most_150_kb(keyboard_demo_run):
    """The shared keyboard run skips axe (--no-axe); with axe the largest is about 140 KB (docs/internals.md)."""
    run = keyboard_demo_run[2]
    sizes = {j.key: _file(run, j.key).stat().st_size for j in run.journeys if j["council_id"] == "mudford"}
    assert len(sizes) == 4 and max(sizes.values()) <= TARGET_BYTES, sizes


def test_the_file_is_the_compact_form_of_the_record_and_expands_back_exactly(demo_run):
    run = demo_run[2]
    for journey in run.journeys:
        on_disk = json.loads(_file(run, journey.key).read_text(encoding="utf-8"))
        assert on_disk["schema_version"] == 2 and journey["schema_version"] == 2
        assert compact(journey.data) == on_disk, journey.key
        assert expand(copy.deepcopy(on_disk)) == journey.data, journey.key
        # and down to every step's artifacts in full, as the audits read them
        full, again = copy.deepcopy(journey.data["steps"]), expand(copy.deepcopy(on_disk))["steps"]
        delta.expand(full)
        delta.expand(again)
        assert again == full, journey.key
    legacy = json.loads(_file(run, "mudford--apply-parking-permit").read_text(encoding="utf-8"))
    assert legacy["shared"], "repeated facts are written once"
    assert any("html_dz" in (s.get("artifacts") or {}).get("snapshot", {}) for s in legacy["steps"])


def _rescored(results: Path, run_id: str) -> object:
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["rescore", run_id, "--results", str(results)]) == 0
    return load_run(results, run_id)


def test_rescore_of_the_stored_run_judges_as_the_fresh_run(demo_run, tmp_path):
    fresh = demo_run[2]
    results = tmp_path / "results"
    shutil.copytree(fresh.folder, results / fresh.run_id)
    again = {j.key: j for j in _rescored(results, fresh.run_id).journeys}
    assert set(again) == {j.key for j in fresh.journeys}
    for journey in fresh.journeys:
        for field in JUDGED:
            assert again[journey.key].get(field) == journey.get(field), (journey.key, field)
        assert again[journey.key].data == journey.data, journey.key
    key = "mudford--apply-parking-permit"
    assert _file(fresh, key).read_bytes() == (results / fresh.run_id / "journeys" / f"{key}.json").read_bytes()


def test_a_file_in_the_old_format_still_loads_and_rescores(demo_run, tmp_path):
    fresh = demo_run[2]
    results = tmp_path / "results"
    shutil.copytree(fresh.folder, results / fresh.run_id)
    key = "mudford--apply-parking-permit"
    record = {j.key: j for j in fresh.journeys}[key].data
    old = {**copy.deepcopy(record), "schema_version": 1}  # as written before: no shared list, whole snapshots
    path = results / fresh.run_id / "journeys" / f"{key}.json"
    path.write_text(json.dumps(old, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")
    old_size = path.stat().st_size
    assert {j.key: j for j in load_run(results, fresh.run_id).journeys}[key].data == old
    rescored = {j.key: j for j in _rescored(results, fresh.run_id).journeys}[key]
    for field in JUDGED:
        assert rescored.get(field) == record.get(field), field
    assert rescored["schema_version"] == 2 and path.stat().st_size < old_size * 0.8  # rewritten in the new format
