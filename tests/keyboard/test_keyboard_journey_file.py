"""`keyboard: true` in a journey file: the loader and the editor schema agree on it (no browser)."""

from __future__ import annotations

import pytest
import yaml
from jsonschema import Draft202012Validator

from journey_audit.browser.runner import RunOptions
from journey_audit.loader import JourneyFileError, load_journey
from journey_audit.schema.journey import journey_schema

HEAD = "council: T\ncouncil_id: t\ntask: t\nstart: https://example.invalid/\n"
STEPS = "steps:\n  - click: Start now\n"


def test_keyboard_true_makes_the_journey_a_keyboard_one(tmp_path):
    path = tmp_path / "j.yaml"
    path.write_text(HEAD + "keyboard: true\n" + STEPS, encoding="utf-8")
    journey = load_journey(path)
    assert journey.keyboard is True
    assert RunOptions().mode_for(journey) == "keyboard"
    path.write_text(HEAD + STEPS, encoding="utf-8")
    plain = load_journey(path)
    assert plain.keyboard is False and RunOptions().mode_for(plain) == "mouse"
    assert RunOptions(keyboard=True).mode_for(plain) == "keyboard"


@pytest.mark.parametrize("value", ["yes please", "1", "[true]", ""])
def test_keyboard_must_be_true_or_false(tmp_path, value):
    path = tmp_path / "j.yaml"
    path.write_text(HEAD + f"keyboard: {value}\n" + STEPS, encoding="utf-8")
    with pytest.raises(JourneyFileError) as caught:
        load_journey(path)
    assert caught.value.problems[0].startswith(f"{path}:5: 'keyboard' must be true or false")
    schema = Draft202012Validator(journey_schema())
    assert list(schema.iter_errors(yaml.safe_load(HEAD + f"keyboard: {value}\n" + STEPS)))
    assert not list(schema.iter_errors(yaml.safe_load(HEAD + "keyboard: false\n" + STEPS)))
