"""Keyboard replay on small pages built from documented patterns (tests/keyboard/pages): each test says what
the page should get BEFORE the tool runs on it.

- good-form.html: a GOV.UK Design System style form (skip link, labels, fieldset radios, focus styles) ->
  completes by keyboard, every answer reaches the server, no stop without a visible focus.
- div-button.html (WCAG F54/F42): "Continue" is a <div> with a click handler -> keyboard_unreachable,
  "not focusable"; a mouse user gets through.
- removed-from-tab-order.html: "Start now" has tabindex=-1 -> keyboard_unreachable, "not in the tab order".
- trap.html (F10): a date field cancels Tab -> keyboard_trap in "Collection date".
- cycle-trap.html (2.1.2): a cookie panel sends focus back to its first button -> keyboard_trap, the cycle is
  the panel's two buttons.
- outline-none.html (F55): the postcode field loses its outline on focus -> listed in not_visible with
  evidence; the button's focus style is seen.
- positive-tabindex.html (F44): tabindex 3/1/2 -> the stops come in tabindex order (Town, Postcode, Street)
  with the fields' real boxes.
- hidden-file-input.html: the file input is display: none behind a styled label -> keyboard_unreachable,
  "not focusable", "not displayed"; a mouse user can attach the file.
- final-div.html: the held-back final "Send report" is a <div> -> a dry run (no --allow-submit) still Tabs to
  it without pressing it, and ends keyboard_unreachable; a mouse dry run completes; nothing is posted.
- iframe-trap.html (2.1.2): a payment iframe whose button cancels Tab -> keyboard_trap in the frame.
- final-form.html: Enter in the last text field of the final form submits it -> the guard blocks it, no POST.
- late-return.html: plays the browser's late hand-back of focus after Tab past the end (focus lands on the
  first stop, Street, after the walk read the page itself, and the next Tab moves it on) -> Street is reached
  one Shift+Tab back, not 'keyboard_unreachable' (the walk used to miss it and call the page cycled).
"""

from __future__ import annotations

import pytest

from journey_audit.api import rescore

pytestmark = pytest.mark.e2e


def steps_of(journey):
    return [s for s in journey["steps"] if s.get("keyboard") is not None]


def test_good_form_completes_by_keyboard_and_the_server_gets_every_answer(keyboard_replay, pages):
    journey, run = keyboard_replay("/good-form.html", """\
  - fill: {label: Full name, value: Ann Example}
  - choose: {label: 'What size bin do you need?', option: Large}
  - select: {label: Collection day, option: Wednesday}
  - check: I agree to the terms
  - upload: {label: Photo (optional), file: pothole.jpg}
  - submit: {name: Continue, final: true}
  - expect: Request received
""", allow_submit=True)
    assert journey.outcome == "completed", journey.get("error")
    assert journey["mode"] == "keyboard" and run.meta["mode"] == "keyboard"
    assert pages.posts_to("/submit")[-1] == {"full_name": "Ann Example", "size": "large", "day": "wednesday",
                                             "agree": "yes", "photo": "pothole.jpg"}
    steps = journey["steps"]
    assert all(s["keyboard"]["reached"] for s in steps)
    assert sum(s["keyboard"]["tab_presses"] for s in steps) > 0
    assert all(s["keyboard"]["not_visible"] == [] for s in steps)
    assert all(stop["focus_visible"] is True for s in steps for stop in s["keyboard"]["stops"])
    assert all(s["clicks"] == 0 for s in steps)  # nothing was clicked
    assert steps[0]["keyboard"]["skip_link"] == {"present": True, "works": True, "name": "Skip to main content"}
    fill, choose, select, check = (s["keyboard"] for s in steps[1:5])
    assert fill["keys"] == len("Ann Example") + 1  # Control+A over the old value, then one key per character
    assert [stop["role"] for stop in choose["stops"]][-1] == "radio"
    assert choose["keys"] - choose["tab_presses"] == 1  # Small (first radio) -> Large: ArrowUp wraps round
    assert select["stops"][-1]["tag"] == "select" and select["keys"] - select["tab_presses"] == 3  # 3 arrows down
    assert check["keys"] - check["tab_presses"] == 1  # Space
    upload = steps[5]["keyboard"]
    assert upload["stops"][-1]["name"] == "Photo (optional)" and upload["keys"] == upload["tab_presses"] + 1
    assert steps[6]["keyboard"]["stops"][-1]["name"] == "Continue"


