"""Barriers and advice, scoring of advice, plain fix texts, vague buttons, and one word per meaning."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "measure"))
from measure_builders import axe, field, govuk_journey, journey, step  # noqa: E402

from journey_audit.audits import accessibility, assess, content, form_inventory  # noqa: E402
from journey_audit.audits.kinds import axe_kind, axe_severity  # noqa: E402
from journey_audit.expected_outcome import judge, parse_expect_outcome  # noqa: E402
from journey_audit.scoring import ADVICE_PREFIX, STAR_WORDS, load_profile, top_fixes  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def profile() -> dict:
    return load_profile()


@pytest.mark.parametrize(("tags", "impact", "kind", "severity"), [
    (["cat.forms", "wcag2a", "wcag412"], "critical", "barrier", "high"),
    (["wcag2aa", "wcag143"], "serious", "barrier", "high"),
    (["wcag2a", "wcag131"], "moderate", "barrier", "medium"),   # moderate is moderate, never "minor"
    (["wcag2a"], "minor", "barrier", "low"),
    (["cat.forms", "best-practice"], "serious", "advice", "low"),  # label-title-only is not "high"
    (["cat.keyboard", "best-practice"], "moderate", "advice", "low"),  # region, landmark-one-main
])
def test_axe_impact_and_best_practice_tag_decide_kind_and_severity(tags, impact, kind, severity):
    assert axe_kind(tags) == kind
    assert axe_severity(impact, kind) == severity


def test_axe_findings_carry_kind_impact_and_a_fix_that_is_not_the_rule_name(profile):
    j = govuk_journey()
    j["steps"][1]["artifacts"]["axe"] = axe([("label", "critical", ["#a"]), ("region", "moderate", ["footer"]),
                                            ("some-new-rule", "moderate", ["#x", "#y"])])
    found = {f["id"]: f for f in accessibility.run(j, profile)["findings"]}
    assert (found["axe-label"]["kind"], found["axe-region"]["kind"]) == ("barrier", "advice")
    assert found["axe-some-new-rule"]["severity"] == "medium" and found["axe-some-new-rule"]["impact"] == "moderate"
    for f in found.values():  # says what to change, never "Fix 'label'"
        assert f"'{f['id'].removeprefix('axe-')}'" not in f["fix"] and not f["fix"].startswith("Fix")
    a11y = accessibility.run(j, profile)["metrics"]["a11y"]
    assert (a11y["moderate"], a11y["best_practice"]) == (2, 2)  # region is counted as advice, apart


def test_every_finding_has_a_kind_and_advice_is_capped(profile):
    result = assess(govuk_journey())
    assert result["findings"] and all(f["kind"] in ("barrier", "advice") for f in result["findings"])
    caps = profile["advice"]
    for component in {f["component"] for f in result["findings"]}:
        advice = [f["points"] for f in result["findings"] if f["component"] == component and f["kind"] == "advice"]
        assert all(p <= caps["each_max"] for p in advice) and sum(advice) <= caps["component_max"] + 0.05


def test_advice_never_outranks_a_barrier_in_top_fixes():
    findings = [
        {"id": "several-questions-per-page", "kind": "advice", "fix": "Split the page.", "title": "Crowded", "friction_points": 30.0},
        {"id": "axe-label", "kind": "barrier", "fix": "Label the fields.", "title": "No labels", "friction_points": 0.5},
    ]
    fixes = top_fixes(findings)
    assert fixes[0].startswith("Label the fields.") and fixes[1].startswith(ADVICE_PREFIX + "Split the page.")


def test_unlabelled_form_never_scores_better_than_the_labelled_one(profile):
    """Labelled personal fields without autocomplete are charged; the same fields unlabelled must cost more."""
    names = ["full_name", "email", "phone"]
    labelled = [field(n, label=n.replace("_", " ").title()) for n in names]
    unlabelled = [field(f"q{i}", labelled=False, label="", id="") for i in range(3)]
    forms = {name: form_inventory.run(journey([step(0, "goto", "/f", navigated=True, fields=fs)]), profile)
             for name, fs in (("labelled", labelled), ("unlabelled", unlabelled))}
    points = {name: sum(f["points"] for f in r["findings"]) for name, r in forms.items()}
    assert "missing-autocomplete" in {f["id"] for f in forms["labelled"]["findings"]}
    assert points["unlabelled"] > points["labelled"]
    unl = next(f for f in forms["unlabelled"]["findings"] if f["id"] == "unlabelled-fields")
    assert "cannot offer to fill them in" in unl["detail"] and unl["kind"] == "barrier"


def test_go_beside_a_single_labelled_question_is_not_vague(profile):
    """The accessible replacement for a list that jumps away on change is not charged as vague wording."""
    places = field("place", tag="select", type="select", label="Choose a park", form=1)
    s = step(0, "goto", "/parks", navigated=True, fields=[places], buttons=["Go"])
    s["artifacts"]["forms"]["buttons"] = [{"text": "Go", "form": 1}]
    assert content.vague_buttons(journey([s])) == []
    two = step(0, "goto", "/parks", navigated=True, fields=[places, field("name", form=1)], buttons=["Go"])
    two["artifacts"]["forms"]["buttons"] = [{"text": "Go", "form": 1}]
    assert content.vague_buttons(journey([two])) == ["Go"]


def test_confirmation_is_read_from_the_main_content(profile):
    s = step(0, "click", "/vote/done", navigated=True, h1="Parkside Council",
             text="Park survey\nThank you for submitting your vote.\nWe will publish the results within 4 weeks.")
    s["artifacts"]["content"]["main_headings"] = ["Park survey"]
    result = content.run(journey([s]), profile)
    assert result["metrics"]["confirmation_page"] and result["metrics"]["confirmation_next_steps"]


def test_star_words_are_the_same_in_docs_report_and_terminal():
    docs = (ROOT / "docs" / "measurements.md").read_text(encoding="utf-8")
    said = dict((int(n), w) for n, w in re.findall(r"(\d) stars?: ([a-z ]+?)[,.;]", docs.split("**Stars**")[1][:400]))
    assert said == STAR_WORDS
    report = (ROOT / "journey_audit" / "reports" / "html" / "templates" / "report.html").read_text(encoding="utf-8")
    assert "star_word(4)" in report and "(good)" not in report
    terminal = (ROOT / "journey_audit" / "reports" / "terminal.py").read_text(encoding="utf-8")
    assert "STAR_WORDS" in terminal


def test_expect_outcome_parses_and_judges():
    assert parse_expect_outcome("dead_end") == {"outcome": "dead_end"}
    assert parse_expect_outcome({"outcome": "dead_end", "kind": "pdf_form"}) == {"outcome": "dead_end", "kind": "pdf_form"}
    for bad in ("broken", {"outcome": "dead_end", "kind": "pdf"}, {"outcome": "completed", "kind": "pdf_form"}, ["dead_end"]):
        with pytest.raises(ValueError):
            parse_expect_outcome(bad)
    data = {"outcome": "dead_end", "outcome_reason": {"kind": "pdf_form"}, "dead_ends": [],
            "expect_outcome": {"outcome": "dead_end", "kind": "pdf_form"}}
    assert judge(data)["met"]
    moved = {**data, "outcome": "completed", "outcome_reason": None}
    verdict = judge(moved)
    assert not verdict["met"] and "expected dead end (pdf_form)" in verdict["message"]
