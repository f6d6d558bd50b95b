"""history: friction over runs from the SQLite store, with a sparkline."""

from __future__ import annotations

import json
from pathlib import Path

from journey_audit import cli
from journey_audit.analysis.trend import direction, sparkline
from journey_audit.storage.history import index_all

from .conftest import make_journey, site_down, write_run


def test_sparkline():
    assert sparkline([10, 20, 30]) == "▁▅█"
    assert sparkline([5, None, 5]) == "▅ ▅"
    assert sparkline([]) == "" and sparkline([None]) == " "
    assert direction([40, None, 30]) == "better" and direction([30, 45]) == "worse" and direction([1]) == "same"


def test_history_command(results_dir: Path, commands, capsys):
    for n, friction in enumerate([50.0, 45.0, 30.0], 1):
        write_run(results_dir, f"r{n}", [make_journey(friction=friction), make_journey("eastmoor")])
    write_run(results_dir, "r4", [site_down()])
    index_all(results_dir)
    assert cli.main(["history", "--council", "brightwater", "--results", str(results_dir)]) == 0
    out = capsys.readouterr().out
    assert "brightwater/report-pothole" in out and "█▆▁ " in out and "(better)" in out
    assert "site unreachable" in out and "eastmoor" not in out
    assert cli.main(["history", "--council", "brightwater", "--task", "report-pothole", "--format", "json",
                     "--results", str(results_dir)]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["friction"] for r in rows] == [50.0, 45.0, 30.0, None]


def test_history_errors(results_dir: Path, commands, capsys):
    write_run(results_dir, "r1", [make_journey()])
    assert cli.main(["history", "--council", "brightwater", "--results", str(results_dir)]) == 2
    assert "no history at" in capsys.readouterr().err
    index_all(results_dir)
    write_run(results_dir, "r2", [make_journey()])
    assert cli.main(["history", "--council", "nobody", "--results", str(results_dir)]) == 2
    assert "no history for nobody" in capsys.readouterr().err
    assert cli.main(["history", "--council", "brightwater", "--results", str(results_dir)]) == 0
    assert "1 run(s)" in capsys.readouterr().out  # r2 is not indexed yet
