"""Probes on real pages in Chromium (served from tests/measure/pages), then detectors and assess."""

from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator

from journey_audit.audits import assess, detect_dead_ends
from journey_audit.probes import PROBES, ProbeOptions, gather
from journey_audit.schema import result_schema

NO_AXE = ProbeOptions(axe=False)


def record(page, index: int, action: str, response=None, *, navigated: bool = True, options=NO_AXE, **kw) -> dict:
    """A step record shaped like the runner's, with artifacts from the live page."""
    out = {"index": index, "action": action, "target": "", "line": None, "status": "ok", "url": page.url,
           "title": page.title(), "http_status": response.status if response else None, "navigated": navigated,
           "started_at": None, "duration_ms": 10.0, "wait_ms": 10.0, "chars_typed": 0, "clicks": 0,
           "fields_filled": 0, "validation_check": False, "screenshot": None, "error": None}
    out.update(kw)
    out["artifacts"] = gather(page, options)
    return out


@pytest.mark.parametrize("path,expected", [
    ("govuk_start.html", {}),
    ("govuk_q1.html", {}),
    ("govuk_q3.html", {}),
    ("govuk_check.html", {}),
    ("govuk_done.html", {}),
    ("legacy_form.html", {"captcha": False}),
    ("pdf_only.html", {"pdf_form": True}),           # PDF by type=application/pdf, no ".pdf" in href
    ("word_form.html", {"pdf_form": True}),          # a .docx form, no <main>
    ("phone_only.html", {"phone_only": True}),       # number in text only, role=main, search box in header
    ("email_only.html", {"email_only": True}),
    ("login.html", {"login_wall": True}),            # password box with no <form>, "Log in" link-button
    ("login_guest.html", {"login_wall": False}),
    ("captcha.html", {"captcha": False}),
    ("session_expired.html", {"session_expired": True}),  # wording rendered by script
    ("soft_404.html", {"http_error": True}),         # "can't find that page" with HTTP 200
    ("status/500", {"http_error": True}),
    ("missing.html", {"http_error": True}),
])
def test_detectors_on_pages(page, site, path, expected):
    response = page.goto(f"{site}/{path}")
    step = record(page, 0, "goto", response)
    assert {d["kind"]: d["blocking"] for d in detect_dead_ends(step)} == expected


def test_followed_link_to_404_is_broken_link(page, site):
    page.goto(f"{site}/govuk_start.html")
    response = page.goto(f"{site}/nowhere.html")
    step = record(page, 1, "click", response)
    assert [(d["kind"], d["blocking"]) for d in detect_dead_ends(step)] == [("broken_link", True)]


def test_offsite_handoff_seen_from_referrer(page, site):
    page.goto(f"{site}/handoff.html")
    with page.expect_navigation():
        page.click("#go")
    step = record(page, 1, "click")
    assert {d["kind"]: d["blocking"] for d in detect_dead_ends(step)} == {"offsite_handoff": False}


def test_gather_returns_every_probe_and_is_json(page, site):
    page.goto(f"{site}/govuk_q3.html")
    artifacts = gather(page, ProbeOptions(axe_budget_s=5))
    assert list(artifacts) == [p.name for p in PROBES] == ["page", "forms", "links", "page_parts", "content", "snapshot", "axe", "layout"]
    json.dumps(artifacts)
    assert artifacts["layout"] == {"skipped": True}  # layout facts are for phone-sized pages only
    fields = {f["name"]: f for f in artifacts["forms"]["fields"]}
    assert set(fields) == {"full_name", "email", "phone"}
    assert fields["email"]["labelled"] and fields["email"]["autocomplete"] == "email"
    assert fields["phone"]["optional_marker"]
    assert artifacts["forms"]["questions"] == 3
    assert artifacts["axe"]["version"].startswith("4.") and artifacts["axe"]["cut"] is False
    assert artifacts["page"]["markers"][:1] == ["govuk-template"]


def test_legacy_form_facts(page, site):
    page.goto(f"{site}/legacy_form.html")
    a = gather(page, ProbeOptions(axe_budget_s=5))
    fields = {f["name"]: f for f in a["forms"]["fields"]}
    assert not fields["txtForename"]["labelled"] and fields["txtForename"]["asterisk"]
    assert fields["txtAddr2"]["placeholder_only"]
    assert a["forms"]["questions"] >= 20
    rules = {v["id"]: v for v in a["axe"]["violations"]}
    assert {"label", "color-contrast", "html-has-lang"} <= set(rules)
    assert len(rules["label"]["html"]) <= 3
    assert a["axe"]["incomplete"] is not None


