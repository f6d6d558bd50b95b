"""Frozen value objects shared by every stage: what a journey says, and what a run produced.

Results are kept as plain JSON-shaped dicts inside ``JourneyResult`` because audits and reports
must work on stored runs exactly as on fresh ones (see docs/internals.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

Outcome = Literal["completed", "dead_end", "broken"]
OUTCOMES: tuple[str, ...] = ("completed", "dead_end", "broken")


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
