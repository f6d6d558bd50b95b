"""Recorded flows -> journeys: codegen scripts (read with ast) and DevTools Recorder JSON, on fixtures of each."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from journey_audit.api import DEMO_JOURNEYS
from journey_audit.browser.runner import RunOptions
from journey_audit.cli import main
from journey_audit.importers import Naming, import_recording
from journey_audit.loader import load_journey

RECORDINGS = Path(__file__).resolve().parent / "recordings"
CODEGEN = RECORDINGS / "brightwater_missed_bin.py"
MIXED = RECORDINGS / "mixed.py"
RECORDER = RECORDINGS / "brightwater_pothole.recorder.json"
BRIGHTWATER = Naming(council="Brightwater Borough Council", council_id="brightwater", task="report-missed-bin")


def steps_of(text: str) -> list[dict]:
    return yaml.safe_load(text)["steps"]


def test_codegen_script_becomes_the_journey_with_persona_references():
    text, draft = import_recording("codegen", CODEGEN, BRIGHTWATER)
    assert draft.problems == [] and draft.notes == []
    journey = yaml.safe_load(text)
    assert journey["start"] == "/bins/report-a-missed-bin-collection"
    assert journey["base_url"] == "http://127.0.0.1:8801"
    assert journey["steps"] == [
        {"click": "Start now"},  # the focus clicks codegen records before typing are gone
        {"fill": {"label": "Address line 1", "value": "{persona.address_line1}"}},
        {"fill": {"label": "Town or city", "value": "{persona.town}"}},
        {"fill": {"label": "Postcode", "value": "{persona.postcode}"}},
        {"click": "Continue"},
        {"choose": {"label": "Which bin was missed?", "option": "Recycling (blue bin)"}},
        {"click": "Continue"},
        {"check": {"label": "Yes"}},
        {"click": "Continue"},
        {"fill": {"label": "Full name", "value": "{persona.name}"}},
        {"fill": {"label": "Email address", "value": "{persona.email}"}},
        {"click": "Continue"},
        {"expect": "Check your answers"},
        {"click": {"name": "Send report", "final": True}},  # the last press is held back by default
        {"expect": "Missed collection reported"},
    ]


def test_codegen_lists_what_it_cannot_convert_with_lines_and_writes_nothing(tmp_path, capsys):
    out = tmp_path / "mixed.yaml"
    assert main(["import", "codegen", str(MIXED), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert not out.exists()
    for line, what in ((10, "press('Enter')"), (14, "expect_popup"), (16, "nth(2)"), (17, "to_have_title")):
        assert f"mixed.py:{line}: not converted: " in err and what in err, (line, err)
    assert "mixed.py:11: select_option('large') may be the option's value" in err
    assert "nothing was written" in err


def test_partial_import_marks_the_gaps_and_says_so(tmp_path, capsys):
    out = tmp_path / "mixed.yaml"
    assert main(["import", "codegen", str(MIXED), "-o", str(out), "--partial"]) == 0
    err = capsys.readouterr().err
    text = out.read_text(encoding="utf-8")
    assert text.count("# NOT CONVERTED (mixed.py:") == 4 and "PARTIAL journey: 4 step(s)" in err
    steps = steps_of(text)
    assert {"fill": {"placeholder": "Vehicle registration", "value": "{persona.vehicle_registration}"}} in steps
    assert {"click": "Apply for a permit"} in steps and {"check": {"label": "I agree"}} in steps
    assert {"upload": {"css": "#upload", "file": "pothole.jpg"}} in steps
    assert steps[-2:] == [{"expect": "Check your answers"}, {"click": {"name": "Pay now", "final": True}}]
    assert "does not pass `journey-audit validate`" not in err  # pothole.jpg is a bundled demo file
    assert yaml.safe_load(text)["council_id"] == "www-example-gov-uk"
    converted = f"the start page and {len(steps)} steps)"  # the same count as `validate` prints
    assert converted in err


def test_recorder_json_converts_with_json_line_numbers():
    text, draft = import_recording("recorder", RECORDER, Naming(council_id="brightwater", task="report-pothole"))
    assert [(line, message.split(" (")[0]) for line, message in draft.problems] == [
        (78, 'not converted: {"type": "keyDown", "key": "Enter"}'), (89, 'not converted: {"type": "hover"}')]
    assert draft.notes[0][0] == 83 and "value 'large'" in draft.notes[0][1]
    assert [s for s in steps_of(text)] == [
        {"click": "Start now"},
        {"check": {"label": "In the road"}},  # aria/...[role="radio"]
        {"click": "Continue"},
        {"fill": {"label": "Which street is the pothole on?", "value": "{persona.address_line1}"}},
        {"select": {"label": "Size", "option": "large"}},
        {"expect": "Check your answers"},
        {"click": {"name": "Send report", "final": True}},
    ]
    assert "# NOT CONVERTED (brightwater_pothole.recorder.json:78)" in text


@pytest.mark.parametrize(("kind", "content", "message"), [
    ("codegen", "page.goto('x'\n", "recorded.txt:1: not a Python script"),
    ("recorder", '{"steps": [\n  {"type": "navigate"\n', "recorded.txt:3: not valid JSON"),
    ("recorder", '{"title": "x"}', "a Recorder export is an object with a 'steps' list"),
    ("codegen", "def run(page):\n    page.get_by_text('x').click()\n", "never opens a page"),
])
def test_unreadable_recordings_are_clear_errors(tmp_path, capsys, kind, content, message):
    path = tmp_path / "recorded.txt"
    path.write_text(content, encoding="utf-8")
    assert main(["import", kind, str(path)]) == 2
    assert message in capsys.readouterr().err


def test_existing_output_is_not_overwritten_without_force(tmp_path, capsys):
    out = tmp_path / "j.yaml"
    out.write_text("keep me", encoding="utf-8")
    assert main(["import", "codegen", str(CODEGEN), "-o", str(out)]) == 2
    assert out.read_text(encoding="utf-8") == "keep me" and "--force" in capsys.readouterr().err


def test_record_without_a_display_says_what_to_do(monkeypatch, capsys):
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setattr("sys.platform", "linux")
    assert main(["record", "http://127.0.0.1:9/start"]) == 2
    err = capsys.readouterr().err
    assert "no display here" in err and "journey-audit import codegen recorded.py" in err


@pytest.mark.e2e
def test_imported_codegen_journey_validates_and_replays_like_the_bundled_one(tmp_path, demo, run_in_shared_browser):
    out = tmp_path / "brightwater" / "report-missed-bin.yaml"
    out.parent.mkdir()
    assert main(["import", "codegen", str(CODEGEN), "-o", str(out), "--council", BRIGHTWATER.council,
                 "--council-id", "brightwater", "--task", "report-missed-bin"]) == 0
    assert main(["validate", str(out)]) == 0
    options = RunOptions(base_urls=dict(demo.base_urls), axe=False)
    imported = run_in_shared_browser([load_journey(out)], results_dir=tmp_path / "imported",
                                     options=options).journeys[0]
    bundled_file = DEMO_JOURNEYS / "brightwater" / "report-missed-bin.yaml"
    bundled = run_in_shared_browser([load_journey(bundled_file)], results_dir=tmp_path / "bundled",
                                    options=options).journeys[0]
    for key in ("outcome", "stopped_before_submit", "submitted", "steps_not_run"):
        assert imported[key] == bundled[key], key
    assert imported.outcome == "completed" and imported["stopped_before_submit"]
    ok = [s["url"].split("/")[-1] for s in imported["steps"] if s["status"] == "ok"]
    assert ok == [s["url"].split("/")[-1] for s in bundled["steps"] if s["status"] == "ok"]


def test_written_journey_that_fails_validate_is_reported(tmp_path, capsys):
    script = tmp_path / "rec.py"
    script.write_text("def run(page):\n    page.goto('https://x.example/a')\n"
                      "    page.get_by_label('Photo').set_input_files('no-such-photo.jpg')\n", encoding="utf-8")
    out = tmp_path / "rec.yaml"
    assert main(["import", "codegen", str(script), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert out.is_file() and f"{out}:" in err and "no-such-photo.jpg' not found" in err
    assert "does not pass `journey-audit validate` yet" in err