def test_error_summary_focus_and_messages(page, site):
    page.goto(f"{site}/govuk_q1.html")
    page.get_by_role("button", name="Continue").click()
    a = gather(page, NO_AXE)
    summary = a["forms"]["error_summary"]
    assert summary["present"] and summary["focused"] and summary["role_alert"]
    assert summary["links"][0]["to_field"] is True
    field = a["forms"]["fields"][0]
    assert field["error_message"].endswith("Enter the postcode of the pothole") and field["error_linked"]
    assert a["page"]["title"].startswith("Error:")


def test_axe_is_cut_when_over_budget(page, site):
    page.goto(f"{site}/legacy_form.html")
    result = gather(page, ProbeOptions(axe_budget_s=0.001))["axe"]
    assert result.get("cut") is True and "violations" not in result


def test_gather_never_raises_on_a_closed_page(page, site):
    page.goto(f"{site}/govuk_start.html")
    page.close()
    artifacts = gather(page, ProbeOptions())
    assert set(artifacts) == {p.name for p in PROBES}
    assert all("error" in a for a in artifacts.values())


def _govuk_run(page, site) -> dict:
    steps = [record(page, 0, "goto", page.goto(f"{site}/govuk_start.html"), options=ProbeOptions())]
    page.get_by_role("button", name="Start now").click()
    page.wait_for_load_state()
    steps.append(record(page, 1, "click", clicks=1, options=ProbeOptions()))
    page.get_by_role("button", name="Continue").click()
    steps.append(record(page, 2, "click", navigated=False, clicks=1, validation_check=True))
    page.get_by_label("What is the postcode of the pothole?").fill("ZZ99 9ZZ")
    steps.append(record(page, 3, "fill", navigated=False, chars_typed=8, fields_filled=1))
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/govuk_q2.html*")
    steps.append(record(page, 4, "click", clicks=1, options=ProbeOptions()))
    page.get_by_label("In the road").check()
    steps.append(record(page, 5, "choose", navigated=False, clicks=1, fields_filled=1))
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/govuk_q3.html*")
    steps.append(record(page, 6, "click", clicks=1, options=ProbeOptions()))
    for i, (label, value) in enumerate([("Full name", "Sam Test"), ("Email address", "sam@example.invalid")]):
        page.get_by_label(label).fill(value)
        steps.append(record(page, 7 + i, "fill", navigated=False, chars_typed=len(value), fields_filled=1))
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/govuk_check.html*")
    steps.append(record(page, 9, "click", clicks=1, options=ProbeOptions()))
    page.get_by_role("button", name="Send report").click()
    page.wait_for_url("**/govuk_done.html*")
    steps.append(record(page, 10, "click", clicks=1, options=ProbeOptions()))
    return {"schema_version": 1, "council": "Test", "council_id": "test", "task": "report-pothole",
            "journey_path": "x.yaml", "start_url": steps[0]["url"], "outcome": "completed", "stopped_before_submit": False,
            "submitted": True, "error": None, "started_at": "2026-11-25T14:00:00+00:00", "duration_s": 3.0,
            "viewport": {"width": 1280, "height": 800}, "steps": steps}


def test_govuk_journey_end_to_end_scores_well_and_validates(page, site):
    data = _govuk_run(page, site)
    data.update(assess(data))
    m, f = data["metrics"], data["friction"]
    assert (m["fields_total"], m["fields_unlabelled"], m["pages"]) == (5, 0, 6)
    assert m["error_handling_pass_rate"] == 1.0
    assert data["dead_ends"] == []
    assert f["stars"] >= 3 and f["index"] < 25, data["top_fixes"]
    assert list(Draft202012Validator(result_schema()).iter_errors(json.loads(json.dumps(data)))) == []


def test_legacy_journey_end_to_end_scores_worse(page, site):
    steps = [record(page, 0, "goto", page.goto(f"{site}/legacy_form.html"), options=ProbeOptions())]
    for i, name in enumerate(["txtForename", "txtSurname", "txtDOB", "txtAddr1", "txtTown"], start=1):
        page.fill(f"[name={name}]", "Test value")
        steps.append(record(page, i, "fill", navigated=False, chars_typed=10, fields_filled=1))
    page.click("[name=btnSubmit]")
    steps.append(record(page, 6, "click", navigated=False, clicks=1, validation_check=True, options=ProbeOptions()))
    data = {"schema_version": 1, "council": "Legacy", "council_id": "legacy", "task": "bulky-waste", "start_url": steps[0]["url"],
            "outcome": "completed", "error": None, "steps": steps}
    result = assess(data)
    kinds = {d["kind"]: d["blocking"] for d in result["dead_ends"]}
    assert kinds == {"captcha": False, "validation_loop": False}
    ids = {x["id"] for x in result["findings"]}
    assert {"unlabelled-fields", "values-cleared-on-error", "error-summary-missing", "axe-label", "jargon-buttons"} <= ids
    assert result["metrics"]["fields_total"] >= 20 and result["metrics"]["a11y"]["critical"] > 0
    assert result["friction"]["stars"] <= 2 and result["friction"]["index"] > 45
