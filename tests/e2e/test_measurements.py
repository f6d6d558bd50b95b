"""The measurements on the demo councils tell the councils apart the way the sites differ."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.e2e


def by_key(run):
    return {(j["council_id"], j["task"]): j for j in run.journeys}


def test_well_built_council_has_least_friction_on_every_task(demo_run):
    journeys = by_key(demo_run[2])
    for task in {t for _, t in journeys}:
        good, legacy, dead = (journeys[(c, task)] for c in ("brightwater", "mudford", "stonyfield"))
        assert good.outcome == "completed" and good["friction"]["stars"] >= 3, good["friction"]
        assert good["friction"]["index"] < legacy["friction"]["index"] < dead["friction"]["index"]
        assert legacy["friction"]["stars"] <= 2 and dead["friction"]["stars"] == 1
        assert dead.outcome == "dead_end"


def test_dead_end_kinds_match_what_the_site_does(demo_run):
    journeys = by_key(demo_run[2])
    expected = {"report-pothole": "pdf_form", "apply-parking-permit": "phone_only",
                "report-missed-bin": "broken_link", "book-bulky-waste": "session_expired"}
    for task, kind in expected.items():
        journey = journeys[("stonyfield", task)]
        assert journey["outcome_reason"]["kind"] == kind
        assert any(d["kind"] == kind and d["blocking"] and d["evidence"]["url"] for d in journey["dead_ends"])


def test_legacy_pothole_form_is_long_and_partly_unlabelled(demo_run):
    journeys = by_key(demo_run[2])
    legacy, good = journeys[("mudford", "report-pothole")], journeys[("brightwater", "report-pothole")]
    assert legacy["metrics"]["fields_total"] >= 20
    assert legacy["metrics"]["fields_unlabelled"] >= 3 and good["metrics"]["fields_unlabelled"] == 0
    named = {f["id"]: f["evidence"] for f in legacy["findings"]}
    assert len(named["unlabelled-fields"]) + len(named["placeholder-only-labels"]) == legacy["metrics"]["fields_unlabelled"]
    assert "County" in named["unlabelled-fields"]  # the words beside the field, not its HTML name "county"
    assert any(d["kind"] == "captcha" for d in legacy["dead_ends"])
    assert legacy["metrics"]["klm_seconds"] > good["metrics"]["klm_seconds"]


def test_accessibility_counts_differ_as_the_sites_do(demo_run):
    journeys = by_key(demo_run[2])
    for task in {t for _, t in journeys}:
        good, legacy = journeys[("brightwater", task)]["metrics"]["a11y"], journeys[("mudford", task)]["metrics"]["a11y"]
        assert good["critical"] == 0 and good["serious"] == 0
        assert legacy["critical"] + legacy["serious"] >= 5
    assert demo_run[2].journeys[0]["steps"][0]["artifacts"]["axe"]["version"]


def test_error_handling_probe_sees_govuk_pattern(demo_run):
    journeys = by_key(demo_run[2])
    good = journeys[("brightwater", "report-pothole")]["friction"]["components"]["error_handling"]
    legacy = journeys[("mudford", "report-pothole")]["friction"]["components"]["error_handling"]
    # Legacy: an error box is shown in words, but every answer is wiped (one of three barrier checks: a third
    # of the component's points), plus the GOV.UK pattern checks it misses (advice, capped at 8).
    assert good["score"] == 0 and legacy["score"] >= 40


def test_legacy_error_box_and_footer_phone_number_are_read_correctly(demo_run):
    journeys = by_key(demo_run[2])
    legacy = journeys[("mudford", "report-pothole")]
    assert "no-error-shown" not in {f["id"] for f in legacy["findings"]}, "the red error box is an error message"
    assert "values-cleared-on-error" in {f["id"] for f in legacy["findings"]}
    for task in ("report-pothole", "report-missed-bin", "book-bulky-waste", "apply-parking-permit"):
        kinds = {d["kind"] for d in journeys[("mudford", task)]["dead_ends"]}
        assert "phone_only" not in kinds, f"{task}: a phone number in the footer is not a phone-only service"
    pothole = journeys[("stonyfield", "report-pothole")]
    assert {d["kind"] for d in pothole["dead_ends"]} == {"pdf_form"}, "the emergency number is not the route"


def test_a_confirmation_page_after_a_real_submission_is_not_a_dead_end(demo, tmp_path, run_in_shared_browser):
    from journey_audit import DEMO_JOURNEYS, RunOptions, load_journey

    journey = load_journey(DEMO_JOURNEYS / "mudford" / "report-missed-bin.yaml")
    run = run_in_shared_browser([journey], results_dir=tmp_path / "r",
                                options=RunOptions(base_urls=dict(demo.base_urls), axe=False, allow_submit=True))
    result = run.journeys[0]
    assert result.outcome == "completed" and result["submitted"], result.get("outcome_reason")
