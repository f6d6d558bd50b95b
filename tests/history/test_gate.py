"""gate: exit codes 0/1/2, overrides, comparative budgets, site-down journeys, JUnit and Markdown outputs."""

from __future__ import annotations

import hashlib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from journey_audit import cli
from journey_audit.analysis.budgets import BudgetError, check_budgets, load_budgets, parse_budgets
from journey_audit.model import JourneyResult
from journey_audit.storage.history import index_run
from journey_audit.storage.run_folder import RunWriter

from .conftest import dead_end, make_journey, site_down, write_run

BUDGET = """\
version: 1
default:
  max_friction: 50
  max_required_fields: 8
  max_serious_a11y: 2
  no_new_dead_ends: true
  max_friction_increase: 5
tasks:
  missed-bin: {max_required_fields: 3}
councils:
  brightwater: {max_friction: 60}
journeys:
  brightwater/report-pothole: {max_friction: 70}
"""


@pytest.fixture
def budget(tmp_path: Path) -> Path:
    path = tmp_path / "budget.yaml"
    path.write_text(BUDGET)
    return path


def gate(results_dir: Path, budget: Path, *extra: str) -> int:
    return cli.main(["gate", "--results", str(results_dir), "--budget", str(budget), *extra])


def test_overrides_apply_in_order(budget: Path):
    budgets = load_budgets(budget)
    assert budgets.for_journey("eastmoor", "report-pothole")["max_friction"] == 50
    assert budgets.for_journey("brightwater", "missed-bin")["max_friction"] == 60
    assert budgets.for_journey("brightwater", "report-pothole")["max_friction"] == 70
    assert budgets.for_journey("eastmoor", "missed-bin")["max_required_fields"] == 3


def test_check_budgets_names_each_broken_budget(budget: Path):
    result = check_budgets([make_journey("eastmoor", friction=55.0, fields_required=9, a11y_serious=2,
                                         a11y_critical=1),
                            make_journey("brightwater", friction=65.0)], load_budgets(budget))
    failed = {v.council_id: [f.budget for f in v.failures] for v in result.verdicts}
    assert failed == {"brightwater": [], "eastmoor": ["max_friction", "max_required_fields", "max_serious_a11y"]}
    assert not result.passed


def test_within_budget_exits_0(results_dir: Path, budget: Path, commands, capsys):
    write_run(results_dir, "r1", [make_journey("eastmoor", friction=45.0)])
    assert gate(results_dir, budget) == 0
    assert "within budget" in capsys.readouterr().out


def test_broken_budget_exits_1(results_dir: Path, budget: Path, commands, capsys):
    write_run(results_dir, "r1", [make_journey("eastmoor", friction=51.0)])
    assert gate(results_dir, budget) == 1
    assert "friction index" in capsys.readouterr().out


def test_comparative_budgets_against_base(results_dir: Path, budget: Path, commands, capsys):
    write_run(results_dir, "r1", [make_journey("eastmoor", friction=20.0)])
    write_run(results_dir, "r2", [make_journey("eastmoor", friction=26.0, dead_ends=[dead_end("captcha")])])
    assert gate(results_dir, budget) == 0  # no base: comparative budgets are skipped
    capsys.readouterr()
    assert gate(results_dir, budget, "--base", "previous") == 1
    out = capsys.readouterr().out
    assert "new dead end captcha" in out and "max_friction_increase" in out


def test_site_down_is_reported_not_failed(results_dir: Path, budget: Path, commands, capsys, tmp_path: Path):
    write_run(results_dir, "r1", [make_journey("eastmoor", friction=20.0)])
    write_run(results_dir, "r2", [site_down("eastmoor"), make_journey("northvale", friction=20.0)])
    junit = tmp_path / "out/junit.xml"
    assert gate(results_dir, budget, "--base", "r1", "--junit", str(junit)) == 0
    assert "site unreachable" in capsys.readouterr().out
    suite = ET.parse(junit).getroot()
    assert suite.get("skipped") == "1" and suite.get("failures") == "0"


def test_design_breakage_fails_unless_allowed(results_dir: Path, tmp_path: Path, commands):
    write_run(results_dir, "r1", [make_journey(outcome="broken", error={
        "step": 2, "kind": "element_not_found", "message": "no Continue button", "screenshot": None})])
    strict, lenient = tmp_path / "strict.yaml", tmp_path / "lenient.yaml"
    strict.write_text("default: {max_friction: 90}\n")
    lenient.write_text("default: {max_friction: 90, allow_broken: true}\n")
    assert gate(results_dir, strict) == 1
    assert gate(results_dir, lenient) == 0


