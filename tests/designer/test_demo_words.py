"""On the demo forms, field findings name questions as users see them: no HTML `name` appears in their
evidence where the field has a label (Mudford's legacy form labels its field `street` "Address Line 1")."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.e2e
FIELD_FINDINGS = {"too-many-fields", "unlabelled-fields", "placeholder-only-labels", "asterisk-required-markers",
                  "missing-autocomplete", "values-cleared-on-error"}


def _labelled_names(journey) -> dict[str, str]:
    names = {}
    for step in journey["steps"]:
        for f in ((step.get("artifacts") or {}).get("forms") or {}).get("fields", []):
            words = (f.get("legend") if f.get("type") in ("radio", "checkbox") else "") or f.get("label") or f.get("aria_label")
            if f.get("name") and words and f["name"].lower() not in words.lower():
                names[f["name"]] = words
    return names


def test_field_findings_use_labels_not_html_names(demo_run):
    code, _, run, _ = demo_run
    checked = 0
    for journey in run.journeys:
        names = _labelled_names(journey)
        for finding in journey["findings"]:
            if finding["id"] not in FIELD_FINDINGS:
                continue
            items = [part.strip() for e in finding["evidence"] for part in e.removeprefix("answers lost: ").split(";")]
            leaked = [i for i in items if i in names]
            assert not leaked, (journey.key, finding["id"], {n: names[n] for n in leaked})
            checked += len(items)
    mudford = next(j for j in run.journeys if j.key == "mudford--report-pothole")
    assert "street" in _labelled_names(mudford)  # labelled "Address Line 1": the name must not be shown
    assert checked > 10
