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
    ("  - fill: {label: Postcode, valu: x}", "unknown key 'valu'"),  # the misspelling is named, not 'needs value'
    ("  - choose: {label: Where, optoin: x}", "unknown key 'optoin'"),
    ("  - select: {label: Size, optoin: x}", "unknown key 'optoin'"),
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


@pytest.mark.parametrize(("text", "line", "hint"), [
    ("council: x\nsteps:\n  - click: Go\n   - click: Next\n", 4, "check the indentation of this line"),
    ("council: x\nsteps:\n\t- click: Go\n", 3, "indent with spaces, not tabs"),
    ("council: x\nsteps:\n  - click: [Go\n  - click: Next\n", 4, "flow sequence that starts on line 3"),
    ('council: "x\nsteps: []\n', 3, "quoted scalar that starts on line 1"),
])
def test_yaml_mistakes_say_what_to_look_for(tmp_path, text, line, hint):
    path = write(tmp_path, text)
    with pytest.raises(JourneyFileError) as err:
        load_journey(path)
    problem = err.value.problems[0]
    assert problem.startswith(f"{path}:{line}: not valid YAML: ") and hint in problem, problem


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


# What `run` cannot run is refused by `validate`, with the file and line, never a traceback.
@pytest.mark.parametrize(("broken_line", "message"), [
    ("  - click:", "click: no value given"),
    ("  - fill:", "fill: no value given"),
    ("  - goto:", "goto: no value given"),
    ("  - goto: file:///etc/passwd", "file: addresses cannot be audited"),
    ("  - goto: javascript:alert(1)", "javascript: addresses cannot be audited"),
    ("  - goto: ' JavaScript:alert(1)'", "javascript: addresses cannot be audited"),
    ("  - goto: \"java\\tscript:alert(1)\"", "javascript: addresses cannot be audited"),
    ("  - goto: 'data:text/html,<script>alert(1)</script>'", "data: addresses cannot be audited"),
    ("  - goto: {url: 'file:/etc/passwd'}", "file: addresses cannot be audited"),
    ("  - goto: 'http:/no-host'", "has no host"),
])
def test_unrunnable_steps_are_refused_with_their_line(tmp_path, broken_line, message):
    path = write(tmp_path, GOOD.replace("  - check: {label: I agree}", broken_line))
    with pytest.raises(JourneyFileError) as err:
        load_journey(path)
    assert any(p.startswith(f"{path}:11: ") and message in p for p in err.value.problems), err.value.problems


def test_web_gotos_and_paths_are_accepted(tmp_path):
    for target in ("/bins", "bins/missed", "https://example.gov.uk/bins?x=1", "HTTP://EXAMPLE.GOV.UK/"):
        journey = load_journey(write(tmp_path, GOOD.replace("  - check: {label: I agree}", f"  - goto: '{target}'")))
        assert journey.steps[4].value == target


@pytest.mark.parametrize(("old", "new", "line", "message"), [
    ("start: /pothole", "start: file:///etc/passwd", 4, "'start' must be a path or an http(s) URL: file:"),
    ("start: /pothole", "start: 'javascript:alert(1)'", 4, "javascript: addresses cannot be audited"),
    ("base_url: http://127.0.0.1:9999", "base_url: 'data:text/html,hi'", 5, "'base_url' must be an http(s) URL: data:"),
    ("base_url: http://127.0.0.1:9999", "base_url: www.example.gov.uk", 5, "'base_url' must be an http(s) URL, not"),
    ("council_id: testshire", "council_id: " + "a" * 65, 2, "'council_id' is 65 characters long; keep it to 64"),
    ("task: report-pothole", "task: " + "t" * 300, 3, "'task' is 300 characters long"),
    ("task: report-pothole", "task: ../../etc", 3, "'task' must be lower-case letters, digits and dashes"),
])
def test_unrunnable_headers_are_refused_with_their_line(tmp_path, old, new, line, message):
    path = write(tmp_path, GOOD.replace(old, new))
    with pytest.raises(JourneyFileError) as err:
        load_journey(path)
    assert any(p.startswith(f"{path}:{line}: ") and message in p for p in err.value.problems), err.value.problems


