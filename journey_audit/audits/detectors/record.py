"""The dead-end record every detector returns (kept apart so journey-level detectors can import it)."""

from __future__ import annotations


def dead_end_record(kind: str, step: dict, blocking: bool, text: str) -> dict:
    return {
        "kind": kind,
        "step": step.get("index"),
        "blocking": bool(blocking),
        "evidence": {"url": step.get("url") or "", "text": text[:400], "screenshot": step.get("screenshot")},
    }
