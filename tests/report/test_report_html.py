"""The HTML report as text: where it is written, how images are referenced, words, escaping, tolerance."""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import re

import pytest
from report_fixtures import XSS_COUNCIL, broken, dead_end, good, legacy, write_run
from rich.console import Console

from journey_audit.commands import report as report_command
from journey_audit.reports.html import (
    content_security_policy,
    headline,
    load_history,
    predicted_time,
    render_report,
    safe_href,
    write_report,
)
from journey_audit.storage.run_folder import ResultsError, load_run


def test_default_report_lives_in_the_run_folder_and_links_screens_relatively(run_folder):
    out = write_report(run_folder)
    assert out == run_folder / "report.html"
    html = out.read_text(encoding="utf-8")
    assert 'src="screens/brightwater--report-pothole/00.jpg"' in html
    assert "data:image" not in html
    assert len(html) < 400_000


def test_report_elsewhere_embeds_screens(run_folder, tmp_path):
    out = write_report(load_run(run_folder.parent, run_folder.name), out=tmp_path / "mail" / "r.html")
    html = out.read_text(encoding="utf-8")
    assert out.is_file() and 'src="data:image/jpeg;base64,' in html
    assert 'src="screens/' not in html


def test_screenshot_paths_cannot_leave_the_run_folder(run_folder):
    html = write_report(run_folder).read_text(encoding="utf-8")
    assert "passwd" not in html and "secret.jpg" not in html


def test_csp_forbids_remote_loads_and_pins_our_own_script():
    csp = content_security_policy("body{}", "go()")
    assert "default-src 'none'" in csp and "http" not in csp and "unsafe" not in csp
    digest = base64.b64encode(hashlib.sha256(b"go()").digest()).decode()
    assert f"script-src 'sha256-{digest}'" in csp


def test_site_strings_are_escaped_never_markup(run_folder):
    html = write_report(run_folder).read_text(encoding="utf-8")
    assert html.count("<script") == 1, "only the report's own script"
    assert "window.__pwned" in html, "hostile text is shown, as text"
    for raw in ("<img src=x", "<svg onload", "<iframe", 'href="javascript', "href=\"  JavaScript", "<b>"):
        assert raw.lower() not in html.lower(), raw
    assert "&lt;script&gt;window.__pwned=&#39;council&#39;&lt;/script&gt;" in html
    assert "http://127.0.0.1:8805/robots.txt disallows /bins?q=&lt;script&gt;window.__pwned=&#39;q&#39;" in html, \
        "the robots.txt notice shows the disallowed pages, escaped"


@pytest.mark.parametrize("url, ok", [
    ("https://council.example/a?b=1", True), ("http://127.0.0.1:8801/x", True),
    ("javascript:alert(1)", False), ("  JavaScript:alert(1)", False), ("data:text/html,<b>", False),
    ("//evil.example/x", False), ("http:\\\\evil", False), ("http://", False), (None, False), ("file:///etc/passwd", False),
    ("java\tscript:alert(1)", False),
])
def test_only_http_urls_are_linked(url, ok):
    assert (safe_href(url) is not None) is ok


def test_headlines_are_built_from_the_numbers():
    assert headline(legacy()) == ("Asks 23 questions on one page, 5 without a label; "
                                  "5 critical or serious accessibility problems; about 7 min to complete")
    assert headline(good()).startswith("12 fields over 5 pages, all labelled")
    assert "ends at a PDF to print and post" in headline(dead_end())
    assert headline(broken()) == "Could not be measured: the journey broke at step 1 (locator not found)"
    assert headline({"outcome": "completed"}) == "No measurements recorded."
    assert predicted_time(20) == "under a minute" and predicted_time(185) == "about 3 min"


def test_league_table_is_best_first_with_broken_last(run_folder):
    html = write_report(run_folder).read_text(encoding="utf-8")
    table = html[html.index('id="t-report-pothole"'):html.index('id="t-report-pothole"') + 20_000]
    order = [table.index(name) for name in ("Brightwater", "Mudford", "Stonyfield", "Fenwick")]
    assert order == sorted(order)


def test_tolerates_missing_and_null_measurements(make_run):
    bare = {"council_id": "bare", "task": "t", "outcome": "completed", "steps": []}
    odd = {**broken(), "findings": None, "dead_ends": None, "top_fixes": None, "outcome_reason": None,
           "metrics": {"a11y": None, "pages": "many"}, "friction": {"index": None, "components": {"x": None}},
           "error": "a plain string error", "steps": [{"status": "ok"}, "junk"]}
    folder = make_run(journeys=[bare, odd])
    html = write_report(folder).read_text(encoding="utf-8")
    assert "bare" in html and "a plain string error" in html and "No measurements recorded." in html


