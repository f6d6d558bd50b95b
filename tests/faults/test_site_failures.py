"""The site failing is not the council's friction; hostile pages are recorded, in bounded time."""

from __future__ import annotations

import pytest
from fault_site import BROWSER_START_S, NAVIGATION_S, page

pytestmark = pytest.mark.e2e

ONE = page("Step one", "<a href='/two'>Next</a>")
TWO = page("Step two", "<a href='/three'>Next</a>")
THREE = page("Step three", "<p>Done</p>")
STEPS = "  - click: Next\n  - click: Next\n  - expect: {text: Done}\n"


def test_site_going_down_mid_journey_is_site_unreachable_and_retried(fault_site, replay):
    holder = {}

    def two_then_die(handler) -> None:
        handler.send_html(TWO)
        holder["site"].die()  # after step 2 the site refuses every connection

    site = holder["site"] = fault_site({("GET", "/"): lambda h: h.send_html(ONE), ("GET", "/two"): two_then_die,
                                        ("GET", "/three"): lambda h: h.send_html(THREE)})
    done = replay(site, STEPS, retries=1)
    result = done.result
    assert result.outcome == "broken"
    assert result["error"]["kind"] == "site_unreachable" and "ERR_CONNECTION_REFUSED" in result["error"]["message"]
    assert result["attempts"] == 2  # retried (the second attempt finds the site still down)
    assert not [d for d in result["dead_ends"] if d["kind"] == "no_way_forward"]
    assert result["friction"]["index"] is None  # not scored: nothing charged to the council
    assert done.seconds < 2 * NAVIGATION_S + 10 + BROWSER_START_S


def test_connection_reset_mid_journey_is_site_unreachable(fault_site, replay):
    def drop(handler) -> None:
        handler.close_connection = True  # the connection closes with no answer at all

    site = fault_site({("GET", "/"): lambda h: h.send_html(ONE), ("GET", "/two"): lambda h: h.send_html(TWO),
                       ("GET", "/three"): drop})
    result = replay(site, STEPS).result
    assert result.outcome == "broken" and result["error"]["kind"] == "site_unreachable"
    assert result["error"]["step"] == 2
    assert not [d for d in result["dead_ends"] if d["blocking"]]


def test_redirect_loop_is_the_sites_dead_end_in_bounded_time(fault_site, replay):
    site = fault_site({("GET", "/"): lambda h: h.send_html(ONE), ("GET", "/two"): lambda h: h.redirect("/loop"),
                       ("GET", "/loop"): lambda h: h.redirect("/two")})
    done = replay(site, STEPS)
    result = done.result
    assert result["steps"][1]["status"] == "failed"
    assert "ERR_TOO_MANY_REDIRECTS" in (result["steps"][1]["error"] or "")
    assert result.outcome == "dead_end" and result["error"]["kind"] == "navigation_failed"
    assert result["outcome_reason"]["kind"] == "http_error" and result["attempts"] == 1
    assert site.count[("GET", "/two")] <= 25  # the browser gives up after 20 redirects; nothing retries it
    assert done.seconds < NAVIGATION_S + 10 + BROWSER_START_S
