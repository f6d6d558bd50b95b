"""Done-when test of issue 14: the same short survey built accessibly and inaccessibly (pages/good.html,
pages/bad.html; see the comments at their top for the patterns and failures they follow).

Expected verdicts, written before running the tool on them:
* good: no barrier at all. Its only findings are advice (axe's best-practice `label-title-only` for the
  select named by its title, H65), so its top fixes hold no barrier. The error check passes the GOV.UK
  pattern, the radio answer is kept, the confirmation is found (reference, next steps).
* bad: barriers first: fields with no label (the three radios as one question, the select, the email
  box), axe `label`/`select-name`/`html-has-lang`, no error said in words (a red border only), and
  answers wiped by the error. Its first top fix is a barrier; advice (asterisks, landmarks) comes after.
* no advice outranks a barrier in either.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from journey_audit import RunOptions, load_journey
from journey_audit.scoring import ADVICE_PREFIX

pytestmark = pytest.mark.e2e
JOURNEYS = Path(__file__).with_name("journeys")


@pytest.fixture(scope="module")
def pair(pages_site, tmp_path_factory, run_in_shared_browser):
    journeys = [load_journey(JOURNEYS / f"{name}.yaml") for name in ("good", "bad")]
    run = run_in_shared_browser(journeys, results_dir=tmp_path_factory.mktemp("pair"),
                                options=RunOptions(base_urls={"parks-good": pages_site, "parks-bad": pages_site}))
    return {j["council_id"].removeprefix("parks-"): j for j in run.journeys}


def _kinds_in_order(journey) -> list[str]:
    """The kind of each top fix, read from the findings whose fix it is."""
    kinds = []
    for text in journey["top_fixes"]:
        fix = text.removeprefix(ADVICE_PREFIX)
        matching = {f["kind"] for f in journey["findings"] if fix.startswith(f["fix"])}
        assert matching, text
        kinds.append("barrier" if "barrier" in matching else "advice")
        assert text.startswith(ADVICE_PREFIX) == (kinds[-1] == "advice")
    return kinds


def test_both_versions_complete(pair):
    for name, journey in pair.items():
        assert journey.outcome == "completed", (name, journey.get("error"))
        assert all(f["kind"] in ("barrier", "advice") for f in journey["findings"])


def test_accessible_version_has_no_barrier(pair):
    good = pair["good"]
    barriers = [f["id"] for f in good["findings"] if f["kind"] == "barrier"]
    assert barriers == []
    assert "barrier" not in _kinds_in_order(good)
    assert {f["id"] for f in good["findings"]} >= {"axe-label-title-only"}
    title_only = next(f for f in good["findings"] if f["id"] == "axe-label-title-only")
    assert title_only["severity"] == "low" and title_only["impact"] == "serious"
    assert good["metrics"]["confirmation_page"] and good["metrics"]["error_handling_pass_rate"] == 1.0
    assert good["metrics"]["fields_total"] == 3  # the header's "Explore by topic" is not a question


def test_inaccessible_version_leads_with_barriers(pair):
    bad = pair["bad"]
    ids = {f["id"]: f for f in bad["findings"]}
    # The error shows only as a red question: shown, but not in words (one definition: audits/error_state.py).
    for barrier in ("unlabelled-fields", "axe-label", "axe-html-has-lang", "error-not-in-words", "values-cleared-on-error"):
        assert ids[barrier]["kind"] == "barrier", barrier
    kinds = _kinds_in_order(bad)
    assert kinds[0] == "barrier"
    assert kinds == sorted(kinds, key=lambda k: k != "barrier")  # no advice before a barrier
    assert bad["friction"]["index"] > pair["good"]["friction"]["index"] + 20
    # Questions in the user's words, never the HTML names res / t / em.
    unlabelled = ids["unlabelled-fields"]["evidence"]
    assert "Which park do you visit most?" in unlabelled and "Email address" in unlabelled
    assert not {"res", "t", "em"} & set(unlabelled)
    assert any("Which park do you visit most?" in e for e in ids["values-cleared-on-error"]["evidence"])
    assert "colour" in ids["error-not-in-words"]["fix"]
    assert bad["metrics"]["confirmation_page"]  # "Thank you for submitting" below a banner h1
