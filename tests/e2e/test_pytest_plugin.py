"""`pytest --journey-audit`: an inner pytest-playwright session against a demo council becomes a run folder.

The inner sessions run in a subprocess (pytester.runpytest_subprocess): the outer session may already have a
Playwright running, and the plugin is loaded through its installed ``pytest11`` entry point, as users get it.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from jsonschema import Draft202012Validator

from journey_audit.schema import result_schema
from journey_audit.storage.run_folder import load_run

pytestmark = pytest.mark.e2e

INNER_TESTS = '''
import re

import pytest
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

import journey_audit

BASE = {base!r}
MUDFORD = {mudford!r}


@pytest.mark.journey_audit(council="Brightwater Borough Council", council_id="brightwater", task="report-missed-bin")
def test_report_missed_bin(page: Page):
    page.goto(BASE + "/bins/report-a-missed-bin-collection")
    page.get_by_role("button", name="Start now").or_(page.get_by_role("link", name="Start now")).click()
    page.get_by_label("Address line 1").fill("1 Fictional Street")
    page.get_by_label("Town or city").fill("Testville")
    page.get_by_label("Postcode").fill("ZZ99 9ZZ")
    page.get_by_role("button", name="Continue").click()
    journey_audit.step(page, "which bin")
    page.get_by_label("Recycling (blue bin)").check()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(re.compile("bin out", re.I))


def test_mudford_missed_bin_form(page: Page):
    page.goto(MUDFORD + "/refuse.aspx")
    page.get_by_text("Report a missed collection").click()
    page.get_by_label("Forename").fill("Alex")
    page.get_by_placeholder("Surname").fill("Testperson")
    page.get_by_label("Ward").select_option("Mudford Central")


def test_wrong_expectation_still_fails(page: Page):
    page.goto(BASE + "/bins/report-a-missed-bin-collection")
    assert page.title() == "not the title"


def test_errors_reach_the_test_unchanged(page: Page):
    page.goto(BASE + "/bins/report-a-missed-bin-collection")
    with pytest.raises(PlaywrightTimeoutError):
        page.get_by_role("button", name="No such button").click(timeout=300)
    assert page.get_by_role("button", name="Start now").is_visible()


def test_without_a_browser():
    assert 1 + 1 == 2
'''


@pytest.fixture
def inner(pytester, demo, browser_type_launch_args):
    """A temporary project: a pytest-playwright test module against Brightwater, and the same Chromium."""
    pytester.makeconftest(f"""
        import pytest

        @pytest.fixture(scope="session")
        def browser_type_launch_args(browser_type_launch_args):
            return {{**browser_type_launch_args, **{browser_type_launch_args!r}}}
    """)
    pytester.makepyfile(test_council=INNER_TESTS.format(base=demo.base_urls["brightwater"],
                                                           mudford=demo.base_urls["mudford"]))
    return pytester


def run_inner(pytester, *args: str):
    return pytester.runpytest_subprocess("-p", "no:cacheprovider", *args, timeout=300)


def test_each_page_test_becomes_a_scored_journey_and_test_results_are_unchanged(inner):
    results = inner.path / "results"
    done = run_inner(inner, "--journey-audit", "--journey-audit-results", str(results))
    out = done.stdout.str()
    done.assert_outcomes(passed=4, failed=1)  # the wrong expectation fails; the others pass, as without the plugin
    run = load_run(results)
    by_task = {j["task"]: j for j in run.journeys}
    assert set(by_task) == {"report-missed-bin", "mudford-missed-bin-form", "wrong-expectation-still-fails",
                            "errors-reach-the-test-unchanged"}, out  # the test without a page is no journey
    bins = by_task["report-missed-bin"]
    assert bins["council"] == "Brightwater Borough Council" and bins["outcome"] == "completed"
    actions = [s["action"] for s in bins["steps"]]
    assert actions == ["goto", "click", "fill", "fill", "fill", "click", "step", "check", "click"]
    assert [s["target"] for s in bins["steps"]][1:4] == ["Start now", "Address line 1", "Town or city"]
    assert bins["steps"][6]["target"] == "which bin"
    assert all(s["line"] and s["url"].startswith("http://127.0.0.1") for s in bins["steps"])
    assert bins["steps"][5]["navigated"] and "artifacts" in bins["steps"][5] and bins["steps"][5]["artifacts"]["page"]
    assert bins["metrics"]["chars_typed"] == len("1 Fictional Street") + len("Testville") + len("ZZ99 9ZZ")
    assert bins["friction"]["index"] is not None and bins["findings"] is not None
    assert bins["source"] == {"kind": "pytest", "test": "test_council.py::test_report_missed_bin[chromium]",
                              "test_outcome": "passed"}
    assert all((run.folder / s["screenshot"]).is_file() for s in bins["steps"])
    mudford = by_task["mudford-missed-bin-form"]  # a legacy form: the same audits find its problems
    assert [s["action"] for s in mudford["steps"]] == ["goto", "click", "fill", "fill", "select"]
    assert mudford["steps"][3]["target"] == "placeholder=Surname" and mudford["steps"][4]["clicks"] == 2
    assert mudford["findings"] and mudford["friction"]["index"] > bins["friction"]["index"]
    assert any(f["audit"] == "form-inventory" for f in mudford["findings"]), [f["audit"] for f in mudford["findings"]]
    wrong = by_task["wrong-expectation-still-fails"]
    assert wrong["source"]["test_outcome"] == "failed" and wrong["outcome"] == "broken"
    assert "not the title" in wrong["error"]["message"]
    caught = by_task["errors-reach-the-test-unchanged"]  # the test caught the timeout; the journey records it
    assert caught["source"]["test_outcome"] == "passed" and caught["outcome"] == "broken"
    assert caught["error"]["kind"] == "timeout_waiting_for_element" and caught["steps"][1]["target"] == "No such button"
    report = (run.folder / "report.html").read_text(encoding="utf-8")
    assert "Brightwater Borough Council" in report and "which bin" in report and f"report: {run.folder}" in out
    validator = Draft202012Validator(result_schema())
    assert [e.message for j in run.journeys for e in validator.iter_errors(json.loads(json.dumps(j.data)))] == []


def test_without_the_flag_nothing_is_audited(inner):
    done = run_inner(inner, "--journey-audit-results", "plain-results")
    done.assert_outcomes(passed=4, failed=1)
    assert not (inner.path / "plain-results").exists() and not (inner.path / "results").exists()


def test_a_broken_budget_fails_the_session_with_a_summary(inner):
    budget = inner.path / "budget.yaml"
    budget.write_text("version: 1\ndefault: {max_steps: 1}\n", encoding="utf-8")
    done = run_inner(inner, "--journey-audit", "--journey-audit-budget", str(budget), "-k", "report_missed_bin")
    out = done.stdout.str()
    done.assert_outcomes(passed=1, deselected=4)
    assert done.ret == 1, out
    assert re.search(r"brightwater/report-missed-bin .*FAIL.*max_steps 1", out) and "broke its budget" in out, out


def test_a_bad_budget_file_stops_before_any_test(inner):
    bad = inner.path / "bad-budget.yaml"
    bad.write_text("default: {max_frictoin: 3}\n", encoding="utf-8")
    done = run_inner(inner, "--journey-audit", "--journey-audit-budget", str(bad))
    assert done.ret == pytest.ExitCode.USAGE_ERROR and "--journey-audit-budget" in done.stderr.str()
    assert "passed" not in done.stdout.str()


def test_loading_the_plugin_without_the_flag_imports_nothing_heavy():
    code = ("import sys, journey_audit.pytest_plugin, journey_audit; journey_audit.step(None, 'x'); "
            "print(sorted(m for m in ('playwright', 'pandas', 'journey_audit.api', 'journey_audit.integrations') "
            "if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "[]", done.stdout + done.stderr
