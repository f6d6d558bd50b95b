"""The saved journey (runner fields + assess output) validates against result.schema.json."""

from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator
from measure_builders import govuk_journey, legacy_journey, pdf_journey

from journey_audit.audits import assess
from journey_audit.schema import result_schema


def errors(data: dict) -> list[str]:
    validator = Draft202012Validator(result_schema())
    return ["/".join(map(str, e.absolute_path)) + ": " + e.message for e in validator.iter_errors(data)]


def test_schema_is_a_valid_draft_2020_12_schema():
    Draft202012Validator.check_schema(result_schema())


def test_assessed_journeys_validate_and_are_json():
    for build in (govuk_journey, legacy_journey, pdf_journey):
        data = build()
        data.update(assess(data))
        assert errors(json.loads(json.dumps(data))) == []


def test_schema_rejects_a_bad_record():
    data = govuk_journey()
    data.update(assess(data))
    data["outcome"] = "fine"
    data["friction"]["stars"] = 5
    data["dead_ends"] = [{"kind": "nope", "step": 1, "blocking": True, "evidence": {"url": "", "text": "", "screenshot": None}}]
    problems = errors(data)
    assert any("outcome" in p for p in problems) and any("stars" in p for p in problems)
    assert any("kind" in p or "nope" in p for p in problems)


@pytest.mark.e2e
def test_real_demo_results_validate(demo_run):
    for journey in demo_run[2].journeys:
        assert errors(journey.data) == [], journey.key
