"""Audits on hand-made artifacts (no browser): real numbers out of known inputs."""

from __future__ import annotations

import pytest
from measure_builders import field, govuk_journey, journey, legacy_journey, signals, step, summary

from journey_audit.audits import accessibility, content, effort, error_handling, form_inventory
from journey_audit.scoring import load_profile


@pytest.fixture(scope="module")
def profile() -> dict:
    return load_profile()


def ids(result: dict) -> set[str]:
    return {f["id"] for f in result["findings"]}


def test_form_inventory_counts_unique_fields_and_groups(profile):
    m = form_inventory.run(govuk_journey(), profile)["metrics"]
    # postcode, where (radio group counts once), details, full_name, email, phone
    assert m["fields_total"] == 6
    assert m["fields_unlabelled"] == 0
    # The service marks its optional phone number "(optional)" (GOV.UK's convention), so its other five
    # questions are asked as required.
    assert m["fields_required"] == 5
    assert m["fields_optional_marked"] == 1
    assert m["questions_max_per_page"] == 3
    assert m["one_thing_per_page"] == 0.75


def test_form_inventory_flags_legacy_form(profile):
    result = form_inventory.run(legacy_journey(), profile)
    m = result["metrics"]
    assert (m["fields_total"], m["fields_unlabelled"], m["fields_placeholder_only"]) == (22, 7, 2)
    assert m["fields_required"] == 20  # asterisk-marked
    assert m["questions_max_per_page"] == 22
    assert ids(result) >= {"too-many-fields", "unlabelled-fields", "placeholder-only-labels",
                           "asterisk-required-markers", "several-questions-per-page", "missing-autocomplete"}
    unlabelled = next(f for f in result["findings"] if f["id"] == "unlabelled-fields")
    assert unlabelled["points"] == 40 and "txtForename" in unlabelled["evidence"]


def test_personal_fields_detected_from_names_and_types():
    assert form_inventory.is_personal(field("txtPostCode", label=""))
    assert form_inventory.is_personal(field("x", type="email", label=""))
    assert not form_inventory.is_personal(field("ddlHear", label="How did you hear about us?"))
    assert not form_inventory.is_personal(field("where", type="radio", label="In the road"))


def test_effort_klm_matches_the_formula(profile):
    m = effort.run(govuk_journey(), profile)["metrics"]
    assert (m["steps"], m["pages"], m["clicks"], m["fields_filled"], m["chars_typed"]) == (7, 7, 7, 5, 86)
    expected = 7 * 1.35 + 5 * (1.35 + 1.10 + 0.20 + 0.40) + 86 * 0.28 + 7 * (1.10 + 0.20)
    assert m["klm_seconds"] == pytest.approx(expected, abs=0.05)
    assert m["klm_range"] == [round(expected * 0.79, 1), round(expected * 1.21, 1)]
    assert m["validation_checks"] == 1 and m["validation_round_trips"] == 0


def test_effort_klm_constants_come_from_the_profile():
    fast = load_profile({"klm": {"K": 0.12}})
    slow = effort.run(govuk_journey(), load_profile())["metrics"]["klm_seconds"]
    quick = effort.run(govuk_journey(), fast)["metrics"]["klm_seconds"]
    assert slow - quick == pytest.approx(86 * 0.16, abs=0.1)


def test_effort_counts_unexpected_errors_and_back_tracks(profile):
    j = journey([
        step(0, "goto", "/a", navigated=True),
        step(1, "click", "/b", navigated=True, clicks=1),
        step(2, "click", "/b", clicks=1, error_summary=summary(["x"])),
        step(3, "click", "/a", navigated=True, clicks=1),
    ])
    m = effort.run(j, profile)["metrics"]
    assert m["validation_round_trips"] == 1 and m["back_tracks"] == 1


def test_accessibility_counts_unique_rule_targets_across_steps(profile):
    result = accessibility.run(legacy_journey(), profile)
    a = result["metrics"]["a11y"]
    # 22 steps re-probe the same page: the same (rule, target) counts once.
    # WCAG failures by impact; 'region' is axe best practice, counted apart as advice.
    assert (a["critical"], a["serious"], a["moderate"], a["minor"], a["best_practice"]) == (5, 4, 0, 0, 1)
    assert a["rules"] == 4 and a["by_rule"]["label"] == 5
    label = next(f for f in result["findings"] if f["id"] == "axe-label")
    assert label["points"] == 24 and label["severity"] == "high"


