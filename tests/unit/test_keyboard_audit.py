"""The keyboard audit judges hand-made keyboard step records (shape: /work KEYBOARD_CONTRACT, docs/measurements.md).

Expected verdicts, written before the audit:
- good form (single column, Tab order = reading order, focus visible, focus moves to the error summary after an
  empty submit, a working skip link, few Tab presses): no keyboard finding at all; keyboard component scored 0.
- two columns read row by row (First name | Last name, then Email | Phone) or column by column: no order finding.
- Postcode placed first with a positive tabindex while it is shown below Street: keyboard-order-mismatch
  (barrier, WCAG 2.4.3), also when the two stops are passed in two steps on the same page; not when a page load or
  a wrap round the page separates them.
- outline removed on Postcode: keyboard-focus-not-visible (barrier, 2.4.7), the control named once even if
  met on several steps.
- error page with focus left on <body>: keyboard-focus-lost (advice); the same focus with no error shown: nothing.
- no skip link, or one that does not work: keyboard-no-skip-link (advice, 2.4.1).
- 200 Tab presses for 3 controls: keyboard-many-tab-presses (advice).
- an unreachable control or a trap: listed in metrics, first_stuck names the first; no keyboard-* finding
  (the dead-end detectors own them).
- a mouse run: no metrics.keyboard, the keyboard component "not measured", and the forms probe's
  focus-order-mismatch still judged (it is dropped only in keyboard runs).
"""

from __future__ import annotations

import copy

from journey_audit.audits import assess, keyboard
from journey_audit.scoring import load_profile

PROFILE = load_profile()


def stop(name: str, y: int, x: int = 0, *, in_form: bool = True, tag: str = "input", visible: bool = True) -> dict:
    return {"name": name, "tag": tag, "role": "textbox", "focus_visible": visible,
            "box": {"x": x, "y": y, "width": 200, "height": 30}, "tabindex": None, "in_form": in_form}


def kb(target: str, stops: list[dict], *, tabs: int | None = None, keys: int | None = None, **extra) -> dict:
    tabs = len(stops) if tabs is None else tabs
    record = {"target": target, "reached": True, "tab_presses": tabs, "shift_tab_presses": 0,
              "keys": tabs + 5 if keys is None else keys, "stops": stops, "not_visible": [], "trap": None,
              "unreachable": None, "focus_after": None, "skip_link": None}
    record.update(extra)
    return record


ERROR_FORMS = {"error_summary": {"present": True, "title": "There is a problem", "items": ["Enter a postcode"]},
               "fields": []}


def step(index: int, action: str, keyboard_facts: dict | None, *, url: str = "http://127.0.0.1:9/form",
         navigated: bool = False, forms: dict | None = None, validation_check: bool = False) -> dict:
    record = {"index": index, "action": action, "target": (keyboard_facts or {}).get("target", ""), "status": "ok",
              "url": url, "navigated": navigated, "clicks": 0, "fields_filled": 1 if action == "fill" else 0,
              "validation_check": validation_check,
              "chars_typed": 0, "wait_ms": 10, "artifacts": {"forms": forms or {"fields": []}}}
    if keyboard_facts is not None:
        record["keyboard"] = keyboard_facts
    return record


def good_journey() -> dict:
    skip = {"present": True, "works": True, "name": "Skip to main content"}
    on_summary = {"tag": "div", "name": "There is a problem", "is_body": False, "in_error_summary": True,
                  "is_invalid_field": False}
    return {"council_id": "x", "task": "t", "mode": "keyboard", "steps": [
        step(0, "goto", kb("", [], tabs=0, keys=0, skip_link=skip), navigated=True, url="http://127.0.0.1:9/start"),
        step(1, "click", kb("Start now", [stop("Skip to main content", 0, in_form=False, tag="a"),
                                          stop("Start now", 300, in_form=False, tag="a")]),
             navigated=True, url="http://127.0.0.1:9/start"),
        step(2, "fill", kb("Street", [stop("Street", 100)])),
        step(3, "fill", kb("Postcode", [stop("Postcode", 200)])),
        step(4, "submit", kb("Continue", [stop("Continue", 300, tag="button")], focus_after=on_summary),
             forms=ERROR_FORMS, validation_check=True),  # a deliberate empty submit (expect_error)
    ]}


