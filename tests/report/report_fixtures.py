"""Hand-made journey results for the HTML report: good, legacy, dead-end, broken and hostile journeys.

The measurement layer is written elsewhere, so these are the contract the report relies on; the broken
journey deliberately lacks every measurement key.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "report"
START = "2026-11-25T14:00:00+00:00"

# Strings a hostile site could put in front of the auditor. Each sets a flag if it ever runs.
XSS_TITLE = "<script>window.__pwned='title'</script>Report a bin"
XSS_LABEL = '"><img src=x onerror="window.__pwned=\'label\'">'
XSS_COUNCIL = "Evil <script>window.__pwned='council'</script> \"Council\""
XSS_URL = "javascript:window.__pwned='url'"

FAKE_PAGES = [  # (background, heading) of the small real JPEGs used as step screenshots
    ("#ffffff", "Report a pothole"), ("#eef4ff", "Where is the problem?"), ("#fff6e5", "Your details"),
    ("#f0fff4", "Check your answers"), ("#fdeeee", "Download our form"),
]


def step(index: int, action: str, target: str, url: str, title: str, key: str, **extra: Any) -> dict[str, Any]:
    return {
        "index": index, "action": action, "target": target, "line": None if index == 0 else 10 + index,
        "status": "ok", "url": url, "title": title, "http_status": 200, "navigated": action in ("goto", "click"),
        "started_at": START, "duration_ms": 850.0 + 100 * index, "wait_ms": 300.0, "chars_typed": 0,
        "clicks": int(action == "click"), "fields_filled": int(action == "fill"), "validation_check": False,
        "screenshot": f"screens/{key}/{index:02d}.jpg", "error": None, "artifacts": {}, **extra,
    }


def metrics(**kw: Any) -> dict[str, Any]:
    base = {"steps": 6, "pages": 5, "clicks": 3, "fields_total": 12, "fields_required": 8, "fields_unlabelled": 0,
            "chars_typed": 80, "klm_seconds": 140.0, "wait_seconds": 3.0,
            "a11y": {"critical": 0, "serious": 0, "moderate": 0, "minor": 1, "incomplete": 0}, "reading_age": 9}
    return {**base, **kw}


def friction(index: float, stars: int, **scores: float) -> dict[str, Any]:
    comps = {name: {"score": s, "weight": 0.2, "explanation": f"{name.replace('_', ' ')} scored {s:.0f}"}
             for name, s in scores.items()}
    return {"index": index, "stars": stars, "components": comps, "profile_version": "test-1"}


def journey(council: str, council_id: str, task: str, outcome: str, steps: list[dict], **extra: Any) -> dict:
    return {"schema_version": 1, "council": council, "council_id": council_id, "task": task,
            "journey_path": f"journeys/{council_id}/{task}.yaml", "start_url": steps[0]["url"] if steps else None,
            "outcome": outcome, "stopped_before_submit": outcome == "completed", "submitted": False, "error": None,
            "started_at": START, "duration_s": 6.5, "viewport": {"width": 1280, "height": 800}, "steps": steps,
            **extra}


def good(task: str = "report-pothole", index: float = 18) -> dict:
    key, url = f"brightwater--{task}", "http://127.0.0.1:8801/roads/report"
    steps = [step(0, "goto", url, url, "Report a pothole - Brightwater", key),
             step(1, "click", "Start now", url + "/where", "Where is the pothole?", key),
             step(2, "choose", "In the road", url + "/where", "Where is the pothole?", key),
             step(3, "fill", "Describe the pothole", url + "/describe", "Describe the pothole", key),
             step(4, "fill", "Postcode", url + "/you", "Your details", key),
             step(5, "submit", "Send report", url + "/check", "Check your answers", key, status="skipped_final")]
    return journey("Brightwater Borough Council", "brightwater", task, "completed", steps,
                   metrics=metrics(), dead_ends=[], outcome_reason=None,
                   findings=[{"id": "hint-missing", "audit": "forms", "step": 3, "severity": "minor",
                              "title": "A free-text field has no hint", "detail": "People guess what to write.",
                              "evidence": ["Describe the pothole"], "fix": "Add a hint with an example answer.",
                              "friction_points": 1}],
                   friction=friction(index, 4, effort=22, forms=10, accessibility=5, dead_ends=0, waiting=12),
                   top_fixes=["Add a hint with an example answer to 'Describe the pothole'."])


def legacy() -> dict:
    key, url = "mudford--report-pothole", "http://127.0.0.1:8802/forms/f.aspx?id=77"
    steps = [step(0, "goto", url, url, "Mudford DC - Online Forms", key),
             step(1, "click", "Report it", url + "&p=1", "Form 77", key),
             step(2, "fill", "css=input[name=q7]", url + "&p=1", "Form 77", key, chars_typed=30),
             step(3, "submit", "Submit", url + "&p=2", "Form 77", key, status="skipped_final")]
    return journey(
        "Mudford District Council", "mudford", "report-pothole", "completed", steps,
        metrics=metrics(steps=4, pages=1, fields_total=23, fields_required=19, fields_unlabelled=5, klm_seconds=410,
                        a11y={"critical": 2, "serious": 3, "moderate": 4, "minor": 1, "incomplete": 2},
                        reading_age=15),
        dead_ends=[], outcome_reason=None,
        findings=[
            {"id": "unlabelled-fields", "audit": "forms", "step": 2, "severity": "serious",
             "title": "5 fields have no label", "detail": "Screen readers announce them as 'edit text'.",
             "evidence": ["q7", "q8", {"name": "q9", "selector": "input[name=q9]"}, "q10", "q11"],
             "fix": "Give every field a visible <label for>.", "friction_points": 12},
            {"id": "axe-label", "audit": "axe", "step": 2, "severity": "critical",
             "title": "Form elements must have labels", "detail": "axe-core rule label",
             "evidence": [{"rule": "label", "element": "input[name=q7]", "html": "<input name=\"q7\" type=\"text\">"}],
             "fix": "Associate each input with a label.", "friction_points": 8},
            {"id": "long-page", "audit": "forms", "step": None, "severity": "moderate",
             "title": "23 questions on a single page", "detail": "One thing per page is easier.",
             "evidence": [], "fix": "Split the form: one question per page.", "friction_points": 6},
        ],
        friction=friction(68, 2, effort=80, forms=75, accessibility=70, dead_ends=0, waiting=40),
        top_fixes=["Split the form: one question per page.", "Give every field a visible label.",
                   "Fix the 2 critical accessibility problems."])


def dead_end() -> dict:
    key, url = "stonyfield--report-pothole", "http://127.0.0.1:8803/pothole"
    pdf = {"kind": "pdf_form", "step": 2, "blocking": True,
           "evidence": {"url": "http://127.0.0.1:8803/files/pothole-form.pdf",
                        "text": "Download the form, print it and post it to us.",
                        "screenshot": f"screens/{key}/02.jpg"}}
    steps = [step(0, "goto", url, url, "Potholes | Stonyfield", key),
             step(1, "click", "Report a pothole", url + "/report", "Report a pothole | Stonyfield", key),
             step(2, "click", "Download the form", url + "/form", "Download our form", key)]
    return journey("Stonyfield City Council", "stonyfield", "report-pothole", "dead_end", steps,
                   stopped_before_submit=False,
                   metrics=metrics(steps=3, pages=3, fields_total=0, fields_required=0, klm_seconds=30,
                                   a11y={"critical": 0, "serious": 1, "moderate": 0, "minor": 0, "incomplete": 0}),
                   dead_ends=[pdf], outcome_reason=pdf,
                   findings=[{"id": "dead-end-pdf", "audit": "dead_ends", "step": 2, "severity": "critical",
                              "title": "The service ends at a PDF to print and post",
                              "evidence": [{"url": pdf["evidence"]["url"], "text": pdf["evidence"]["text"]}],
                              "fix": "Offer an online form.", "friction_points": 40}],
                   friction=friction(88, 1, effort=10, forms=0, accessibility=30, dead_ends=100, waiting=5),
                   top_fixes=["Replace the PDF with an online form."])


def broken() -> dict:
    """A journey that broke: no metrics, findings or friction at all (and some keys null)."""
    key, url = "fenwick--report-pothole", "http://127.0.0.1:8804/"
    steps = [step(0, "goto", url, url, "Fenwick Town Council", key),
             step(1, "click", "Start now", url, "Fenwick Town Council", key, status="failed",
                  error="no button or link named 'Start now'")]
    data = journey("Fenwick Town Council", "fenwick", "report-pothole", "broken", steps, stopped_before_submit=False,
                   error={"step": 1, "kind": "locator_not_found", "message": "no button or link named 'Start now'",
                          "screenshot": f"screens/{key}/01.jpg"}, metrics=None, friction=None)
    return data


def hostile() -> dict:
    """Every string a site controls carries a payload; the council name comes from a journey file."""
    key, url = "evil--report-missed-bin", "http://127.0.0.1:8805/bins?q=<script>window.__pwned='q'</script>"
    steps = [step(0, "goto", url, url, XSS_TITLE, key),
             step(1, "fill", XSS_LABEL, XSS_URL, XSS_TITLE, key),
             step(2, "click", XSS_LABEL, "  JavaScript:window.__pwned='url2'", XSS_TITLE, key,
                  screenshot="../../../../etc/passwd", error="</code><script>window.__pwned='err'</script>")]
    de = {"kind": "<script>window.__pwned='kind'</script>", "step": 2, "blocking": True,
          "evidence": {"url": XSS_URL, "text": XSS_LABEL, "screenshot": "screens/../../../secret.jpg"}}
    return journey(
        XSS_COUNCIL, "evil", "report-missed-bin", "dead_end", steps,
        start_url=XSS_URL,
        metrics=metrics(fields_unlabelled=1), dead_ends=[de], outcome_reason=de,
        findings=[{"id": XSS_LABEL, "audit": XSS_LABEL, "step": 1, "severity": XSS_LABEL, "title": XSS_TITLE,
                   "detail": XSS_LABEL,
                   "evidence": [XSS_LABEL, {"url": XSS_URL, "element": "<svg onload=\"window.__pwned='svg'\">",
                                            XSS_LABEL: XSS_TITLE}, ["<b>", {"x": XSS_LABEL}]],
                   "fix": f"<a href=\"{XSS_URL}\">fix</a>", "friction_points": 3}],
        friction={"index": 55, "stars": 2, "profile_version": XSS_LABEL,
                  "components": {XSS_LABEL: {"score": 60, "weight": 0.5,
                                             "explanation": "</style><script>window.__pwned='css'</script>"}}},
        top_fixes=[f"<iframe src=\"https://example.com/\"></iframe>{XSS_LABEL}"],
        robots={"checked": True, "agent": "journey-audit", "source": "http://127.0.0.1:8805/robots.txt", "status": 200,
                "error": None, "disallowed": [url, f"http://127.0.0.1:8805/{XSS_LABEL}"]})


def write_run(results: Path, run_id: str, journeys: list[dict], jpegs: list[bytes],
              started_at: str = START, status: str = "finished") -> Path:
    """A run folder as RunWriter leaves it, with a real JPEG for every screenshot path that is sane."""
    folder = results / run_id
    (folder / "journeys").mkdir(parents=True, exist_ok=True)
    for n, data in enumerate(journeys):
        key = f"{data['council_id']}--{data['task']}"
        (folder / "journeys" / f"{key}.json").write_text(json.dumps(data, indent=1), encoding="utf-8")
        shots = folder / "screens" / key
        shots.mkdir(parents=True, exist_ok=True)
        for s in (s for s in data["steps"] if isinstance(s, dict) and "index" in s):
            (shots / f"{s['index']:02d}.jpg").write_bytes(jpegs[(s["index"] + n) % len(jpegs)])
    meta = {"schema_version": 1, "run_id": run_id, "status": status, "started_at": started_at,
            "finished_at": started_at, "demo": True, "journeys": []}
    (folder / "run.json").write_text(json.dumps(meta), encoding="utf-8")
    return folder


def standard_journeys() -> list[dict]:
    return [good(), legacy(), dead_end(), broken(), hostile(), good("report-missed-bin", 25)]