def test_accessibility_keeps_incomplete_apart_and_counts_cut_pages(profile):
    j = govuk_journey()
    j["steps"][0]["artifacts"]["axe"]["incomplete"] = [
        {"id": "color-contrast", "impact": "serious", "nodes": 2, "targets": ["a", "b"], "help": "", "html": []}]
    j["steps"][1]["artifacts"]["axe"] = {"cut": True, "version": "4.12.1", "duration_ms": 10000}
    result = accessibility.run(j, profile)
    assert result["metrics"]["a11y"]["incomplete"] == 2
    assert result["metrics"]["a11y"]["serious"] == 0
    assert result["metrics"]["a11y"]["cut"] == 1
    assert "axe-cut" in ids(result)


def test_error_handling_passes_govuk_pattern(profile):
    result = error_handling.run(govuk_journey(), profile)
    assert result["findings"] == []
    assert result["metrics"]["error_handling_pass_rate"] == 1.0


def test_error_handling_fails_legacy_form_and_sees_cleared_values(profile):
    result = error_handling.run(legacy_journey(), profile)
    assert ids(result) == {"error-summary-missing", "error-summary-not-linked", "error-summary-not-focused",
                           "error-title-prefix-missing", "error-messages-not-by-fields", "errors-not-announced",
                           "values-cleared-on-error"}
    assert result["metrics"]["error_checks_passed"] == 2  # an error was at least shown, and in words
    # The barrier checks that apply (error shown and explained in words: passed; answers kept: failed) share
    # 100 points; the six GOV.UK pattern checks are advice at 100/9 each before scoring caps advice.
    by_id = {f["id"]: f for f in result["findings"]}
    assert by_id["values-cleared-on-error"]["points"] == pytest.approx(100 / 3, abs=0.01) and by_id["values-cleared-on-error"]["kind"] == "barrier"
    assert all(f["kind"] == "advice" and f["points"] == pytest.approx(100 / 9, abs=0.01) for f in result["findings"]
               if f["id"] != "values-cleared-on-error")


def test_error_handling_flags_no_error_shown(profile):
    j = journey([step(0, "goto", "/f", navigated=True, fields=[field("a")]),
                 step(1, "click", "/f", fields=[field("a")], validation=True, clicks=1)])
    assert "no-error-shown" in ids(error_handling.run(j, profile))


def test_content_reading_age_and_confirmation(profile):
    good = content.run(govuk_journey(), profile)
    assert good["metrics"]["reading_age"] is None  # under 100 words: too little text to judge (tests/measure/test_noise.py)
    assert good["metrics"]["confirmation_reference"] and good["metrics"]["confirmation_next_steps"]
    assert good["findings"] == []
    bad = content.run(legacy_journey(), profile)
    assert bad["metrics"]["reading_age"] is None
    assert "jargon-buttons" in ids(bad)


def test_content_flags_confirmation_without_reference_or_next_steps(profile):
    j = journey([step(0, "click", "/done", navigated=True, h1="Form submitted", text="Thank you.")])
    assert {"confirmation-no-reference", "confirmation-no-next-steps"} <= ids(content.run(j, profile))


def test_reading_age_needs_enough_words():
    assert content.reading_age("Too short to judge.") is None
    simple = " ".join(["The cat sat on the mat."] * 8)
    assert content.reading_age(simple) < 6


def test_signals_builder_defaults_have_no_route():
    assert signals()["online_route"]["fields"] == 0


def test_optional_marking_implies_the_journeys_other_fields_are_required(profile):
    """GOV.UK Design System: mark the optional questions "(optional)", not the required ones. A service that does
    so asks its unmarked questions as required, on every page of the journey (one question per page leaves most
    pages with nothing to mark); a journey that marks nothing tells nothing."""
    contact = [field("full_name", label="Full name"), field("email", type="email", label="Email address"),
               field("phone", type="tel", label="Phone number (optional)", optional_marker=True)]
    marked = journey([step(0, "goto", "/where", navigated=True, fields=[field("street", label="Which street?")]),
                      step(1, "click", "/contact", navigated=True, fields=contact, clicks=1)])
    m = form_inventory.run(marked, profile)["metrics"]
    assert (m["fields_total"], m["fields_required"]) == (4, 3)
    unmarked = [field("full_name", label="Full name"), field("email", type="email", label="Email address")]
    m = form_inventory.run(journey([step(0, "goto", "/contact", navigated=True, fields=unmarked)]), profile)["metrics"]
    assert (m["fields_total"], m["fields_required"]) == (2, 0)
