"""history: friction over runs from the SQLite store, with a sparkline."""

from __future__ import annotations

import csv
import io
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


def test_history_of_every_council_keeps_phone_and_desktop_apart(results_dir: Path, commands, capsys):
    phone = make_journey(friction=70.0)
    phone["viewport"] = {"width": 390, "height": 844}
    write_run(results_dir, "r1", [make_journey(friction=40.0), make_journey("eastmoor")], meta={"viewport": "desktop"})
    write_run(results_dir, "r2", [phone], meta={"viewport": "phone"})
    write_run(results_dir, "r3", [make_journey(friction=35.0)], meta={"viewport": "desktop"})
    index_all(results_dir)
    assert cli.main(["history", "--results", str(results_dir)]) == 0
    out = capsys.readouterr().out
    assert "eastmoor/report-pothole (desktop viewport, mouse mode)" in out, "no --council: every council"
    assert "brightwater/report-pothole (desktop viewport, mouse mode)" in out
    assert "brightwater/report-pothole (phone viewport, mouse mode)" in out, "a phone run is its own trend"
    assert cli.main(["history", "--council", "brightwater", "--format", "csv", "--results", str(results_dir)]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["run_id"], r["viewport"], r["mode"], r["friction"]) for r in rows] == [
        ("r1", "desktop", "mouse", "40.0"), ("r3", "desktop", "mouse", "35.0"), ("r2", "phone", "mouse", "70.0")]
