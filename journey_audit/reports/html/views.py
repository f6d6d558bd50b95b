"""View models: each journey's JSON turned into exactly what the templates show.

Journey JSON is read tolerantly: a broken journey may lack every measurement, and the report must still
say what happened. So gaps become plain words here, and the templates never test for missing data.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from journey_audit.analysis.run_kind import kind_text, run_kind
from journey_audit.audits.dead_ends import GOT_PAST
from journey_audit.model import JourneyResult, RunResult
from journey_audit.reports.html.safety import ImageSource, safe_href
from journey_audit.reports.html.values import (
    as_dict,
    as_int,
    as_list,
    as_num,
    clamp,
    clip,
    fmt,
    json_text,
    slug,
)
from journey_audit.reports.html.words import (
    a11y_bad,
    a11y_checked,
    a11y_summary,
    by_keyboard,
    by_mouse,
    dead_end_phrase,
    headline,
    humanise,
    keyboard_stuck,
    long_date,
    outcome_label,
    predicted_time,
    task_seconds,
)
from journey_audit.scoring.compute import ADVICE_PREFIX

MAX_EVIDENCE = 8  # evidence items shown per finding; the rest are counted
SEVERITY_ORDER = {"critical": 0, "serious": 1, "high": 1, "moderate": 2, "medium": 2, "minor": 3, "low": 3}
OUTCOME_ORDER = {"completed": 0, "dead_end": 1, "broken": 2, "not_run": 3}
KIND_LABELS = {"barrier": "Barrier", "advice": "Advice"}


@dataclass
class Finding:
    kind: str
    severity: str
    title: str
    detail: str
    fix: str
    audit: str
    evidence: list[dict[str, Any]]
    more_evidence: int
    step: int | None

    @property
    def css(self) -> str:
        """Class-name-safe severity (the text itself is shown escaped)."""
        return self.severity if self.severity in SEVERITY_ORDER else "info"

    @property
    def kind_css(self) -> str:
        return self.kind if self.kind in KIND_LABELS else "barrier"

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind_css]


@dataclass
class StepView:
    number: int
    anchor: str
    action: str
    target: str
    status: str
    url: str
    href: str | None
    title: str
    http_status: Any
    seconds: str
    error: str
    shot: str | None
    same_page: bool = False  # same URL and title as the step before: the report does not repeat them
    findings: list[Finding] = field(default_factory=list)
    dead_ends: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class JourneyView:
    """Everything the template shows for one journey, with gaps already turned into plain words."""

    key: str
    anchor: str
    council: str
    council_id: str
    task: str
    outcome: str
    outcome_label: str
    stars: int | None
    index: float | None
    metrics: dict[str, Any]
    headline: str
    time_text: str
    a11y_text: str
    a11y_bad: int | None
    dead_end_count: int
    top_fixes: list[dict[str, str]]
    components: list[dict[str, Any]]
    steps: list[StepView]
    general_findings: list[Finding]
    dead_ends: list[dict[str, Any]]
    error: dict[str, Any] | None
    start_url: str
    start_href: str | None
    stopped_before_submit: bool
    profile_version: Any
    comparison: dict[str, Any] | None = None

    @property
    def outcome_class(self) -> str:
        return self.outcome if self.outcome in OUTCOME_ORDER else "unknown"

    @property
    def screens(self) -> int | None:
        """Screens a person goes through (metrics ``steps``): the same number the terminal and compare show."""
        return as_int(self.metrics.get("steps"))

    @property
    def pages(self) -> int | None:
        return as_int(self.metrics.get("pages"))

    @property
    def fields(self) -> int | None:
        return as_int(self.metrics.get("fields_total"))

    @property
    def mouse(self) -> dict[str, str]:
        return by_mouse(self.metrics)

    @property
    def keyboard(self) -> dict[str, str] | None:
        """By keyboard: "N key presses, M of them Tab" (keyboard runs only, else None)."""
        return by_keyboard(self.metrics)

    @property
    def stuck(self) -> dict[str, Any] | None:
        """The first control where a keyboard user gets stuck, with its evidence (keyboard runs only)."""
        found = keyboard_stuck(self.metrics)
        return {**found, "control": clip(found["control"], 120), "evidence": clip(found["evidence"])} if found else None


@dataclass
class TaskTable:
    task: str
    title: str
    anchor: str
    rows: list[JourneyView]

    @property
    def best(self) -> JourneyView | None:
        scored = [r for r in self.rows if r.index is not None and r.outcome != "broken"]
        return scored[0] if scored else None


# ------------------------------------------------------------------------------------------ building views


def journey_view(result: JourneyResult, images: ImageSource) -> JourneyView:
    """One journey's view; findings and dead ends are attached to their step when it is known."""
    data = result.data
    metrics = as_dict(data.get("metrics"))
    friction = as_dict(data.get("friction"))
    anchor = "j-" + slug(f"{data.get('council_id')}--{data.get('task')}")
    findings = [_finding(f) for f in as_list(data.get("findings"))]
    findings.sort(key=lambda f: (f.kind_css != "barrier", SEVERITY_ORDER.get(f.severity, 4)))
    dead_ends = [_dead_end(d, images) for d in as_list(data.get("dead_ends"))]
    steps = [_step(s, n, anchor, images) for n, s in enumerate(as_list(data.get("steps")))]
    for before, after in zip(steps, steps[1:], strict=False):
        after.same_page = bool(after.url) and (after.url, after.title) == (before.url, before.title)
    by_index = {s.number: s for s in steps}
    general = []
    for f in findings:
        (by_index[f.step].findings if f.step in by_index else general).append(f)
    for d in dead_ends:
        if d["step"] in by_index:
            by_index[d["step"]].dead_ends.append(d)
    a11y = a11y_checked(metrics)
    return JourneyView(
        key=result.key, anchor=anchor, council=str(data.get("council") or data.get("council_id")),
        council_id=str(data.get("council_id")), task=str(data.get("task")),
        outcome=str(data.get("outcome")), outcome_label=outcome_label(data),
        stars=clamp(as_int(friction.get("stars")), 1, 4), index=as_num(friction.get("index")), metrics=metrics,
        headline=headline(data), time_text=predicted_time(task_seconds(metrics)),
        a11y_text=a11y_summary(a11y), a11y_bad=a11y_bad(a11y), dead_end_count=len(dead_ends),
        top_fixes=_top_fixes(data, findings), components=_components(friction), steps=steps,
        general_findings=general, dead_ends=dead_ends, error=_error(data, images, steps),
        start_url=str(data.get("start_url") or ""), start_href=safe_href(data.get("start_url")),
        stopped_before_submit=bool(data.get("stopped_before_submit")),
        profile_version=friction.get("profile_version"),
    )


