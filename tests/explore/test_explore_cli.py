"""The command line: explore one pair, write the journey, replay it with `run`; compare side by side."""

from __future__ import annotations

import contextlib
import csv
import io

from journey_audit.cli import main
from journey_audit.storage.run_folder import load_run


def _cli(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(list(argv))
    return code, out.getvalue()


def test_a_written_journey_replays_with_run_to_the_same_outcome(demo, tmp_path):
    home = demo.base_urls["stonyfield"] + "/"
    path = tmp_path / "stonyfield" / "book-bulky-waste.yaml"
    code, out = _cli("explore", home, "--task", "book-bulky-waste", "--council-id", "stonyfield",
                     "--write-journey", str(path), "--results", str(tmp_path / "explored"), "--no-axe")
    assert code == 0, out
    assert "Findability from the home page" in out
    explored = load_run(tmp_path / "explored").journeys[0]
    code, out = _cli("run", str(path), "--results", str(tmp_path / "replayed"), "--no-axe",
                     "--base-url", demo.base_urls["stonyfield"])
    replayed = load_run(tmp_path / "replayed").journeys[0]
    assert (explored.outcome, explored["outcome_reason"]["kind"]) == ("dead_end", "session_expired")
    assert (replayed.outcome, replayed["outcome_reason"]["kind"]) == ("dead_end", "session_expired")
    assert replayed.get("source") is None  # a replayed file is an ordinary scripted journey


def test_compare_shows_scripted_and_explored_side_by_side(explored, scripted):
    code, out = _cli("compare", "--results", str(scripted.folder.parent), "--run", scripted.run_id,
                     "--with", str(explored[0].folder), "--task", "report-pothole", "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert sorted(r["source"] for r in rows) == ["explored"] * 3 + ["scripted"] * 3
    assert {r["council_id"] for r in rows if r["source"] == "explored"} == {"brightwater", "mudford", "stonyfield"}


def test_explore_explains_bad_input(tmp_path, capsys):
    bad = tmp_path / "tasks.yaml"
    bad.write_text("report-pothole:\n  phrases: pothole\n", encoding="utf-8")
    assert main(["explore", "http://127.0.0.1:9/", "--task", "report-pothole", "--tasks-file", str(bad)]) == 2
    assert f"{bad}:1:" in capsys.readouterr().err
    assert main(["explore", "http://127.0.0.1:9/", "--task", "no-such-task"]) == 2
    assert "no vocabulary for task 'no-such-task'" in capsys.readouterr().err
    assert main(["explore", "--task", "report-pothole"]) == 2


def test_explore_demo_on_the_command_line(tmp_path):
    code, out = _cli("explore", "--demo", "--council", "stonyfield", "--task", "apply-parking-permit",
                     "--results", str(tmp_path / "results"), "--no-axe")
    assert code == 0, out
    journey = load_run(tmp_path / "results").journeys[0]
    assert journey["source"] == "explored" and journey["outcome_reason"]["kind"] == "phone_only"
    assert journey["metrics"]["findability"]["clicks_from_home"] == 2
    assert (load_run(tmp_path / "results").folder / "explored" / "stonyfield" / "apply-parking-permit.yaml").is_file()
    assert "stonyfield/apply-parking-permit: found by navigation" in out


def test_an_unreachable_council_is_broken_not_unfindable(tmp_path):
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again: nothing listens there
    code, out = _cli("explore", f"http://127.0.0.1:{port}/", "--task", "report-pothole",
                     "--results", str(tmp_path / "results"), "--no-axe")
    journey = load_run(tmp_path / "results").journeys[0]
    assert code == 1 and journey.outcome == "broken" and journey["error"]["kind"] == "site_unreachable"
    assert not [d for d in journey["dead_ends"] if d["kind"] == "not_findable"]
    assert journey["journey_path"].startswith(str(tmp_path / "results"))
