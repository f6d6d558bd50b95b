"""The Tab walk's verdicts from scripted reads of focus (what focus.js reports after each key), for the
timings a real browser gives only now and then: focus leaving the page for the browser and coming back on
the page's first stop between two reads, or after a read and before the next key."""

from __future__ import annotations

import pytest

from journey_audit.browser.keyboard.reach import CYCLED, reach
from journey_audit.browser.keyboard.record import KeyboardBarrier, KeyFacts


def stop(n: int, *, target: bool = False, **moved) -> dict:
    return {"id": n, "name": f"Link {n}", "tag": "a", "role": "link", "is_body": False, "is_target": target,
            "focus_visible": True, "box": {"x": 0, "y": n, "width": 10, "height": 10}, "tabindex": None,
            "in_form": False, "left": False, "back": None, **moved}


BODY = {"is_body": True, "id": 0, "tag": "body", "left": True, "back": None}
DIV = {"connected": True, "tag": "div", "role": None, "native": False, "tabindex": None, "disabled": False,
       "inert": False, "shown": True}


class ScriptedPage:
    """Answers the walk's reads of focus from a script, one read per key; records the keys."""

    def __init__(self, reads: list[dict], plan: dict, target: dict | None = None):
        self.reads, self.plan, self.target = list(reads), plan, target or {"connected": True}
        self.keys: list[str] = []
        self.keyboard = self

    def press(self, key: str) -> None:
        self.keys.append(key)

    def evaluate(self, script: str, arg=None):
        for name, answer in (("snapshot", lambda: self.plan), ("targetFacts", lambda: self.target),
                             ("stop", lambda: self.reads.pop(0))):
            if f".{name}(" in script:
                return answer()
        raise AssertionError(script)


class Handle:
    def evaluate(self, script: str):
        return {}


def walk(page: ScriptedPage, facts: KeyFacts | None = None) -> KeyFacts:
    facts = facts or KeyFacts(target="Continue")
    reach(page, Handle(), facts, deadline=float("inf"))
    return facts


def unreachable(page: ScriptedPage) -> tuple[KeyboardBarrier, KeyFacts]:
    facts = KeyFacts(target="Continue")
    with pytest.raises(KeyboardBarrier) as barrier:
        walk(page, facts)
    return barrier.value, facts


def test_focus_out_to_the_browser_and_back_within_one_read_is_a_wrap_not_a_trap():
    # Link 1 -> Link 2 -> (past the end, to the browser, straight back to Link 1): the whole page was cycled
    page = ScriptedPage([stop(1), stop(2), stop(1, left=True)], {"tabbable": 2, "forward": None, "backward": None},
                        DIV)
    barrier, facts = unreachable(page)
    assert barrier.kind == "keyboard_unreachable" and page.keys == ["Tab", "Tab"]
    assert CYCLED in facts.unreachable["evidence"] and "trapped" not in facts.unreachable["evidence"]


def test_a_target_focus_came_back_to_after_the_read_is_reached_one_press_back():
    # Link 3 -> the page itself (focus with the browser) -> focus came back on Link 1 (the target) after that
    # read, and the next Tab moved it on to Link 2 -> one Shift+Tab back to Link 1
    page = ScriptedPage([stop(3), BODY, stop(2, back=stop(1, target=True)), stop(1, target=True)],
                        {"tabbable": 3, "forward": 2, "backward": 2})
    facts = walk(page)
    assert page.keys == ["Tab", "Tab", "Shift+Tab"] and facts.reached
    assert [s["name"] for s in facts.stops] == ["Link 1", "Link 2", "Link 1"]


def test_a_stop_focus_came_back_to_unseen_counts_as_passed():
    # Link 3 -> the page -> (back on Link 1 after the read) Link 2 -> Link 3 again: every stop was passed
    page = ScriptedPage([stop(3), BODY, stop(2, back=stop(1)), stop(3)], {"tabbable": 3, "forward": 2,
                                                                          "backward": 2}, DIV)
    barrier, facts = unreachable(page)
    assert barrier.kind == "keyboard_unreachable" and CYCLED in facts.unreachable["evidence"]
    assert page.keys == ["Tab"] * 3 and [s["name"] for s in facts.stops] == ["Link 1", "Link 2", "Link 3"]
