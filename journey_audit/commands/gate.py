"""`journey-audit gate`: check a run against budgets; exit 1 when one is broken (for CI)."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

from journey_audit.analysis.budgets import GateResult, check_budgets, load_budgets
from journey_audit.analysis.diff import RunDiff, diff_runs
from journey_audit.cli import EXIT_FAILED, EXIT_OK, UsageError
from journey_audit.commands.diff import changes_section, comparability
from journey_audit.reports.document import Case, Column, Note, Report, Section, Styled, stars_text
from journey_audit.reports.formats import add_format_option, emit, render
from journey_audit.storage.atomic import write_text_atomic
from journey_audit.storage.history import previous_run
from journey_audit.storage.run_folder import incomplete_note, load_run

PARTS = frozenset({"sections", "data", "records", "cases"})
STATUS = {"passed": ("pass", "good"), "failed": ("FAIL", "bad"), "site_down": ("site down", "warn")}
COLUMNS = (Column("journey", "Journey"), Column("council", "Council"), Column("result", "Result"),
           Column("friction", "Friction", "right"), Column("stars", "Stars"), Column("problems", "Problems"))


def add_parser(sub) -> None:
    p = sub.add_parser("gate", description="Check a run against the budgets in a YAML file (see docs/examples/"
                                   "budget.yaml). Exit 0 all within budget, 1 a budget is broken, 2 bad input. "
                                   "A journey whose site was down is reported, not failed.")
    p.add_argument("run", nargs="?", default="latest", metavar="RUN", help="run id (default latest)")
    p.add_argument("--budget", required=True, type=Path, metavar="FILE", help="budget file (YAML)")
    p.add_argument("--base", metavar="RUN",
                   help="run to compare with for no_new_dead_ends / max_friction_increase "
                        "('previous' = the run before RUN; default: no comparison)")
    p.add_argument("--results", default="results", type=Path, help="results folder (default results/)")
    add_format_option(p, PARTS)
    p.add_argument("--junit", type=Path, metavar="FILE", help="also write JUnit XML (one test case per journey)")
    p.add_argument("--markdown", type=Path, metavar="FILE", help="also write a Markdown summary (PR or chat)")
    p.set_defaults(handler=command)


def gate_notes(gate: GateResult) -> tuple[Note, ...]:
    """Warnings, site-down journeys, and one line saying whether the run is within budget."""
    notes = [Note(f"warning: {w}", "warn") for w in gate.warnings]
    checked = len(gate.verdicts) - len(gate.site_down)
    if gate.verdicts and not checked:
        notes.append(Note("No journey could be checked: every site or the browser failed.", "warn"))
    if gate.site_down:
        notes.append(Note(f"{len(gate.site_down)} journey(s) not checked: the site or browser failed "
                          "(not a regression; re-run later).", "warn"))
    if gate.passed:
        notes.append(Note(f"All {checked} checked journeys within budget.", "good"))
    else:
        notes.append(Note(f"{len(gate.failed)} journey(s) broke a budget.", "bad"))
    return tuple(notes)


def gate_report(gate: GateResult, diff: RunDiff | None = None, headline: bool = True) -> Report:
    """The verdict per journey, what changed since the base run, and one JUnit case per journey."""
    rows = []
    for v in gate.verdicts:
        label, tone = STATUS[v.status]
        rows.append({"journey": f"{v.council_id}/{v.task}", "council": v.council or v.council_id,
                     "result": Styled.of((label, tone)), "friction": None if v.friction is None else f"{v.friction:.0f}",
                     "stars": stars_text(v.stars),
                     "problems": "\n".join(f.message for f in v.failures) or v.note})
    title = f"Gate: run {gate.run_id}" + (f" vs {gate.base_run}" if gate.base_run else "")
    sections = [Section(title, COLUMNS, tuple(rows))]
    if diff is not None and any(j.changes for j in diff.journeys):
        sections.append(changes_section(diff, "Changes since the base run"))
    head = (Note("journey-audit gate passed", "good") if gate.passed else
            Note(f"journey-audit gate failed: {len(gate.failed)} of {len(gate.verdicts)} journeys broke a budget",
                 "bad"))
    cases = tuple(Case(f"{v.council_id}/{v.task}", f"journey_audit.{v.task}",
                       {"site_down": "skipped", "failed": "failed"}.get(v.status, "passed"),
                       message=v.note if v.status == "site_down" else "; ".join(f.message for f in v.failures),
                       detail="\n".join(f"{f.budget}: {f.message}" for f in v.failures), failure_type="budget")
                  for v in gate.verdicts)
    records = [{"council_id": v.council_id, "task": v.task, "status": v.status, "friction": v.friction,
                "stars": v.stars, "problems": [f.message for f in v.failures] or v.note} for v in gate.verdicts]
    data = {"run_id": gate.run_id, "base_run": gate.base_run, "passed": gate.passed,
            "warnings": list(gate.warnings), "verdicts": [v.as_dict() for v in gate.verdicts],
            "changes": diff.as_dict() if diff is not None else None}
    properties = {"run_id": gate.run_id, **({"base_run": gate.base_run} if gate.base_run else {})}
    return Report("journey-audit gate", tuple(sections), headline=head if headline else None,
                  notes=gate_notes(gate), data=data, records=records, cases=cases, properties=properties)


def command(args, console) -> int:
    budgets = load_budgets(args.budget)  # bad budget file: exit 2 before anything else
    run = load_run(args.results, args.run)
    err = Console(stderr=True)
    base_id = previous_run(args.results, run.run_id) if args.base == "previous" else args.base
    if args.base == "previous" and base_id is None:
        err.print(f"No run before {run.run_id}: comparative budgets skipped.", style="yellow", highlight=False,
                  markup=False)
    if base_id == run.run_id:
        raise UsageError("--base is the same run as RUN")
    base = load_run(args.results, base_id) if base_id else None
    for problem in comparability(base, run) if base else []:
        err.print(f"warning: {problem}", style="yellow", highlight=False, markup=False)
    gate = check_budgets(run.journeys, budgets, base.journeys if base else None,
                         run_id=run.run_id, base_run=base.run_id if base else None)
    diff = diff_runs([j.data for j in base.journeys], [j.data for j in run.journeys], base.run_id, run.run_id) \
        if base else None
    report = gate_report(gate, diff)
    try:
        for path, fmt in ((args.junit, "junit"), (args.markdown, "markdown")):
            if path:
                write_text_atomic(path, render(report, fmt))
    except OSError as exc:
        raise UsageError(f"cannot write {exc.filename}: {exc.strerror}") from None
    emit(report if args.format != "table" else gate_report(gate, diff, headline=False), args.format, console)
    incomplete = incomplete_note(run)
    if incomplete:
        err.print(f"{incomplete}: a partial run cannot pass the gate.", style="red", highlight=False, markup=False)
        return EXIT_FAILED
    return EXIT_OK if gate.passed else EXIT_FAILED


def print_gate(gate: GateResult, console) -> None:
    """The verdict table and one line saying whether the run is within budget (also used by `run --budget`)."""
    emit(gate_report(gate, headline=False), "table", console)