def league_tables(views: list[JourneyView]) -> list[TaskTable]:
    """Per task, councils best first: lowest friction, then completed before dead end before broken."""
    by_task: dict[str, list[JourneyView]] = defaultdict(list)
    for v in views:
        by_task[v.task].append(v)
    tables = []
    for task in sorted(by_task):
        rows = sorted(by_task[task], key=lambda v: (
            v.index is None, v.index if v.index is not None else 0, OUTCOME_ORDER.get(v.outcome, 3),
            v.council.lower()))
        tables.append(TaskTable(task=task, title=humanise(task), anchor="t-" + slug(task), rows=rows))
    return tables


def comparison(view: JourneyView, best: JourneyView | None) -> dict[str, Any] | None:
    """This journey beside the best one for the same task, as rows of plain numbers."""
    if best is None or best is view:
        return None

    def a11y(v: JourneyView) -> str:
        return "—" if v.a11y_bad is None else str(v.a11y_bad)

    rows = [
        ("Friction index (lower is better)", fmt(view.index), fmt(best.index)),
        ("Screens", fmt(view.screens), fmt(best.screens)),
        ("Pages", fmt(view.pages), fmt(best.pages)),
        ("Form fields", fmt(view.fields), fmt(best.fields)),
        ("Fields without a label", fmt(view.metrics.get("fields_unlabelled")),
         fmt(best.metrics.get("fields_unlabelled"))),
        ("Predicted time", view.time_text, best.time_text),
        ("Serious accessibility problems", a11y(view), a11y(best)),
        ("Dead ends", str(view.dead_end_count), str(best.dead_end_count)),
    ]
    if view.keyboard or best.keyboard:  # keyboard runs: the same journeys without a mouse
        rows.append(("Key presses by keyboard (Tab)", _keys(view), _keys(best)))
    return {"best": best, "rows": rows}


def _keys(view: JourneyView) -> str:
    keyboard = as_dict(view.metrics.get("keyboard"))
    return f"{fmt(keyboard.get('keys_total'))} ({fmt(keyboard.get('tab_presses'))})" if keyboard else "—"


def run_meta(run: RunResult) -> dict[str, Any]:
    """The run's header facts, read as tolerantly as the journeys."""
    meta = run.meta
    journeys = [d for j in run.journeys if isinstance(d := getattr(j, "data", j), dict)]
    return {"started": long_date(meta.get("started_at")), "status": str(meta.get("status") or ""),
            "demo": bool(meta.get("demo")), "finished": bool(meta.get("finished_at")),
            "kind": kind_text(run_kind(meta, journeys))}  # a phone run must say so, as compare and diff do


def level(score: float | None) -> str:
    """CSS class for a 0-100 friction number: low is good."""
    if score is None:
        return "none"
    return "good" if score < 30 else "fair" if score < 55 else "poor" if score < 75 else "bad"


# -------------------------------------------------------------------------------------------- JSON pieces


def _finding(raw: Any) -> Finding:
    f = as_dict(raw)
    items = as_list(f.get("evidence"))
    return Finding(
        kind=str(f.get("kind") or "barrier"), severity=str(f.get("severity") or "info").lower(), title=str(f.get("title") or f.get("id") or "Finding"),
        detail=clip(f.get("detail")), fix=clip(f.get("fix")), audit=str(f.get("audit") or ""),
        evidence=[_evidence(e) for e in items[:MAX_EVIDENCE]], more_evidence=max(0, len(items) - MAX_EVIDENCE),
        step=as_int(f.get("step")),
    )


