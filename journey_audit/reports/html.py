"""The HTML friction report: one self-contained file a councillor can open from disk, no server.

Everything that came from an audited site (titles, labels, URLs, evidence, even council names) is
untrusted. So: Jinja2 autoescape is on and only our own CSS/JS are marked safe; links are made only for
http(s) URLs; the page carries a Content-Security-Policy that allows no remote load and runs only our
own inline script (by hash). Journey JSON is read tolerantly: a broken journey may lack every
measurement, and the report must still say what happened.
"""

from __future__ import annotations

import base64
import hashlib
import os
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from journey_audit.model import JourneyResult, RunResult
from journey_audit.storage.run_folder import ResultsError, list_runs, load_run

TEMPLATES = Path(__file__).with_name("html")
MAX_HISTORY = 20
MAX_EVIDENCE = 8  # evidence items shown per finding; the rest are counted
MAX_TEXT = 300  # characters of any one evidence string
IMAGE_TYPES = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png", ".webp": "image/webp"}
SEVERITY_ORDER = {"critical": 0, "serious": 1, "high": 1, "moderate": 2, "medium": 2, "minor": 3, "low": 3}
OUTCOME_ORDER = {"completed": 0, "dead_end": 1, "broken": 2}
# Okabe-Ito: distinguishable with the common colour-vision deficiencies.
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#8C6D31"]
DEAD_END_PHRASES = (  # (substring of the dead-end kind, plain-English ending, short label)
    ("pdf", "ends at a PDF to print and post", "PDF to post"),
    ("phone", "ends by telling you to phone", "phone us"),
    ("login", "hits a login wall", "login wall"),
    ("account", "hits a login wall", "login wall"),
    ("captcha", "is blocked by a CAPTCHA", "CAPTCHA"),
    ("timeout", "times out part-way", "timed out"),
    ("session", "times out part-way", "timed out"),
    ("404", "ends at a broken link", "broken link"),
    ("not_found", "ends at a broken link", "broken link"),
    ("broken_link", "ends at a broken link", "broken link"),
    ("500", "ends at a server error", "server error"),
    ("server", "ends at a server error", "server error"),
    ("email", "ends by telling you to email", "email us"),
)


# ---------------------------------------------------------------------------------------------- entry points


def write_report(run: RunResult | str | os.PathLike, out: str | os.PathLike | None = None,
                 history_runs: Sequence[RunResult] | None = None) -> Path:
    """Write the report for a run (a RunResult or its folder) and return the file written.

    The default ``out`` is ``<run folder>/report.html``, which references screenshots relatively (small
    file); anywhere else the screenshots are embedded so the file still works when moved or mailed.
    ``history_runs=None`` finds earlier runs next to this one for the trends; pass ``[]`` to skip them.
    """
    result = as_run(run)
    out_path = Path(out) if out is not None else result.folder / "report.html"
    if out_path.is_dir():
        out_path = out_path / "report.html"
    embed = out_path.parent.resolve() != result.folder.resolve()
    history = list(history_runs) if history_runs is not None else load_history(result)
    html = render_report(result, embed_images=embed, history_runs=history)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    _write_text_atomic(out_path, html)
    return out_path


def render_report(run: RunResult, embed_images: bool = False,
                  history_runs: Sequence[RunResult] = ()) -> str:
    """The report as a string; screenshots are relative to the run folder unless embedded."""
    from journey_audit import __version__

    images = ImageSource(run.folder, embed_images)
    views = [journey_view(j, images) for j in run.journeys]
    tasks = league_tables(views)
    for task in tasks:
        for view in task.rows:
            view.comparison = comparison(view, task.best)
    css, js = _asset("report.css"), _asset("report.js")
    return _environment().get_template("report.html").render(
        run_id=run.run_id, meta=_run_meta(run), tasks=tasks, version=__version__,
        trends=trend_charts(history_runs, run) if history_runs else [],
        css=Markup(css), js=Markup(js),  # our own files, never site data
        csp=content_security_policy(css, js),
        councils=len({v.council_id for v in views}), journeys=len(views),
    )


