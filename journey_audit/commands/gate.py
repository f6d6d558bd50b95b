"""`journey-audit gate`: check a run against budgets; exit 1 when one is broken (for CI)."""

from __future__ import annotations

from pathlib import Path

from rich.table import Table
from rich.text import Text

from journey_audit.analysis.budgets import GateResult, check_budgets, load_budgets
from journey_audit.analysis.diff import diff_runs
from journey_audit.cli import EXIT_FAILED, EXIT_OK, UsageError
from journey_audit.commands.diff import comparability
from journey_audit.reports.ci import junit_xml, markdown_summary, stars_text
from journey_audit.storage.atomic import write_text_atomic
from journey_audit.storage.history import previous_run
from journey_audit.storage.run_folder import incomplete_note, load_run

STATUS = {"passed": ("pass", "green"), "failed": ("FAIL", "red"), "site_down": ("site down", "yellow")}


def add_parser(sub) -> None:
    p = sub.add_parser("gate", help="check a run against budgets (exit 1 when one is broken)",
                       description="Check a run against the budgets in a YAML file (see docs/examples/"
                                   "budget.yaml). Exit 0 all within budget, 1 a budget is broken, 2 bad input. "
                                   "A journey whose site was down is reported, not failed.")
    p.add_argument("run", nargs="?", default="latest", metavar="RUN", help="run id (default latest)")
    p.add_argument("--budget", required=True, type=Path, metavar="FILE", help="budget file (YAML)")
    p.add_argument("--base", metavar="RUN",
                   help="run to compare with for no_new_dead_ends / max_friction_increase "
                        "('previous' = the run before RUN; default: no comparison)")
    p.add_argument("--results", default="results", type=Path, help="results folder (default results/)")
    p.add_argument("--junit", type=Path, metavar="FILE", help="also write JUnit XML (one test case per journey)")
    p.add_argument("--markdown", type=Path, metavar="FILE", help="also write a Markdown summary (PR or chat)")
    p.set_defaults(handler=command)


def table(gate: GateResult) -> Table:
    t = Table(title=f"Gate: run {gate.run_id}" + (f" vs {gate.base_run}" if gate.base_run else ""),
              title_justify="left")
    for name in ("Journey", "Result", "Friction", "Stars", "Problems"):
        t.add_column(name)
    for v in gate.verdicts:
        label, style = STATUS[v.status]
        problems = "\n".join(f.message for f in v.failures) or v.note
        t.add_row(f"{v.council_id}/{v.task}", Text(label, style=style),
                  "" if v.friction is None else f"{v.friction:.0f}", stars_text(v.stars), Text(problems))
    return t


def command(args, console) -> int:
    budgets = load_budgets(args.budget)  # bad budget file: exit 2 before anything else
    run = load_run(args.results, args.run)
    base_id = previous_run(args.results, run.run_id) if args.base == "previous" else args.base
    if args.base == "previous" and base_id is None:
        console.print(f"No run before {run.run_id}: comparative budgets skipped.", style="yellow")
    if base_id == run.run_id:
        raise UsageError("--base is the same run as RUN")
    base = load_run(args.results, base_id) if base_id else None
    for problem in comparability(base, run) if base else []:
        console.print(f"warning: {problem}", style="yellow", highlight=False, markup=False)
    gate = check_budgets(run.journeys, budgets, base.journeys if base else None,
                         run_id=run.run_id, base_run=base.run_id if base else None)
    diff = diff_runs([j.data for j in base.journeys], [j.data for j in run.journeys], base.run_id, run.run_id) \
        if base else None
    try:
        if args.junit:
            write_text_atomic(args.junit, junit_xml(gate))
        if args.markdown:
            write_text_atomic(args.markdown, markdown_summary(gate, diff))
    except OSError as exc:
        raise UsageError(f"cannot write {exc.filename}: {exc.strerror}") from None
    print_gate(gate, console)
    incomplete = incomplete_note(run)
    if incomplete:
        console.print(f"{incomplete}: a partial run cannot pass the gate.", style="red", highlight=False)
        return EXIT_FAILED
    return EXIT_OK if gate.passed else EXIT_FAILED


def print_gate(gate: GateResult, console) -> None:
    """The verdict table and one line saying whether the run is within budget (also used by `run --budget`)."""
    console.print(table(gate))
    for warning in gate.warnings:
        console.print(f"warning: {warning}", style="yellow", highlight=False, markup=False)
    checked = len(gate.verdicts) - len(gate.site_down)
    if gate.verdicts and not checked:
        console.print("No journey could be checked: every site or the browser failed.", style="yellow")
    if gate.site_down:
        console.print(f"{len(gate.site_down)} journey(s) not checked: the site or browser failed "
                      "(not a regression; re-run later).", style="yellow", highlight=False)
    if gate.passed:
        console.print(f"All {len(gate.verdicts) - len(gate.site_down)} checked journeys within budget.",
                      style="green", highlight=False)
    else:
        console.print(f"{len(gate.failed)} journey(s) broke a budget.", style="red", highlight=False)