def _evidence(item: Any) -> dict[str, Any]:
    """A string shown as code, or a dict as key/value pairs (URLs linked only if http(s))."""
    if isinstance(item, dict):
        pairs = []
        for k, v in list(item.items())[:12]:
            text = v if isinstance(v, str) else json_text(v)
            pairs.append({"key": str(k), "value": clip(text), "href": safe_href(v) if k in ("url", "href") else None})
        return {"pairs": pairs, "text": "", "href": None}
    text = clip(item if isinstance(item, str) else json_text(item))
    return {"pairs": [], "text": text, "href": safe_href(item)}


def _dead_end(raw: Any, images: ImageSource) -> dict[str, Any]:
    d = as_dict(raw)
    ev = as_dict(d.get("evidence"))
    return {"kind": str(d.get("kind") or "dead end"), "phrase": dead_end_phrase(d.get("kind")),
            "label": dead_end_phrase(d.get("kind"), short=True) or "dead end",
            "step": as_int(d.get("step")), "blocking": bool(d.get("blocking")),
            "url": str(ev.get("url") or ""), "href": safe_href(ev.get("url")),
            # the heading already says "(the journey could go on)": do not say it twice
            "text": clip(str(ev.get("text") or "").removeprefix(GOT_PAST)),
            "shot": images.src(ev.get("screenshot"))}


def _step(raw: Any, n: int, journey_anchor: str, images: ImageSource) -> StepView:
    s = as_dict(raw)
    number = as_int(s.get("index"))
    number = n if number is None else number
    duration = as_num(s.get("duration_ms"))
    target = clip(s.get("target"))
    return StepView(
        number=number, anchor=f"{journey_anchor}-s{number}", action=str(s.get("action") or "?"),
        target="" if target == s.get("url") else target, status=str(s.get("status") or ""), url=clip(s.get("url"), 500),
        href=safe_href(s.get("url")), title=clip(s.get("title")), http_status=s.get("http_status"),
        seconds="" if duration is None else "under 0.1 s" if duration < 100 else f"{duration / 1000:.1f} s", error=clip(s.get("error")),
        shot=images.src(s.get("screenshot")),
    )


def _error(data: dict[str, Any], images: ImageSource, steps: list[StepView]) -> dict[str, Any] | None:
    """What broke; its screenshot only if no step already shows the same one."""
    err = data.get("error")
    if not err:
        return None
    e = err if isinstance(err, dict) else {"message": err}
    shot = images.src(e.get("screenshot"))
    return {"step": e.get("step"), "kind": str(e.get("kind") or "").replace("_", " "),
            "message": clip(e.get("message"), 600),
            "shot": None if shot in {s.shot for s in steps} else shot}


def _fix(text: str, advice: bool) -> dict[str, str]:
    kind = "advice" if advice else "barrier"
    return {"text": text, "kind": kind, "label": KIND_LABELS[kind]}


def _top_fixes(data: dict[str, Any], findings: list[Finding]) -> list[dict[str, str]]:
    """The scorer's top fixes if it gave any (advice marked by its prefix), else the fixes of the most
    severe findings, barriers first."""
    fixes = [str(f) for f in as_list(data.get("top_fixes")) if f]
    if fixes:
        return [_fix(clip(f.removeprefix(ADVICE_PREFIX)), f.startswith(ADVICE_PREFIX)) for f in fixes[:5]]
    seen: list[dict[str, str]] = []
    for f in findings:  # already barriers first, most severe first
        if f.fix and f.fix not in [s["text"] for s in seen]:
            seen.append(_fix(f.fix, f.kind_css == "advice"))
    return seen[:3]


def _components(friction: dict[str, Any]) -> list[dict[str, Any]]:
    """Friction components, biggest contribution first; unmeasured ones last, shown as such."""
    comps = {str(k): as_dict(v) for k, v in as_dict(friction.get("components")).items()}
    # The index is the weighted mean of the measured components only, so shares are of their weights.
    total = sum(w for c in comps.values()
                if (w := as_num(c.get("weight"))) and w > 0 and as_num(c.get("score")) is not None)
    rows = []
    for name, c in comps.items():
        score, weight = as_num(c.get("score")), as_num(c.get("weight"))
        score = None if score is None else max(0.0, min(100.0, score))
        share = weight / total if weight and total and score is not None else None
        weight_text = "not counted in the index" if score is None else "" if share is None else \
            f"{share * 100:.0f}% of the index"
        rows.append({"name": humanise(name), "score": score, "weight": weight, "weight_text": weight_text,
                     "explanation": clip(c.get("explanation")), "level": level(score)})
    return sorted(rows, key=lambda r: (r["score"] is None, -(r["score"] or 0) * (r["weight"] or 1)))