def findings(journey: dict) -> dict[str, dict]:
    return {f["id"]: f for f in assess(journey)["findings"] if f["id"].startswith("keyboard-")}


def test_good_keyboard_journey_has_metrics_and_no_keyboard_finding():
    result = assess(good_journey())
    k = result["metrics"]["keyboard"]
    assert k["tab_presses"] == 5 and k["keys_total"] == 5 + 4 * 5
    assert [p["step"] for p in k["per_step"]] == [0, 1, 2, 3, 4]
    assert k["skip_link"] == {"present": True, "works": True}
    assert k["first_stuck"] is None and not k["order_mismatch"] and not k["focus_lost"]
    assert findings(good_journey()) == {}
    component = result["friction"]["components"]["keyboard"]
    assert component["score"] == 0 and "5 of them Tab" in component["explanation"]
    assert result["friction"]["profile_version"] == "2026.3"


def test_tabbing_to_a_held_back_final_button_counts():
    journey = good_journey()
    final = step(5, "submit", kb("Send report", [stop("Send report", 400, tag="button")], tabs=3, keys=3))
    final["status"] = "skipped_final"
    journey["steps"].append(final)
    k = assess(journey)["metrics"]["keyboard"]
    assert k["tab_presses"] == 5 + 3 and k["keys_total"] == 25 + 3 and k["per_step"][-1]["step"] == 5


def test_keyboard_klm_is_k_per_key_plus_m_per_screen_and_field():
    journey = good_journey()
    klm = PROFILE["klm"]
    k = assess(journey)["metrics"]
    # screens come from the effort counts (shared helper), fields filled = 2, keys = 25
    expected = k["steps"] * klm["M"] + 2 * klm["M"] + 25 * klm["K"]
    assert k["keyboard"]["klm_seconds"] == round(expected, 1)
    assert k["keyboard"]["klm_seconds"] == k["klm_seconds"]  # the journey's one predicted time is the keyboard one


def test_two_columns_read_row_by_row_or_column_by_column_are_quiet():
    rows = [stop("First name", 100, 0), stop("Last name", 100, 300), stop("Email", 200, 0), stop("Phone", 200, 300)]
    columns = [rows[0], rows[2], rows[1], rows[3]]
    for order in (rows, columns):
        journey = good_journey()
        journey["steps"][2]["keyboard"] = kb("Phone", order)
        journey["steps"][3]["keyboard"] = kb("Agree", [stop("Agree", 250)])
        assert keyboard.order_mismatches(journey["steps"]) == [], [s["name"] for s in order]
        assert "keyboard-order-mismatch" not in findings(journey)


def test_positive_tabindex_inversion_is_an_order_barrier():
    journey = good_journey()
    journey["steps"][2]["keyboard"] = kb("Street", [stop("Postcode", 200), stop("Street", 100)])
    found = findings(journey)["keyboard-order-mismatch"]
    assert found["kind"] == "barrier" and found["step"] == 2 and "2.4.3" in found["detail"]
    assert "'Street' is shown before 'Postcode'" in found["evidence"][0]
    assert assess(journey)["metrics"]["keyboard"]["order_mismatch"][0]["controls"] == ["Postcode", "Street"]


def test_inversion_across_two_steps_on_one_page_counts_but_not_across_a_page_load():
    journey = good_journey()
    journey["steps"][2]["keyboard"] = kb("Postcode", [stop("Postcode", 200)])
    journey["steps"][3]["keyboard"] = kb("Street", [stop("Street", 100)])
    assert "keyboard-order-mismatch" in findings(journey)
    journey["steps"][2]["navigated"] = True  # Postcode was on the page before; Street is on a new page
    assert "keyboard-order-mismatch" not in findings(journey)