def test_a_div_with_only_a_click_handler_is_a_keyboard_dead_end(keyboard_replay, pages):
    steps = "  - fill: {label: Street, value: High Street}\n  - click: Continue\n"
    mouse, _ = keyboard_replay("/div-button.html", steps, keyboard=False)
    assert mouse.outcome == "completed" and mouse["mode"] == "mouse"  # a mouse user gets through
    assert all("keyboard" not in s for s in mouse["steps"])
    done_before = pages.count[("GET", "/done.html")]

    journey, run = keyboard_replay("/div-button.html", steps)
    assert journey.outcome == "dead_end"
    reason = journey["outcome_reason"]
    assert reason["kind"] == "keyboard_unreachable" and reason["blocking"] is True and reason["step"] == 2
    step = journey["steps"][2]
    assert step["status"] == "failed" and step["error_kind"] == "keyboard_unreachable"
    assert step["error"] == "keyboard: 'Continue' could not be reached with Tab (not focusable; 2 presses)"
    unreachable = step["keyboard"]["unreachable"]
    assert unreachable["control"] == "Continue" and unreachable["reason"] == "not focusable"
    assert "<div>" in unreachable["evidence"] and "cycled the whole page" in unreachable["evidence"]
    assert step["keyboard"]["reached"] is False
    assert pages.count[("GET", "/done.html")] == done_before  # the form was never sent
    assert any(d["kind"] == "keyboard_unreachable" and d["blocking"] for d in journey["dead_ends"])

    rescored = rescore(run.folder.parent, run.run_id).journeys[0]
    assert (rescored.outcome, rescored["outcome_reason"]) == (journey.outcome, journey["outcome_reason"])


def test_a_link_taken_out_of_the_tab_order_is_unreachable(keyboard_replay):
    journey, _ = keyboard_replay("/removed-from-tab-order.html", "  - click: Start now\n")
    assert journey["outcome_reason"]["kind"] == "keyboard_unreachable"
    unreachable = journey["steps"][1]["keyboard"]["unreachable"]
    assert unreachable["reason"] == "not in the tab order" and "tabindex=-1" in unreachable["evidence"]
    assert [s["name"] for s in journey["steps"][1]["keyboard"]["stops"]] == ["Help with fines"]


def test_a_date_field_that_swallows_tab_is_a_keyboard_trap(keyboard_replay):
    journey, _ = keyboard_replay("/trap.html", """\
  - fill: {label: Your name, value: Ann}
  - fill: {label: Collection date, value: 01/12/2026}
  - click: Continue
""")
    assert journey.outcome == "dead_end" and journey["outcome_reason"]["kind"] == "keyboard_trap"
    step = journey["steps"][3]
    assert step["error_kind"] == "keyboard_trap" and "'Collection date'" in step["error"] and "'Continue'" in step["error"]
    trap = step["keyboard"]["trap"]
    assert trap["control"] == "Collection date" and trap["cycle"] == ["Collection date"]
    assert trap["presses"] == 3 and "3 presses in a row" in trap["evidence"]
    assert journey["steps"][2]["status"] == "ok"  # Tab into the field works; only leaving it does not


def test_a_cookie_panel_that_keeps_focus_is_a_keyboard_trap(keyboard_replay):
    journey, _ = keyboard_replay("/cycle-trap.html", "  - click: Start now\n")
    assert journey["outcome_reason"]["kind"] == "keyboard_trap"
    trap = journey["steps"][1]["keyboard"]["trap"]
    assert sorted(trap["cycle"]) == ["Cookie settings", "Tell me more"]
    assert "never reaches the rest of the page" in trap["evidence"]


def test_an_iframe_that_keeps_focus_is_a_keyboard_trap(keyboard_replay):
    journey, _ = keyboard_replay("/iframe-trap.html", "  - click: Continue\n")
    assert journey["outcome_reason"]["kind"] == "keyboard_trap"
    trap = journey["steps"][1]["keyboard"]["trap"]
    assert trap["control"] == "Payment details" and "the frame kept focus for 50 presses" in trap["evidence"]


