"""Friction index, stars and top fixes on hand-made journeys; profile loading and overrides."""

from __future__ import annotations

import re

import pytest
from measure_builders import axe, govuk_journey, legacy_journey, pdf_journey, step

from journey_audit.audits import assess
from journey_audit.scoring import load_profile
from journey_audit.scoring.compute import COMPONENTS


def test_profile_is_versioned_and_weights_cover_components():
    profile = load_profile()
    assert profile["version"] == "2026.3"
    assert set(profile["weights"]) == set(COMPONENTS)
    assert profile["klm"]["K"] == 0.28 and profile["klm"]["M"] == 1.35


def test_profile_override_merges_one_constant():
    profile = load_profile({"weights": {"content": 0}})
    assert profile["weights"]["content"] == 0 and profile["weights"]["forms"] == 20


def test_good_govuk_journey_scores_low_friction_and_four_stars():
    result = assess(govuk_journey())
    f = result["friction"]
    assert f["index"] < 10 and f["stars"] == 4
    assert f["components"]["error_handling"]["score"] == 0
    assert f["profile_version"] == "2026.3"
    assert set(result["metrics"]) >= {"steps", "pages", "clicks", "fields_total", "fields_required", "fields_unlabelled",
                                     "chars_typed", "klm_seconds", "wait_seconds", "a11y", "reading_age"}


def test_legacy_long_form_scores_clearly_worse_and_two_stars():
    good, bad = assess(govuk_journey())["friction"], assess(legacy_journey())["friction"]
    assert bad["index"] > good["index"] + 40
    assert bad["stars"] == 2
    # Barriers: unlabelled (40) + text beside fields not tied as labels (36) + placeholder-only (12) +
    # missing autocomplete (10), advice capped: the forms component is at its ceiling.
    assert bad["components"]["forms"]["score"] == 100
    assert "22 fields" in bad["components"]["forms"]["explanation"]


def test_blocking_dead_end_caps_at_one_star_with_high_friction():
    result = assess(pdf_journey())
    assert result["friction"]["stars"] == 1 and result["friction"]["index"] >= 75
    assert result["top_fixes"][0].startswith("Replace the downloadable form with an online form")
    assert result["findings"][0]["id"] == "dead-end-pdf-form"


def test_critical_axe_violation_caps_at_three_stars_and_at_two_on_a_form():
    j = govuk_journey()
    assert not j["steps"][0]["artifacts"]["forms"]["fields"]  # the start page has no form
    j["steps"][0]["artifacts"]["axe"] = axe([("button-name", "critical", ["#go"])])
    f = assess(j)["friction"]
    assert f["index"] <= 25 and f["stars"] == 3

    j = govuk_journey()
    assert j["steps"][3]["artifacts"]["forms"]["fields"]
    j["steps"][3]["artifacts"]["axe"] = axe([("button-name", "critical", ["#go"])])
    result = assess(j)
    assert result["friction"]["index"] <= 25 and result["friction"]["stars"] == 2  # essential criterion failed
    assert any("critical accessibility violation on a form" in e for e in result["metrics"]["essential_failures"])


def test_essential_failures_cap_at_two_but_blocking_dead_end_stays_one():
    from journey_audit.scoring.essentials import cap

    profile = {"stars": {"essential_max_stars": 2}}
    assert cap(4, {"essential_failures": ["x"]}, profile) == 2
    assert cap(1, {"essential_failures": ["x"]}, profile) == 1
    assert cap(4, {"essential_failures": []}, profile) == 4


def test_unmeasured_error_handling_is_left_out_of_the_index():
    f = assess(pdf_journey())["friction"]
    assert f["components"]["error_handling"]["score"] is None
    assert "Not measured" in f["components"]["error_handling"]["explanation"]


def test_top_fixes_rank_by_friction_points():
    result = assess(legacy_journey())
    points = [f["friction_points"] for f in result["findings"]]
    assert points == sorted(points, reverse=True) and points[0] > 0
    assert 1 <= len(result["top_fixes"]) <= 5
    assert "CAPTCHA" in result["top_fixes"][0]


def test_weights_from_profile_change_the_index():
    base = assess(legacy_journey())["friction"]["index"]
    heavier = assess(legacy_journey(), {"weights": {"forms": 60}})["friction"]["index"]
    assert heavier > base


def test_assess_is_pure_and_repeatable():
    j = govuk_journey()
    assert assess(j) == assess(j)


def test_assess_survives_probe_errors():
    j = govuk_journey()
    for s in j["steps"]:
        s["artifacts"] = {name: {"error": "TargetClosedError"} for name in s["artifacts"]}
    result = assess(j)
    assert result["metrics"]["fields_total"] == 0 and "audit_errors" not in result["metrics"]
    assert result["friction"]["components"]["accessibility"]["score"] is None


@pytest.mark.parametrize("status,expected", [(500, "http_error"), (404, "broken_link")])
def test_http_failures_are_blocking(status, expected):
    j = govuk_journey()
    j["steps"] = j["steps"][:2] + [step(2, "click", "/next", navigated=True, http_status=status, clicks=1)]
    result = assess(j)
    assert [d["kind"] for d in result["dead_ends"] if d["blocking"]] == [expected]
    assert result["friction"]["stars"] == 1


@pytest.mark.parametrize("text, message", [
    ("version: x\nweigths: {forms: 3}\n", "unknown section(s) weigths"),
    ("version: x\nweights: {form: 3}\n", "unknown weight 'form'"),
    ("version: x\nweights: {forms: lots}\n", "weight 'forms' must be a number"),
])
def test_a_misspelt_profile_is_an_error_not_ignored(tmp_path, text, message):
    from journey_audit.scoring.profile import ProfileError

    path = tmp_path / "profile.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ProfileError, match=re.escape(message)):
        load_profile(path)
    path.write_text("version: x\nweights: {forms: 40}\n", encoding="utf-8")
    assert load_profile(path)["weights"]["forms"] == 40
