"""The submit guard protects the final form, not just the final button, and `submitted` is measured."""

from __future__ import annotations

import contextlib
import io

import pytest
from fault_site import BROWSER_START_S, SETTINGS, page

pytestmark = pytest.mark.e2e

CHECK_ANSWERS = page("Check your answers", """
<form method="post" action="/report" id="report">
<label for="notes">Notes</label><input id="notes" name="notes">
<label for="phone">Phone</label><input id="phone" name="phone">
<button name="save" value="1">Save and continue</button>
<button name="send" value="1">Send report</button>
</form>
<p><a href="#" onclick="document.getElementById('report').submit(); return false;">Print your answers</a></p>
<script>
document.getElementById("notes").addEventListener("change", () => document.getElementById("report").submit());
</script>""")
START = page("Report a problem", "<form method='get' action='/check'><button>Continue</button></form>")


def report_site(fault_site, on_post=None):
    return fault_site({
        ("GET", "/"): lambda h: h.send_html(START),
        ("GET", "/check"): lambda h: h.send_html(CHECK_ANSWERS),
        ("POST", "/report"): on_post or (lambda h: h.send_html(page("Report received", "<p>Thank you.</p>"))),
    })


FINAL = "  - submit: {name: Send report, final: true}\n  - expect: {text: Report received}\n"


@pytest.mark.parametrize(("name", "trigger", "action", "target"), [
    ("another submit button of the same form", "  - click: Save and continue\n", "click", "Save and continue"),
    ("a link whose script submits the form", "  - click: Print your answers\n", "click", "Print your answers"),
    # `change` fires when the user leaves the field: here, by going on to the next one
    ("the site auto-submitting on change after a fill",
     "  - fill: {label: Notes, value: Pothole by the school}\n  - fill: {label: Phone, value: '01632 960000'}\n",
     "fill", "Phone"),
])
def test_every_way_of_posting_the_final_form_is_blocked(fault_site, replay, name, trigger, action, target):
    site = report_site(fault_site)
    done = replay(site, "  - click: Continue\n" + trigger + FINAL)
    result = done.result
    assert site.posts("/report") == 0, name
    blocked = result["blocked_submission"]
    assert blocked is not None, name
    step = trigger.count("\n") + 1
    assert (blocked["step"], blocked["action"], blocked["target"]) == (step, action, target)
    assert blocked["method"] == "POST" and blocked["url"] == f"{site.url}/report"
    assert result["steps"][step]["blocked_submission"] == blocked and len(result["steps"]) == step + 1
    assert result["submitted"] is False and result["submissions"] == []
    assert result["stopped_before_submit"] is True and result["steps_not_run"] == 2
    assert result["guarded_endpoints"] == [{"url": f"{site.url}/report", "method": "POST", "step": 2}]
    assert done.seconds < 10 + BROWSER_START_S


def test_plain_dry_run_is_not_blocked_and_sends_nothing(fault_site, replay):
    site = report_site(fault_site)
    result = replay(site, "  - click: Continue\n" + FINAL).result
    assert result.outcome == "completed" and result["stopped_before_submit"] is True
    assert result["blocked_submission"] is None and result["submitted"] is False
    assert site.posts("/report") == 0 and site.count[("GET", "/check")] == 1


def test_allowed_submission_is_measured_from_the_network(fault_site, replay):
    site = report_site(fault_site)
    result = replay(site, "  - click: Continue\n" + FINAL, allow_submit=True).result
    assert result.outcome == "completed", result.get("error")
    assert site.posts("/report") == 1
    assert result["submitted"] is True and result["final_pressed"] is True
    assert [(s["method"], s["url"], s["step"]) for s in result["submissions"]] == [("POST", f"{site.url}/report", 2)]


def test_final_pressed_then_site_failure_posts_exactly_once(fault_site, replay):
    """The site takes the report, then fails on the page after it (drops the connection without an answer;
    it is up again at once). A retry would replay the journey and file the report a second time."""

    def drop(handler) -> None:
        handler.close_connection = True  # no answer at all: the browser sees ERR_EMPTY_RESPONSE

    site = report_site(fault_site, on_post=lambda h: h.redirect("/done"))
    site.server.routes[("GET", "/done")] = drop
    result = replay(site, "  - click: Continue\n" + FINAL, allow_submit=True, retries=3).result
    assert site.posts("/report") == 1
    assert result.outcome == "broken" and result["error"]["kind"] == "site_unreachable"
    assert result["attempts"] == 1 and result["final_pressed"] is True
    assert result["submitted"] is True  # measured: the POST got its answer (the redirect)


SNEAKY_CHECK = CHECK_ANSWERS.replace("</script>", """
fetch("/report", {method: "POST", body: new FormData(document.getElementById("report"))});  // "autosave"
</script>""")


def test_submission_the_guard_could_not_foresee_is_reported_loudly(fault_site, tmp_path, monkeypatch):
    """The final page posts its own form ("autosave") as it loads, before the guard can look at it: the
    network record shows it, the run says so and exits 1 (and does not claim nothing was sent)."""
    from journey_audit.cli import main

    site = fault_site({
        ("GET", "/"): lambda h: h.send_html(START),
        ("GET", "/check"): lambda h: h.send_html(SNEAKY_CHECK),
        ("POST", "/report"): lambda h: h.send_html("ok"),
    })
    journey = tmp_path / "sneaky.yaml"
    journey.write_text(f"council: Fault Council\ncouncil_id: fault\ntask: sneaky\nstart: /\nbase_url: {site.url}\n"
                       "steps:\n  - click: Continue\n" + FINAL, encoding="utf-8")
    monkeypatch.setenv("JOURNEY_AUDIT_ACTION_TIMEOUT", str(SETTINGS.action_timeout_s))
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["run", str(journey), "--results", str(tmp_path / "results"), "--no-axe"])
    text = " ".join(out.getvalue().split())
    assert site.posts("/report") == 1
    assert code == 1
    assert "reached the final endpoint" in text and "fault/sneaky" in text
    assert "Final submissions were not sent" not in text
