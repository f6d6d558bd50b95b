"""`journey-audit history`: one council's friction, stars and key metrics over the indexed runs."""

from __future__ import annotations

from pathlib import Path

from rich.table import Table
from rich.text import Text

from journey_audit.analysis.trend import by_task, direction, sparkline
from journey_audit.cli import UsageError
from journey_audit.reports.ci import stars_text
from journey_audit.reports.tabular import render
from journey_audit.storage.history import default_history_path, indexed_runs, journey_history, query
from journey_audit.storage.run_folder import list_runs


def add_parser(sub) -> None:
    p = sub.add_parser("history", help="a council's friction over time",
                       description="Friction, stars and key metrics for a council over every indexed run "
                                   "(from the SQLite history), with a sparkline of the friction index.")
    p.add_argument("--council", required=True, metavar="ID", help="council id")
    p.add_argument("--task", metavar="ID", help="only this task")
    p.add_argument("--results", default="results", type=Path, help="results folder (default results/)")
    p.add_argument("--history", type=Path, help="history database (default RESULTS/history.sqlite)")
    p.add_argument("--format", choices=("table", "csv", "json", "markdown"), default="table")
    p.set_defaults(handler=command)


def _num(value, fmt: str = "{:g}") -> str:
    return "–" if value is None else fmt.format(value)


def table(task: str, council_id: str, rows: list[dict]) -> Table:
    friction = [r["friction"] for r in rows]
    trend = direction(friction)
    t = Table(title=f"{council_id}/{task}  friction {sparkline(friction)}  ({trend})", title_justify="left")
    for name in ("Run", "Outcome", "Friction", "Stars", "Screens", "Req. fields", "Chars", "KLM (s)",
                 "A11y crit/ser", "Dead ends"):
        t.add_column(name, justify="left" if name in ("Run", "Outcome", "Stars", "Dead ends") else "right")
    for r in rows:
        outcome = (r["error_kind"] or r["outcome"]).replace("_", " ")
        t.add_row(r["run_id"], Text(outcome, style="green" if r["outcome"] == "completed" else "yellow"),
                  _num(r["friction"], "{:.0f}"), stars_text(r["stars"]), _num(r["steps"]),
                  _num(r["fields_required"]), _num(r["chars_typed"]), _num(r["klm_seconds"], "{:.1f}"),
                  f"{_num(r['a11y_critical'])}/{_num(r['a11y_serious'])}", ", ".join(r["dead_ends"] or []) or "–")
    return t


def command(args, console) -> int:
    path = args.history or default_history_path(args.results)
    grouped = by_task(journey_history(path, args.council, args.task))
    if not grouped:
        what = f"{args.council}/{args.task}" if args.task else args.council
        known = sorted({r["council_id"] for r in query(path, "SELECT DISTINCT council_id FROM journeys")})
        raise UsageError(f"no history for {what} in {path}" + (f" (councils: {', '.join(known)})" if known else ""))
    if args.format != "table":
        rows = [{"task": task, **r} for task, rs in grouped.items() for r in rs]
        console.file.write(render(rows, args.format))
        return 0
    for task, rows in grouped.items():
        console.print(table(task, args.council, rows))
    missing = len(set(list_runs(args.results)) - set(indexed_runs(path)))
    if missing:
        console.print(f"{missing} run(s) in {args.results} are not in the history yet: "
                      "`journey-audit index --all --missing` adds them.", style="yellow", highlight=False)
    return 0