def as_run(run: RunResult | str | os.PathLike) -> RunResult:
    """Accept what callers have to hand: a loaded run, or the path of a run folder."""
    if isinstance(run, RunResult):
        return run
    folder = Path(run)
    return load_run(folder.parent, folder.name)


def load_history(run: RunResult, limit: int = MAX_HISTORY) -> list[RunResult]:
    """This run and up to ``limit - 1`` earlier ones from the same results folder, oldest first.

    A damaged earlier run is skipped: trends are a bonus and must never stop the report.
    """
    results_dir = run.folder.parent
    ids = [r for r in list_runs(results_dir)
           if r != "latest" and not (results_dir / r).is_symlink() and r < run.run_id]
    history: list[RunResult] = []
    for run_id in ids[-(limit - 1):] if limit > 1 else []:
        try:
            history.append(load_run(results_dir, run_id))
        except ResultsError:
            continue
    return [*history, run]


# ------------------------------------------------------------------------------------------------ safety


def safe_href(url: Any) -> str | None:
    """The URL if it is plain http(s) and so safe to link; None for javascript:, data:, junk."""
    if not isinstance(url, str):
        return None
    text = url.strip()
    if not text or any(ord(c) < 32 or c in "\\" for c in text):
        return None
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return text


def content_security_policy(css: str, js: str) -> str:
    """No remote loads at all; only our own inline style and script run (pinned by hash)."""
    def digest(text: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"

    return (f"default-src 'none'; img-src 'self' data:; style-src {digest(css)}; "
            f"script-src {digest(js)}; base-uri 'none'; form-action 'none'")


class ImageSource:
    """Turns a screenshot path from the journey JSON into an <img src>, or None if unusable.

    Paths are checked to stay inside the run folder, so a doctored JSON cannot point at other files.
    """

    def __init__(self, folder: Path, embed: bool):
        self.folder = folder.resolve()
        self.embed = embed
        self._cache: dict[str, str | None] = {}

    def src(self, rel: Any) -> str | None:
        if not isinstance(rel, str) or not rel:
            return None
        if rel not in self._cache:
            self._cache[rel] = self._src(rel)
        return self._cache[rel]

    def _src(self, rel: str) -> str | None:
        path = (self.folder / rel).resolve()
        mime = IMAGE_TYPES.get(path.suffix.lower())
        if mime is None or not path.is_relative_to(self.folder) or not path.is_file():
            return None
        if self.embed:
            return f"data:{mime};base64," + base64.b64encode(path.read_bytes()).decode("ascii")
        return quote(path.relative_to(self.folder).as_posix())


# ------------------------------------------------------------------------------------------- view models


@dataclass
class Finding:
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
    top_fixes: list[str]
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
    def step_count(self) -> int:
        """Actions the script took, as the terminal table counts them."""
        return len([s for s in self.steps if s.status == "ok"])

    @property
    def pages(self) -> int | None:
        return _int(self.metrics.get("pages"))

    @property
    def fields(self) -> int | None:
        return _int(self.metrics.get("fields_total"))


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


def journey_view(result: JourneyResult, images: ImageSource) -> JourneyView:
    data = result.data
    metrics = _dict(data.get("metrics"))
    friction = _dict(data.get("friction"))
    anchor = "j-" + _slug(f"{data.get('council_id')}--{data.get('task')}")
    findings = [_finding(f) for f in _list(data.get("findings"))]
    findings.sort(key=lambda f: SEVERITY_ORDER.get(f.severity, 4))
    dead_ends = [_dead_end(d, images) for d in _list(data.get("dead_ends"))]
    steps = [_step(s, n, anchor, images) for n, s in enumerate(_list(data.get("steps")))]
    for before, after in zip(steps, steps[1:], strict=False):
        after.same_page = bool(after.url) and (after.url, after.title) == (before.url, before.title)
    by_index = {s.number: s for s in steps}
    general = []
    for f in findings:
        (by_index[f.step].findings if f.step in by_index else general).append(f)
    for d in dead_ends:
        if d["step"] in by_index:
            by_index[d["step"]].dead_ends.append(d)
    a11y = _a11y_checked(metrics)
    return JourneyView(
        key=result.key, anchor=anchor, council=str(data.get("council") or data.get("council_id")),
        council_id=str(data.get("council_id")), task=str(data.get("task")),
        outcome=str(data.get("outcome")), outcome_label=outcome_label(data),
        stars=_clamp(_int(friction.get("stars")), 1, 4), index=_num(friction.get("index")), metrics=metrics,
        headline=headline(data), time_text=predicted_time(metrics.get("klm_seconds")),
        a11y_text=a11y_summary(a11y), a11y_bad=_a11y_bad(a11y), dead_end_count=len(dead_ends),
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
        tables.append(TaskTable(task=task, title=humanise(task), anchor="t-" + _slug(task), rows=rows))
    return tables


def comparison(view: JourneyView, best: JourneyView | None) -> dict[str, Any] | None:
    """This journey beside the best one for the same task, as rows of plain numbers."""
    if best is None or best is view:
        return None

    def a11y(v: JourneyView) -> str:
        return "—" if v.a11y_bad is None else str(v.a11y_bad)

    rows = [
        ("Friction index (lower is better)", _fmt(view.index), _fmt(best.index)),
        ("Steps", str(view.step_count), str(best.step_count)),
        ("Pages", _fmt(view.pages), _fmt(best.pages)),
        ("Form fields", _fmt(view.fields), _fmt(best.fields)),
        ("Fields without a label", _fmt(view.metrics.get("fields_unlabelled")),
         _fmt(best.metrics.get("fields_unlabelled"))),
        ("Predicted time", view.time_text, best.time_text),
        ("Serious accessibility problems", a11y(view), a11y(best)),
        ("Dead ends", str(view.dead_end_count), str(best.dead_end_count)),
    ]
    return {"best": best, "rows": rows}


# ------------------------------------------------------------------------------------ plain-English words


def headline(data: dict[str, Any]) -> str:
    """One line a councillor can repeat, built only from the numbers: what the journey asks of people."""
    metrics = _dict(data.get("metrics"))
    parts: list[str] = []
    if data.get("outcome") == "broken":
        error = _dict(data.get("error"))
        where = f" at step {error['step']}" if error.get("step") is not None else ""
        kind = f" ({str(error['kind']).replace('_', ' ')})" if error.get("kind") else ""
        parts.append(f"could not be measured: the journey broke{where}{kind}")
    fields, pages = _int(metrics.get("fields_total")), _int(metrics.get("pages"))
    unlabelled = _int(metrics.get("fields_unlabelled"))
    if fields:
        if pages == 1:
            text = f"asks {_plural(fields, 'question')} on one page"
        elif pages:
            text = f"{_plural(fields, 'field')} over {_plural(pages, 'page')}"
        else:
            text = _plural(fields, "field")
        if unlabelled == 0:
            text += ", all labelled" if fields > 1 else ", labelled"
        elif unlabelled:
            text += f", {unlabelled} without a label"
        parts.append(text)
    elif fields == 0 and pages:
        parts.append(f"{_plural(pages, 'page')}, no form to fill in")
    reason = data.get("outcome_reason") if isinstance(data.get("outcome_reason"), dict) else None
    if reason is None and data.get("outcome") == "dead_end":
        reason = next((d for d in _list(data.get("dead_ends")) if isinstance(d, dict)), None)
    if reason is not None:
        parts.append(dead_end_phrase(reason.get("kind")))
    bad = _a11y_bad(_a11y_checked(metrics))
    if bad:
        parts.append(f"{_plural(bad, 'serious accessibility problem')}")
    if data.get("outcome") == "completed" and _num(metrics.get("klm_seconds")) is not None:
        parts.append(predicted_time(metrics.get("klm_seconds")) + " to complete")
    if not parts:
        return "No measurements recorded."
    text = "; ".join(parts[:3])
    return text[0].upper() + text[1:]


def dead_end_phrase(kind: Any, short: bool = False) -> str:
    key = str(kind or "").lower()
    for needle, phrase, label in DEAD_END_PHRASES:
        if needle in key:
            return label if short else phrase
    words = key.replace("_", " ")
    if short:
        return words
    return f"ends at a dead end ({words})" if key else "ends at a dead end"


def predicted_time(seconds: Any) -> str:
    """KLM seconds as people say it: about N min."""
    value = _num(seconds)
    if value is None:
        return "not measured"
    if value < 45:
        return "under a minute"
    return f"about {max(1, round(value / 60))} min"


def a11y_summary(a11y: dict[str, Any] | None) -> str:
    if a11y is None:
        return "not checked"
    critical, serious = _int(a11y.get("critical")) or 0, _int(a11y.get("serious")) or 0
    lesser = (_int(a11y.get("moderate")) or 0) + (_int(a11y.get("minor")) or 0)
    if critical or serious:
        return ", ".join(p for p in (critical and f"{critical} critical", serious and f"{serious} serious") if p)
    return _plural(lesser, "minor issue") if lesser else "no problems found"


def outcome_label(data: dict[str, Any]) -> str:
    outcome = data.get("outcome")
    if outcome == "completed":
        return "Completed"
    if outcome == "dead_end":
        reason = _dict(data.get("outcome_reason"))
        return "Dead end" + (f": {dead_end_phrase(reason['kind'], short=True)}" if reason.get("kind") else "")
    if outcome == "broken":
        step = _dict(data.get("error")).get("step")
        return "Broken" + (f" at step {step}" if step is not None else "")
    return str(outcome or "unknown").replace("_", " ").capitalize()


def humanise(task: str) -> str:
    text = task.replace("-", " ").replace("_", " ").strip()
    return text[:1].upper() + text[1:]


# ---------------------------------------------------------------------------------------------- trends


def trend_charts(history: Sequence[RunResult], current: RunResult) -> list[dict[str, Any]]:
    """Per task, friction over runs as SVG geometry; only tasks measured in at least two runs."""
    runs = sorted({r.run_id: r for r in [*history, current]}.values(), key=lambda r: r.run_id)[-MAX_HISTORY:]
    charts = []
    for task in sorted({j.get("task") for r in runs for j in r.journeys}):
        series: dict[str, dict[str, Any]] = {}
        for x, run in enumerate(runs):
            for j in run.journeys:
                index = _num(_dict(j.get("friction")).get("index"))
                if j.get("task") != task or index is None:
                    continue
                line = series.setdefault(str(j.get("council_id")), {"council": str(j.get("council")), "points": {}})
                line["points"][x] = index
        used = sorted({x for s in series.values() for x in s["points"]})
        if len(used) >= 2:
            charts.append(_chart(task, runs, used, series))
    return charts


def _chart(task: str, runs: Sequence[RunResult], used: list[int], series: dict[str, dict[str, Any]]):
    width, height, left, right, top, bottom = 640, 240, 44, 56, 14, 40
    inner_w, inner_h = width - left - right, height - top - bottom
    xs = {x: left + (inner_w * n / (len(used) - 1)) for n, x in enumerate(used)}

    def y(v: float) -> float:
        return round(top + inner_h * (1 - max(0.0, min(100.0, v)) / 100), 1)

    lines = []
    for n, (council_id, s) in enumerate(sorted(series.items(), key=lambda kv: kv[1]["council"].lower())):
        pts = [(round(xs[x], 1), y(v), v) for x, v in sorted(s["points"].items())]
        lines.append({"council": s["council"], "id": council_id, "colour": PALETTE[n % len(PALETTE)],
                      "points": " ".join(f"{px},{py}" for px, py, _ in pts), "dots": pts,
                      "values": {runs[x].run_id: v for x, v in s["points"].items()}})
    step = max(1, len(used) // 6)
    shown = [x for n, x in enumerate(used) if n % step == 0 or x == used[-1]]
    labels = [{"x": round(xs[x], 1), "text": _short_date(runs[x]),
               "anchor": "start" if x == used[0] else "end" if x == used[-1] else "middle"} for x in shown]
    return {
        "task": task, "title": humanise(task), "anchor": "trend-" + _slug(task), "width": width,
        "height": height, "left": left, "right": width - right, "top": top, "bottom": height - bottom,
        "grid": [{"y": y(v), "label": v} for v in (0, 25, 50, 75, 100)], "lines": lines, "labels": labels,
        "runs": [runs[x] for x in used], "run_labels": {runs[x].run_id: _short_date(runs[x]) for x in used},
    }


# ----------------------------------------------------------------------------------------------- helpers


def _finding(raw: Any) -> Finding:
    f = _dict(raw)
    items = _list(f.get("evidence"))
    return Finding(
        severity=str(f.get("severity") or "info").lower(), title=str(f.get("title") or f.get("id") or "Finding"),
        detail=_clip(f.get("detail")), fix=_clip(f.get("fix")), audit=str(f.get("audit") or ""),
        evidence=[_evidence(e) for e in items[:MAX_EVIDENCE]], more_evidence=max(0, len(items) - MAX_EVIDENCE),
        step=_int(f.get("step")),
    )


def _evidence(item: Any) -> dict[str, Any]:
    """A string shown as code, or a dict as key/value pairs (URLs linked only if http(s))."""
    if isinstance(item, dict):
        pairs = []
        for k, v in list(item.items())[:12]:
            text = v if isinstance(v, str) else _json_text(v)
            pairs.append({"key": str(k), "value": _clip(text), "href": safe_href(v) if k in ("url", "href") else None})
        return {"pairs": pairs, "text": "", "href": None}
    text = _clip(item if isinstance(item, str) else _json_text(item))
    return {"pairs": [], "text": text, "href": safe_href(item)}


def _dead_end(raw: Any, images: ImageSource) -> dict[str, Any]:
    d = _dict(raw)
    ev = _dict(d.get("evidence"))
    return {"kind": str(d.get("kind") or "dead end"), "phrase": dead_end_phrase(d.get("kind")),
            "label": dead_end_phrase(d.get("kind"), short=True) or "dead end",
            "step": _int(d.get("step")), "blocking": bool(d.get("blocking")),
            "url": str(ev.get("url") or ""), "href": safe_href(ev.get("url")), "text": _clip(ev.get("text")),
            "shot": images.src(ev.get("screenshot"))}


def _step(raw: Any, n: int, journey_anchor: str, images: ImageSource) -> StepView:
    s = _dict(raw)
    number = _int(s.get("index"))
    number = n if number is None else number
    duration = _num(s.get("duration_ms"))
    target = _clip(s.get("target"))
    return StepView(
        number=number, anchor=f"{journey_anchor}-s{number}", action=str(s.get("action") or "?"),
        target="" if target == s.get("url") else target, status=str(s.get("status") or ""), url=_clip(s.get("url"), 500),
        href=safe_href(s.get("url")), title=_clip(s.get("title")), http_status=s.get("http_status"),
        seconds="" if duration is None else "under 0.1 s" if duration < 100 else f"{duration / 1000:.1f} s", error=_clip(s.get("error")),
        shot=images.src(s.get("screenshot")),
    )


def _error(data: dict[str, Any], images: ImageSource, steps: list[StepView]) -> dict[str, Any] | None:
    err = data.get("error")
    if not err:
        return None
    e = err if isinstance(err, dict) else {"message": err}
    shot = images.src(e.get("screenshot"))
    return {"step": e.get("step"), "kind": str(e.get("kind") or "").replace("_", " "),
            "message": _clip(e.get("message"), 600),
            "shot": None if shot in {s.shot for s in steps} else shot}


def _top_fixes(data: dict[str, Any], findings: list[Finding]) -> list[str]:
    fixes = [_clip(f) for f in _list(data.get("top_fixes")) if f]
    if fixes:
        return fixes[:5]
    seen: list[str] = []
    for f in findings:  # already most severe first
        if f.fix and f.fix not in seen:
            seen.append(f.fix)
    return seen[:3]


def _components(friction: dict[str, Any]) -> list[dict[str, Any]]:
    """Friction components, biggest contribution first; unmeasured ones last, shown as such."""
    comps = {str(k): _dict(v) for k, v in _dict(friction.get("components")).items()}
    total = sum(w for c in comps.values() if (w := _num(c.get("weight"))) and w > 0)
    rows = []
    for name, c in comps.items():
        score, weight = _num(c.get("score")), _num(c.get("weight"))
        score = None if score is None else max(0.0, min(100.0, score))
        share = weight / total if weight and total else None
        rows.append({"name": humanise(name), "score": score, "weight": weight,
                     "weight_text": "" if share is None else f"{share * 100:.0f}% of the index",
                     "explanation": _clip(c.get("explanation")), "level": _level(score)})
    return sorted(rows, key=lambda r: (r["score"] is None, -(r["score"] or 0) * (r["weight"] or 1)))


def _level(score: float | None) -> str:
    """CSS class for a 0-100 friction number: low is good."""
    if score is None:
        return "none"
    return "good" if score < 30 else "fair" if score < 55 else "poor" if score < 75 else "bad"


def _a11y_checked(metrics: dict[str, Any]) -> dict[str, Any] | None:
    """The a11y counts, or None when axe did not run (zero pages checked is not zero problems)."""
    a11y = metrics.get("a11y")
    if not isinstance(a11y, dict) or a11y.get("pages_checked") == 0:
        return None
    return a11y


def _a11y_bad(a11y: dict[str, Any] | None) -> int | None:
    if a11y is None:
        return None
    return (_int(a11y.get("critical")) or 0) + (_int(a11y.get("serious")) or 0)


def _run_meta(run: RunResult) -> dict[str, Any]:
    meta = run.meta
    return {"started": _long_date(meta.get("started_at")), "status": str(meta.get("status") or ""),
            "demo": bool(meta.get("demo")), "finished": bool(meta.get("finished_at"))}


def _long_date(value: Any) -> str:
    try:
        when = datetime.fromisoformat(str(value))
    except ValueError:
        return str(value or "")
    utc = " UTC" if when.utcoffset() is not None and not when.utcoffset() else ""
    return f"{when.day} {when:%B %Y, %H:%M}{utc}"


def _short_date(run: RunResult) -> str:
    try:
        when = datetime.fromisoformat(str(run.meta.get("started_at")))
        return f"{when.day} {when:%b %H:%M}"
    except ValueError:
        return run.run_id


def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["fmt"] = _fmt
    env.filters["level"] = _level
    env.filters["sentence"] = _sentence
    env.globals["plural"] = _plural
    return env


def _asset(name: str) -> str:
    return (TEMPLATES / name).read_text(encoding="utf-8")


def _write_text_atomic(path: Path, text: str) -> None:
    """Temp file + rename, so a reader never sees half a report (plain open() keeps the umask)."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _slug(text: str) -> str:
    """Anchor-safe id; a hash suffix keeps ids unique when odd characters were dropped."""
    clean = "".join(c if c.isascii() and (c.isalnum() or c == "-") else "-" for c in text.lower()).strip("-")
    if clean != text.lower():
        clean += "-" + hashlib.sha1(text.encode()).hexdigest()[:6]
    return clean or "x"


def _clip(value: Any, limit: int = MAX_TEXT) -> str:
    if value is None:
        return ""
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _json_text(value: Any) -> str:
    import json

    return json.dumps(value, ensure_ascii=False, default=str)


def _fmt(value: Any) -> str:
    number = _num(value)
    if number is None:
        return "—"
    return f"{number:.0f}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def _num(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)


def _clamp(value: int | None, low: int, high: int) -> int | None:
    return None if value is None else max(low, min(high, value))


def _sentence(text: Any) -> str:
    text = str(text)
    return text[:1].upper() + text[1:]


def _int(value: Any) -> int | None:
    number = _num(value)
    return None if number is None else int(round(number))


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []
