"""`journey-audit compare`: councils doing the same task, ranked by friction, each against the best."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

from journey_audit.analysis.compare import compare
from journey_audit.analysis.run_kind import kind_text, run_kind
from journey_audit.cli import UsageError
from journey_audit.reports.document import Column, Report, Section, Styled, stars_text
from journey_audit.reports.formats import add_format_option, emit
from journey_audit.storage.run_folder import incomplete_note, list_runs, load_run, read_json

PARTS = frozenset({"sections", "data", "records"})
COLUMNS = (
    Column("rank", "#", "right"), Column("council", "Council"), Column("source", "Source"), Column("viewport", "Viewport"),
    Column("mode", "Mode"), Column("stars", "Stars"), Column("friction", "Friction", "right"),
    Column("steps", "Screens", "right"), Column("fields", "Fields (req/total)", "right"),
    Column("chars_typed", "Chars typed", "right"), Column("klm_seconds", "KLM (s)", "right"),
    Column("a11y", "A11y (crit/ser)", "right"), Column("dead_ends", "Dead ends"), Column("outcome", "Outcome"),
    Column("kb_tab_presses", "Tab presses (kb)", "right"), Column("kb_outcome", "Keyboard outcome"),
)
KEYBOARD_COLUMNS = frozenset({"kb_tab_presses", "kb_outcome"})


def add_parser(sub) -> None:
    p = sub.add_parser("compare", help="rank councils by friction for a task",
                       description="Rank councils doing the same task by friction, with each metric shown "
                                   "against the best council for that task. Every header and row says which "
                                   "viewport and mode the run used; a keyboard run (run --keyboard) adds its Tab "
                                   "presses and the outcome by keyboard (kb_tab_presses, kb_outcome).")
    p.add_argument("--task", help="task id, e.g. report-pothole (default: every task, grouped)")
    p.add_argument("run_arg", nargs="?", metavar="RUN", help="run id or latest (default latest); same as --run")
    p.add_argument("--run", help="run id or latest (default latest)")
    p.add_argument("--viewport", metavar="NAME",
                   help="with no RUN (or latest): the newest run that used this viewport (desktop or phone)")
    p.add_argument("--results", default="results", type=Path, help="results folder (default results/)")
    add_format_option(p, PARTS)
    p.add_argument("--with", dest="with_runs", action="append", default=[], metavar="RUN",
                   help="also rank the journeys of this run (a run id in --results, or a run folder), "
                        "e.g. an explored run next to a scripted one (a Source column tells them apart), or a keyboard run "
                        "next to a mouse run (the Mode column tells them apart)")
    p.set_defaults(handler=command)


def _vs(value, delta, fmt: str = "{:g}") -> Styled:
    if value is None:
        return Styled.of(("–", "dim"))
    if delta:  # the difference between the two numbers shown (0.5 and 92.8 read "0" and "93 (+93)", not "+92")
        delta = float(fmt.format(value)) - float(fmt.format(value - delta))
    parts: list = [fmt.format(value)]
    if delta:
        parts.append((f" (+{fmt.format(delta)})" if delta > 0 else f" ({fmt.format(delta)})",
                      "bad" if delta > 0 else "good"))
    return Styled.of(*parts)


def _dash(value) -> str:
    return "–" if value is None else str(value)


def human_row(r: dict) -> dict:
    d = r["vs_best"]
    fields = _vs(r["fields_required"], d["fields_required"])
    return {
        "rank": r["rank"], "council": r["council"], "source": r["source"], "viewport": r["viewport"], "mode": r["mode"],
        "stars": stars_text(r["stars"]), "friction": _vs(r["friction"], d["friction"], "{:.0f}"),
        "steps": _vs(r["steps"], d["steps"]),
        "fields": Styled((*fields.spans, *Styled.of(f" / {_dash(r['fields_total'])}").spans)),
        "chars_typed": _vs(r["chars_typed"], d["chars_typed"]),
        "klm_seconds": _vs(r["klm_seconds"], d["klm_seconds"], "{:.1f}"),
        "a11y": Styled.of((f"{_dash(r['a11y_critical'])}/{_dash(r['a11y_serious'])}",
                           "bad" if r["a11y_critical"] else "")),
        "dead_ends": Styled.of((", ".join(r["dead_ends"]) or "–", "warn" if r["dead_ends"] else "dim")),
        "outcome": Styled.of((r["outcome_label"], {"completed": "good", "dead_end": "warn"}.get(r["outcome"], "bad"))),
        "kb_tab_presses": Styled.of((_dash(r["kb_tab_presses"]), "" if r["kb_tab_presses"] is not None else "dim")),
        "kb_outcome": Styled.of((r["outcome_label"], {"completed": "good", "dead_end": "warn"}.get(r["outcome"], "bad"))
                                if r["kb_outcome"] else ("–", "dim")),
    }


def compare_report(rows: list[dict], run_id: str, kind: dict[str, str]) -> Report:
    # Each journey keeps the mode it was replayed in, so a mouse run and a keyboard run given together
    # (compare RUN --with KEYBOARD_RUN) show side by side, one row each, told apart by the Mode column.
    rows = [{**r, "viewport": kind["viewport"]} for r in rows]
    modes = list(dict.fromkeys(r["mode"] for r in rows))
    title_kind = kind_text({**kind, "mode": " and ".join(modes)})
    hidden = set()
    if len({r["source"] for r in rows}) < 2:
        hidden.add("source")  # the Source column only when scripted and explored journeys are ranked together
    if "keyboard" not in modes:
        hidden |= KEYBOARD_COLUMNS  # the table hides empty keyboard columns; csv and json always have them
    columns = tuple(c for c in COLUMNS if c.key not in hidden)
    sections = tuple(
        Section(f"{task}: run {run_id} ({title_kind}), ranked by friction (deltas vs the best council)",
                columns, tuple(human_row(r) for r in rows if r["task"] == task))
        for task in dict.fromkeys(r["task"] for r in rows))
    return Report("journey-audit compare", sections, data=rows, records=rows)


def journeys_with_mode(run) -> list[dict]:
    """The run's journeys, each saying its mode (a journey that did not record one takes its run's)."""
    mode = run_kind(run.meta)["mode"]
    return [{**j.data, "mode": j.data.get("mode") or mode} for j in run.journeys]


def newest_run_with_viewport(results: Path, viewport: str) -> str:
    """The newest whole run that used ``viewport``, so a phone run is never compared by accident."""
    seen = set()
    for run_id in reversed(list_runs(results)):
        meta = read_json(results / run_id / "run.json")
        if isinstance(meta, dict) and not meta.get("shard"):
            seen.add(str(meta.get("viewport")))
            if meta.get("viewport") == viewport:
                return run_id
    raise UsageError(f"no run in {results} used the {viewport} viewport"
                     + (f" (viewports used: {', '.join(sorted(seen))})" if seen else ""))


def command(args, console) -> int:
    if args.run_arg and args.run and args.run_arg != args.run:
        raise UsageError(f"two runs given ({args.run_arg} and --run {args.run}); give one")
    run_id = args.run_arg or args.run or "latest"
    if args.viewport and run_id == "latest":
        run_id = newest_run_with_viewport(args.results, args.viewport)
    run = load_run(args.results, run_id)
    if args.viewport and run.meta.get("viewport") != args.viewport:
        raise UsageError(f"run {run.run_id} used the {run.meta.get('viewport')} viewport, not {args.viewport}")
    journeys = journeys_with_mode(run)
    for other in args.with_runs:
        folder = Path(other)
        where = (folder.parent, folder.name) if (folder / "run.json").is_file() else (args.results, other)
        journeys += journeys_with_mode(load_run(*where))
    rows = compare(journeys, args.task)
    if not rows:
        tasks = sorted({j["task"] for j in run.journeys})
        raise UsageError(f"no journeys for task '{args.task}' in run {run.run_id}"
                         + (f" (tasks: {', '.join(tasks)})" if tasks else ""))
    err = Console(stderr=True)  # notes go to stderr, so csv/json output stays clean for pandas
    incomplete = incomplete_note(run)
    if incomplete:
        err.print(f"warning: {incomplete}; councils may be missing.", style="yellow", highlight=False, markup=False)
    viewport = run.meta.get("viewport")
    if not args.viewport and viewport and viewport != "desktop":
        err.print(f"note: run {run.run_id} is a {viewport} run; `--viewport desktop` compares the newest desktop "
                  "run instead.", style="yellow", highlight=False, markup=False)
    emit(compare_report(rows, run.run_id, run_kind(run.meta, [j.data for j in run.journeys])), args.format, console)
    return 0
