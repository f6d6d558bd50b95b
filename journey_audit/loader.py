"""YAML journey files -> validated ``Journey`` objects, with ``path:line: problem`` errors.

The whole file is checked before any browser starts (after pa11y), so a typo in step 9 never
costs a half-finished run.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

from journey_audit.actions import REGISTRY, StepSyntaxError
from journey_audit.model import Journey, Locator, Step
from journey_audit.personas import PersonaError, load_personas
from journey_audit.textfiles import TextFileError, read_utf8, yaml_problem

DEMO_FILES = Path(__file__).resolve().parent / "demo" / "files"
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
PLACEHOLDER = re.compile(r"\{persona\.([A-Za-z0-9_]+)\}")
# Dates relative to the day of the run, so "when did it happen?" answers never go stale.
DATE_PLACEHOLDER = re.compile(r"\{date\.(today|yesterday|last_week)\}")
TOP_LEVEL = {"council", "council_id", "task", "start", "base_url", "persona", "steps", "description", "expect_outcome",
             "keyboard"}
REQUIRED = ("council", "council_id", "task", "start", "steps")
# Ids name result folders, screenshots and history rows: short enough for any file system and terminal.
MAX_ID_LENGTH = 64
# A scheme is letters then ':' (RFC 3986); browsers ignore tabs, newlines and leading spaces in URLs.
SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):", re.I)
URL_IGNORED = re.compile(r"[\x00-\x20\x7f]+")
WEB_SCHEMES = ("http", "https")


class JourneyFileError(ValueError):
    """Every problem found in one or more journey files, each as ``path:line: message``."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


def _plain(node: yaml.Node) -> Any:
    """Turn a composed YAML node into plain Python values (line numbers come from the nodes). Built from the node
    itself: a key with nothing after it (``keyboard:``) is None, where re-serialising it could not be read back."""
    return yaml.SafeLoader("").construct_document(node)


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _parse_steps(path: Path, node: yaml.Node, problems: list[str]) -> list[Step]:
    where = f"{path}:{_line(node)}"
    if not isinstance(node, yaml.SequenceNode) or not node.value:
        problems.append(f"{where}: 'steps' must be a non-empty list of actions")
        return []
    steps: list[Step] = []
    for item in node.value:
        line = _line(item)
        if not isinstance(item, yaml.MappingNode) or len(item.value) != 1:
            problems.append(f"{path}:{line}: each step is one action, e.g. '- click: Start now'")
            continue
        key_node, value_node = item.value[0]
        name = key_node.value
        action = REGISTRY.get(name)
        if action is None:
            known = ", ".join(sorted(REGISTRY))
            problems.append(f"{path}:{line}: unknown action '{name}' (known actions: {known})")
            continue
        if _is_empty(value_node):
            problems.append(f"{path}:{line}: {name}: no value given (write e.g. '- {name}: ...' with the "
                            f"text, or a mapping; see docs/journeys.md)")
            continue
        try:
            step = action.parse(_plain(value_node), line)
        except StepSyntaxError as exc:
            problems.append(f"{path}:{line}: {name}: {exc}")
            continue
        problems += [f"{path}:{line}: {name}: {p}" for p in step_url_problems(step)]
        steps.append(step)
    return steps


def _is_empty(node: yaml.Node) -> bool:
    """``- click:`` with nothing after it: a YAML null, which no action can run."""
    return isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null"


def _resolve_upload(path: Path, step: Step, problems: list[str]) -> Step:
    """Upload files are found beside the journey file, then among the bundled demo files."""
    wanted = Path(step.value or "")
    candidates = [wanted] if wanted.is_absolute() else [path.parent / wanted, DEMO_FILES / wanted]
    for candidate in candidates:
        if candidate.is_file():
            return replace(step, value=str(candidate.resolve()))
    problems.append(f"{path}:{step.line}: upload: file '{wanted}' not found (looked in {path.parent} and {DEMO_FILES})")
    return step


def _date(which: str) -> str:
    days = {"today": 0, "yesterday": 1, "last_week": 7}[which]
    return (date.today() - timedelta(days=days)).strftime("%d/%m/%Y")


