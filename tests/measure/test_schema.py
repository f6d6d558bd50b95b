"""The saved journey (runner fields + assess output) validates against result.schema.json."""

from __future__ import annotations

import json

from measure_builders import govuk_journey, legacy_journey, pdf_journey
from schema_check import errors

from journey_audit.audits import assess
from journey_audit.schema import result_schema


def test_schema_is_draft_2020_12():
    assert result_schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_assessed_journeys_validate_and_are_json():
    schema = result_schema()
    for build in (govuk_journey, legacy_journey, pdf_journey):
        data = build()
        data.update(assess(data))
        data = json.loads(json.dumps(data))
        assert errors(data, schema) == []


def test_schema_rejects_a_bad_record():
    data = govuk_journey()
    data.update(assess(data))
    data["outcome"] = "fine"
    data["friction"]["stars"] = 5
    data["dead_ends"] = [{"kind": "nope", "step": 1, "blocking": True, "evidence": {"url": "", "text": "", "screenshot": None}}]
    problems = errors(data, result_schema())
    assert any("outcome" in p for p in problems) and any("stars" in p for p in problems) and any("kind" in p for p in problems)
