"""What every importer produces: journey steps in recorded order, plus what it could not convert, by line.

The two importers (codegen scripts, DevTools Recorder JSON) only read their format; naming the journey,
turning typed values into persona references, marking the real submission ``final`` and writing the YAML
happen here, once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from journey_audit.personas import load_personas

PRESSES = ("click", "submit")
FIELD_ACTIONS = ("fill", "select", "upload", "check")


@dataclass(frozen=True)
class DraftStep:
    line: int
    action: str  # a journey action, or "" for a recorded step that could not be converted
    args: Any = None  # the action's YAML value
    problem: str | None = None  # why it was not converted (action == "")
    source: str = ""  # the recorded text, for the NOT CONVERTED comment


@dataclass
class Draft:
    """A journey being put together from a recording."""

    source: Path
    kind: str  # "codegen" or "recorder"
    steps: list[DraftStep] = field(default_factory=list)
    notes: list[tuple[int, str]] = field(default_factory=list)  # converted, but worth a look

    def add(self, line: int, action: str, args: Any) -> None:
        self.steps.append(DraftStep(line, action, args))

    def fail(self, line: int, source: str, problem: str) -> None:
        self.steps.append(DraftStep(line, "", problem=problem, source=source))

    def note(self, line: int, message: str) -> None:
        self.notes.append((line, message))

    @property
    def problems(self) -> list[tuple[int, str]]:
        return [(s.line, f"not converted: {s.source} ({s.problem})") for s in self.steps if not s.action]


def locator_of(args: Any) -> dict[str, Any] | None:
    if isinstance(args, str):
        return {"name": args}
    if isinstance(args, dict):
        return {k: v for k, v in args.items() if k in ("label", "name", "text", "placeholder", "css")}
    return None


def _where(args: Any) -> set[Any]:
    """The text a step finds its element by (a field's label and the name a click used are the same words)."""
    return set((locator_of(args) or {}).values())


def drop_focus_clicks(steps: list[DraftStep]) -> list[DraftStep]:
    """Recorders click a field before typing into it; the journey's fill already does that."""
    kept: list[DraftStep] = []
    for n, step in enumerate(steps):
        following = next((s for s in steps[n + 1:] if s.action), None)
        if step.action == "click" and following is not None and following.action in FIELD_ACTIONS \
                and _where(step.args) == _where(following.args):
            continue
        kept.append(step)
    return kept


def _normal(text: str) -> str:
    return " ".join(text.split()).casefold()


def persona_reference(value: str, persona: dict[str, str]) -> str:
    """The ``{persona.field}`` a typed value came from, or the value itself."""
    for name, known in persona.items():
        if _normal(known) and _normal(known) == _normal(value):
            return f"{{persona.{name}}}"
    return value


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "journey"


def _dump(value: Any) -> str:
    text = yaml.safe_dump(value, default_flow_style=True, width=10**6, allow_unicode=True, sort_keys=False)
    return text.removesuffix("\n...\n").strip()


@dataclass(frozen=True)
class Naming:
    council: str | None = None
    council_id: str | None = None
    task: str | None = None
    persona: str = "default"


def to_yaml(draft: Draft, naming: Naming) -> str:
    """The journey file's text: header, naming, start/base_url from the first goto, steps, NOT CONVERTED lines."""
    persona = load_personas().get(naming.persona, {})
    steps = drop_focus_clicks(draft.steps)
    gotos = [s for s in steps if s.action == "goto"]
    first_url = str(gotos[0].args) if gotos else ""
    parts = urlsplit(first_url)
    origin = f"{parts.scheme}://{parts.netloc}" if parts.scheme in ("http", "https") else ""
    if gotos:
        steps.remove(gotos[0])  # it is the journey's start
    presses = [n for n, s in enumerate(steps) if s.action in PRESSES]
    lines = [
        f"# Imported from {draft.source.name} by `journey-audit import {draft.kind}` on {date.today():%Y-%m-%d}.",
        "# Check the steps. The last press is marked final: true (held back unless --allow-submit):",
        "# move it to the step that really sends the form if that is another one.",
        f"council: {_dump(naming.council or parts.netloc or 'Unknown council')}",
        f"council_id: {_slug(naming.council_id or parts.hostname or 'unknown')}",
        f"task: {_slug(naming.task or draft.source.stem)}",
        f"start: {_dump((parts.path or '/') + ('?' + parts.query if parts.query else '')) if origin else _dump(first_url)}",
    ]
    if origin:
        lines.append(f"base_url: {origin}")
    lines += [f"persona: {naming.persona}", "steps:"]
    for n, step in enumerate(steps):
        if not step.action:
            lines.append(f"  # NOT CONVERTED ({draft.source.name}:{step.line}): {step.source}  -- {step.problem}")
            continue
        args = step.args
        if step.action == "goto" and origin and str(args).startswith(origin):
            args = str(args)[len(origin):] or "/"
        if step.action == "fill":
            args = {**args, "value": persona_reference(str(args["value"]), persona)}
        if presses and n == presses[-1]:
            args = {**({"name": args} if isinstance(args, str) else args), "final": True}
        lines.append(f"  - {step.action}: {_dump(args)}")
    return "\n".join(lines) + "\n"
