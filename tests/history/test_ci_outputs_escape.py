"""Site text is untrusted: every format of compare, diff, history and gate escapes it for itself.

Hostile text (terminal escape sequences, rich markup, Markdown and HTML syntax, NUL and vertical tab,
a spreadsheet formula) goes into council names, finding titles, dead-end text and error messages; each
output must be well formed for its format and carry the text only in escaped form.
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from journey_audit import cli
from journey_audit.reports.formats import REGISTRY
from journey_audit.reports.sanitize import clean_text, csv_cell, markdown_escape, xml_text
from journey_audit.storage.history import index_all

from .conftest import dead_end, make_journey, unlabelled_finding, write_run

ESC_TITLE = "\x1b]0;pwned\x07"  # OSC: retitles the terminal
ESC_CLEAR = "\x1b[2J\x1b[H"  # CSI: clears the screen
HOSTILE = (f"Evil{ESC_TITLE}{ESC_CLEAR} [bold]Council[/bold] | `rm -rf` <script>alert(1)</script> "
           "[link](javascript:alert(1)) *x* \x00nul\x0bvt\x9b31m")
CONTROL = [chr(c) for c in (*range(0, 9), 0x0b, 0x0c, *range(0x0e, 0x20), 0x7f, 0x9b, 0x9d)]


def hostile_journey(council_id: str, **kw) -> dict:
    journey = make_journey(council_id, **kw)
    journey["council"] = HOSTILE
    return journey


@pytest.fixture
def hostile_results(results_dir: Path, tmp_path: Path) -> Path:
    finding = unlabelled_finding("Email")
    finding["title"] = HOSTILE
    end = dead_end("login_wall")
    end["evidence"]["text"] = HOSTILE
    write_run(results_dir, "r1", [hostile_journey("eastmoor", friction=20.0), hostile_journey("northvale")],
              meta={"viewport": "desktop"})
    write_run(results_dir, "r2", [
        hostile_journey("eastmoor", friction=80.0, findings=[finding], dead_ends=[end]),
        hostile_journey("northvale", outcome="broken", error={"step": 2, "kind": "element_not_found",
                                                              "message": HOSTILE, "screenshot": None})],
        meta={"viewport": "desktop"})
    index_all(results_dir)
    (tmp_path / "budget.yaml").write_text("default: {max_friction: 60, no_new_dead_ends: true}\n")
    return results_dir


def argv(command: str, results: Path, fmt: str) -> list[str]:
    budget = str(results.parent / "budget.yaml")
    return {
        "compare": ["compare", "--format", fmt],
        "diff": ["diff", "r1", "r2", "--all", "--format", fmt],
        "history": ["history", "--format", fmt],
        "gate": ["gate", "--budget", budget, "--base", "r1", "--format", fmt],
    }[command] + ["--results", str(results)]


def no_controls(text: str) -> None:
    found = sorted({repr(c) for c in CONTROL if c in text})
    assert not found, f"control characters reached the output: {found}"


CASES = [(command, fmt) for command in ("compare", "diff", "history", "gate") for fmt in REGISTRY
         if not (fmt == "junit" and command in ("compare", "history"))]


@pytest.mark.parametrize(("command", "fmt"), CASES)
def test_every_format_of_every_command_escapes_site_text(hostile_results: Path, commands, capsys, command, fmt):
    assert cli.main(argv(command, hostile_results, fmt)) in (0, 1)
    out = capsys.readouterr().out
    no_controls(out)
    if fmt != "json":  # JSON keeps the data, with every control character \u-escaped
        assert "pwned" not in out, "a terminal title sequence is removed whole, payload included"
    if fmt == "table":
        if command in ("compare", "diff", "gate"):
            assert "[bold]Council" in out, "rich markup in site text is shown, not applied"
    elif fmt == "json":
        json.loads(out)
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(out)))
        assert rows and all(len(r) == len(rows[0]) for r in rows)
    elif fmt == "markdown":
        assert "<script>" not in out and "[link](" not in out and "`rm" not in out.replace("\\`", "")
        if command in ("compare", "diff", "gate"):
            assert "&lt;script&gt;" in out and "\\`rm -rf\\`" in out
        for table in out.split("\n\n"):
            lines = [x for x in table.splitlines() if x.startswith("|")]
            if lines:  # a | in site text never adds a column
                widths = {len(x.replace("\\|", "").split("|")) for x in lines}
                assert len(widths) == 1, table
    elif fmt == "junit":
        suite = ET.fromstring(out)
        assert suite.tag == "testsuite" and int(suite.get("tests")) == 2
        assert int(suite.get("failures")) >= 1


def test_gate_files_are_escaped_too(hostile_results: Path, commands, tmp_path: Path):
    junit, md = tmp_path / "junit.xml", tmp_path / "summary.md"
    assert cli.main(argv("gate", hostile_results, "table") + ["--junit", str(junit), "--markdown", str(md)]) == 1
    root = ET.parse(junit).getroot()
    assert root.find("testcase/failure") is not None
    no_controls(junit.read_text()), no_controls(md.read_text())
    assert "<script>" not in md.read_text()


def test_markdown_escape_blocks_html_links_code_and_table_breaks():
    cell = markdown_escape('<img src=x onerror=alert(1)> [click](javascript:alert(1)) | *bold* `x`\nnext')
    assert "<img" not in cell and "&lt;img" in cell
    assert "\\[click\\](javascript" in cell and "\\|" in cell and "\\*bold\\*" in cell and "\\`x\\`" in cell
    assert "\n" not in cell


def test_clean_text_removes_escape_sequences_and_controls_but_keeps_text():
    assert clean_text(f"a{ESC_TITLE}b{ESC_CLEAR}c\x00d\x0be\x9b31mf\tg\nh") == "abcdef\tg\nh"
    assert clean_text("[bold]x[/bold] café ★") == "[bold]x[/bold] café ★"


def test_xml_text_keeps_only_xml_legal_characters():
    text = xml_text("a\x00b\x0bc\x1b[31md\ud800e\ufffff")
    assert text == "abcdef"
    ET.fromstring(f"<x a='{text}'>{text}</x>")


def test_csv_cells_cannot_run_as_formulas():
    assert csv_cell("=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")"
    assert csv_cell("@SUM(A1)") == "'@SUM(A1)" and csv_cell("-3.5") == "-3.5" and csv_cell(-3) == -3


def test_adding_a_format_is_one_module_and_one_registry_line(monkeypatch, three_councils: Path, commands, capsys):
    import types

    from journey_audit.reports import formats

    shout = types.ModuleType("shout")
    shout.NEEDS = frozenset({"sections"})
    shout.render = lambda report: "\n".join(s.title.upper() for s in report.sections) + "\n"
    monkeypatch.setitem(formats.REGISTRY, "shout", shout)
    assert cli.main(["compare", "--results", str(three_councils), "--format", "shout"]) == 0
    assert "REPORT-POTHOLE: RUN" in capsys.readouterr().out


def test_run_summary_and_broken_journeys_print_site_text_inert():
    from rich.console import Console

    from journey_audit.model import JourneyResult
    from journey_audit.reports.terminal import print_broken, summary_table

    journey = hostile_journey("northvale", outcome="broken", error={
        "step": 2, "kind": "element_not_found", "message": HOSTILE, "line": 9, "screenshot": None})
    buffer = io.StringIO()
    console = Console(file=buffer, width=300, force_terminal=True, color_system=None)
    console.print(summary_table([JourneyResult(journey)], title="Run r1"))
    print_broken(console, [JourneyResult(journey)])
    out = buffer.getvalue()
    no_controls(out)
    assert "pwned" not in out and "[bold]Council[/bold]" in out and "nulvt" in out
