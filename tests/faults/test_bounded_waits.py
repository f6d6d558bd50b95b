"""Every wait is bounded: by the page timeouts, by the step's budget, by the journey's budget."""

from __future__ import annotations

import pytest
from fault_site import ACTION_S, BROWSER_START_S, NAVIGATION_S, page

pytestmark = pytest.mark.e2e

FORM = page("Your details", """
<form method="post" action="/send">
<label for="a">First name</label><input id="a" name="a">
<label for="b">Last name</label><input id="b" name="b">
<label for="c">Town</label><input id="c" name="c">
<button>Send</button></form>""")


def test_server_that_never_answers_is_site_unreachable_not_a_hang(fault_site, replay):
    """Accepts the connection, never answers: Playwright's goto times out, and nothing must hold the
    page after it (a script call on a page whose load is still pending waited for ever)."""
    site = fault_site({("GET", "/"): lambda h: h.hang()})
    done = replay(site, "  - expect: {text: Never}\n", retries=1)
    result = done.result
    assert result.outcome == "broken"
    assert result["error"]["kind"] == "site_unreachable"
    assert result["attempts"] == 2  # the site's fault: retried
    assert site.count[("GET", "/")] == 2
    assert done.seconds < 2 * (NAVIGATION_S + 2) + BROWSER_START_S
    assert not result.get("dead_ends")  # nothing charged to the council


def test_page_that_hangs_mid_journey_is_a_timeout_dead_end(fault_site, replay):
    site = fault_site({
        ("GET", "/"): lambda h: h.send_html(page("Start", "<a href='/next'>Next</a>")),
        ("GET", "/next"): lambda h: h.hang(),
    })
    done = replay(site, "  - click: Next\n  - expect: {text: Never}\n", retries=1)
    result = done.result
    assert result.outcome == "dead_end"
    assert result["outcome_reason"]["kind"] == "timeout"
    assert result["attempts"] == 1  # a slow council page is the council's friction: no retry
    assert done.seconds < NAVIGATION_S + ACTION_S + 4 + BROWSER_START_S


def test_script_that_never_returns_is_cut_off_by_the_step_budget(fault_site, replay):
    """A page whose script loops for ever holds every call into the page: only the watchdog ends it."""
    site = fault_site({("GET", "/"): lambda h: h.send_html(page("Busy", """
<button type="button" onclick="setTimeout(() => { for (;;) {} }, 0)">Start</button>"""))})
    done = replay(site, "  - click: Start\n  - fill: {label: Name, value: x}\n", step_timeout_s=6)
    result = done.result
    assert result.outcome == "dead_end", result.get("error")
    assert result["outcome_reason"]["kind"] == "timeout"
    assert "budget" in result["error"]["message"] and "watchdog" in result["error"]["message"]
    assert done.seconds < 6 * 2 + 5 + BROWSER_START_S


def test_journey_budget_ends_a_journey_whose_steps_each_fit(fault_site, replay):
    """Each step is within its own budget, but the journey as a whole is not."""
    site = fault_site({("GET", "/"): lambda h: h.send_html(page("Slow", """
<button type="button" onclick="document.title = 'x'">Wait</button><p>Ready</p>"""))})
    steps = "  - click: Wait\n  - click: Wait\n  - expect: {text: Never here, timeout: 30}\n"
    done = replay(site, steps, journey_timeout_s=5)
    result = done.result
    assert result.outcome == "dead_end", result.get("error")
    assert "journey ran over its 5 s budget" in result["error"]["message"]
    assert done.seconds < 5 + 6 + BROWSER_START_S


def test_never_ending_fetch_is_cut_off_once_and_counted_as_waiting(fault_site, replay):
    """A background fetch that never completes is cut off at the step's deadline, its time counted in
    the wait; later steps do not stall on it again."""
    site = fault_site({
        ("GET", "/"): lambda h: h.send_html(FORM.replace("</form>", """</form>
<script>document.getElementById("a").addEventListener("change", () => fetch("/never"));</script>""")),
        ("GET", "/never"): lambda h: h.hang(),
    })
    steps = ("  - fill: {label: First name, value: Ann}\n  - fill: {label: Last name, value: Example}\n"
             "  - fill: {label: Town, value: Exampleton}\n  - fill: {label: Last name, value: Other}\n")
    done = replay(site, steps)
    result = done.result
    assert result.outcome == "completed", result.get("error")
    fills = result["steps"][1:]
    # The fetch starts when the first field loses focus, i.e. during the second fill.
    cut = [s for s in fills if s["xhr_unfinished"]]
    assert len(cut) == 1 and cut[0]["index"] == 2
    assert cut[0]["wait_ms"] >= ACTION_S * 1000 * 0.9
    later = [s for s in fills if s["index"] > cut[0]["index"]]
    assert later and all(s["duration_ms"] < 1500 for s in later), [s["duration_ms"] for s in later]
    assert result["metrics"]["wait_seconds"] >= ACTION_S * 0.9
    assert done.seconds < ACTION_S + 6 + BROWSER_START_S
