"""KeyFacts, the per-step keyboard record: counting, the stop cap and one not_visible entry per control."""

from __future__ import annotations

from journey_audit.browser.keyboard.record import MAX_STOPS, KeyFacts


class FakeKeyboard:
    def __init__(self):
        self.pressed: list[str] = []

    def press(self, key: str) -> None:
        self.pressed.append(key)


class FakePage:
    def __init__(self):
        self.keyboard = FakeKeyboard()


def stop(n: int, visible: bool | None = True) -> dict:
    return {"id": n, "name": f"Field {n}", "tag": "input", "role": "textbox", "focus_visible": visible,
            "box": {"x": 0, "y": n, "width": 10, "height": 10}, "tabindex": None, "in_form": True,
            "evidence": None if visible else "unchanged on focus"}


def test_every_press_is_counted_by_kind():
    page, facts = FakePage(), KeyFacts(target="Continue")
    for key in ("Tab", "Tab", "Shift+Tab", "Enter", "ArrowDown"):
        facts.press(page, key)
    record = facts.as_record()
    assert (record["tab_presses"], record["shift_tab_presses"], record["keys"]) == (2, 1, 5)
    assert page.keyboard.pressed == ["Tab", "Tab", "Shift+Tab", "Enter", "ArrowDown"]
    assert "stops_truncated" not in record


def test_stops_are_capped_and_a_control_is_listed_once_in_not_visible():
    facts = KeyFacts(target="Continue")
    for n in range(MAX_STOPS + 5):
        facts.add_stop(stop(n % 3, visible=n % 3 != 1))
    record = facts.as_record()
    assert len(record["stops"]) == MAX_STOPS and record["stops_truncated"] is True
    assert set(record["stops"][0]) == {"name", "tag", "role", "focus_visible", "box", "tabindex", "in_form"}
    assert record["not_visible"] == [{"name": "Field 1", "tag": "input", "role": "textbox",
                                      "evidence": "unchanged on focus"}]


def test_unknown_focus_visibility_is_not_called_invisible():
    facts = KeyFacts(target="Continue")
    facts.add_stop(stop(7, visible=None))
    assert facts.as_record()["not_visible"] == []
