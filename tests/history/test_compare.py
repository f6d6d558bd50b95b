"""compare: ranking by friction, deltas vs the best council, and every output format."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from journey_audit import cli
from journey_audit.analysis.compare import compare

from .conftest import make_journey, site_down, write_run

REQUIRED_KEYS = {"council_id", "council", "task", "outcome", "steps", "fields_total", "fields_required",
                 "chars_typed", "klm_seconds", "a11y_critical", "a11y_serious", "dead_ends", "friction", "stars"}


def test_ranked_by_friction_with_deltas_vs_best():
    rows = compare([make_journey("a", friction=50.0, steps=6), make_journey("b", friction=20.0, steps=3),
                    site_down("c"), make_journey("d", friction=35.0, steps=3)])
    assert [r["council_id"] for r in rows] == ["b", "d", "a", "c"]
    assert [r["rank"] for r in rows] == [1, 2, 3, 4]
    assert rows[2]["vs_best"]["friction"] == 30.0 and rows[2]["vs_best"]["steps"] == 3
    assert rows[0]["vs_best"]["friction"] == 0
    assert rows[3]["outcome_label"] == "site unreachable" and rows[3]["vs_best"]["friction"] is None
    assert {r["best_council_id"] for r in rows} == {"b"}


def test_without_task_groups_by_task(three_councils: Path):
    rows = compare([make_journey("x", "b-task"), make_journey("y", "a-task"), make_journey("z", "b-task")])
    assert [r["task"] for r in rows] == ["a-task", "b-task", "b-task"]


def run_compare(results_dir: Path, capsys, *extra: str) -> str:
    assert cli.main(["compare", "--results", str(results_dir), *extra]) == 0
    return capsys.readouterr().out


def test_json_rows(three_councils: Path, commands, capsys):
    rows = json.loads(run_compare(three_councils, capsys, "--task", "report-pothole", "--format", "json"))
    assert REQUIRED_KEYS <= set(rows[0])
    assert [r["council_id"] for r in rows] == ["eastmoor", "northvale", "brightwater"]
    assert rows[1]["dead_ends"] == ["pdf_form"]
    assert rows[2]["vs_best"]["fields_required"] == 5


def test_csv(three_councils: Path, commands, capsys):
    rows = list(csv.DictReader(io.StringIO(run_compare(three_councils, capsys, "--format", "csv"))))
    assert [(r["task"], r["council_id"]) for r in rows] == [
        ("missed-bin", "eastmoor"), ("report-pothole", "eastmoor"), ("report-pothole", "northvale"),
        ("report-pothole", "brightwater")]
    assert rows[3]["vs_best_friction"] == "35.0" and rows[2]["dead_ends"] == "pdf_form"


def test_markdown(three_councils: Path, commands, capsys):
    out = run_compare(three_councils, capsys, "--task", "report-pothole", "--format", "markdown")
    lines = out.strip().splitlines()
    assert lines[0].startswith("### report-pothole: run 20261125-140000 (1280×800 viewport, mouse mode)")
    assert lines[2].startswith("| # | Council | Viewport | Mode |") and len(lines) == 7
    assert "Eastmoor Council" in lines[4] and "| 1280×800 | mouse |" in lines[4]
    assert "| 55 (+35) |" in lines[6]  # brightwater's friction vs the best


def test_table(three_councils: Path, commands, capsys):
    out = run_compare(three_councils, capsys)
    assert "report-pothole" in out and "missed-bin" in out
    assert out.index("Eastmoor") < out.index("Northvale") < out.index("Brightwater")
    assert "(+35)" in out  # brightwater's friction vs the best


@pytest.mark.parametrize("argv, message", [
    (["--task", "nope"], "no journeys for task 'nope'"),
    (["--run", "nope"], "unknown run 'nope'"),
])
def test_bad_input_exits_2(three_councils: Path, commands, capsys, argv, message):
    assert cli.main(["compare", "--results", str(three_councils), *argv]) == 2
    assert message in capsys.readouterr().err


def test_no_runs_yet(tmp_path: Path, commands, capsys):
    assert cli.main(["compare", "--results", str(tmp_path)]) == 2
    assert "no runs" in capsys.readouterr().err


def test_compare_reads_a_specific_run(results_dir: Path, commands, capsys):
    write_run(results_dir, "old", [make_journey(friction=11.0)])
    write_run(results_dir, "new", [make_journey(friction=22.0)])
    rows = json.loads(run_compare(results_dir, capsys, "--run", "old", "--format", "json"))
    assert rows[0]["friction"] == 11.0
    rows = json.loads(run_compare(results_dir, capsys, "old", "--format", "json"))  # a RUN like diff and report
    assert rows[0]["friction"] == 11.0
    assert cli.main(["compare", "--results", str(results_dir), "old", "--run", "new"]) == 2
    assert "two runs given" in capsys.readouterr().err


def test_shown_delta_is_the_difference_of_the_shown_numbers(results_dir: Path, commands, capsys):
    write_run(results_dir, "r", [make_journey("a", friction=0.5), make_journey("b", friction=92.8)])
    out = run_compare(results_dir, capsys, "--format", "markdown")
    assert "| 93 (+93) |" in out  # 93 - 0 as printed, not round(92.3)


def phone(journey: dict) -> dict:
    journey["viewport"] = {"width": 390, "height": 844}
    return journey


@pytest.fixture
def desktop_then_phone(results_dir: Path) -> Path:
    write_run(results_dir, "r1-desktop", [make_journey(friction=30.0)], meta={"viewport": "desktop"})
    write_run(results_dir, "r2-phone", [phone(make_journey(friction=60.0))], meta={"viewport": "phone"})
    return results_dir


@pytest.mark.parametrize("fmt", ["table", "markdown", "csv", "json"])
def test_every_format_says_which_viewport_and_mode(desktop_then_phone: Path, commands, capsys, fmt):
    out = run_compare(desktop_then_phone, capsys, "--format", fmt)
    assert "phone 390×844" in out and "mouse" in out
    if fmt in ("table", "markdown"):
        assert "(phone 390×844 viewport, mouse mode)" in out  # the header, not only the rows
    if fmt == "json":
        assert {(r["viewport"], r["mode"]) for r in json.loads(out)} == {("phone 390×844", "mouse")}


def test_a_phone_run_is_never_compared_silently(desktop_then_phone: Path, commands, capsys):
    assert cli.main(["compare", "--results", str(desktop_then_phone), "--format", "csv"]) == 0
    captured = capsys.readouterr()
    assert "run r2-phone is a phone run; `--viewport desktop`" in captured.err
    assert "phone 390×844" in captured.out


def test_viewport_picks_the_newest_run_that_used_it(desktop_then_phone: Path, commands, capsys):
    rows = json.loads(run_compare(desktop_then_phone, capsys, "--viewport", "desktop", "--format", "json"))
    assert [(r["friction"], r["viewport"]) for r in rows] == [(30.0, "desktop 1280×800")]
    assert cli.main(["compare", "--results", str(desktop_then_phone), "--viewport", "watch"]) == 2
    assert "no run in" in capsys.readouterr().err
    assert cli.main(["compare", "--results", str(desktop_then_phone), "--run", "r2-phone",
                     "--viewport", "desktop"]) == 2
    assert "used the phone viewport, not desktop" in capsys.readouterr().err
