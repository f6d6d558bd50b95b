"""Artifacts saved as changes from the previous step expand back exactly, and assessing is unchanged."""

from __future__ import annotations

import copy
import json

from measure_builders import govuk_journey, legacy_journey

from journey_audit.audits import assess
from journey_audit.pipeline import assess_journey
from journey_audit.probes import delta


def test_pack_then_expand_is_exact_and_smaller():
    journey = legacy_journey()
    full = copy.deepcopy(journey["steps"])
    delta.pack(journey["steps"])
    assert any(delta.is_packed(a) for s in journey["steps"] for a in s["artifacts"].values())
    assert len(json.dumps(journey["steps"])) < len(json.dumps(full)) * 0.7
    delta.expand(journey["steps"])
    assert journey["steps"] == full


def test_field_changes_are_kept_per_item():
    steps = [{"index": 0, "artifacts": {"forms": {"fields": [{"name": "a", "value_present": False, "x": 1},
                                                             {"name": "b", "value_present": False}], "questions": 2}}},
             {"index": 1, "artifacts": {"forms": {"fields": [{"name": "a", "value_present": True},
                                                             {"name": "b", "value_present": False}], "questions": 2}}}]
    full = copy.deepcopy(steps)
    delta.pack(steps, names=("forms",))
    delta.expand(steps)
    assert steps == full


def test_assess_journey_saves_packed_and_judges_like_full():
    for make in (govuk_journey, legacy_journey):
        expected = assess(make())
        saved = assess_journey(make())
        again = assess_journey(json.loads(json.dumps(saved)))  # a rescore of the stored file
        for data in (saved, again):
            assert data["friction"] == expected["friction"]
            assert [f["id"] for f in data["findings"]] == [f["id"] for f in expected["findings"]]
