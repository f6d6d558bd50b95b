"""Frozen value objects shared by every stage: what a journey says, and what a run produced.

Results are kept as plain JSON-shaped dicts inside ``JourneyResult`` because audits and reports
must work on stored runs exactly as on fresh ones (see docs/internals.md).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

Outcome = Literal["completed", "dead_end", "broken", "not_run"]
# not_run: the run stopped (a signal, a full disk) before this journey started or finished; it says nothing
# about the council and is never scored.
OUTCOMES: tuple[str, ...] = ("completed", "dead_end", "broken", "not_run")


@dataclass(frozen=True)
class Locator:
    """How a step finds its element: accessible role/label/text first, CSS last."""

    label: str | None = None
    name: str | None = None
    text: str | None = None
    placeholder: str | None = None
    css: str | None = None

    def describe(self) -> str:
        for key in ("label", "name", "text", "placeholder", "css"):
            value = getattr(self, key)
            if value is not None:
                return value if key in ("name", "label") else f"{key}={value}"
        return "?"


@dataclass(frozen=True)
class Step:
    """One scripted action, parsed and validated before any browser starts."""

    action: str
    line: int
    locator: Locator = field(default_factory=Locator)
    value: str | None = None  # fill value, select/choose option, upload file, goto path, expected text
    final: bool = False  # would really submit to the council: guarded by --allow-submit
    expect_error: bool = False  # a deliberate validation check (submit empty once)
    timeout_s: float | None = None
    note: str | None = None

    def target(self) -> str:
        if self.action in ("goto", "expect"):
            return self.value or ""
        return self.locator.describe()


@dataclass(frozen=True)
class Journey:
    path: Path
    council: str
    council_id: str
    task: str
    start: str
    base_url: str | None
    persona: str
    steps: tuple[Step, ...]
    expect_outcome: dict[str, str] | None = None  # e.g. {"outcome": "dead_end", "kind": "pdf_form"}: checked after the run
    keyboard: bool = False  # replay by keyboard alone (keyboard: true in the file, or run --keyboard)

    @property
    def source(self) -> str:
        """Where the journey came from, for people: its file, or for a `check` page (no steps, no file) its URL,
        which ``Path`` would mangle to ``http:/...``."""
        return str(self.path) if self.steps else self.start

    @property
    def key(self) -> str:
        """File-name-safe identity of the journey within a run."""
        return f"{self.council_id}--{self.task}"

    def start_url(self, base_url: str | None = None) -> str:
        if self.start.startswith(("http://", "https://", "file://")):
            return self.start
        base = (base_url or self.base_url or "").rstrip("/")
        if not base:
            raise ValueError(f"{self.path}: start is a path but no base_url is given")
        return base + "/" + self.start.lstrip("/")


@dataclass
class JourneyResult:
    """The saved record of one replayed journey (JSON-shaped, see docs/internals.md)."""

    data: dict[str, Any]

    @property
    def key(self) -> str:
        return f"{self.data['council_id']}--{self.data['task']}"

    @property
    def outcome(self) -> str:
        return self.data["outcome"]

    def __getitem__(self, item: str) -> Any:
        return self.data[item]

    def get(self, item: str, default: Any = None) -> Any:
        return self.data.get(item, default)


@dataclass
class RunResult:
    run_id: str
    folder: Path
    journeys: list[JourneyResult]
    meta: dict[str, Any]

    @property
    def broken(self) -> list[JourneyResult]:
        return [j for j in self.journeys if j.outcome == "broken"]

    @property
    def not_run(self) -> list[JourneyResult]:
        return [j for j in self.journeys if j.outcome == "not_run"]


def plan_entry(journey: Journey, start_url: str) -> dict[str, Any]:
    """What run.json records about a journey before it runs: enough to say later that it did not."""
    return {"council": journey.council, "council_id": journey.council_id, "task": journey.task,
            "journey_path": journey.source, "start_url": start_url, "steps": len(journey.steps)}


def broke_at(error: Mapping[str, Any] | None) -> str:
    """" at step 3" for people; a journey the runner gave no step for (an unrun record: internal error, stuck
    worker) says its kind instead, " (worker stuck)", rather than "at step None"."""
    error = error or {}
    if error.get("step") is not None:
        return f" at step {error['step']}"
    kind = error.get("kind")
    return f" ({str(kind).replace('_', ' ')})" if kind else ""


def unrun_record(plan: dict[str, Any], outcome: Literal["broken", "not_run"], *, kind: str,
                 message: str) -> dict[str, Any]:
    """The saved record of a journey the runner gave no result for: it crashed (``broken``, with the error)
    or the run stopped before it could run or finish (``not_run``, with why). Same shape as a replayed one."""
    from datetime import datetime, timezone

    return {
        "schema_version": 1, "mode": plan.get("mode") or "mouse",
        "council": plan["council"], "council_id": plan["council_id"], "task": plan["task"], "journey_path": plan.get("journey_path") or "", "start_url": plan.get("start_url") or "",
        "outcome": outcome, "outcome_reason": None, "stopped_before_submit": False, "submitted": False,
        "steps_not_run": int(plan.get("steps") or 0) + 1,
        "error": {"step": None, "line": None, "kind": kind, "message": message, "screenshot": None},
        "started_at": datetime.now(timezone.utc).isoformat(timespec="milliseconds"), "duration_s": 0.0,
        "viewport": None, "steps": [],
    }