def test_a_field_whose_outline_is_removed_is_listed_as_focus_not_visible(keyboard_replay):
    journey, run = keyboard_replay("/outline-none.html", """\
  - fill: {label: Postcode, value: ZZ99 9ZZ}
  - click: Find
""", keyboard_in_file=True)
    assert journey.outcome == "completed" and journey["mode"] == "keyboard" and run.meta["mode"] == "keyboard"
    not_visible = [n for s in steps_of(journey) for n in s["keyboard"]["not_visible"]]
    assert [(n["name"], n["tag"], n["role"]) for n in not_visible] == [("Postcode", "input", "textbox")]
    assert "unchanged on focus" in not_visible[0]["evidence"]
    find = journey["steps"][2]["keyboard"]["stops"]
    assert find[-1]["name"] == "Find" and find[-1]["focus_visible"] is True


def test_positive_tabindex_stops_come_in_tabindex_order_with_their_real_boxes(keyboard_replay, page, pages):
    journey, _ = keyboard_replay("/positive-tabindex.html", "  - fill: {label: Street, value: 1 High Street}\n")
    stops = [stop for s in steps_of(journey) for stop in s["keyboard"]["stops"]]
    assert [(s["name"], s["tabindex"], s["in_form"]) for s in stops] == [
        ("Town", 1, True), ("Postcode", 2, True), ("Street", 3, True)]
    page.goto(pages.url + "/positive-tabindex.html")  # the same page, measured on its own
    for stop, css in zip(stops, ("#town", "#postcode", "#street"), strict=True):
        box = page.locator(css).bounding_box()
        assert stop["box"] == {k: round(box[k]) for k in ("x", "y", "width", "height")}
    assert stops[2]["box"]["y"] < stops[0]["box"]["y"] < stops[1]["box"]["y"]  # Street is on top, reached last


def test_enter_in_the_last_field_of_the_final_form_is_blocked_by_the_guard(keyboard_replay, pages):
    before = len(pages.posts_to("/report"))
    journey, _ = keyboard_replay("/final-form.html", """\
  - fill: {label: Notes, value: Pothole by the school}
  - submit: {css: '#phone'}
  - submit: {name: Send report, final: true}
""")
    assert len(pages.posts_to("/report")) == before  # no POST reached the server
    blocked = journey["blocked_submission"]
    assert blocked is not None and (blocked["step"], blocked["action"], blocked["method"]) == (2, "submit", "POST")
    step = journey["steps"][2]
    assert step["keyboard"]["stops"][-1]["name"] == "Phone" and step["keyboard"]["keys"] == 2  # Tab, Enter
    assert journey["submitted"] is False and journey["stopped_before_submit"] is True
    assert len(journey["steps"]) == 3  # the final step never ran


def test_a_field_behind_focus_is_reached_with_shift_tab(keyboard_replay):
    journey, _ = keyboard_replay("/good-form.html", """\
  - fill: {label: Full name, value: Ann}
  - check: I agree to the terms
  - fill: {label: Full name, value: Ann Example}
""")
    assert journey.outcome == "completed", journey.get("error")
    back = journey["steps"][3]["keyboard"]
    # from the checkbox: the list, the radio group (one stop), then the name field; forward would be 6 presses
    assert (back["shift_tab_presses"], back["tab_presses"]) == (3, 0)
    assert [s["role"] for s in back["stops"]] == ["combobox", "radio", "textbox"]
    assert back["keys"] == 3 + 1 + len("Ann Example")


def test_a_button_inside_an_open_shadow_root_is_reached_and_pressed(keyboard_replay):
    journey, _ = keyboard_replay("/shadow-button.html", "  - click: Start now\n  - expect: Application complete\n")
    assert journey.outcome == "completed", journey.get("error")
    stop = journey["steps"][1]["keyboard"]["stops"][-1]
    assert (stop["name"], stop["tag"], stop["role"]) == ("Start now", "button", "button")
    assert stop["focus_visible"] is True  # its unfocused look was read inside the shadow root too


