"""What keyboard replay records for one step (``step["keyboard"]``, see KEYBOARD_CONTRACT / docs/internals.md)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

MAX_STOPS = 80  # focus stops kept per step; beyond this the record says "stops_truncated"
STOP_KEYS = ("name", "tag", "role", "focus_visible", "box", "tabindex", "in_form")


class KeyboardBarrier(Exception):
    """The keyboard cannot do what the step asks: the step fails with this kind (a dead end, not a script bug)."""

    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind
        self.message = message


@dataclass
class KeyFacts:
    """Keys pressed and focus stops passed during one step, counted as they happen."""

    target: str
    reached: bool = False
    tab_presses: int = 0
    shift_tab_presses: int = 0
    keys: int = 0
    stops: list[dict[str, Any]] = field(default_factory=list)
    stops_truncated: bool = False
    not_visible: list[dict[str, Any]] = field(default_factory=list)
    trap: dict[str, Any] | None = None
    unreachable: dict[str, Any] | None = None
    focus_after: dict[str, Any] | None = None
    skip_link: dict[str, Any] | None = None
    _not_visible_ids: set[int] = field(default_factory=set)

    def press(self, page, key: str, on: Any = None) -> None:
        """One key press, counted (``Tab``, ``Shift+Tab``, ``Enter``, ``Space``, arrows...).

        ``on``: the element that already has focus (reached by Tab). Pressing through its handle makes
        Playwright wait for a page load the key starts, as a click does; ``page.keyboard`` returns at once,
        and the step would be recorded and probed on the page it was leaving.
        """
        if on is not None:
            on.press(key)
        else:
            page.keyboard.press(key)
        self.keys += 1
        if key == "Tab":
            self.tab_presses += 1
        elif key == "Shift+Tab":
            self.shift_tab_presses += 1

    def add_stop(self, stop: dict[str, Any]) -> None:
        if len(self.stops) < MAX_STOPS:
            self.stops.append({k: stop.get(k) for k in STOP_KEYS})
        else:
            self.stops_truncated = True
        if stop.get("focus_visible") is False and stop.get("id") not in self._not_visible_ids:
            self._not_visible_ids.add(stop.get("id"))
            self.not_visible.append({"name": stop.get("name") or "", "tag": stop.get("tag"), "role": stop.get("role"),
                                     "evidence": stop.get("evidence") or ""})

    def as_record(self) -> dict[str, Any]:
        record: dict[str, Any] = {
            "target": self.target, "reached": self.reached, "tab_presses": self.tab_presses,
            "shift_tab_presses": self.shift_tab_presses, "keys": self.keys, "stops": self.stops,
            "not_visible": self.not_visible, "trap": self.trap, "unreachable": self.unreachable,
            "focus_after": self.focus_after, "skip_link": self.skip_link,
        }
        if self.stops_truncated:
            record["stops_truncated"] = True
        return record
