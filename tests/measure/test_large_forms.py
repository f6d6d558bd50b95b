"""Large forms: every field counts, so a bigger form never scores better than a smaller one.

The probe describes at most ``ProbeOptions.max_fields`` fields one by one (200); before, the form
inventory counted only those, so a 5,000-field form scored like a 200-field one.
"""

from __future__ import annotations

from measure_builders import field, journey, step

from journey_audit.audits import assess
from journey_audit.probes import ProbeOptions, gather

DETAIL = ProbeOptions().max_fields


def form_journey(n: int, unlabelled_beyond: int = 0) -> dict:
    """A start page, then one form page with ``n`` labelled fields as the probe records them."""
    form = step(1, "click", "/form", navigated=True, clicks=1,
                fields=[field(f"f{i}") for i in range(min(n, DETAIL))], questions=min(n, DETAIL))
    form["artifacts"]["forms"]["fields_beyond_detail"] = {
        "fields": max(0, n - DETAIL), "unlabelled": unlabelled_beyond, "required": 0}
    return journey([step(0, "goto", "/start"), form])


def test_every_field_counts_past_the_probe_detail_cap():
    result = assess(form_journey(5000))
    assert result["metrics"]["fields_total"] == 5000
    assert "5000 pieces of information" in next(f["title"] for f in result["findings"] if f["id"] == "too-many-fields")


def test_more_fields_never_score_better():
    sizes = [1, 8, 9, 30, 31, DETAIL - 1, DETAIL, DETAIL + 1, 1000, 5000]
    indexes = [assess(form_journey(n))["friction"]["index"] for n in sizes]
    stars = [assess(form_journey(n))["friction"]["stars"] for n in sizes]
    assert indexes == sorted(indexes), dict(zip(sizes, indexes, strict=True))
    assert stars == sorted(stars, reverse=True), dict(zip(sizes, stars, strict=True))
    assert indexes[-1] > indexes[0]


def test_unlabelled_fields_past_the_cap_are_charged():
    labelled = assess(form_journey(DETAIL))
    hidden_problem = assess(form_journey(5000, unlabelled_beyond=300))
    assert hidden_problem["metrics"]["fields_unlabelled"] == 300
    assert any(f["id"] == "unlabelled-fields" and "300" in f["title"] for f in hidden_problem["findings"])
    assert hidden_problem["friction"]["index"] > labelled["friction"]["index"]


def test_probe_counts_fields_it_does_not_describe(page):
    labelled = "".join(f'<label for="f{i}">Field {i}</label><input id="f{i}" name="f{i}">' for i in range(500))
    bare = "".join(f'<input name="bare{i}">' for i in range(100))
    radios = "".join(f'<input type="radio" name="choice" value="{i}" aria-label="Choice {i}">' for i in range(5))
    page.set_content(f'<main><form action="/send" method="post">{labelled}{bare}{radios}'
                     '<input type="hidden" name="token"><button>Send</button></form></main>')
    forms = gather(page, ProbeOptions(axe=False))["forms"]
    assert len(forms["fields"]) == DETAIL
    # 500 + 100 + one radio group, minus the fields described one by one
    assert forms["fields_beyond_detail"] == {"fields": 500 + 100 + 1 - DETAIL, "unlabelled": 100, "required": 0}
