"""Budgets: limits a run must stay within (the gate), read from a small YAML file.

    version: 1
    default: {max_friction: 60, max_serious_a11y: 0, no_new_dead_ends: true, max_friction_increase: 5}
    tasks:    {report-pothole: {max_required_fields: 6}}
    councils: {brightwater: {max_friction: 70}}
    journeys: {brightwater/report-pothole: {max_friction: 80}}

Later sections override earlier ones (default < tasks < councils < journeys). A journey that broke
because the site was down is "site unreachable": never a budget failure. Comparative budgets
(no_new_dead_ends, max_friction_increase) need a base run and are skipped without one.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from journey_audit.analysis.diff import diff_journeys
from journey_audit.analysis.rows import error_kind, journey_key, metrics_of, site_failed
from journey_audit.model import broke_at
from journey_audit.storage.run_folder import ResultsError
from journey_audit.textfiles import TextFileError, read_utf8, yaml_problem

NUMBER_BUDGETS = {
    "max_friction": "friction index (0-100, higher is worse)",
    "max_required_fields": "required form fields",
    "max_serious_a11y": "serious or critical accessibility violations",
    "max_critical_a11y": "critical accessibility violations",
    "max_steps": "steps",
    "max_klm_seconds": "predicted time in seconds (KLM)",
    "max_friction_increase": "friction points worse than the base run",
}
BOOL_BUDGETS = {
    "no_new_dead_ends": "no dead end that the base run did not have",
    "allow_broken": "a journey that broke (not because the site was down) passes",
}
SECTIONS = ("version", "default", "tasks", "councils", "journeys")


class BudgetError(ResultsError):
    """A budget file that cannot be used; the message names the file and the problem (exit code 2)."""


@dataclass(frozen=True)
class Budgets:
    default: Mapping[str, Any] = field(default_factory=dict)
    tasks: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    councils: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    journeys: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    source: str = "<budgets>"

    def for_journey(self, council_id: str, task: str) -> dict[str, Any]:
        """The limits that apply to one journey, overrides applied."""
        return {**self.default, **self.tasks.get(task, {}), **self.councils.get(council_id, {}),
                **self.journeys.get(f"{council_id}/{task}", {})}


@dataclass(frozen=True)
class BudgetFailure:
    budget: str
    limit: Any
    actual: Any
    message: str


@dataclass(frozen=True)
class Verdict:
    """One journey's gate result: passed, failed (with the budgets it broke) or site_down."""

    key: str
    council_id: str
    council: str
    task: str
    status: str
    failures: tuple[BudgetFailure, ...] = ()
    note: str = ""
    friction: float | None = None
    stars: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"key": self.key, "council_id": self.council_id, "council": self.council, "task": self.task,
                "status": self.status, "note": self.note, "friction": self.friction, "stars": self.stars,
                "failures": [f.__dict__ for f in self.failures]}


@dataclass(frozen=True)
class GateResult:
    run_id: str
    base_run: str | None
    verdicts: tuple[Verdict, ...]
    warnings: tuple[str, ...] = ()

    @property
    def failed(self) -> list[Verdict]:
        return [v for v in self.verdicts if v.status == "failed"]

    @property
    def site_down(self) -> list[Verdict]:
        return [v for v in self.verdicts if v.status == "site_down"]

    @property
    def passed(self) -> bool:
        return not self.failed


def _check_section(values: Any, where: str, source: str) -> dict[str, Any]:
    if values is None:
        return {}
    if not isinstance(values, Mapping):
        raise BudgetError(f"{source}: {where} should be a mapping of budget: limit, got {type(values).__name__}")
    known = [*NUMBER_BUDGETS, *BOOL_BUDGETS]
    for key, value in values.items():
        if key not in known:
            close = difflib.get_close_matches(str(key), known, n=1)
            hint = f" (did you mean {close[0]}?)" if close else f" (known: {', '.join(known)})"
            raise BudgetError(f"{source}: unknown budget '{key}' in {where}{hint}")
        if key in BOOL_BUDGETS and not isinstance(value, bool):
            raise BudgetError(f"{source}: {where}.{key} should be true or false, got {value!r}")
        if key in NUMBER_BUDGETS and (isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0):
            raise BudgetError(f"{source}: {where}.{key} should be a number >= 0, got {value!r}")
    return dict(values)


def parse_budgets(data: Any, source: str = "<budgets>") -> Budgets:
    if not isinstance(data, Mapping):
        raise BudgetError(f"{source}: expected a mapping with a 'default' section, got {type(data).__name__}")
    for key in data:
        if key not in SECTIONS:
            close = difflib.get_close_matches(str(key), SECTIONS, n=1)
            hint = f" (did you mean {close[0]}?)" if close else f" (sections: {', '.join(SECTIONS)})"
            raise BudgetError(f"{source}: unknown section '{key}'{hint}")
    if data.get("version", 1) != 1:
        raise BudgetError(f"{source}: budget file version {data['version']!r} is not supported (expected 1)")
    nested = {}
    for section in ("tasks", "councils", "journeys"):
        entries = data.get(section) or {}
        if not isinstance(entries, Mapping):
            raise BudgetError(f"{source}: '{section}' should map ids to budgets")
        nested[section] = {str(k): _check_section(v, f"{section}.{k}", source) for k, v in entries.items()}
        if section == "journeys":
            bad = [k for k in nested[section] if k.count("/") != 1]
            if bad:
                raise BudgetError(f"{source}: journeys keys are council_id/task, got '{bad[0]}'")
    budgets = Budgets(default=_check_section(data.get("default"), "default", source), source=source, **nested)
    if not budgets.default and not any(nested.values()):
        raise BudgetError(f"{source}: no budgets in the file (see docs/examples/budget.yaml)")
    return budgets