def test_junit_and_markdown(results_dir: Path, budget: Path, tmp_path: Path, commands):
    write_run(results_dir, "r1", [make_journey("eastmoor", friction=20.0), make_journey("northvale", friction=20.0)])
    write_run(results_dir, "r2", [make_journey("eastmoor", friction=80.0, dead_ends=[dead_end()]),
                                  make_journey("northvale", friction=20.0)])
    junit, md = tmp_path / "junit.xml", tmp_path / "summary.md"
    assert gate(results_dir, budget, "--base", "previous", "--junit", str(junit), "--markdown", str(md)) == 1
    suite = ET.parse(junit).getroot()
    assert suite.tag == "testsuite" and suite.get("tests") == "2" and suite.get("failures") == "1"
    cases = {c.get("name"): c for c in suite.iter("testcase")}
    assert set(cases) == {"eastmoor/report-pothole", "northvale/report-pothole"}
    failure = cases["eastmoor/report-pothole"].find("failure")
    assert failure is not None and "max_friction" in failure.text and "no_new_dead_ends" in failure.text
    assert cases["northvale/report-pothole"].find("failure") is None
    text = md.read_text()
    assert "gate failed" in text and "| Eastmoor Council |" in text and "dead end login\\_wall" in text  # escaped: renders as login_wall


@pytest.mark.parametrize("content, message", [
    ("default: {max_friction: [}\n", "bad.yaml:1: not valid YAML: "),
    ("default: {max_fricton: 5}\n", "unknown budget 'max_fricton' in default (did you mean max_friction?)"),
    ("default: {max_friction: high}\n", "default.max_friction should be a number"),
    ("default: {no_new_dead_ends: 1}\n", "should be true or false"),
    ("defaults: {}\n", "unknown section 'defaults' (did you mean default?)"),
    ("journeys: {brightwater: {max_friction: 5}}\n", "council_id/task"),
    ("- 1\n", "expected a mapping"),
    ("version: 2\n", "version 2 is not supported"),
])
def test_bad_budget_file_exits_2_naming_file(results_dir: Path, tmp_path: Path, commands, capsys, content, message):
    write_run(results_dir, "r1", [make_journey()])
    path = tmp_path / "bad.yaml"
    path.write_text(content)
    assert gate(results_dir, path) == 2
    err = " ".join(capsys.readouterr().err.split())
    assert str(path) in err and message in err and "Traceback" not in err


def test_bad_input_exits_2_and_history_is_untouched(results_dir: Path, budget: Path, commands, capsys):
    write_run(results_dir, "r1", [make_journey()])
    index_run(results_dir, "r1")
    db = results_dir / "history.sqlite"
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    assert gate(results_dir, budget, "nope") == 2
    assert "unknown run 'nope'" in capsys.readouterr().err
    assert gate(results_dir, tmp := results_dir / "missing.yaml") == 2
    assert f"budget file {tmp}: cannot read file" in capsys.readouterr().err
    (results_dir / "r1/journeys/brightwater--report-pothole.json").write_text("{ broken")
    assert gate(results_dir, budget) == 2
    err = capsys.readouterr().err
    assert "brightwater--report-pothole.json is not valid JSON" in err and "Traceback" not in err
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


def test_budget_error_is_a_results_error():
    from journey_audit.storage.run_folder import ResultsError

    with pytest.raises(ResultsError):
        parse_budgets({"default": {"max_friction": -1}}, "x.yaml")
    assert issubclass(BudgetError, ResultsError)


def test_example_budget_file_is_valid():
    example = Path(__file__).resolve().parents[2] / "docs/examples/budget.yaml"
    budgets = load_budgets(example)
    assert budgets.for_journey("mudford", "report-pothole")["max_friction"] == 75


def test_budget_sections_for_unknown_ids_are_warned_and_empty_files_refused(tmp_path):
    budgets = parse_budgets({"default": {"max_friction": 60}, "tasks": {"missed-bin": {"max_friction": 50}}}, "b.yaml")
    gate = check_budgets([make_journey(task="report-missed-bin")], budgets, run_id="r1")
    assert gate.warnings == ("b.yaml: tasks.missed-bin matches no journey in this run (did you mean report-missed-bin?)",)
    other = parse_budgets({"default": {}, "journeys": {"mudford/report-pothole": {"max_friction": 75}}}, "b.yaml")
    gate = check_budgets([make_journey("brightwater", "report-pothole")], other, run_id="r1")
    assert gate.warnings == ("b.yaml: journeys.mudford/report-pothole matches no journey in this run",)  # no wrong guess
    # `run --council brightwater` replays only some of the files' journeys: a budget for one left out is no typo
    gate = check_budgets([make_journey("brightwater", "report-pothole")], other, run_id="r1",
                         known=[("brightwater", "report-pothole"), ("mudford", "report-pothole")])
    assert gate.warnings == ()
    gate = check_budgets([make_journey("brightwater", "report-pothole")], budgets, run_id="r1",
                         known=[("brightwater", "report-pothole"), ("mudford", "report-pothole")])
    assert gate.warnings == ("b.yaml: tasks.missed-bin matches no journey in this run",)  # still a typo
    with pytest.raises(BudgetError, match="no budgets"):
        parse_budgets({"version": 1}, "empty.yaml")


def test_an_unfinished_run_cannot_pass_the_gate(results_dir: Path, budget: Path, commands):
    writer = RunWriter(results_dir, {"journey_count": 3})  # killed after one journey: never finished
    writer.add(JourneyResult(make_journey()))
    assert gate(results_dir, budget) == 1