def test_trends_from_history_skip_damaged_runs(tmp_path, jpegs):
    results = tmp_path / "results"
    for n, index in enumerate((70, 55, 40)):
        write_run(results, f"2026112{n + 1}-090000", [good(index=index), legacy()], jpegs,
                  started_at=f"2026-11-2{n + 1}T09:00:00+00:00")
    (results / "20261120-090000").mkdir()
    (results / "20261120-090000" / "run.json").write_text("{broken", encoding="utf-8")
    run = load_run(results, "20261123-090000")
    history = load_history(run)
    assert [r.run_id for r in history] == ["20261121-090000", "20261122-090000", "20261123-090000"]
    html = render_report(run, history_runs=history)
    section = html[html.index('id="trends"'):]
    assert section.count('<svg class="chart"') == 1, "one task, measured in 3 runs"
    assert section.count("<polyline") == 2, "one line per council"
    assert "Brightwater Borough Council: 70, 55, 40" in section
    assert "Trends" not in render_report(run, history_runs=[]).split("<main")[1]


def test_history_is_capped(tmp_path, jpegs):
    results = tmp_path / "results"
    for n in range(5):
        write_run(results, f"2026112{n}-090000", [good()], jpegs)
    run = load_run(results, "20261124-090000")
    assert [r.run_id for r in load_history(run, limit=3)] == ["20261122-090000", "20261123-090000", run.run_id]


def test_report_command_writes_latest_or_named_run(run_folder, tmp_path, capsys):
    parser = argparse.ArgumentParser()
    report_command.add_parser(parser.add_subparsers())
    (run_folder.parent / "latest").symlink_to(run_folder.name)
    console = Console(file=None, width=200)
    args = parser.parse_args(["report", "--results", str(run_folder.parent)])
    assert args.handler(args, console) == 0
    assert (run_folder / "report.html").is_file()
    assert str(run_folder / "report.html") in capsys.readouterr().out
    args = parser.parse_args(["report", run_folder.name, "--results", str(run_folder.parent),
                              "--out", str(tmp_path / "out.html")])
    assert args.handler(args, console) == 0 and (tmp_path / "out.html").is_file()
    args = parser.parse_args(["report", "nope", "--results", str(run_folder.parent)])
    with pytest.raises(ResultsError, match="unknown run 'nope'"):
        args.handler(args, console)


def test_run_folder_path_accepted_and_council_names_from_files_escaped(run_folder):
    html = write_report(str(run_folder)).read_text(encoding="utf-8")
    assert XSS_COUNCIL not in html
    data = json.loads((run_folder / "journeys" / "evil--report-missed-bin.json").read_text())
    assert data["council"] == XSS_COUNCIL
    assert not re.search(r"<[a-z]+ [^>]*on(error|load|mouseover)=", html, re.I)


def test_unfinished_run_is_flagged(make_run):
    html = write_report(make_run(status="running")).read_text(encoding="utf-8")
    assert "This run did not finish" in html


def test_unmeasured_is_never_shown_as_good(make_run):
    """axe that checked no page is 'not checked', not 'no problems'; a null component is 'not measured'."""
    data = good()
    data["metrics"]["a11y"] = {"critical": 0, "serious": 0, "moderate": 0, "minor": 0, "pages_checked": 0}
    data["friction"]["components"]["accessibility"] = {"score": None, "weight": 20, "explanation": "axe off"}
    html = write_report(make_run(journeys=[data])).read_text(encoding="utf-8")
    assert "not checked" in html and "no problems found" not in html
    assert "not measured" in html and "axe off" in html


def test_component_shares_are_of_the_measured_weights(make_run):
    """The index is the weighted mean of measured components: their shares add to 100%, an unmeasured one is 0."""
    data = good()
    data["friction"]["components"] = {
        "forms": {"score": 50, "weight": 20, "explanation": "forms"},
        "dead_ends": {"score": 10, "weight": 30, "explanation": "dead ends"},
        "findability": {"score": None, "weight": 50, "explanation": "not measured here"}}
    html = write_report(make_run(journeys=[data])).read_text(encoding="utf-8")
    assert "40% of the index" in html and "60% of the index" in html  # 20 and 30 of 50, not of 100
    assert "20% of the index" not in html and "50% of the index" not in html
    assert "not counted in the index" in html


def test_header_says_which_viewport_the_run_used(make_run):
    """A phone run's report must say so, as compare and diff do: its pages and scores are not a desktop run's."""
    data = good()
    data["viewport"] = {"width": 375, "height": 667}
    html = write_report(make_run(journeys=[data])).read_text(encoding="utf-8")
    assert "375×667 viewport, mouse mode" in html


def test_a_dead_end_the_journey_got_past_is_said_once(make_run):
    from journey_audit.audits.dead_ends import GOT_PAST

    data = dead_end()
    data["dead_ends"][0]["blocking"] = False
    data["dead_ends"][0]["evidence"]["text"] = GOT_PAST + "Sign in to continue."
    html = write_report(make_run(journeys=[data])).read_text(encoding="utf-8")
    assert "(the journey could go on)" in html and "<blockquote>Sign in to continue.</blockquote>" in html
    assert "got past it" not in html
