"""The journey JSON Schema agrees with the loader: same journeys accepted, same mistakes rejected."""

from __future__ import annotations

import itertools
import json
import textwrap
from pathlib import Path

import jsonschema
import pytest
import yaml
from test_loader import BAD_STEPS, GOOD  # tests/unit is on sys.path (pytest's default import mode)

from journey_audit.actions import REGISTRY, StepSyntaxError
from journey_audit.actions.base import LOCATOR_KEYS, MODIFIERS
from journey_audit.api import DEMO_JOURNEYS
from journey_audit.cli import main
from journey_audit.loader import TOP_LEVEL, JourneyFileError, discover, load_journey, step_url_problems
from journey_audit.schema.journey import MODIFIER_SCHEMAS, journey_schema

ROOT = Path(__file__).resolve().parents[2]
# Needs the file system, not the file's text: only `journey-audit validate` can know.
ONLY_THE_LOADER_KNOWS = {"file 'no-such-photo.jpg' not found"}


@pytest.fixture(scope="module")
def validator():
    schema = journey_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def schema_accepts(validator, text: str) -> bool:
    return validator.is_valid(yaml.safe_load(text))


def loader_accepts(tmp_path: Path, text: str) -> bool:
    path = tmp_path / "j.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        load_journey(path)
    except JourneyFileError:
        return False
    return True