def test_an_id_of_exactly_the_limit_is_fine(tmp_path):
    assert load_journey(write(tmp_path, GOOD.replace("council_id: testshire", "council_id: " + "a" * 64))).council_id


def test_a_path_start_needs_a_base_url_unless_the_run_gives_one(tmp_path):
    path = write(tmp_path, GOOD.replace("base_url: http://127.0.0.1:9999\n", ""))
    with pytest.raises(JourneyFileError) as err:
        load_journey(path)
    assert any(p.startswith(f"{path}:4: 'start' is a path") and "no base_url" in p for p in err.value.problems)
    assert load_journey(path, base_url_given=True).start == "/pothole"
    full = write(tmp_path, GOOD.replace("base_url: http://127.0.0.1:9999\n", "").replace(
        "start: /pothole", "start: https://example.gov.uk/pothole"), name="full.yaml")
    assert load_journey(full).start_url() == "https://example.gov.uk/pothole"


def test_validate_command_exits_2_with_file_and_line_not_a_traceback(tmp_path, capsys):
    from journey_audit import cli

    path = write(tmp_path, GOOD.replace("  - check: {label: I agree}", "  - click:").replace(
        "base_url: http://127.0.0.1:9999\n", ""))
    assert cli.main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"{path}:10: click: no value given" in err and f"{path}:4: 'start' is a path" in err
    assert "Traceback" not in err
    assert cli.main(["validate", str(path), "--base-url", "http://127.0.0.1:1"]) == 2  # the empty click remains
    err = capsys.readouterr().err
    assert "no value given" in err and "'start' is a path" not in err


@pytest.mark.parametrize(("key", "message"), [
    ("keyboard", "'keyboard' must be true or false, not nothing"),
    ("expect_outcome", "'expect_outcome' is 'dead_end', 'completed'"),
])
def test_a_top_level_key_with_nothing_after_it_is_a_problem_at_its_line(tmp_path, key, message):
    path = write(tmp_path, GOOD.replace("steps:", f"{key}:\nsteps:"))
    with pytest.raises(JourneyFileError) as err:
        load_journey(path)
    assert len(err.value.problems) == 1 and err.value.problems[0].startswith(f"{path}:6: {message}")


def test_every_whole_journey_in_the_authoring_guide_is_valid(tmp_path):
    """A reader copies these examples: each fenced YAML block that is a whole journey must load as written."""
    import re

    docs = (Path(__file__).resolve().parents[2] / "docs" / "journeys.md").read_text(encoding="utf-8")
    blocks = [b for b in re.findall(r"```yaml\n(.*?)```", docs, re.S) if re.search(r"^steps:", b, re.M)]
    assert len(blocks) >= 2, "the worked example and the keyboard example"
    for i, block in enumerate(blocks):
        path = tmp_path / f"example-{i}.yaml"
        path.write_text(block, encoding="utf-8")
        assert load_journey(path).steps, block


def test_every_yaml_file_the_user_writes_reports_a_mistake_the_same_way(tmp_path):
    """Journeys, budgets, scoring profiles and task vocabularies: ``path:line: not valid YAML: ...`` + hint."""
    from journey_audit.analysis.budgets import BudgetError, load_budgets
    from journey_audit.explore.vocabulary import VocabularyError, load_vocabularies
    from journey_audit.scoring.profile import ProfileError, load_profile

    text = "version: 1\ndefault:\n  max_friction: 60\n   max_steps: 12\n"  # one line indented one space too far
    path = write(tmp_path, text, "file.yaml")
    for load, error in ((load_journey, JourneyFileError), (load_budgets, BudgetError),
                        (load_profile, ProfileError), (load_vocabularies, VocabularyError)):
        with pytest.raises(error) as err:
            load(path)
        message = err.value.problems[0] if isinstance(err.value, JourneyFileError) else str(err.value)
        assert message.startswith(f"{path}:4: not valid YAML: ") and "check the indentation" in message, message
