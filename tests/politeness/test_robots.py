"""robots.txt is read once per site, what it disallows is recorded per journey and said in the reports."""

from __future__ import annotations

import contextlib
import io
import json
import threading
import time
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

import journey_audit.robots as robots
from journey_audit.cli import main
from journey_audit.schema import result_schema

from .conftest import write_journeys

pytestmark = pytest.mark.e2e

VALIDATOR = Draft202012Validator(result_schema())
ROBOTS = ("User-agent: *\nDisallow: /\n\n"  # everyone else: keep out
          "User-agent: journey-audit\nDisallow: /j/alpha/3\n")  # us: only alpha's third page


def cli_run(tmp_path: Path, folder: Path, *extra: str) -> tuple[int, str, dict[str, dict], Path]:
    results = tmp_path / "results"
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["run", str(folder), "--results", str(results), "--no-axe", "--workers", "2",
                     "--retries", "0", *extra])
    folder_of_run = next(p.parent for p in results.glob("*/run.json") if not p.parent.is_symlink())
    records = {p.stem.split("--")[0]: json.loads(p.read_text(encoding="utf-8"))
               for p in (folder_of_run / "journeys").glob("*.json")}
    for name, data in records.items():
        assert not [e.message for e in VALIDATOR.iter_errors(data)], name
    return code, out.getvalue(), records, folder_of_run


def test_a_disallowed_page_is_recorded_and_said_in_the_terminal_and_the_report(tmp_path, watching_site):
    site = watching_site(robots=ROBOTS)
    code, output, records, folder = cli_run(tmp_path, write_journeys(tmp_path / "j", site, ["alpha", "bravo"]))
    assert code == 0, output
    source = f"{site.url}/robots.txt"
    assert records["alpha"]["robots"] == {"checked": True, "agent": "journey-audit", "source": source, "status": 200,
                                          "error": None, "disallowed": [f"{site.url}/j/alpha/3"]}
    assert records["bravo"]["robots"]["disallowed"] == [], "the * group does not apply: there is a group for us"
    assert len(site.robots_fetches) == 1, "one fetch per site and run, however many journeys and workers"
    assert site.robots_fetches[0].startswith("journey-audit/"), "the honest User-Agent"
    said = f"{source} disallows /j/alpha/3 for journey-audit: this audit visited it"
    assert f"alpha/bin-days: {said}" in " ".join(output.split()), output
    assert output.count("disallows") == 1, "said for alpha only (bravo visited no disallowed page)"
    report = (folder / "report.html").read_text(encoding="utf-8")
    assert said in report and report.count("disallows") == 1


def test_no_robots_txt_is_checked_with_nothing_disallowed(tmp_path, watching_site):
    site = watching_site(robots=None)  # 404
    code, output, records, folder = cli_run(tmp_path, write_journeys(tmp_path / "j", site, ["alpha"]))
    assert code == 0, output
    assert records["alpha"]["robots"] == {"checked": True, "agent": "journey-audit", "source": f"{site.url}/robots.txt",
                                          "status": 404, "error": None, "disallowed": []}
    assert "robots.txt" not in output and "disallows" not in (folder / "report.html").read_text(encoding="utf-8")


def test_a_robots_txt_that_hangs_costs_a_bounded_wait_and_the_run_goes_on(tmp_path, watching_site, monkeypatch):
    monkeypatch.setattr(robots, "FETCH_TIMEOUT_S", 1.0)
    site = watching_site(robots=ROBOTS, robots_hang=threading.Event())
    started = time.monotonic()
    code, output, records, folder = cli_run(tmp_path, write_journeys(tmp_path / "j", site, ["alpha", "bravo"]))
    assert code == 0, output
    assert time.monotonic() - started < 40
    for name in ("alpha", "bravo"):
        facts = records[name]["robots"]
        assert facts["checked"] is False and facts["status"] is None and facts["disallowed"] == []
        assert "timed out" in facts["error"], facts
    assert len(site.robots_fetches) == 1, "a site whose robots.txt hangs is not asked again in the same run"
    assert "robots.txt could not be read" in (folder / "report.html").read_text(encoding="utf-8")


def test_respect_robots_skips_a_journey_whose_start_page_is_disallowed(tmp_path, watching_site):
    site = watching_site(robots="User-agent: journey-audit\nDisallow: /j/alpha/\n")
    code, output, records, folder = cli_run(tmp_path, write_journeys(tmp_path / "j", site, ["alpha", "bravo"]),
                                            "--respect-robots")
    assert records["alpha"]["outcome"] == "not_run" and records["alpha"]["error"]["kind"] == "robots_disallowed"
    assert "--respect-robots" in records["alpha"]["error"]["message"]
    assert records["alpha"]["robots"]["disallowed"] == [f"{site.url}/j/alpha/1"]
    assert records["bravo"]["outcome"] == "completed"
    assert {v.journey for v in site.visits} == {"bravo"}, "the skipped journey never loaded a page"
    assert code == 0, output