@pytest.mark.parametrize("path", discover([ROOT / "journeys", DEMO_JOURNEYS]), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_bundled_journey_is_valid(validator, path):
    errors = [e.message for e in validator.iter_errors(yaml.safe_load(path.read_text(encoding="utf-8")))]
    assert errors == []


@pytest.mark.parametrize(("broken_line", "message"), BAD_STEPS)
def test_rejects_the_loaders_bad_steps(validator, tmp_path, broken_line, message):
    text = textwrap.dedent(GOOD).lstrip().replace("  - check: {label: I agree}", broken_line)
    assert not loader_accepts(tmp_path, text)
    if message in ONLY_THE_LOADER_KNOWS:
        assert schema_accepts(validator, text), "the schema cannot see files; it should not pretend to"
    else:
        assert not schema_accepts(validator, text), message


@pytest.mark.parametrize(("old", "new"), [
    ("start: /pothole", "start: ftp://x/y"),
    ("start: /pothole", "start: ''"),
    ("base_url: http://127.0.0.1:9999", "base_url: 127.0.0.1:9999"),
    ("council_id: testshire", "council_id: Testshire Council"),
    ("task: report-pothole", "tsk: report-pothole"),
    ("task: report-pothole\n", ""),
    ("council: Testshire Council", "council: '  '"),
    ("council: Testshire Council", "council: Testshire Council\npersona: nobody"),
    ("steps:\n", "steps: []\nold_steps:\n"),
    ("start: /pothole", "start: 'javascript:alert(1)'"),
    ("start: /pothole", "start: ' JaVa\tscript:alert(1)'"),
    ("base_url: http://127.0.0.1:9999", "base_url: 'data:text/html,hi'"),
    ("base_url: http://127.0.0.1:9999", "base_url: 'http://'"),
    ("council_id: testshire", "council_id: " + "a" * 65),
    ("task: report-pothole", "task: ../../etc"),
    ("  - check: {label: I agree}", "  - goto: file:///etc/passwd"),
    ("  - check: {label: I agree}", "  - goto: \"java\\tscript:alert(1)\""),
    ("  - check: {label: I agree}", "  - goto: {url: 'data:text/html,<b>x</b>'}"),
    ("  - check: {label: I agree}", "  - goto: 'http:/no-host'"),
    ("  - check: {label: I agree}", "  - click:"),
])
def test_rejects_the_loaders_bad_top_level(validator, tmp_path, old, new):
    text = textwrap.dedent(GOOD).lstrip()
    assert old in text
    text = text.replace(old, new)
    assert not loader_accepts(tmp_path, text)
    assert not schema_accepts(validator, text)


@pytest.mark.parametrize("target", ["/bins", "bins/missed", "https://example.gov.uk/bins?x=1", "HTTP://EXAMPLE.GOV.UK/",
                                    "/search?q=a:b"])
def test_web_gotos_and_paths_are_valid(validator, tmp_path, target):
    text = textwrap.dedent(GOOD).lstrip().replace("  - check: {label: I agree}", f"  - goto: '{target}'")
    assert loader_accepts(tmp_path, text) and schema_accepts(validator, text)


def test_an_id_of_exactly_the_limit_is_valid(validator, tmp_path):
    text = textwrap.dedent(GOOD).lstrip().replace("council_id: testshire", "council_id: " + "a" * 64)
    assert loader_accepts(tmp_path, text) and schema_accepts(validator, text)


def test_good_journey_with_dates_and_personas_is_valid(validator, tmp_path):
    text = textwrap.dedent(GOOD).lstrip().replace("{persona.postcode}", "{date.yesterday} {persona.email}")
    assert loader_accepts(tmp_path, text) and schema_accepts(validator, text)


def test_schema_describes_every_key_the_loader_and_actions_define():
    schema = journey_schema()
    assert set(schema["properties"]) == TOP_LEVEL
    assert all(schema["properties"][k].get("type") or "$ref" in schema["properties"][k] or k == "description"
               or "enum" in schema["properties"][k] or "anyOf" in schema["properties"][k]
               for k in TOP_LEVEL), "a top-level key is not described"
    assert set(schema["$defs"]["step"]["properties"]) == set(REGISTRY)
    assert set(MODIFIER_SCHEMAS) == set(MODIFIERS)


def _candidate_values(name: str):
    """Right and wrong ways to write each action, built from its declared arguments."""
    spec = REGISTRY[name].args
    own = {key: {"words": "Continue", "text": "Large", "value": "ZZ99 9ZZ", "url": "/next"}[kind] for key, kind in spec.required}
    yield from ("Continue", "", "   ", 5, True, None, ["Continue"], {}, "https://x.example/a", "mailto:a@b.c",
                "JavaScript:alert(1)", "http:/no-host", "/a?b=c:d")
    locators = [{key: "Continue"} for key in LOCATOR_KEYS] if spec.locator else [{}]
    for loc in locators:
        yield {**loc, **own}
        for key in own:
            yield {**loc, **{k: v for k, v in own.items() if k != key}}  # one own key missing
            for wrong in ("", "  ", 12, True, None, ["x"]):
                yield {**loc, **own, key: wrong}
        yield {**loc, **own, "colour": "blue"}
        for mod, good, bad in (("final", True, "yes"), ("expect_error", False, 1), ("timeout", 2.5, 0),
                               ("timeout", 3, -1), ("timeout", 3, True), ("note", "why", None)):
            yield {**loc, **own, mod: good}
            yield {**loc, **own, mod: bad}
    if spec.locator:
        yield {**own}  # no locator
        for a, b in itertools.combinations(LOCATOR_KEYS, 2):
            yield {a: "x", b: "y", **own}
        for key in LOCATOR_KEYS:
            for wrong in ("", " ", 7, False):
                yield {key: wrong, **own}


@pytest.mark.parametrize("action", sorted(REGISTRY))
def test_parser_and_schema_agree_on_every_way_to_write_a_step(validator, action):
    """The differential check that stops drift: each candidate is judged by the parser and by the schema."""
    base = yaml.safe_load(textwrap.dedent(GOOD))
    disagreements = []
    for raw in _candidate_values(action):
        try:
            parsed = not step_url_problems(REGISTRY[action].parse(raw, 1))  # the loader's checks after parsing
        except StepSyntaxError:
            parsed = False
        valid = validator.is_valid({**base, "steps": [{action: raw}]})
        if parsed != valid:
            disagreements.append(f"{action}: {json.dumps(raw)} parser={'ok' if parsed else 'rejects'} "
                                 f"schema={'ok' if valid else 'rejects'}")
    assert disagreements == []


def test_schema_command_prints_the_schema(capsys):
    assert main(["schema", "journey"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == json.loads(json.dumps(journey_schema()))


def test_schema_command_also_prints_the_result_schema(capsys):
    from journey_audit.schema import result_schema

    assert main(["schema", "result"]) == 0
    assert json.loads(capsys.readouterr().out) == result_schema()
