"""merge: shard runs combine into exactly the run an unsharded run would have written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from journey_audit import cli
from journey_audit.analysis.merge import MergeError, merge_runs
from journey_audit.storage.history import indexed_runs
from journey_audit.storage.run_folder import load_run, resolve_run

from .conftest import make_journey, write_run

JOURNEYS = [make_journey(c, t) for c in ("brightwater", "eastmoor") for t in ("missed-bin", "report-pothole")]


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name != "run.json"}


def test_two_shards_equal_the_whole(results_dir: Path, commands):
    whole = write_run(results_dir, "whole", JOURNEYS, screenshots=True)
    write_run(results_dir, "s1", JOURNEYS[0::2], meta={"shard": [1, 2]}, screenshots=True)
    write_run(results_dir, "s2", JOURNEYS[1::2], meta={"shard": [2, 2]}, screenshots=True)
    assert cli.main(["merge", "s1", "s2", "--into", "merged", "--results", str(results_dir)]) == 0
    merged = results_dir / "merged"
    assert files(merged) == files(whole)
    meta = json.loads((merged / "run.json").read_text())
    whole_meta = json.loads((whole / "run.json").read_text())
    def judged(lines):  # write_ms is how long each file took to write: a fact of that run, not of the journey
        return sorted(({k: v for k, v in line.items() if k != "write_ms"} for line in lines), key=lambda j: j["key"])

    assert judged(meta["journeys"]) == judged(whole_meta["journeys"])
    assert all(line["write_ms"] >= 0 for line in meta["journeys"])  # kept from the shards' lines
    assert meta["merged_from"] == ["s1", "s2"] and meta["shard"] is None and meta["status"] == "finished"
    assert meta["journey_count"] == 4
    assert resolve_run(results_dir, "latest").name == "merged"
    assert len(load_run(results_dir, "latest").journeys) == 4
    assert "merged" in indexed_runs(results_dir / "history.sqlite")


def test_overlapping_shards_are_refused(results_dir: Path, commands, capsys):
    write_run(results_dir, "s1", JOURNEYS[:3])
    write_run(results_dir, "s2", JOURNEYS[2:])
    assert cli.main(["merge", "s1", "s2", "--into", "m", "--results", str(results_dir)]) == 2
    err = capsys.readouterr().err
    assert "eastmoor--missed-bin is in both s1 and s2" in err
    assert not (results_dir / "m").exists()
    assert resolve_run(results_dir, "latest").name == "s2"


def test_merge_refuses_bad_targets(results_dir: Path):
    write_run(results_dir, "s1", JOURNEYS[:1])
    write_run(results_dir, "s2", JOURNEYS[1:2])
    with pytest.raises(MergeError, match="already exists"):
        merge_runs(results_dir, ["s1", "s2"], into="s1")
    with pytest.raises(MergeError, match="at least two"):
        merge_runs(results_dir, ["s1"])
    with pytest.raises(MergeError, match="twice"):
        merge_runs(results_dir, ["s1", "s1"])
    assert merge_runs(results_dir, ["s1", "s2"]) in [p.name for p in results_dir.iterdir()]
