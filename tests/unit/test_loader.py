"""Journey files: parsing, persona substitution, and path:line errors before any browser starts."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from journey_audit.api import DEMO_JOURNEYS
from journey_audit.loader import JourneyFileError, load_journey, load_journeys


def write(tmp_path: Path, text: str, name: str = "j.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


GOOD = """
council: Testshire Council
council_id: testshire
task: report-pothole
start: /pothole
base_url: http://127.0.0.1:9999
steps:
  - click: Start now
  - fill: {label: Postcode, value: "{persona.postcode}"}
  - choose: {label: "Where is it?", option: In the road}
  - select: {label: Size, option: Large}
  - check: {label: I agree}
  - upload: {label: Photo, file: pothole.jpg}
  - click: {name: Continue, expect_error: true}
  - expect: {text: Check your answers}
  - submit: {name: Send report, final: true}
"""


def test_parses_every_step_kind_with_lines_and_persona(tmp_path):
    journey = load_journey(write(tmp_path, GOOD))
    assert [s.action for s in journey.steps] == [
        "click", "fill", "choose", "select", "check", "upload", "click", "expect", "submit"]
    assert [s.line for s in journey.steps] == list(range(7, 16))
    fill = journey.steps[1]
    assert fill.locator.label == "Postcode" and fill.value and "{" not in fill.value
    assert journey.steps[6].expect_error and not journey.steps[5].expect_error
    assert journey.steps[-1].final
    assert journey.start_url() == "http://127.0.0.1:9999/pothole"
    assert journey.start_url("http://other:1/") == "http://other:1/pothole"


# Shared with test_journey_schema.py: the JSON Schema must reject these too (where a schema can know).
BAD_STEPS = [
    ("  - clik: Start now", "unknown action 'clik'"),
    ("  - fill: {label: Postcode}", "'fill' needs 'value: <text>'"),
    ("  - fill: {label: Postcode, css: input, value: x}", "exactly one of"),
    ("  - submit: {name: Send, final: yes please}", "'final' must be true or false"),
    ("  - fill: {label: Email, value: '{persona.shoe_size}'}", "no field 'shoe_size'"),
    ("  - choose: {label: Where}", "'choose' needs 'option: <text>'"),
    ("  - upload: {label: Photo, file: no-such-photo.jpg}", "file 'no-such-photo.jpg' not found"),
    ("  - check: {label: '{persona.nope}'}", "no field 'nope'"),
    ("  - fill: {label: Name, value: '{persona.name'}", "malformed persona reference"),
    ("  - click: {name: Go, expect_eror: true}", "expected one of: label, name, text, placeholder, css, final, expect_error"),
]


@pytest.mark.parametrize(("broken_line", "message"), BAD_STEPS)
def test_bad_step_reports_its_line(tmp_path, broken_line, message):
    text = GOOD.replace("  - check: {label: I agree}", broken_line)
    path = write(tmp_path, text)
    with pytest.raises(JourneyFileError) as err:
        load_journey(path)
    assert any(p.startswith(f"{path}:11: ") and message in p for p in err.value.problems), err.value.problems


def test_yaml_syntax_error_has_line(tmp_path):
    path = write(tmp_path, "council: x\ncouncil_id: y\nsteps:\n  - click: [unclosed\n")
    with pytest.raises(JourneyFileError) as err:
        load_journey(path)
    assert err.value.problems[0].startswith(f"{path}:") and "not valid YAML" in err.value.problems[0]


def test_missing_and_unknown_top_level_keys_all_reported(tmp_path):
    path = write(tmp_path, "council: X\ncouncil_id: Bad Id\ntsk: pothole\nsteps: []\n")
    with pytest.raises(JourneyFileError) as err:
        load_journey(path)
    text = "\n".join(err.value.problems)
    assert f"{path}:3: unknown key 'tsk'" in text
    assert "missing required key 'task'" in text and "missing required key 'start'" in text
    assert f"{path}:2: 'council_id' must be lower-case" in text
    assert f"{path}:4: 'steps' must be a non-empty list" in text


def test_duplicate_journeys_rejected(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    write(tmp_path / "a", GOOD)
    write(tmp_path / "b", GOOD)
    with pytest.raises(JourneyFileError, match="duplicate journey testshire/report-pothole"):
        load_journeys([tmp_path])


def test_bundled_demo_journeys_are_valid():
    journeys = load_journeys([DEMO_JOURNEYS])
    councils = {j.council_id for j in journeys}
    tasks = {j.task for j in journeys}
    assert len(councils) >= 3 and len(tasks) >= 3
    assert len(journeys) == len(councils) * len(tasks), "every council has a journey for every task"


def test_persona_fields_fill_locators_too(tmp_path):
    journey = load_journey(write(tmp_path, GOOD.replace("{label: I agree}", "{label: 'I am {persona.first_name}'}")))
    assert "{" not in journey.steps[4].locator.label


def test_start_must_be_a_path_or_web_url(tmp_path):
    with pytest.raises(JourneyFileError, match=":4: 'start' must be a path or an http"):
        load_journey(write(tmp_path, GOOD.replace("start: /pothole", "start: ftp://x/y")))


def test_relative_dates_are_filled_in_at_load_time(tmp_path):
    from datetime import date, timedelta

    journey = load_journey(write(tmp_path, GOOD.replace('value: "{persona.postcode}"', 'value: "{date.yesterday}"')))
    assert journey.steps[1].value == (date.today() - timedelta(days=1)).strftime("%d/%m/%Y")
