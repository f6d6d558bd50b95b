"""`journey-audit run --keyboard` over the demo councils (one run, shared): Brightwater completes every task by
keyboard, and each barrier planted in Mudford and Stonyfield (journey_audit/demo/keyboard_barriers.py) is
reported on the step where it sits, with evidence, while the same journeys by mouse end as they always did.

The verdicts below were written down from how the pages are built, before the keyboard engine ran on them.
Step numbers are the results' step ``index`` (0 is the start page).
"""

from __future__ import annotations

import pytest

from journey_audit.demo.keyboard_barriers import KEYBOARD_BARRIERS

pytestmark = pytest.mark.e2e

BRIGHTWATER_TASKS = ("report-pothole", "apply-parking-permit", "report-missed-bin", "book-bulky-waste")
STONYFIELD_MENU = {"Bins and recycling", "Roads and transport", "Parking", "Contact us"}  # .site-nav a:focus

# Barriers that stop a keyboard user: the keyboard journey is a dead end of this kind at this step.
BLOCKING = {
    ("mudford", "apply-parking-permit", 10): {
        "kind": "keyboard_unreachable", "control": "Select a security question", "reason": "not focusable"},
    ("mudford", "report-missed-bin", 13): {
        "kind": "keyboard_trap", "target": "Bin type", "cycle": ("< Prev", "Next >", "1", "2")},
    ("stonyfield", "book-bulky-waste", 6): {
        "kind": "keyboard_unreachable", "control": "Next", "reason": "not focusable"},
}
# Barriers that are findings: the keyboard journey passes them and ends as written here.
PASSABLE = {
    ("mudford", "report-pothole", 2): {"outcome": "completed", "reason": None},
    ("stonyfield", "report-pothole", 1): {"outcome": "dead_end", "reason": "pdf_form"},
}
# How the same journeys end by mouse (unchanged by the barriers).
MOUSE = {
    ("mudford", "apply-parking-permit"): ("completed", None),
    ("mudford", "report-missed-bin"): ("completed", None),
    ("mudford", "report-pothole"): ("completed", None),
    ("stonyfield", "book-bulky-waste"): ("dead_end", "session_expired"),
    ("stonyfield", "report-pothole"): ("dead_end", "pdf_form"),
}


def by_key(run) -> dict:
    return {(j["council_id"], j["task"]): j for j in run.journeys}


def kb(step: dict) -> dict:
    facts = step.get("keyboard")
    assert isinstance(facts, dict), f"step {step['index']} ({step['action']}) has no keyboard facts"
    return facts


@pytest.fixture(scope="module")
def keyboard(keyboard_demo_run) -> dict:
    code, _, run, out = keyboard_demo_run
    assert code in (0, 1), out
    assert len(run.journeys) == 12
    assert all(j.get("mode") == "keyboard" for j in run.journeys)
    return by_key(run)


def test_every_documented_barrier_has_a_written_verdict():
    documented = {(b.council_id, b.task, b.step) for b in KEYBOARD_BARRIERS}
    assert documented == set(BLOCKING) | set(PASSABLE)
    for b in KEYBOARD_BARRIERS:
        assert b.blocks == ((b.council_id, b.task, b.step) in BLOCKING), b


@pytest.mark.parametrize("task", BRIGHTWATER_TASKS)
def test_brightwater_completes_every_task_by_keyboard(keyboard, task):
    journey = keyboard[("brightwater", task)]
    assert journey["outcome"] == "completed", journey.get("outcome_reason") or journey.get("error")
    done = [s for s in journey["steps"] if s["status"] == "ok"]
    assert all(kb(s)["reached"] for s in done)
    assert all(not kb(s)["not_visible"] and kb(s)["trap"] is None and kb(s)["unreachable"] is None for s in done)
    assert sum(kb(s)["tab_presses"] for s in done) > 0
    assert kb(journey["steps"][0])["skip_link"] == {"present": True, "works": True, "name": "Skip to main content"}
    judged = journey["metrics"]["keyboard"]
    # at least every Tab and Shift+Tab of the steps done (the held-back final step's walk may count too)
    assert judged["tab_presses"] >= sum(kb(s)["tab_presses"] + kb(s)["shift_tab_presses"] for s in done) > 0
    assert judged["skip_link"] == {"present": True, "works": True} and judged["first_stuck"] is None
    for kind in ("unreachable", "traps", "focus_not_visible", "order_mismatch", "focus_lost"):
        assert judged[kind] == [], kind
    assert not [f["id"] for f in journey["findings"] if f["id"].startswith("keyboard-")]


@pytest.mark.parametrize("where", sorted(BLOCKING))
def test_a_blocking_barrier_is_a_keyboard_dead_end_on_its_step(keyboard, where):
    council, task, index = where
    want = BLOCKING[where]
    journey = keyboard[(council, task)]
    step = journey["steps"][index]
    assert step["index"] == index and step["status"] == "failed" and step["error_kind"] == want["kind"], step["error"]
    assert all(kb(s)["reached"] for s in journey["steps"][1:index]), "every step before the barrier is done by keyboard"
    assert journey["outcome"] == "dead_end"
    assert journey["outcome_reason"]["kind"] == want["kind"] and journey["outcome_reason"]["step"] == index
    assert any(d["kind"] == want["kind"] and d["blocking"] and d["step"] == index for d in journey["dead_ends"])
    facts = kb(step)
    assert facts["reached"] is False
    judged = journey["metrics"]["keyboard"]
    if want["kind"] == "keyboard_unreachable":
        assert facts["unreachable"]["control"] == want["control"] == facts["target"]
        assert facts["unreachable"]["reason"] == want["reason"] and facts["unreachable"]["evidence"]
        assert f"'{want['control']}'" in step["error"]
        assert {"step": index, "control": want["control"], "reason": want["reason"]} in judged["unreachable"]
        control = want["control"]
    else:
        assert facts["target"] == want["target"]
        assert set(want["cycle"]) <= set(facts["trap"]["cycle"]) and facts["trap"]["evidence"]
        control = facts["trap"]["control"]
        assert control in facts["trap"]["cycle"]
        assert [(t["step"], t["control"]) for t in judged["traps"]] == [(index, control)]
    stuck = judged["first_stuck"]
    assert (stuck["step"], stuck["kind"], stuck["control"]) == (index, want["kind"], control) and stuck["evidence"]


def test_positive_tabindex_sends_tab_to_the_defect_fields_before_the_callers_details(keyboard):
    journey = keyboard[("mudford", "report-pothole")]
    step = journey["steps"][2]  # fill Forename: the first field of the form, from the top of the page
    form = [s for s in kb(step)["stops"] if s["in_form"]]
    names = [s["name"] for s in form]
    assert names[:9] == ["Road/Street name of defect", "Nearest house no. or landmark", "Ward", "gridref",
                         "Type of defect", "Location", "Approx. width (cm)", "Approx. depth (cm)",
                         "Description of defect"]
    assert [s["tabindex"] for s in form[:9]] == list(range(1, 10))
    forename = names.index("Forename")
    assert forename > 9 and all(s["tabindex"] is None for s in form[9:forename + 1])
    assert all(s["box"]["y"] > form[forename]["box"]["y"] for s in form[:9]), "they are shown below Forename"
    judged = journey["metrics"]["keyboard"]["order_mismatch"]
    assert [m["controls"][0] for m in judged if m["step"] == 2] == ["Description of defect"]  # then back up the page
    assert "keyboard-order-mismatch" in {f["id"] for f in journey["findings"]}


def test_outline_none_is_reported_on_the_stonyfield_menu_links_only(keyboard):
    for task in ("report-pothole", "apply-parking-permit", "report-missed-bin"):
        journey = keyboard[("stonyfield", task)]
        first = kb(journey["steps"][1])
        assert first["reached"] and first["target"] in STONYFIELD_MENU
        assert first["target"] in {n["name"] for n in first["not_visible"]}
        for step in journey["steps"]:
            for item in (step.get("keyboard") or {}).get("not_visible") or []:
                assert item["name"] in STONYFIELD_MENU and item["evidence"], (task, step["index"], item)
        judged = journey["metrics"]["keyboard"]["focus_not_visible"]
        assert (1, first["target"]) in {(n["step"], n["control"]) for n in judged}
        assert {n["control"] for n in judged} <= STONYFIELD_MENU and all(n["evidence"] for n in judged)
        assert "keyboard-focus-not-visible" in {f["id"] for f in journey["findings"]}


@pytest.mark.parametrize("where", sorted(PASSABLE))
def test_a_finding_barrier_lets_the_keyboard_journey_go_on(keyboard, where):
    council, task, index = where
    journey = keyboard[(council, task)]
    want = PASSABLE[where]
    assert journey["outcome"] == want["outcome"], journey.get("outcome_reason") or journey.get("error")
    assert (journey.get("outcome_reason") or {}).get("kind") == want["reason"]
    assert all(s.get("error_kind") not in ("keyboard_unreachable", "keyboard_trap") for s in journey["steps"])
    assert len(journey["steps"]) > index + 1


def test_mudford_bulky_waste_has_no_planted_barrier_and_completes_by_keyboard(keyboard):
    journey = keyboard[("mudford", "book-bulky-waste")]
    assert journey["outcome"] == "completed", journey.get("outcome_reason") or journey.get("error")


def test_the_barriers_do_not_change_what_mouse_users_get(demo_run):
    mouse = by_key(demo_run[2])
    for key, (outcome, reason) in MOUSE.items():
        journey = mouse[key]
        assert journey.get("mode", "mouse") == "mouse"
        assert (journey["outcome"], (journey.get("outcome_reason") or {}).get("kind")) == (outcome, reason), key
