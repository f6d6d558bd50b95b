"""Effort counts from step records (no browser): what a held-back final step adds in each mode."""

from __future__ import annotations

from journey_audit.audits.effort import counts


def journey(mode: str | None) -> dict:
    steps = [
        {"index": 0, "action": "goto", "status": "ok", "url": "http://127.0.0.1:9/a", "navigated": True, "clicks": 0},
        {"index": 1, "action": "click", "status": "ok", "url": "http://127.0.0.1:9/b", "navigated": True,
         "clicks": 0 if mode == "keyboard" else 1},
        {"index": 2, "action": "submit", "status": "skipped_final", "url": "http://127.0.0.1:9/b", "clicks": 0},
    ]
    return {"steps": steps, **({"mode": mode} if mode else {})}


def test_the_held_back_final_button_counts_as_the_click_a_mouse_user_would_make():
    assert counts(journey("mouse"))["clicks"] == 2
    assert counts(journey(None))["clicks"] == 2  # runs from before modes were recorded are mouse runs


def test_a_keyboard_replay_counts_no_click_for_the_held_back_final_button():
    assert counts(journey("keyboard"))["clicks"] == 0  # as the report says: "Clicks: none (keyboard run)"