def test_focus_left_on_the_page_or_a_new_address_breaks_the_run():
    """A GOV.UK form page: Continue (low on the page) is pressed, the next page's first radio is high up. The
    click's navigation was not recorded (POST then redirect), but focus ended on <body> and the address moved."""
    body = {"tag": "body", "name": "", "is_body": True, "in_error_summary": False, "is_invalid_field": False}
    steps = [step(0, "goto", kb("", [stop("Skip to main content", 0, in_form=False, tag="a")]), navigated=True),
             step(1, "click", kb("Continue", [stop("Continue", 544, tag="button")], focus_after=body)),
             step(2, "choose", kb("How big?", [stop("Back", 131, in_form=False, tag="a"), stop("Smaller", 252)]))]
    assert keyboard.order_mismatches(steps) == []  # focus on <body> after step 1
    steps[1]["keyboard"]["focus_after"] = None
    assert keyboard.order_mismatches(steps) != []  # (the same stops, joined, would read as an inversion)
    steps[2]["url"] = "http://127.0.0.1:9/size"
    assert keyboard.order_mismatches(steps) == []  # a new address


def test_shift_tab_walks_are_not_judged_and_the_next_run_starts_at_their_target():
    journey = good_journey()
    # Shift+Tab from Continue back to Street passes Postcode (it may also have wrapped round the page: unknown)
    back = kb("Street", [stop("Postcode", 200), stop("Street", 100)], tabs=0)
    back["shift_tab_presses"] = 2
    journey["steps"][2]["keyboard"] = back
    journey["steps"][3]["keyboard"] = kb("Postcode", [stop("Postcode", 200)])
    assert keyboard.order_mismatches(journey["steps"]) == []
    # the same stops passed forwards would be an inversion
    back["shift_tab_presses"], back["tab_presses"] = 0, 2
    assert keyboard.order_mismatches(journey["steps"]) != []
    back["shift_tab_presses"] = 1  # both directions in one walk: not judged
    assert keyboard.order_mismatches(journey["steps"]) == []
    # after a backward walk to Postcode, Tab on to Street (shown above it) is an inversion
    back.update(tab_presses=0, stops=[stop("Postcode", 200)])
    journey["steps"][3]["keyboard"] = kb("Street", [stop("Street", 100)])
    assert [m["controls"] for m in keyboard.order_mismatches(journey["steps"])] == [["Postcode", "Street"]]


def test_stops_cut_at_80_do_not_join_the_next_step():
    journey = good_journey()
    journey["steps"][2]["keyboard"] = kb("Street", [stop("Postcode", 200)], stops_truncated=True)
    journey["steps"][3]["keyboard"] = kb("Street", [stop("Street", 100)])
    assert keyboard.order_mismatches(journey["steps"]) == []
    del journey["steps"][2]["keyboard"]["stops_truncated"]
    assert keyboard.order_mismatches(journey["steps"]) != []


def test_focus_wrapping_round_the_page_is_not_an_inversion():
    journey = good_journey()
    footer = stop("Privacy", 900, in_form=False, tag="a")
    journey["steps"][2]["keyboard"] = kb("Street", [stop("Street", 100), stop("Postcode", 200), footer,
                                                     stop("Street", 100)])
    journey["steps"][3]["keyboard"] = kb("Postcode", [stop("Postcode", 200)])
    assert "keyboard-order-mismatch" not in findings(journey)


def test_positive_tabindex_replay_as_recorded_has_one_inversion_and_no_wrap_pair():
    """The steps of a real replay of a F44 page (Tab goes Town, Postcode, Street, Continue; shown Street, Town,
    Postcode, Continue): the goto's skip-link Tab lands on Town; filling Town later wraps from Continue to Town."""
    street, town, postcode = stop("Street", 80), stop("Town", 121), stop("Postcode", 162)
    go = stop("Continue", 203, tag="button")
    journey = {"steps": [
        step(0, "goto", kb("", [town]), navigated=True),
        step(1, "fill", kb("Street", [postcode, street])),
        step(2, "fill", kb("Town", [go, town])),
        step(3, "fill", kb("Postcode", [postcode])),
        step(4, "click", kb("Continue", [street, go]), navigated=True),
    ]}
    found = keyboard.order_mismatches(journey["steps"])
    assert [m["controls"] for m in found] == [["Postcode", "Street"]]


def test_invisible_focus_is_a_barrier_named_once():
    journey = good_journey()
    hidden = {"name": "Postcode", "tag": "input", "role": "textbox",
              "evidence": "outline, box-shadow, border and background unchanged on focus"}
    journey["steps"][3]["keyboard"]["not_visible"] = [hidden]
    journey["steps"][4]["keyboard"]["not_visible"] = [hidden]
    found = findings(journey)["keyboard-focus-not-visible"]
    assert found["kind"] == "barrier" and found["severity"] == "high" and "2.4.7" in found["detail"]
    assert found["evidence"] == ["step 3: 'Postcode': outline, box-shadow, border and background unchanged on focus"]
    assert found["points"] == PROFILE["points"]["keyboard"]["not_visible_each"]


