"""What changed between two runs, journey by journey: new, fixed, worse and better.

Findings match by identity (audit id + step-independent evidence key), so adding a step earlier in a
journey does not make every later finding "new". Metrics count only past a noise threshold, and timing
(wait_seconds, duration) is never a regression: networks vary, service design does not.
A journey whose site was down is reported as such and not compared at all.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from journey_audit.analysis.rows import error_kind, finding_identity, journey_key, metrics_of, site_failed

# Smallest change that counts, per metric: (absolute, relative to the base value). All deterministic
# counts use 1; predicted time and reading age are estimates, so small wobbles are ignored.
THRESHOLDS: dict[str, tuple[float, float]] = {
    "friction": (2.0, 0.0), "stars": (1, 0.0), "steps": (1, 0.0), "pages": (1, 0.0), "clicks": (1, 0.0),
    "fields_total": (1, 0.0), "fields_required": (1, 0.0), "fields_unlabelled": (1, 0.0),
    "chars_typed": (1, 0.0), "klm_seconds": (1.0, 0.05), "reading_age": (1.0, 0.0),
    "a11y_critical": (1, 0.0), "a11y_serious": (1, 0.0), "a11y_moderate": (1, 0.0), "a11y_minor": (1, 0.0),
}
HIGHER_IS_BETTER = frozenset({"stars"})
OUTCOME_RANK = {"completed": 0, "dead_end": 1, "broken": 2}


@dataclass(frozen=True)
class Change:
    kind: str  # new | fixed | worse | better
    what: str  # finding | dead_end | metric | outcome
    name: str  # finding id, dead-end kind, metric name or "outcome"
    detail: str  # one line for people
    base: Any = None
    head: Any = None

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "what": self.what, "name": self.name, "detail": self.detail,
                "base": self.base, "head": self.head}


@dataclass(frozen=True)
class JourneyDiff:
    key: str
    council_id: str
    council: str
    task: str
    status: str  # compared | added | removed | site_down | base_site_down | not_run
    note: str = ""
    changes: tuple[Change, ...] = field(default_factory=tuple)

    def of(self, kind: str) -> list[Change]:
        return [c for c in self.changes if c.kind == kind]

    @property
    def regressions(self) -> list[Change]:
        return [c for c in self.changes if c.kind in ("new", "worse")]

    def as_dict(self) -> dict[str, Any]:
        return {"key": self.key, "council_id": self.council_id, "council": self.council, "task": self.task,
                "status": self.status, "note": self.note,
                **{kind: [c.as_dict() for c in self.of(kind)] for kind in ("new", "fixed", "worse", "better")}}


@dataclass(frozen=True)
class RunDiff:
    base_run: str | None
    head_run: str
    journeys: tuple[JourneyDiff, ...]

    def get(self, key: str) -> JourneyDiff | None:
        return next((j for j in self.journeys if j.key == key), None)

    def as_dict(self) -> dict[str, Any]:
        return {"base_run": self.base_run, "head_run": self.head_run,
                "journeys": [j.as_dict() for j in self.journeys]}


def significant(metric: str, base: float, head: float) -> bool:
    absolute, relative = THRESHOLDS[metric]
    return abs(head - base) >= max(absolute, relative * abs(base))


def metric_changes(base: Mapping[str, Any], head: Mapping[str, Any]) -> list[Change]:
    before = {**metrics_of(base), "friction": (base.get("friction") or {}).get("index"),
              "stars": (base.get("friction") or {}).get("stars")}
    after = {**metrics_of(head), "friction": (head.get("friction") or {}).get("index"),
             "stars": (head.get("friction") or {}).get("stars")}
    changes = []
    for metric in THRESHOLDS:
        b, h = before.get(metric), after.get(metric)
        if b is None or h is None or not significant(metric, b, h):
            continue
        worse = (h < b) if metric in HIGHER_IS_BETTER else (h > b)
        delta = h - b
        shown = f"{delta:+.1f}" if isinstance(delta, float) else f"{delta:+d}"
        changes.append(Change("worse" if worse else "better", "metric", metric, f"{metric} {b:g} → {h:g} ({shown})",
                              b, h))
    return changes


def _finding_text(finding: Mapping[str, Any]) -> str:
    step = finding.get("step")
    where = f" (step {step})" if step is not None else ""
    return f"{finding.get('id')}: {finding.get('title') or ''}{where}".rstrip()


def finding_changes(base: Mapping[str, Any], head: Mapping[str, Any]) -> list[Change]:
    """Findings matched by identity as multisets: two identical problems fixed to one is one fixed."""
    def grouped(journey: Mapping[str, Any]) -> dict[str, list[Mapping[str, Any]]]:
        groups: dict[str, list[Mapping[str, Any]]] = {}
        for f in journey.get("findings") or []:
            groups.setdefault(finding_identity(f), []).append(f)
        return groups

    before, after = grouped(base), grouped(head)
    changes = []
    for identity, found in after.items():
        for f in found[len(before.get(identity, [])):]:
            changes.append(Change("new", "finding", str(f.get("id")), _finding_text(f), None, dict(f)))
    for identity, found in before.items():
        for f in found[len(after.get(identity, [])):]:
            changes.append(Change("fixed", "finding", str(f.get("id")), _finding_text(f), dict(f), None))
    return changes


def dead_end_changes(base: Mapping[str, Any], head: Mapping[str, Any]) -> list[Change]:
    def by_kind(journey: Mapping[str, Any]) -> dict[str, list[Mapping[str, Any]]]:
        kinds: dict[str, list[Mapping[str, Any]]] = {}
        for d in journey.get("dead_ends") or []:
            kinds.setdefault(str(d.get("kind")), []).append(d)
        return kinds

    before, after = by_kind(base), by_kind(head)
    changes = []
    for kind, found in after.items():
        for d in found[len(before.get(kind, [])):]:
            text = ((d.get("evidence") or {}).get("text") or "").strip()
            detail = f"dead end {kind} at step {d.get('step')}" + (f": {text[:80]}" if text else "")
            changes.append(Change("new", "dead_end", kind, detail, None, dict(d)))
    for kind, found in before.items():
        for d in found[len(after.get(kind, [])):]:
            changes.append(Change("fixed", "dead_end", kind, f"dead end {kind} is gone", dict(d), None))
    return changes


def outcome_change(base: Mapping[str, Any], head: Mapping[str, Any]) -> list[Change]:
    b, h = base.get("outcome"), head.get("outcome")
    if b == h or b not in OUTCOME_RANK or h not in OUTCOME_RANK:
        return []
    kind = "worse" if OUTCOME_RANK[h] > OUTCOME_RANK[b] else "better"
    detail = f"outcome {b} → {h}"
    if h == "broken" and isinstance(head.get("error"), dict):
        detail += f" at step {head['error'].get('step')}: {head['error'].get('message') or ''}".rstrip(": ")
    return [Change(kind, "outcome", "outcome", detail, b, h)]


def diff_journeys(base: Mapping[str, Any] | None, head: Mapping[str, Any] | None) -> JourneyDiff:
    some = head or base
    assert some is not None
    ident = dict(key=journey_key(some), council_id=some["council_id"], council=some.get("council", ""),
                 task=some["task"])
    if base is None:
        return JourneyDiff(**ident, status="added", note="new journey: nothing to compare with")
    if head is None:
        return JourneyDiff(**ident, status="removed", note="journey not in this run")
    if "not_run" in (head.get("outcome"), base.get("outcome")):  # a stopped run measured nothing here
        which = "this run" if head.get("outcome") == "not_run" else "the base run"
        return JourneyDiff(**ident, status="not_run", note=f"not run in {which} (it was stopped): not compared")
    if site_failed(head):
        kind = str(error_kind(head)).replace("_", " ")
        return JourneyDiff(**ident, status="site_down", note=f"{kind}: not compared (not a regression)")
    if site_failed(base):
        kind = str(error_kind(base)).replace("_", " ")
        return JourneyDiff(**ident, status="base_site_down", note=f"base run had {kind}: nothing to compare with")
    changes = (outcome_change(base, head) + dead_end_changes(base, head) + finding_changes(base, head)
               + metric_changes(base, head))
    return JourneyDiff(**ident, status="compared", changes=tuple(changes))


def diff_runs(base: Iterable[Mapping[str, Any]], head: Iterable[Mapping[str, Any]],
              base_run: str | None = None, head_run: str = "") -> RunDiff:
    """Per-journey differences between two runs' journey dicts (matched by council_id--task)."""
    before = {journey_key(j): j for j in base}
    after = {journey_key(j): j for j in head}
    keys = sorted(set(before) | set(after))
    return RunDiff(base_run, head_run, tuple(diff_journeys(before.get(k), after.get(k)) for k in keys))


def counts(diff: RunDiff) -> Counter:
    """How many new/fixed/worse/better changes in the whole run (for one-line summaries)."""
    return Counter(c.kind for j in diff.journeys for c in j.changes)
