"""Keyboard replays of the test pages, judged by the keyboard audit (kbreport): real runs, real findings.

Expected verdicts, written before running:
- good-form (GOV.UK-style, skip link, focus styles): completed, tab_presses > 0, no keyboard barrier, a working
  skip link, the report shows "by keyboard: N key presses, M of them Tab".
- positive-tabindex (F44: Tab goes Town, Postcode, Street; shown Street, Town, Postcode): keyboard-order-mismatch
  naming Street; the forms probe's estimate (focus-order-mismatch) is not charged a second time.
- outline-none (F55: outline removed on Postcode): keyboard-focus-not-visible naming Postcode, not the button.
"""

from __future__ import annotations

import re

from journey_audit.reports.html import write_report


def ids(journey) -> dict[str, dict]:
    return {f["id"]: f for f in journey.data["findings"]}


def test_good_form_by_keyboard_is_clean_and_reported(keyboard_replay):
    journey, run = keyboard_replay("/good-form.html", """\
  - fill: {label: Full name, value: Ann Example}
  - choose: {label: "What size bin do you need?", option: Medium}
  - select: {label: Collection day, option: Tuesday}
  - check: I agree to the terms
  - submit: {name: Continue, final: true}
""")
    k = journey.data["metrics"]["keyboard"]
    assert journey.data["outcome"] == "completed" and k["tab_presses"] > 0 and k["keys_total"] > k["tab_presses"]
    assert k["first_stuck"] is None and k["order_mismatch"] == [] and k["focus_not_visible"] == []
    assert k["skip_link"] == {"present": True, "works": True}
    assert not [f for f in journey.data["findings"] if f["id"].startswith("keyboard-") and f["kind"] == "barrier"]
    assert journey.data["friction"]["components"]["keyboard"]["score"] is not None
    html = write_report(run.folder).read_text(encoding="utf-8")
    text = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    assert f"By keyboard {k['keys_total']} key presses, {k['tab_presses']} of them Tab" in text  # the fact card
    assert f"By keyboard: {k['keys_total']} key presses, {k['tab_presses']} of them Tab" in text  # the explanation


def test_positive_tabindex_is_an_order_barrier_charged_once(keyboard_replay):
    journey, _ = keyboard_replay("/positive-tabindex.html", """\
  - fill: {label: Street, value: 1 High Street}
  - fill: {label: Town, value: Testshire}
  - fill: {label: Postcode, value: TS1 1AA}
  - click: Continue
""")
    found = ids(journey)
    assert "keyboard-order-mismatch" in found, journey.data["metrics"]["keyboard"]
    # one inversion (Postcode, then Street shown above it); Tab wrapping from Continue back to Town is not one
    assert [m["controls"] for m in journey.data["metrics"]["keyboard"]["order_mismatch"]] == [["Postcode", "Street"]]
    assert "focus-order-mismatch" not in found


def test_removed_outline_is_invisible_focus_on_that_control(keyboard_replay):
    journey, _ = keyboard_replay("/outline-none.html", """\
  - fill: {label: Postcode, value: TS1 1AA}
  - click: Find
""")
    found = ids(journey)["keyboard-focus-not-visible"]
    assert found["kind"] == "barrier" and any("'Postcode'" in e for e in found["evidence"])
    assert not any("'Find'" in e for e in found["evidence"])
