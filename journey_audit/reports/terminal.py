"""Rich terminal output: the progress bar during a run and the summary table after it.

Council names, tasks and error messages can come from sites: they go in as ``Text`` (never markup),
cleaned of terminal escape sequences and control characters.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from journey_audit.model import JourneyResult, broke_at
from journey_audit.reports.sanitize import clean_text
from journey_audit.scoring.compute import STAR_WORDS

OUTCOME_STYLE = {"completed": "green", "dead_end": "yellow", "broken": "red", "not_run": "dim"}


def run_progress(console: Console, what: str = "journeys") -> Progress:
    return Progress(
        TextColumn(f"[bold]Auditing {what}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        TextColumn("{task.fields[current]}"), console=console, transient=False,
    )


def outcome_text(result: JourneyResult) -> Text:
    outcome = result.outcome
    label = outcome.replace("_", " ")
    reason = result.get("outcome_reason") or {}
    if outcome == "dead_end" and reason.get("kind"):
        label += f": {reason['kind']}"
    if outcome == "broken" and result.get("error"):
        kind = result["error"].get("kind")
        reason = {"site_unreachable": "site unreachable", "browser_crash": "browser failed",
                  "start_not_found": "start page not found"}.get(kind or "")
        label += f": {reason}" if reason else broke_at(result["error"])
    if outcome == "completed" and result.get("stopped_before_submit"):
        label += " (not submitted)"
    expected = result.get("expected_outcome") or {}
    if expected:
        label += " (as expected)" if expected.get("met") else f" ({expected.get('message')})"
        if not expected.get("met"):
            return Text(clean_text(label), style="red")
    return Text(clean_text(label), style=OUTCOME_STYLE.get(outcome, ""))


def summary_table(results: Iterable[JourneyResult], title: str) -> Table:
    """Council, task, outcome, screens (as the report and compare count them), key presses in a keyboard run,
    time, friction and stars in words."""
    results = sorted(results, key=lambda r: (r["task"], r["council_id"]))
    keyboard = any(_keys(r) for r in results)  # a keyboard run: show its key presses too
    table = Table(title=title, title_justify="left")
    for name, justify in (("Council", "left"), ("Task", "left"), ("Outcome", "left"), ("Screens", "right"),
                          *((("Keys (Tab)", "right"),) if keyboard else ()),
                          ("Time (s)", "right"), ("Friction", "right"), ("Stars", "left")):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for r in results:
        friction = r.get("friction") or {}
        stars = friction.get("stars")
        table.add_row(
            Text(clean_text(r["council"])), Text(clean_text(r["task"])), outcome_text(r), _screens(r),
            *((_keys(r),) if keyboard else ()),
            f"{r.get('duration_s') or 0:.1f}",
            "" if friction.get("index") is None else f"{friction['index']:.0f}",
            "" if stars not in STAR_WORDS else "★" * stars + "☆" * (4 - stars) + f" {STAR_WORDS[stars]}",
        )
    return table


def _keys(result: JourneyResult) -> str:
    """Key presses by keyboard, with the Tab presses among them: "25 (9)"; "" for a mouse run."""
    keyboard = (result.get("metrics") or {}).get("keyboard") or {}
    if keyboard.get("keys_total") is None:
        return ""
    return f"{keyboard['keys_total']} ({keyboard.get('tab_presses', 0)})"


def _screens(result: JourneyResult) -> str:
    """Screens a person goes through (metrics ``steps``), not the lines of the script."""
    value = (result.get("metrics") or {}).get("steps")
    return "" if value is None else str(value)


def print_problems(console: Console, problems: Iterable[str]) -> None:
    for problem in problems:
        console.print(Text(clean_text(problem)), style="red", highlight=False)


def print_robots(console: Console, results: Iterable[JourneyResult]) -> None:
    """Journeys that visited pages robots.txt disallows for journey-audit: said, not hidden."""
    from journey_audit.robots import robots_notice

    for r in results:
        notice = robots_notice(r.data)
        if notice:
            console.print(Text(clean_text(f"{r['council_id']}/{r['task']}: {notice}"), style="yellow"), soft_wrap=True)


def print_broken(console: Console, results: Iterable[JourneyResult]) -> None:
    """Why each broken journey stopped, as ``file:line: message`` so the journey can be fixed."""
    for r in results:
        if r.outcome != "broken" or not r.get("error"):
            continue
        error = r["error"]
        where = r.get("journey_path") or f"{r['council_id']}/{r['task']}"
        line = f":{error['line']}" if error.get("line") else ""
        step = f" step {error['step']}:" if error.get("step") is not None else ""
        console.print(Text(clean_text(f"{where}{line}:{step} {error.get('message')}"), style="red"),
                      soft_wrap=True)
