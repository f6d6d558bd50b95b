"""Keyboard figures in the HTML report: next to the mouse figures, the first place a keyboard user is stuck, escaped."""

from __future__ import annotations

import re

from report_fixtures import XSS_LABEL, good

from journey_audit.reports.html import predicted_time, write_report


def keyboard_journey(stuck: dict | None = None) -> dict:
    data = good()
    data["mode"] = "keyboard"
    data["metrics"]["keyboard"] = {
        "tab_presses": 9, "keys_total": 25, "klm_seconds": 20.0, "unreachable": [], "traps": [],
        "focus_not_visible": [], "order_mismatch": [], "focus_lost": [], "skip_link": {"present": True, "works": True},
        "first_stuck": stuck, "per_step": [{"step": 1, "tab_presses": 9, "keys": 25}]}
    return data


def journey_article(html: str, anchor: str) -> str:
    match = re.search(rf'<article class="journey" id="{anchor}".*?</article>', html, re.S)
    assert match, anchor
    return match.group(0)


def words(html: str) -> str:
    """The text a reader sees (tags dropped, spaces joined)."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_keyboard_run_shows_key_presses_next_to_clicks(make_run):
    html = write_report(make_run(journeys=[keyboard_journey()])).read_text(encoding="utf-8")
    article = journey_article(html, "j-brightwater--report-pothole")
    assert "By keyboard 25 key presses, 9 of them Tab" in words(article)
    assert "Clicks none (keyboard run); 80 characters typed" in words(article)
    assert "keyboard-stuck" not in article  # nothing stopped the keyboard user
    # the predicted time is the keyboard user's (KLM 20 s here), not the mouse estimate (140 s)
    assert f"Predicted time {predicted_time(20.0)}" in words(article)
    assert predicted_time(20.0) != predicted_time(140.0)


def test_mouse_run_shows_no_keyboard_figures(make_run):
    html = write_report(make_run(journeys=[good()])).read_text(encoding="utf-8")
    article = journey_article(html, "j-brightwater--report-pothole")
    assert "Clicks 3 80 characters typed" in words(article)
    assert "By keyboard" not in article and "key presses" not in article


def test_first_stuck_control_is_named_with_its_evidence_and_escaped(make_run):
    stuck = {"step": 2, "control": XSS_LABEL, "kind": "keyboard_unreachable",
             "evidence": "<b>not focusable</b>; 63 presses"}
    html = write_report(make_run(journeys=[keyboard_journey(stuck)])).read_text(encoding="utf-8")
    article = journey_article(html, "j-brightwater--report-pothole")
    assert "A keyboard user gets stuck at" in article and "(step 2): Tab never reaches it" in article
    assert "&lt;b&gt;not focusable&lt;/b&gt;; 63 presses" in article
    assert "<img src=x" not in article and "&lt;img src=x" in article


def test_comparison_with_the_best_council_adds_key_presses(make_run):
    from report_fixtures import legacy

    worse = legacy()
    worse["mode"] = "keyboard"
    worse["metrics"]["keyboard"] = {**keyboard_journey()["metrics"]["keyboard"], "tab_presses": 70, "keys_total": 130}
    html = write_report(make_run(journeys=[keyboard_journey(), worse])).read_text(encoding="utf-8")
    assert "Key presses by keyboard (Tab)" in html and "130 (70)" in html and "25 (9)" in html
