"""Each barrier has a page that shows it and an accessible version that must not trigger it.

Pages in tests/measure/pages/barriers/ are written for these tests from GOV.UK Design System, W3C WAI
tutorial and WCAG failure-technique patterns. The expected verdicts below were written before the
tool was run on the pages. All pages and the two survey journeys are replayed once, in one run.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from journey_audit.api import journeys_for_urls, run_journeys
from journey_audit.browser.runner import RunOptions
from journey_audit.loader import load_journeys

JOURNEYS = Path(__file__).with_name("journeys")

# page -> (finding ids that MUST be reported, finding ids that must NOT be reported)
FORM_PAIRS = {
    "radios_bad.html": ({"ungrouped-choices"}, set()),
    "radios_good.html": (set(), {"ungrouped-choices", "empty-legend"}),
    "radios_aria_good.html": (set(), {"ungrouped-choices", "empty-legend"}),
    "legend_empty.html": ({"empty-legend"}, {"ungrouped-choices"}),
    "search_bad.html": ({"search-placeholder-only"}, set()),
    "search_good.html": (set(), {"search-placeholder-only"}),
    "label_bad.html": ({"labels-not-tied", "unlabelled-fields"}, set()),
    "label_good.html": (set(), {"labels-not-tied", "unlabelled-fields"}),
    "hint_bad.html": ({"hints-not-tied"}, set()),
    "hint_good.html": (set(), {"hints-not-tied"}),
    "required_bad.html": ({"required-not-explained"}, set()),
    "required_good.html": (set(), {"required-not-explained"}),
    "order_bad.html": ({"focus-order-mismatch"}, set()),
    "order_good.html": (set(), {"focus-order-mismatch"}),
    "select_bad.html": ({"long-select-ungrouped"}, set()),
    "select_good.html": (set(), {"long-select-ungrouped"}),
    "table_bad.html": ({"table-without-markup"}, set()),
    "table_noheaders.html": ({"table-no-headers"}, set()),
    "table_good.html": (set(), {"table-no-headers", "table-without-markup"}),
    "links_bad.html": ({"vague-links"}, set()),
    "links_good.html": (set(), {"vague-links"}),
    "basics_bad.html": ({"page-title-missing", "page-lang-missing", "page-no-h1"}, set()),
    "basics_good.html": (set(), {"page-title-missing", "page-lang-missing", "page-no-h1"}),
}
# page -> dead-end kinds expected (kind -> blocking); pages that must NOT be dead ends map to {}
PHONE_PAGES = {
    "phone_table.html": {},          # a contact table cell is not "phone us"
    "phone_footer.html": {},         # a footer number is not a route
    "phone_image.html": {"phone_only": True},          # number only in the image's file name
    "phone_international.html": {"phone_only": True},  # +353 number, "phone ... to book"
}


@pytest.fixture(scope="session")
def barrier_run(site, tmp_path_factory):
    """One run of every barrier page, read (never changed) by the tests below. Session-scoped, not module-scoped:
    pytest-playwright runs the tests parametrized by ``page`` with its browser tests, apart from the others,
    and a module fixture would be set up twice."""
    pages = list(FORM_PAIRS) + list(PHONE_PAGES)
    journeys = journeys_for_urls([f"{site}/barriers/{p}" for p in pages]) + load_journeys([JOURNEYS])
    results = tmp_path_factory.mktemp("barriers")
    run = run_journeys(journeys, results_dir=results, workers=2,
                       options=RunOptions(base_url=site, allow_submit=True, axe=False, screenshots=False))
    by_page = {}
    for result in run.journeys:
        by_page[result["start_url"].rsplit("/", 1)[-1]] = result
    return by_page, run


@pytest.mark.parametrize("page", sorted(FORM_PAIRS))
def test_barrier_found_on_bad_page_and_not_on_accessible_version(barrier_run, page):
    result = barrier_run[0][page]
    must, must_not = FORM_PAIRS[page]
    ids = {f["id"] for f in result["findings"]}
    assert must <= ids, (page, sorted(ids))
    assert not (must_not & ids), (page, sorted(ids))
    for f in result["findings"]:
        if f["id"] in must and f["audit"] in ("form-barriers", "page-basics"):
            assert f["evidence"] and f["fix"] and f.get("kind") == "barrier"


@pytest.mark.parametrize("page", sorted(PHONE_PAGES))
def test_phone_only_needs_a_call_to_action_outside_tables_and_footers(barrier_run, page):
    result = barrier_run[0][page]
    assert {d["kind"]: d["blocking"] for d in result["dead_ends"]} == PHONE_PAGES[page]
    assert result["outcome"] == ("dead_end" if PHONE_PAGES[page] else "completed")


def test_accessible_error_list_posted_to_another_url_is_recognised(barrier_run):
    result = barrier_run[0]["survey_good.html"]
    assert result["outcome"] == "completed", result.get("error")
    check = next(s for s in result["steps"] if s["validation_check"])
    assert "/survey_good_errors.html" in check["url"]  # judged where the form landed
    ids = {f["id"] for f in result["findings"]}
    assert not ids & {"no-error-shown", "error-summary-missing", "error-summary-not-linked", "error-not-in-words",
                      "errors-not-announced", "error-messages-not-by-fields", "ungrouped-choices",
                      "required-not-explained", "no-confirmation"}, sorted(ids)
    assert result["metrics"]["submission_confirmed"] is True


def test_inaccessible_survey_shows_its_documented_barriers(barrier_run):
    result = barrier_run[0]["survey_bad.html"]
    assert result["outcome"] == "completed", result.get("error")
    ids = {f["id"] for f in result["findings"]}
    expected = {"unlabelled-fields", "ungrouped-choices", "labels-not-tied", "focus-order-mismatch",
                "error-not-in-words", "errors-not-announced", "error-summary-missing", "no-confirmation"}
    assert expected <= ids, sorted(expected - ids)
    assert result["metrics"]["submission_confirmed"] is False


def _judged(data: dict) -> dict:
    return {"outcome": data["outcome"], "reason": (data.get("outcome_reason") or {}).get("kind"),
            "dead_ends": data["dead_ends"], "friction": data["friction"],
            "findings": [(f["id"], f["evidence"], f["points"]) for f in data["findings"]]}


def test_rescore_of_the_stored_run_equals_the_fresh_run(barrier_run):
    import json

    from journey_audit.pipeline import assess_journey

    _, run = barrier_run
    for result in run.journeys:
        stored = json.loads((run.folder / "journeys" / f"{result.key}.json").read_text())
        assert _judged(assess_journey(stored)) == _judged(result.data), result.key


def test_an_improved_rule_changes_a_stored_result_when_rescored(barrier_run, monkeypatch):
    """The table rule re-judges saved facts: without it the contact-table page would be a phone-only dead end."""
    import json

    from journey_audit.audits.detectors import signals
    from journey_audit.pipeline import assess_journey

    by_page, run = barrier_run
    key = by_page["phone_table.html"].key
    stored = json.loads((run.folder / "journeys" / f"{key}.json").read_text())
    stored["steps"][0]["artifacts"]["content"]["main_text"] += "\nPlease call us to book a visit."
    monkeypatch.setattr(signals, "text_outside_tables", lambda text, tables: text)  # the old rule: tables count
    assert assess_journey(json.loads(json.dumps(stored)))["outcome"] == "dead_end"
    monkeypatch.undo()
    assert assess_journey(json.loads(json.dumps(stored)))["outcome"] == "completed"


def test_html_and_accessibility_tree_are_saved_once_per_dom_state(barrier_run):
    from bs4 import BeautifulSoup

    from journey_audit.audits.snapshots import aria_of, html_of

    result = barrier_run[0]["survey_good.html"]
    steps = [s for s in result["steps"] if s["status"] == "ok"]
    stored = [s for s in steps if s["artifacts"]["snapshot"].get("html_z")]
    assert 0 < len(stored) < len(steps)  # the fills did not change the DOM: no second copy
    for step in steps:
        soup = BeautifulSoup(html_of(result.data, step), "lxml")
        assert soup.find("h1") and not soup.find("script")
        tree = aria_of(result.data, step)
        assert "heading" in tree
        assert ("radio" in tree) == ("survey_good" in step["url"])  # the form pages, not the confirmation