def test_a_file_input_hidden_behind_a_label_cannot_be_reached(keyboard_replay):
    steps = "  - upload: {label: Choose a photo, file: pothole.jpg}\n"
    mouse, _ = keyboard_replay("/hidden-file-input.html", steps, keyboard=False)
    assert mouse.outcome == "completed"
    journey, _ = keyboard_replay("/hidden-file-input.html", steps)
    assert journey["outcome_reason"]["kind"] == "keyboard_unreachable"
    unreachable = journey["steps"][1]["keyboard"]["unreachable"]
    assert unreachable["control"] == "Choose a photo" and unreachable["reason"] == "not focusable"
    assert "not displayed" in unreachable["evidence"]
    assert "Choose a photo" in [s["name"] for s in journey["steps"][1]["keyboard"]["stops"]]  # the label was passed


def test_a_held_back_final_control_must_still_be_reachable_by_tab(keyboard_replay, pages):
    steps = "  - fill: {label: Notes, value: By the school}\n  - click: {name: Send report, final: true}\n"
    mouse, _ = keyboard_replay("/final-div.html", steps, keyboard=False)
    assert mouse.outcome == "completed" and mouse["stopped_before_submit"] is True
    journey, _ = keyboard_replay("/final-div.html", steps)
    final = journey["steps"][2]
    assert final["status"] == "failed" and final["error_kind"] == "keyboard_unreachable"
    assert final["keyboard"]["unreachable"]["control"] == "Send report"
    assert journey.outcome == "dead_end" and journey["outcome_reason"]["step"] == 2
    assert journey["final_pressed"] is False and journey["submitted"] is False
    assert pages.posts_to("/report") == []


def test_a_held_back_final_button_is_reached_but_not_pressed(keyboard_replay, pages):
    before = len(pages.posts_to("/report"))
    journey, _ = keyboard_replay("/final-form.html", "  - submit: {name: Send report, final: true}\n")
    assert journey.outcome == "completed" and journey["stopped_before_submit"] is True
    final = journey["steps"][1]
    assert final["status"] == "skipped_final" and final["keyboard"]["reached"] is True
    assert final["keyboard"]["stops"][-1]["name"] == "Send report"
    assert final["keyboard"]["keys"] == final["keyboard"]["tab_presses"]  # Tab only: nothing was pressed
    assert len(pages.posts_to("/report")) == before


def test_a_page_loaded_by_enter_is_the_one_the_step_records_and_probes(keyboard_replay, pages):
    """Expected before running: Enter on Continue posts the form, whose server answers late with a redirect;
    the step must wait for the answer as a click does, so its record has the next page's title and address,
    navigated, and probes of that page (a key press that returned at once left the step on the page it was
    leaving, probed mid-navigation)."""
    journey, _ = keyboard_replay("/slow-answer.html", """\
  - fill: {label: Full name, value: Ann Example}
  - click: Continue
  - expect: Application complete
""")
    assert journey.outcome == "completed", journey.get("error")
    pressed = journey["steps"][2]
    assert pressed["url"].endswith("/done.html") and pressed["title"] == "Done - Testshire Council"
    assert pressed["navigated"] is True
    assert "error" not in pressed["artifacts"] and pressed["artifacts"]["page"]


def test_a_first_stop_that_focus_comes_back_to_between_two_reads_is_not_passed_unseen(keyboard_replay, pages):
    before = len(pages.posts_to("/report"))
    journey, _ = keyboard_replay("/late-return.html", """\
  - fill: {label: Town, value: Testville}
  - fill: {label: Postcode, value: ZZ99 9ZZ}
  - fill: {label: Street, value: 1 High Street}
""")
    assert journey.outcome == "completed", journey.get("error")
    street = journey["steps"][3]["keyboard"]
    assert street["reached"] is True and street["unreachable"] is None
    # Continue, the page itself, then Tab lands on Town after focus came back on Street: one Shift+Tab back
    assert (street["tab_presses"], street["shift_tab_presses"]) == (3, 1)
    assert [s["name"] for s in street["stops"]] == ["Continue", "Street", "Town", "Street"]
    assert len(pages.posts_to("/report")) == before
