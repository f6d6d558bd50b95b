"""The stars agree with the labelled set (expected stars written down before scoring): at least 90% of
cases within one star, every deliberately inaccessible form at most 2 stars, every GOV.UK-pattern form at
least 3. The whole set is replayed once in Chromium against its own local server."""

from __future__ import annotations

from pathlib import Path

import pytest

from journey_audit.commands.calibrate import Case, agreement, calibrate, load_labels

LABELS = Path(__file__).with_name("labels.yaml")


@pytest.fixture(scope="module")
def calibrated(tmp_path_factory):
    return calibrate(LABELS, tmp_path_factory.mktemp("calibrate"))


def test_labelled_set_is_large_and_covers_both_kinds_of_form():
    _, cases = load_labels(LABELS)
    assert len(cases) >= 24
    groups = {c.group for c in cases}
    assert {"govuk_form", "inaccessible_form", "dead_end", "info"} <= groups


def test_stars_agree_with_the_labels(calibrated):
    cases, stars, results = calibrated
    a = agreement(cases, stars)
    assert a["not_scored"] == [], {c: results[c].get("error") for c in a["not_scored"]}
    assert a["within_one_share"] >= 0.9, stars
    for case in cases:
        if case.group == "inaccessible_form":
            assert stars[case.id] <= 2, (case.id, results[case.id]["findings"])
        if case.group == "govuk_form":
            assert stars[case.id] >= 3, (case.id, [f["id"] for f in results[case.id]["findings"]])
    assert a["group_rule_failures"] == []


def test_no_noise_on_the_good_examples(calibrated):
    cases, _, results = calibrated
    noise = {"reading-age-high", "dead-end-phone-only", "missing-autocomplete", "ungrouped-choices",
             "labels-not-tied", "hints-not-tied", "required-not-explained", "focus-order-mismatch", "vague-links",
             "page-title-missing", "page-lang-missing", "page-no-h1", "essential-criteria-failed"}
    for case in cases:
        if case.group in ("govuk_form", "info"):
            found = {f["id"] for f in results[case.id]["findings"]} & noise
            assert not found, (case.id, found)


def test_agreement_counts_exact_and_within_one():
    cases = [Case("a", 4, "govuk_form", page="x"), Case("b", 2, "inaccessible_form", page="y"),
             Case("c", 1, "dead_end", page="z")]
    a = agreement(cases, {"a": 3, "b": 4, "c": None})
    assert (a["exact"], a["within_one"], a["not_scored"]) == (0, 1, ["c"])
    assert a["group_rule_failures"] == ["b"]


def test_bad_labels_file_is_named(tmp_path):
    bad = tmp_path / "labels.yaml"
    bad.write_text("cases:\n  - {id: x, expected: 7, page: a.html}\n")
    with pytest.raises(ValueError, match="case 1"):
        load_labels(bad)


def test_calibrate_command_reports_bad_labels_as_usage_error(tmp_path, capsys):
    from journey_audit.cli import main

    assert main(["calibrate", str(tmp_path / "missing.yaml"), "--results", str(tmp_path / "r")]) == 2
    assert "cannot read labels" in capsys.readouterr().err
