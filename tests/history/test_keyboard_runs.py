"""A mouse run and a keyboard run of the same journeys: compare's keyboard columns, diff says the modes differ,
merge refuses to mix them, history stores each journey's mode and Tab presses."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import pytest

from journey_audit import cli
from journey_audit.analysis.merge import MergeError, merge_runs
from journey_audit.storage import history
from journey_audit.storage.migrations import migrate

from .conftest import make_journey, write_run


def keyboard_journey(council_id: str = "brightwater", *, tabs: int = 41, outcome: str = "completed",
                     friction: float = 30.0) -> dict:
    journey = make_journey(council_id, outcome=outcome, friction=friction)
    journey["mode"] = "keyboard"
    journey["metrics"]["keyboard"] = {
        "tab_presses": tabs, "keys_total": tabs + 60, "klm_seconds": 40.0, "unreachable": [], "traps": [],
        "focus_not_visible": [], "order_mismatch": [], "focus_lost": [], "skip_link": None, "first_stuck": None,
        "per_step": []}
    return journey


@pytest.fixture
def mouse_and_keyboard(results_dir: Path) -> Path:
    write_run(results_dir, "r-mouse", [make_journey("brightwater", friction=20.0), make_journey("mudford", friction=50.0)],
              meta={"viewport": "desktop", "mode": "mouse"})
    write_run(results_dir, "r-kb", [keyboard_journey("brightwater", tabs=41),
                                    keyboard_journey("mudford", tabs=12, outcome="dead_end", friction=95.0)],
              meta={"viewport": "desktop", "mode": "keyboard"})
    return results_dir


def compare_out(results_dir: Path, capsys, *args: str) -> str:
    assert cli.main(["compare", "--results", str(results_dir), *args]) == 0
    return capsys.readouterr().out


def test_compare_json_has_keyboard_figures_for_a_keyboard_run_and_nulls_for_a_mouse_run(mouse_and_keyboard, commands,
                                                                                         capsys):
    kb = {r["council_id"]: r for r in json.loads(compare_out(mouse_and_keyboard, capsys, "r-kb", "--format", "json"))}
    assert kb["brightwater"]["kb_tab_presses"] == 41 and kb["brightwater"]["kb_outcome"] == "completed"
    assert kb["mudford"]["kb_tab_presses"] == 12 and kb["mudford"]["kb_outcome"] == "dead_end"
    assert {r["mode"] for r in kb.values()} == {"keyboard"}
    mouse = json.loads(compare_out(mouse_and_keyboard, capsys, "r-mouse", "--format", "json"))
    assert all(r["kb_tab_presses"] is None and r["kb_outcome"] is None and r["mode"] == "mouse" for r in mouse)


def test_compare_csv_and_table_show_the_columns(mouse_and_keyboard, commands, capsys):
    rows = list(csv.DictReader(io.StringIO(compare_out(mouse_and_keyboard, capsys, "r-kb", "--format", "csv"))))
    assert {r["council_id"]: r["kb_tab_presses"] for r in rows} == {"brightwater": "41", "mudford": "12"}
    table = compare_out(mouse_and_keyboard, capsys, "r-kb", "--format", "markdown")
    assert "Tab presses (kb)" in table and "Keyboard outcome" in table and "keyboard mode" in table
    mouse_table = compare_out(mouse_and_keyboard, capsys, "r-mouse", "--format", "markdown")
    assert "Tab presses (kb)" not in mouse_table  # empty keyboard columns are left out of the table only


def test_compare_with_puts_mouse_and_keyboard_side_by_side(mouse_and_keyboard, commands, capsys):
    rows = json.loads(compare_out(mouse_and_keyboard, capsys, "r-mouse", "--with", "r-kb", "--format", "json"))
    pairs = {(r["council_id"], r["mode"]): r for r in rows}
    assert set(pairs) == {("brightwater", "mouse"), ("brightwater", "keyboard"), ("mudford", "mouse"),
                          ("mudford", "keyboard")}
    assert pairs[("brightwater", "keyboard")]["kb_tab_presses"] == 41
    assert pairs[("brightwater", "mouse")]["kb_tab_presses"] is None
    md = compare_out(mouse_and_keyboard, capsys, "r-mouse", "--with", "r-kb", "--format", "markdown")
    assert "mouse and keyboard mode" in md and "| keyboard |" in md and "| mouse |" in md


def test_diff_says_the_modes_differ(mouse_and_keyboard, commands, capsys):
    assert cli.main(["diff", "r-mouse", "r-kb", "--results", str(mouse_and_keyboard)]) == 0
    captured = capsys.readouterr()
    assert "different modes (mouse vs keyboard)" in captured.err
    assert "mouse mode → " in " ".join(captured.out.split()) and "keyboard mode" in " ".join(captured.out.split())
    write_run(mouse_and_keyboard, "r-kb2", [keyboard_journey("brightwater"), keyboard_journey("mudford")],
              meta={"viewport": "desktop", "mode": "keyboard"})
    assert cli.main(["diff", "r-kb", "r-kb2", "--results", str(mouse_and_keyboard)]) == 0
    assert "different modes" not in capsys.readouterr().err


def test_mode_is_read_from_the_journeys_when_the_run_did_not_record_it(results_dir: Path, commands, capsys):
    write_run(results_dir, "a", [make_journey()])
    write_run(results_dir, "b", [keyboard_journey()])
    assert cli.main(["diff", "a", "b", "--results", str(results_dir)]) == 0
    assert "different modes (mouse vs keyboard)" in capsys.readouterr().err


def test_merge_refuses_mixing_modes(mouse_and_keyboard):
    write_run(mouse_and_keyboard, "s1", [make_journey("eastmoor")], meta={"viewport": "desktop", "mode": "mouse",
                                                                          "shard": [1, 2]})
    write_run(mouse_and_keyboard, "s2", [keyboard_journey("northvale")], meta={"viewport": "desktop",
                                                                              "mode": "keyboard", "shard": [2, 2]})
    with pytest.raises(MergeError, match="different modes"):
        merge_runs(mouse_and_keyboard, ["s1", "s2"])
    assert not (mouse_and_keyboard / "latest").resolve().name.startswith("merged")


def test_history_stores_mode_and_tab_presses(mouse_and_keyboard):
    db = mouse_and_keyboard / "history.sqlite"
    history.index_all(mouse_and_keyboard, db)
    got = history.query(db, "SELECT run_id, council_id, mode, kb_tab_presses FROM journeys ORDER BY run_id, council_id")
    assert got == [{"run_id": "r-kb", "council_id": "brightwater", "mode": "keyboard", "kb_tab_presses": 41},
                   {"run_id": "r-kb", "council_id": "mudford", "mode": "keyboard", "kb_tab_presses": 12},
                   {"run_id": "r-mouse", "council_id": "brightwater", "mode": "mouse", "kb_tab_presses": None},
                   {"run_id": "r-mouse", "council_id": "mudford", "mode": "mouse", "kb_tab_presses": None}]


def test_migration_3_gives_old_rows_their_run_mode(tmp_path: Path, results_dir: Path):
    db = tmp_path / "v2.sqlite"
    conn = sqlite3.connect(db, isolation_level=None)
    migrate(conn, target=2)
    conn.execute("""INSERT INTO runs (run_id, meta) VALUES ('old-kb', '{"mode": "keyboard"}'), ('old', '{}')""")
    conn.execute("""INSERT INTO journeys (run_id, key, council_id, task, outcome)
                    VALUES ('old-kb', 'a--t', 'a', 't', 'completed'), ('old', 'a--t', 'a', 't', 'completed')""")
    conn.close()
    write_run(results_dir, "new", [keyboard_journey()])
    history.index_run(results_dir, "new", db)  # opening migrates, keeping old rows
    assert history.query(db, "SELECT run_id, mode, kb_tab_presses FROM journeys ORDER BY run_id") == [
        {"run_id": "new", "mode": "keyboard", "kb_tab_presses": 41},
        {"run_id": "old", "mode": "mouse", "kb_tab_presses": None},
        {"run_id": "old-kb", "mode": "keyboard", "kb_tab_presses": None}]


def test_history_command_shows_the_mode(mouse_and_keyboard, commands, capsys):
    history.index_all(mouse_and_keyboard, mouse_and_keyboard / "history.sqlite")
    assert cli.main(["history", "--council", "brightwater", "--results", str(mouse_and_keyboard), "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {(r["run_id"], r["mode"], r["kb_tab_presses"]) for r in rows} == {("r-mouse", "mouse", None),
                                                                            ("r-kb", "keyboard", 41)}
    assert cli.main(["history", "--council", "brightwater", "--results", str(mouse_and_keyboard),
                     "--format", "markdown"]) == 0
    keyboard_part = capsys.readouterr().out.split("keyboard mode")[1]
    assert "Tab presses" in keyboard_part and "| 41 |" in keyboard_part


def test_run_summary_table_shows_key_presses_only_for_a_keyboard_run():
    from rich.console import Console

    from journey_audit.model import JourneyResult
    from journey_audit.reports.terminal import summary_table

    def render(journeys: list[dict]) -> str:
        console = Console(width=200, record=True, color_system=None)
        console.print(summary_table([JourneyResult(j) for j in journeys], title="Run"))
        return console.export_text()

    keyboard_table = render([keyboard_journey("brightwater", tabs=41)])
    assert "Keys (Tab)" in keyboard_table and "101 (41)" in keyboard_table
    assert "Keys (Tab)" not in render([make_journey()])


def test_diff_base_of_a_keyboard_run_is_the_keyboard_run_before_it(results_dir: Path):
    from journey_audit.storage.history import previous_run

    write_run(results_dir, "r1", [keyboard_journey()], meta={"viewport": "desktop", "mode": "keyboard"})
    write_run(results_dir, "r2", [make_journey()], meta={"viewport": "desktop"})  # mouse (no mode recorded)
    write_run(results_dir, "r3", [keyboard_journey()], meta={"viewport": "desktop", "mode": "keyboard"})
    write_run(results_dir, "r4", [make_journey()], meta={"viewport": "desktop", "mode": "mouse"})
    assert previous_run(results_dir, "r3") == "r1"  # not the mouse run between them
    assert previous_run(results_dir, "r4") == "r2"  # no mode recorded is a mouse run
    assert previous_run(results_dir, "r2") == "r1"  # no earlier mouse run: the newest whole run
