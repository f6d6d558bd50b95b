"""Mistakes a journey author makes are caught and named, never blamed on the council."""

from __future__ import annotations

from pathlib import Path

import pytest

from journey_audit import DEMO_JOURNEYS, RunOptions, load_journey

pytestmark = pytest.mark.e2e
PERMIT = (DEMO_JOURNEYS / "brightwater" / "apply-parking-permit.yaml").read_text()


@pytest.fixture
def replay(demo, tmp_path: Path, run_in_shared_browser):
    """Replay a journey (its YAML text) against the demo councils; its result."""

    def run(text: str, name: str = "j.yaml"):
        path = tmp_path / name
        path.write_text(text)
        return run_in_shared_browser([load_journey(path)], results_dir=tmp_path / "results",
                                     options=RunOptions(base_urls=dict(demo.base_urls), axe=False)).journeys[0]

    return run


def test_a_wrong_name_on_the_held_back_final_button_breaks_the_journey(replay):
    result = replay(PERMIT.replace("name: Submit application, final: true",
                                   "name: Apply and pay, final: true, timeout: 1"))
    assert result.outcome == "broken" and not result["stopped_before_submit"]
    assert "Apply and pay" in result["error"]["message"] and result["error"]["line"] == 21


def test_straight_quotes_match_the_sites_curly_ones(replay):
    result = replay(PERMIT.replace("What is the vehicle’s registration number?",
                                   "What is the vehicle's registration number?"))
    assert result.outcome == "completed", result.get("error")


def test_choose_names_the_missing_question_or_option(replay):
    result = replay(PERMIT.replace("option: 12 months (£80)", "option: 24 months, timeout: 1"))
    assert result.outcome == "broken"
    assert "no option '24 months'" in result["error"]["message"] and "12 months" in result["error"]["message"]
    result = replay(PERMIT.replace('label: "How long do you want the permit for?"',
                                   "label: Permit length, timeout: 1"))
    assert result.outcome == "broken" and "no question called 'Permit length'" in result["error"]["message"]


def test_a_validation_check_that_moves_on_is_the_journeys_mistake(replay):
    text = PERMIT.replace("  - fill: {label: Postcode, value: \"{persona.postcode}\"}\n  - click: Continue\n",
                          "  - fill: {label: Postcode, value: \"{persona.postcode}\"}\n"
                          "  - click: {name: Continue, expect_error: true}\n", 1)
    result = replay(text)
    assert result.outcome == "broken" and "expect_error" in result["error"]["message"]


def test_the_worked_example_in_the_docs_runs(replay):
    import re

    docs = (Path(__file__).resolve().parents[2] / "docs" / "journeys.md").read_text()
    example = re.search(r"```yaml\n(.*?)```", docs, re.S).group(1)
    result = replay(example)
    assert result.outcome == "completed" and result["stopped_before_submit"], result.get("error")
    assert result["friction"]["components"]["error_handling"]["score"] == 0
