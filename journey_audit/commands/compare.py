"""`journey-audit compare`: councils doing the same task, ranked by friction, each against the best."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from journey_audit.analysis.compare import compare
from journey_audit.cli import UsageError
from journey_audit.reports.ci import stars_text
from journey_audit.reports.tabular import FORMATS, render
from journey_audit.storage.run_folder import incomplete_note, load_run

MARKDOWN_COLUMNS = ("rank", "council", "task", "source", "stars", "friction", "steps", "fields_required", "fields_total",
                    "chars_typed", "klm_seconds", "a11y_critical", "a11y_serious", "dead_ends", "outcome_label")
HEADERS = {"rank": "#", "fields_required": "required fields", "fields_total": "fields",
           "chars_typed": "chars typed", "klm_seconds": "KLM (s)", "a11y_critical": "a11y critical",
           "a11y_serious": "a11y serious", "dead_ends": "dead ends", "outcome_label": "outcome"}


def add_parser(sub) -> None:
    p = sub.add_parser("compare", help="rank councils by friction for a task",
                       description="Rank councils doing the same task by friction, with each metric shown "
                                   "against the best council for that task.")
    p.add_argument("--task", help="task id, e.g. report-pothole (default: every task, grouped)")
    p.add_argument("--run", default="latest", help="run id or latest (default latest)")
    p.add_argument("--results", default="results", type=Path, help="results folder (default results/)")
    p.add_argument("--format", choices=FORMATS, default="table", help="output format (default table)")
    p.add_argument("--with", dest="with_runs", action="append", default=[], metavar="RUN",
                   help="also rank the journeys of this run (a run id in --results, or a run folder), "
                        "e.g. an explored run next to a scripted one: a Source column tells them apart")
    p.set_defaults(handler=command)


def _vs(value, delta, fmt: str = "{:g}") -> Text:
    if value is None:
        return Text("–", style="dim")
    text = Text(fmt.format(value))
    if delta:
        text.append(f" (+{fmt.format(delta)})" if delta > 0 else f" ({fmt.format(delta)})",
                    style="red" if delta > 0 else "green")
    return text


def table(rows: list[dict], title: str) -> Table:
    t = Table(title=title, title_justify="left")
    sources = len({r["source"] for r in rows}) > 1
    for name in ("#", "Council", *(("Source",) if sources else ()), "Stars", "Friction", "Screens", "Fields (req/total)", "Chars typed",
                 "KLM (s)", "A11y (crit/ser)", "Dead ends", "Outcome"):
        t.add_column(name, justify="left" if name in ("Council", "Stars", "Dead ends", "Outcome") else "right")
    for r in rows:
        d = r["vs_best"]
        fields = _vs(r["fields_required"], d["fields_required"])
        fields.append(f" / {'–' if r['fields_total'] is None else r['fields_total']}")
        a11y = Text(f"{r['a11y_critical'] if r['a11y_critical'] is not None else '–'}/"
                    f"{r['a11y_serious'] if r['a11y_serious'] is not None else '–'}",
                    style="red" if r["a11y_critical"] else "")
        outcome = Text(r["outcome_label"], style={"completed": "green", "dead_end": "yellow"}.get(r["outcome"], "red"))
        t.add_row(str(r["rank"]), Text(r["council"]), *((r["source"],) if sources else ()), stars_text(r["stars"]),
                  _vs(r["friction"], d["friction"], "{:.0f}"), _vs(r["steps"], d["steps"]), fields,
                  _vs(r["chars_typed"], d["chars_typed"]), _vs(r["klm_seconds"], d["klm_seconds"], "{:.1f}"),
                  a11y, Text(", ".join(r["dead_ends"]) or "–", style="yellow" if r["dead_ends"] else "dim"), outcome)
    return t


def command(args, console) -> int:
    run = load_run(args.results, args.run)
    journeys = [j.data for j in run.journeys]
    for other in args.with_runs:
        folder = Path(other)
        where = (folder.parent, folder.name) if (folder / "run.json").is_file() else (args.results, other)
        journeys += [j.data for j in load_run(*where).journeys]
    rows = compare(journeys, args.task)
    if not rows:
        tasks = sorted({j["task"] for j in run.journeys})
        raise UsageError(f"no journeys for task '{args.task}' in run {run.run_id}"
                         + (f" (tasks: {', '.join(tasks)})" if tasks else ""))
    incomplete = incomplete_note(run)
    if incomplete:  # to stderr, so csv/json output stays clean for pandas
        Console(stderr=True).print(f"warning: {incomplete}; councils may be missing.", style="yellow",
                                   highlight=False)
    if args.format != "table":
        console.file.write(render(rows, args.format, MARKDOWN_COLUMNS, HEADERS))
        return 0
    for task in dict.fromkeys(r["task"] for r in rows):
        group = [r for r in rows if r["task"] == task]
        console.print(table(group, f"{task}: run {run.run_id}, ranked by friction (deltas vs the best council)"))
    return 0