def _substitute(path: Path, steps: list[Step], persona: dict[str, str], persona_name: str,
                problems: list[str]) -> list[Step]:
    """Replace ``{persona.field}`` in values and locators with the persona's fake data."""

    def sub(text: str | None, line: int) -> str | None:
        if text is None:
            return None
        if "{persona" in PLACEHOLDER.sub("", text):
            problems.append(f"{path}:{line}: malformed persona reference in {text!r} (write {{persona.field}})")

        text = DATE_PLACEHOLDER.sub(lambda m: _date(m.group(1)), text)

        def one(match: re.Match[str]) -> str:
            field = match.group(1)
            if field not in persona:
                problems.append(f"{path}:{line}: persona '{persona_name}' has no field '{field}' "
                                f"(it has: {', '.join(sorted(persona))})")
                return match.group(0)
            return str(persona[field])

        return PLACEHOLDER.sub(one, text)

    def sub_locator(step: Step) -> Locator:
        fields = {k: sub(getattr(step.locator, k), step.line) for k in ("label", "name", "text", "placeholder", "css")}
        return Locator(**fields)

    return [replace(s, value=sub(s.value, s.line), locator=sub_locator(s)) for s in steps]


def url_problem(target: str, *, path_allowed: bool) -> str | None:
    """Why ``target`` cannot be opened as a web page (file:, javascript:, data: ...), or None."""
    wanted = "must be a path or an http(s) URL" if path_allowed else "must be an http(s) URL"
    bare = URL_IGNORED.sub("", target)
    scheme = SCHEME.match(bare)
    if scheme is None:
        return None if path_allowed else f"{wanted}, not {shown(target)}"
    name = scheme.group(1).lower()
    if name not in WEB_SCHEMES:
        return f"{wanted}: {name}: addresses cannot be audited ({shown(target)})"
    if not bare.lower().startswith(f"{name}://") or len(bare) <= len(name) + 3:
        return f"{wanted}: {shown(target)} has no host (expected {name}://host/...)"
    return None


def shown(text: str, limit: int = 80) -> str:
    """Quote user text in an error message, cut short and with control characters made visible."""
    text = repr(text)[1:-1]
    return f"'{text[:limit]}...'" if len(text) > limit else f"'{text}'"


def step_url_problems(step: Step) -> list[str]:
    """A goto leaves the site only for another web page, never a local file or a script."""
    if step.action != "goto" or step.value is None:
        return []
    problem = url_problem(step.value, path_allowed=True)
    return [problem] if problem else []


def _runnable_header_problems(path: Path, nodes: dict[str, yaml.Node], council_id: str | None, task: str | None,
                              start: str | None, base_url: str | None, base_url_given: bool) -> list[str]:
    """Ids that make safe folder names, and a start page that ``run`` can actually open."""
    problems = []
    for key, value in (("council_id", council_id), ("task", task)):
        if value is None:
            continue
        where = f"{path}:{_line(nodes[key])}"
        if len(value) > MAX_ID_LENGTH:
            problems.append(f"{where}: '{key}' is {len(value)} characters long; keep it to {MAX_ID_LENGTH} "
                            f"(it names result folders)")
        elif not SLUG.match(value):
            problems.append(f"{where}: '{key}' must be lower-case letters, digits and dashes, got {shown(value)}")
    if base_url is not None:
        problem = url_problem(base_url, path_allowed=False)
        if problem:
            problems.append(f"{path}:{_line(nodes['base_url'])}: 'base_url' {problem}")
    if start is not None:
        problem = url_problem(start, path_allowed=True)
        if problem:
            problems.append(f"{path}:{_line(nodes['start'])}: 'start' {problem}")
        elif SCHEME.match(URL_IGNORED.sub("", start)) is None and base_url is None and not base_url_given:
            problems.append(f"{path}:{_line(nodes['start'])}: 'start' is a path ({shown(start)}) but the file has "
                            "no base_url: add 'base_url: https://...' or make 'start' a full URL")
    return problems