def load_budgets(path: str | Path) -> Budgets:
    """Read and check a budget file; BudgetError names the file and the problem."""
    path = Path(path)
    try:
        text = read_utf8(path)
    except TextFileError as exc:
        raise BudgetError(f"budget file {exc}") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise BudgetError(yaml_problem(path, exc)) from None
    return parse_budgets(data if data is not None else {}, str(path))


def _data(journey: Any) -> Mapping[str, Any]:
    return journey.data if hasattr(journey, "data") else journey


def _limit_failures(journey: Mapping[str, Any], limits: Mapping[str, Any]) -> list[BudgetFailure]:
    metrics = metrics_of(journey)
    friction = (journey.get("friction") or {}).get("index")
    serious = None
    if metrics["a11y_serious"] is not None or metrics["a11y_critical"] is not None:
        serious = (metrics["a11y_serious"] or 0) + (metrics["a11y_critical"] or 0)
    actual = {"max_friction": friction, "max_required_fields": metrics["fields_required"],
              "max_serious_a11y": serious, "max_critical_a11y": metrics["a11y_critical"],
              "max_steps": metrics["steps"], "max_klm_seconds": metrics["klm_seconds"]}
    failures = []
    for budget, value in actual.items():
        limit = limits.get(budget)
        if limit is not None and value is not None and value > limit:
            failures.append(BudgetFailure(budget, limit, value,
                                          f"{NUMBER_BUDGETS[budget]}: {value:g} > {budget} {limit:g}"))
    if journey.get("outcome") == "broken" and not limits.get("allow_broken", False):
        error = journey.get("error") or {}
        failures.append(BudgetFailure("allow_broken", False, "broken",
                                      f"journey broke{broke_at(error)}: {error.get('message') or '?'}"))
    return failures


def _base_failures(base: Mapping[str, Any] | None, journey: Mapping[str, Any],
                   limits: Mapping[str, Any]) -> list[BudgetFailure]:
    if base is None or site_failed(base):
        return []
    failures = []
    if limits.get("no_new_dead_ends"):
        for change in diff_journeys(base, journey).changes:
            if change.what == "dead_end" and change.kind == "new":
                failures.append(BudgetFailure("no_new_dead_ends", True, change.name, f"new {change.detail}"))
    increase = limits.get("max_friction_increase")
    before, after = ((j.get("friction") or {}).get("index") for j in (base, journey))
    if increase is not None and before is not None and after is not None and after - before > increase:
        failures.append(BudgetFailure("max_friction_increase", increase, round(after - before, 1),
                                      f"friction {before:g} → {after:g} (+{after - before:g}) > "
                                      f"max_friction_increase {increase:g}"))
    return failures


def check_budgets(journeys: Iterable[Any], budgets: Budgets, base: Iterable[Any] | None = None, *,
                  run_id: str = "", base_run: str | None = None,
                  known: Iterable[tuple[str, str]] | None = None) -> GateResult:
    """Check each journey (JourneyResult or dict) against its budgets, and against ``base`` if given.

    ``known``: every (council_id, task) the journey files hold, when the run replayed only some of them
    (``--task``/``--council``/``--shard``): a budget for a journey left out on purpose is not a typo.
    """
    before = {journey_key(_data(j)): _data(j) for j in base or []}
    verdicts = []
    for journey in sorted((_data(j) for j in journeys), key=journey_key):
        key = journey_key(journey)
        friction = journey.get("friction") or {}
        ident = dict(key=key, council_id=journey["council_id"], council=journey.get("council", ""),
                     task=journey["task"], friction=friction.get("index"), stars=friction.get("stars"))
        if site_failed(journey):
            kind = str(error_kind(journey)).replace("_", " ")
            verdicts.append(Verdict(**ident, status="site_down", note=f"{kind}: not checked (not a regression)"))
            continue
        limits = budgets.for_journey(journey["council_id"], journey["task"])
        failures = _limit_failures(journey, limits) + _base_failures(before.get(key), journey, limits)
        verdicts.append(Verdict(**ident, status="failed" if failures else "passed", failures=tuple(failures)))
    return GateResult(run_id=run_id, base_run=base_run, verdicts=tuple(verdicts),
                      warnings=tuple(unmatched_budgets(budgets, verdicts, known)))


def unmatched_budgets(budgets: Budgets, verdicts: Iterable[Verdict],
                      known: Iterable[tuple[str, str]] | None = None) -> list[str]:
    """Budget sections naming a task, council or journey that neither the run nor its journey files
    (``known``) have: likely a typo in the file."""
    pairs = {(v.council_id, v.task) for v in verdicts} | set(known or ())
    seen = {"tasks": {task for _, task in pairs}, "councils": {council for council, _ in pairs},
            "journeys": {f"{council}/{task}" for council, task in pairs}}
    warnings = []
    for section, ids in seen.items():
        for key in getattr(budgets, section):
            if key not in ids:
                # A typo is close; another council's journey (mudford/x vs brightwater/x, ~0.67) is not one.
                close = difflib.get_close_matches(key, sorted(ids), n=1, cutoff=0.7)
                hint = f" (did you mean {close[0]}?)" if close else ""
                warnings.append(f"{budgets.source}: {section}.{key} matches no journey in this run{hint}")
    return warnings
