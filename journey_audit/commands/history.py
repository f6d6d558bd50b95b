"""`journey-audit history`: friction, stars and key metrics over the indexed runs, per council and task."""

from __future__ import annotations

from pathlib import Path

from journey_audit.analysis.trend import direction, series, sparkline, trend_query
from journey_audit.cli import UsageError
from journey_audit.commands.index import index_command
from journey_audit.reports.document import Column, Note, Report, Section, Styled, stars_text
from journey_audit.reports.formats import add_format_option, emit
from journey_audit.storage.history import default_history_path, indexed_runs, query
from journey_audit.storage.run_folder import list_runs

PARTS = frozenset({"sections", "data", "records"})
COLUMNS = (
    Column("run_id", "Run"), Column("viewport", "Viewport"), Column("mode", "Mode"), Column("outcome", "Outcome"),
    Column("friction", "Friction", "right"), Column("stars", "Stars"), Column("steps", "Screens", "right"),
    Column("fields_required", "Req. fields", "right"), Column("chars_typed", "Chars", "right"),
    Column("klm_seconds", "KLM (s)", "right"), Column("a11y", "A11y crit/ser", "right"),
    Column("dead_ends", "Dead ends"),
)
TAB_COLUMN = Column("kb_tab_presses", "Tab presses", "right")  # keyboard trends only


def add_parser(sub) -> None:
    p = sub.add_parser("history", help="friction over time, per council and task",
                       description="Friction, stars and key metrics over every indexed run (from the SQLite "
                                   "history), with a sparkline of the friction index. One trend per council, "
                                   "task, viewport and mode; every council unless --council is given.")
    p.add_argument("--council", metavar="ID", help="only this council (default: every council)")
    p.add_argument("--task", metavar="ID", help="only this task")
    p.add_argument("--results", default="results", type=Path, help="results folder (default results/)")
    p.add_argument("--history", type=Path, help="history database (default RESULTS/history.sqlite)")
    add_format_option(p, PARTS)
    p.set_defaults(handler=command)


def _num(value, fmt: str = "{:g}") -> str:
    return "–" if value is None else fmt.format(value)


def human_row(r: dict) -> dict:
    outcome = (r["error_kind"] or r["outcome"]).replace("_", " ")
    return {**r, "outcome": Styled.of((outcome, "good" if r["outcome"] == "completed" else "warn")),
            "friction": _num(r["friction"], "{:.0f}"), "stars": stars_text(r["stars"]), "steps": _num(r["steps"]),
            "fields_required": _num(r["fields_required"]), "chars_typed": _num(r["chars_typed"]),
            "klm_seconds": _num(r["klm_seconds"], "{:.1f}"),
            "a11y": f"{_num(r['a11y_critical'])}/{_num(r['a11y_serious'])}", "kb_tab_presses": _num(r["kb_tab_presses"]),
            "dead_ends": ", ".join(r["dead_ends"] or []) or "–"}


def history_report(grouped: dict, notes: tuple[Note, ...] = ()) -> Report:
    sections = []
    for (council_id, task, viewport, mode), rows in grouped.items():
        friction = [r["friction"] for r in rows]
        title = (f"{council_id}/{task} ({viewport} viewport, {mode} mode)  friction {sparkline(friction)}  "
                 f"({direction(friction)})")
        columns = (*COLUMNS, TAB_COLUMN) if mode == "keyboard" else COLUMNS
        sections.append(Section(title, columns, tuple(human_row(r) for r in rows)))
    records = [{"council_id": key[0], "task": key[1], **r} for key, rows in grouped.items() for r in rows]
    return Report("journey-audit history", tuple(sections), notes=notes, data=records, records=records)


def command(args, console) -> int:
    path = args.history or default_history_path(args.results)
    grouped = series(query(path, *trend_query(args.council, args.task)))
    if not grouped:
        what = "/".join(x for x in (args.council, args.task) if x) or "any council"
        known = sorted({r["council_id"] for r in query(path, "SELECT DISTINCT council_id FROM journeys")})
        raise UsageError(f"no history for {what} in {path}" + (f" (councils: {', '.join(known)})" if known else ""))
    notes: tuple[Note, ...] = ()
    missing = len(set(list_runs(args.results)) - set(indexed_runs(path)))
    if missing and args.format == "table":
        notes = (Note(f"{missing} run(s) in {args.results} are not in the history yet: "
                      f"`{index_command(args.results, '--all --missing', args.history)}` adds them.", "warn"),)
    emit(history_report(grouped, notes), args.format, console)
    return 0
