"""What changed between two runs, journey by journey: new, fixed, worse and better.

Findings match by identity: journey, screen (the script line that led to it, never its URL) and element,
so adding a step earlier in a journey or moving the start page does not make a finding both "new" and
"fixed". Metrics count only past a noise threshold, and timing (wait_seconds, duration) is never a
regression: networks vary, service design does not. When the outcome changed (a journey that now
completes, or no longer does), the numbers of a journey that stopped early are not compared with one that
went further: the outcome change says it. A journey whose site was down is reported as such and not compared.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from journey_audit.analysis.rows import (
    error_kind,
    finding_identity,
    journey_key,
    metrics_of,
    screen_of,
    site_failed,
)
from journey_audit.model import broke_at

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
EVIDENCE_CHARS = 160  # a dead end's evidence in a diff line; the json/csv formats keep the whole record


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


def reached_screens(journey: Mapping[str, Any]) -> set[str]:
    """Screens a journey really showed (a broken journey never reached the ones after its error)."""
    return {screen_of(journey, s.get("index")) for s in journey.get("steps") or [] if s.get("status") == "ok"}


def finding_changes(base: Mapping[str, Any], head: Mapping[str, Any]) -> list[Change]:
    """Findings matched by identity as multisets: two identical problems fixed to one is one fixed.

    When the outcomes differ, only findings on screens both runs reached are compared: a screen the base
    never got to has nothing "new" on it, and one the head never got to has nothing "fixed".
    """
    same_outcome = base.get("outcome") == head.get("outcome")
    both = reached_screens(base) & reached_screens(head)

    def grouped(journey: Mapping[str, Any]) -> dict[str, list[Mapping[str, Any]]]:
        groups: dict[str, list[Mapping[str, Any]]] = {}
        for f in journey.get("findings") or []:
            if not same_outcome and (f.get("key") or screen_of(journey, f.get("step")) not in both):
                continue
            groups.setdefault(finding_identity(f, journey), []).append(f)
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
            if len(text) > EVIDENCE_CHARS:  # long enough for a keyboard dead end's control and reason
                text = text[:EVIDENCE_CHARS - 1] + "…"
            detail = f"dead end {kind} at step {d.get('step')}" + (f": {text}" if text else "")
            changes.append(Change("new", "dead_end", kind, detail, None, dict(d)))
    for kind, found in before.items():
        for d in found[len(after.get(kind, [])):]:
            changes.append(Change("fixed", "dead_end", kind, f"dead end {kind} is gone", dict(d), None))
    return changes


def stopped(journey: Mapping[str, Any]) -> str:
    """How a journey that did not complete ended, for people: "broken at step 3: no button Continue"."""
    if journey.get("outcome") == "broken":
        error = journey.get("error") if isinstance(journey.get("error"), dict) else {}
        return f"broken{broke_at(error)}: {error.get('message') or ''}".rstrip(": ")
    if journey.get("outcome") == "dead_end":
        dead = next(iter(journey.get("dead_ends") or []), {})
        kind = dead.get("kind") or (journey.get("outcome_reason") or {}).get("kind") or "dead end"
        return f"dead end ({str(kind).replace('_', ' ')}) at step {dead.get('step')}"
    return str(journey.get("outcome"))


def outcome_change(base: Mapping[str, Any], head: Mapping[str, Any]) -> list[Change]:
    b, h = base.get("outcome"), head.get("outcome")
    if b == h or b not in OUTCOME_RANK or h not in OUTCOME_RANK:
        return []
    kind = "worse" if OUTCOME_RANK[h] > OUTCOME_RANK[b] else "better"
    if h == "completed":
        detail = f"now completes (was {stopped(base)})"
    elif b == "completed":
        detail = f"no longer completes: {stopped(head)}"
    else:
        detail = f"was {stopped(base)}, now {stopped(head)}"
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
    outcome = outcome_change(base, head)
    # A journey that stopped early has fewer clicks and fields: that is not "better", and a journey that
    # now gets further is not "worse". The outcome change is the news; its numbers start afresh.
    metrics = [] if outcome else metric_changes(base, head)
    note = "metrics not compared: the outcome changed" if outcome else ""
    changes = outcome + dead_end_changes(base, head) + finding_changes(base, head) + metrics
    return JourneyDiff(**ident, status="compared", note=note, changes=tuple(changes))


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