def test_focus_left_on_body_after_errors_is_advice_and_needs_an_error():
    journey = good_journey()
    body = {"tag": "body", "name": "", "is_body": True, "in_error_summary": False, "is_invalid_field": False}
    journey["steps"][4]["keyboard"]["focus_after"] = body
    found = findings(journey)["keyboard-focus-lost"]
    assert found["kind"] == "advice" and found["step"] == 4
    assert assess(journey)["metrics"]["keyboard"]["focus_lost"] == [{"step": 4, "focus_on": "body"}]
    no_error = copy.deepcopy(journey)
    no_error["steps"][4]["artifacts"]["forms"] = {"fields": []}
    assert "keyboard-focus-lost" not in findings(no_error)
    on_field = copy.deepcopy(journey)
    on_field["steps"][4]["keyboard"]["focus_after"] = {**body, "tag": "input", "is_body": False,
                                                       "is_invalid_field": True}
    assert "keyboard-focus-lost" not in findings(on_field)


def test_missing_or_broken_skip_link_is_advice():
    for link in ({"present": False, "works": False, "name": ""}, {"present": True, "works": False, "name": "Skip"}):
        journey = good_journey()
        journey["steps"][0]["keyboard"]["skip_link"] = link
        found = findings(journey)["keyboard-no-skip-link"]
        assert found["kind"] == "advice" and "2.4.1" in found["detail"] and found["step"] == 0


def test_shift_tab_presses_count_as_tab_and_are_also_counted_apart():
    journey = good_journey()
    journey["steps"][3]["keyboard"].update(tab_presses=0, shift_tab_presses=3)
    k = assess(journey)["metrics"]["keyboard"]
    assert (k["tab_presses"], k["shift_tab_presses"]) == (7, 3)  # Shift+Tab is a press of Tab too
    assert {"step": 3, "tab_presses": 3, "shift_tab_presses": 3, "keys": 6} in k["per_step"]
    assert "7 of them Tab (3 with Shift)" in assess(journey)["friction"]["components"]["keyboard"]["explanation"]


def test_many_tab_presses_are_advice_with_capped_points():
    journey = good_journey()
    journey["steps"][2]["keyboard"]["tab_presses"] = 200
    found = findings(journey)["keyboard-many-tab-presses"]
    assert found["kind"] == "advice" and found["points"] <= PROFILE["advice"]["each_max"]
    assert "204 times" in found["title"]


def test_unreachable_and_trap_are_listed_and_first_stuck_named_without_a_keyboard_finding():
    journey = good_journey()
    journey["steps"][3]["keyboard"]["trap"] = {"control": "Date picker", "presses": 40, "cycle": ["Day", "Month"],
                                               "evidence": "Tab cycles Day, Month for 40 presses"}
    journey["steps"][4]["keyboard"].update(reached=False, unreachable={
        "control": "Continue", "reason": "not focusable", "presses": 63, "evidence": "a div with a click handler"})
    journey["steps"][4]["status"] = "failed"
    journey["steps"][4]["error_kind"] = "keyboard_unreachable"
    k = assess(journey)["metrics"]["keyboard"]
    assert k["traps"] == [{"step": 3, "control": "Date picker", "evidence": "Tab cycles Day, Month for 40 presses"}]
    assert k["unreachable"] == [{"step": 4, "control": "Continue", "reason": "not focusable"}]
    assert k["first_stuck"]["step"] == 3 and k["first_stuck"]["kind"] == "keyboard_trap"
    assert k["first_stuck"]["control"] == "Date picker"
    assert set(findings(journey)) == set()


def test_first_stuck_falls_back_to_the_step_error_kind():
    journey = good_journey()
    journey["steps"][3].update(status="failed", error_kind="keyboard_unreachable",
                               error="keyboard: 'Postcode' could not be reached with Tab (not focusable; 9 presses)")
    stuck = assess(journey)["metrics"]["keyboard"]["first_stuck"]
    assert stuck["step"] == 3 and stuck["control"] == "Postcode" and "could not be reached" in stuck["evidence"]