def load_journey(path: str | Path, *, base_url_given: bool = False) -> Journey:
    """Parse and validate one journey file; raise JourneyFileError listing every problem.

    ``base_url_given`` is true when the caller supplies a base URL (``run --base-url``), so a path
    ``start:`` without ``base_url:`` can still be run.
    """
    path = Path(path)
    try:
        text = read_utf8(path)
    except TextFileError as exc:
        raise JourneyFileError([str(exc)]) from None
    try:
        root = yaml.compose(text)
    except yaml.MarkedYAMLError as exc:
        raise JourneyFileError([yaml_problem(path, exc)]) from None
    if not isinstance(root, yaml.MappingNode):
        raise JourneyFileError([f"{path}:1: a journey file is a mapping with council, task, start and steps"])

    problems: list[str] = []
    nodes: dict[str, yaml.Node] = {}
    for key_node, value_node in root.value:
        key = key_node.value
        if key not in TOP_LEVEL:
            problems.append(f"{path}:{_line(key_node)}: unknown key '{key}' (expected: {', '.join(sorted(TOP_LEVEL))})")
        elif key in nodes:
            problems.append(f"{path}:{_line(key_node)}: '{key}' is given twice")
        nodes[key] = value_node
    for key in REQUIRED:
        if key not in nodes:
            problems.append(f"{path}:1: missing required key '{key}'")

    def text_of(key: str) -> str | None:
        node = nodes.get(key)
        if node is None:
            return None
        if not isinstance(node, yaml.ScalarNode) or not str(node.value).strip():
            problems.append(f"{path}:{_line(node)}: '{key}' must be non-empty text")
            return None
        return str(node.value).strip()

    council, council_id, task = text_of("council"), text_of("council_id"), text_of("task")
    start, base_url = text_of("start"), text_of("base_url")
    persona_name = text_of("persona") or "default"
    problems += _runnable_header_problems(path, nodes, council_id, task, start, base_url, base_url_given)

    expect_outcome = _parse_expect_outcome(path, nodes.get("expect_outcome"), problems)
    keyboard = _parse_flag(path, nodes.get("keyboard"), "keyboard", problems)
    steps = _parse_steps(path, nodes["steps"], problems) if "steps" in nodes else []
    steps = [_resolve_upload(path, s, problems) if s.action == "upload" else s for s in steps]
    try:
        personas = load_personas()
        if persona_name not in personas:
            line = _line(nodes["persona"]) if "persona" in nodes else 1
            problems.append(f"{path}:{line}: unknown persona '{persona_name}' (known: {', '.join(sorted(personas))})")
        else:
            steps = _substitute(path, steps, personas[persona_name], persona_name, problems)
    except PersonaError as exc:
        problems.append(str(exc))
    if problems:
        raise JourneyFileError(problems)
    return Journey(path=path, council=council or "", council_id=council_id or "", task=task or "",
                   start=start or "", base_url=base_url, persona=persona_name, steps=tuple(steps),
                   expect_outcome=expect_outcome, keyboard=keyboard)


def _parse_flag(path: Path, node: yaml.Node | None, key: str, problems: list[str]) -> bool:
    """A top-level true/false (``keyboard: true``); anything else is a problem at its line."""
    if node is None:
        return False
    value = _plain(node)
    if not isinstance(value, bool):
        given = "nothing" if value is None else repr(value)
        problems.append(f"{path}:{_line(node)}: '{key}' must be true or false, not {given}")
        return False
    return value


def _parse_expect_outcome(path: Path, node: yaml.Node | None, problems: list[str]) -> dict[str, str] | None:
    """``expect_outcome`` (see journey_audit/expected_outcome.py), or None; problems as ``path:line:``."""
    if node is None:
        return None
    from journey_audit.expected_outcome import parse_expect_outcome

    try:
        return parse_expect_outcome(_plain(node))
    except ValueError as exc:
        problems.append(f"{path}:{_line(node)}: {exc}")
        return None


def discover(paths: Iterable[str | Path]) -> list[Path]:
    """Expand files and folders into a sorted list of journey files."""
    found: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found += sorted(x for x in p.rglob("*.y*ml") if x.suffix in (".yaml", ".yml") and x.name != "personas.yaml")
        else:
            found.append(p)
    return found


def load_journeys(paths: Iterable[str | Path], *, base_url_given: bool = False) -> list[Journey]:
    """Load every journey, collecting all files' problems into one JourneyFileError."""
    journeys: list[Journey] = []
    problems: list[str] = []
    files = discover(paths)
    if not files:
        raise JourneyFileError(["no journey files found (expected *.yaml files)"])
    for file in files:
        try:
            journeys.append(load_journey(file, base_url_given=base_url_given))
        except JourneyFileError as exc:
            problems += exc.problems
    seen: dict[str, Path] = {}
    for j in journeys:
        if j.key in seen:
            problems.append(f"{j.path}:1: duplicate journey {j.council_id}/{j.task} (also in {seen[j.key]})")
        seen[j.key] = j.path
    if problems:
        raise JourneyFileError(problems)
    return journeys