def test_mouse_run_measures_nothing_and_keeps_the_forms_order_estimate():
    fields = [{"visible": True, "type": "text", "name": "postcode", "accessible_name": "Postcode", "form": 0,
               "box": [0, 200, 200, 30]},
              {"visible": True, "type": "text", "name": "street", "accessible_name": "Street", "form": 0,
               "box": [0, 100, 200, 30]}]
    mouse = good_journey()
    for s in mouse["steps"]:
        s.pop("keyboard")
    mouse["steps"][2]["artifacts"]["forms"] = {"fields": fields}
    result = assess(mouse)
    assert "keyboard" not in result["metrics"]
    assert result["friction"]["components"]["keyboard"]["score"] is None
    assert "focus-order-mismatch" in {f["id"] for f in result["findings"]}
    keyboard_run = good_journey()
    keyboard_run["steps"][2]["artifacts"]["forms"] = {"fields": fields}
    assert "focus-order-mismatch" not in {f["id"] for f in assess(keyboard_run)["findings"]}


def test_measured_focus_replaces_the_error_summary_focus_estimate():
    journey = good_journey()
    journey["steps"][4]["validation_check"] = True
    journey["steps"][4]["keyboard"]["focus_after"] = {"tag": "body", "name": "", "is_body": True,
                                                      "in_error_summary": False, "is_invalid_field": False}
    ids = {f["id"] for f in assess(journey)["findings"]}
    assert "keyboard-focus-lost" in ids and "error-summary-not-focused" not in ids
    journey["steps"][4]["keyboard"]["focus_after"] = None  # no measurement: the estimate is judged as before
    assert "error-summary-not-focused" in {f["id"] for f in assess(journey)["findings"]}


def test_keyboard_barriers_raise_the_index_and_reach_top_fixes():
    journey = good_journey()
    journey["steps"][2]["keyboard"] = kb("Street", [stop("Postcode", 200), stop("Street", 100)])
    journey["steps"][3]["keyboard"]["not_visible"] = [{"name": "Postcode", "tag": "input", "evidence": "unchanged"}]
    bad, good = assess(journey), assess(good_journey())
    assert bad["friction"]["index"] > good["friction"]["index"]
    assert bad["friction"]["components"]["keyboard"]["score"] > 0
    assert any("focus style" in fix for fix in bad["top_fixes"])
    assert good["friction"]["stars"] == 4 and bad["friction"]["stars"] <= 3  # a high barrier caps the stars


def test_a_keyboard_journeys_predicted_time_is_the_keyboard_one_everywhere():
    """compare, diff, gate and the long-task finding read metrics.klm_seconds: for a keyboard run it must be the
    same keyboard estimate the report's keyboard card shows (metrics.keyboard.klm_seconds), not the mouse one."""
    from journey_audit.audits import assess

    steps = [{"index": 0, "action": "goto", "status": "ok", "navigated": True, "url": "http://x/a",
              "keyboard": {"target": "http://x/a", "reached": True, "tab_presses": 0, "shift_tab_presses": 0,
                           "keys": 0, "stops": [], "not_visible": [], "trap": None, "unreachable": None,
                           "focus_after": None, "skip_link": None}},
             {"index": 1, "action": "fill", "status": "ok", "navigated": False, "url": "http://x/a",
              "fields_filled": 1, "chars_typed": 40, "clicks": 0,
              "keyboard": {"target": "Name", "reached": True, "tab_presses": 30, "shift_tab_presses": 0,
                           "keys": 71, "stops": [], "not_visible": [], "trap": None, "unreachable": None,
                           "focus_after": None, "skip_link": None}}]
    journey = {"mode": "keyboard", "outcome": "completed", "steps": steps, "council_id": "c", "task": "t"}
    metrics = assess(journey)["metrics"]
    assert metrics["klm_seconds"] == metrics["keyboard"]["klm_seconds"]
    mouse = assess({**journey, "mode": "mouse", "steps": [{k: v for k, v in s.items() if k != "keyboard"}
                                                           for s in steps]})["metrics"]
    assert mouse["klm_seconds"] != metrics["klm_seconds"] and "keyboard" not in mouse
