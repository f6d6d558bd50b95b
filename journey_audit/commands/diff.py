"""`journey-audit diff`: per journey, what is new, fixed, worse and better between two runs."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

from journey_audit.analysis.diff import RunDiff, counts, diff_runs
from journey_audit.analysis.run_kind import kind_text, run_kind
from journey_audit.cli import UsageError
from journey_audit.reports.document import Case, Column, Report, Section, Span, Styled
from journey_audit.reports.formats import add_format_option, emit
from journey_audit.storage.history import previous_run
from journey_audit.storage.run_folder import incomplete_note, load_run, resolve_run

PARTS = frozenset({"sections", "data", "records", "cases"})
RECORD_COLUMNS = ("council_id", "task", "status", "note", "kind", "what", "name", "detail", "base", "head")
KINDS = ("new", "worse", "fixed", "better")
TONE = {"new": "bad", "worse": "bad", "fixed": "good", "better": "good"}
COLUMNS = (Column("journey", "Journey"), Column("change", "Change"))


def add_parser(sub) -> None:
    p = sub.add_parser("diff", description="List per journey what is new, fixed, worse and better between BASE and "
                                   "HEAD (default: the previous run vs latest). Findings are matched by journey, "
                                   "screen and element, not URL. Timing is never a regression; a journey whose "
                                   "site was down is reported as such, not compared. As JUnit, a journey with "
                                   "something new or worse is a failed test case.")
    p.add_argument("base", nargs="?", metavar="BASE", help="base run id (default: the run before HEAD)")
    p.add_argument("head", nargs="?", default="latest", metavar="HEAD", help="head run id (default latest)")
    p.add_argument("--results", default="results", type=Path, help="results folder (default results/)")
    add_format_option(p, PARTS)
    p.add_argument("--all", action="store_true", help="also list journeys with no changes")
    p.set_defaults(handler=command)


def load_diff(results: Path, base: str | None, head: str = "latest") -> tuple[RunDiff, str]:
    """Diff two runs by id (``base=None``: the whole run before ``head``), and what kind of runs they are."""
    head_id = resolve_run(results, head).name
    base_id = previous_run(results, head_id) if base in (None, "previous") else resolve_run(results, base).name
    if base_id is None:
        raise UsageError(f"no run folder in {results} before {head_id}: nothing to diff against (a run removed by "
                         "`prune` keeps only its history rows)")
    if base_id == head_id:
        raise UsageError(f"BASE and HEAD are the same run ({head_id}): nothing to diff")
    before, after = load_run(results, base_id), load_run(results, head_id)
    for problem in comparability(before, after):
        Console(stderr=True).print(f"warning: {problem}", style="yellow", highlight=False, markup=False)
    kinds = [kind_text(run_kind(r.meta, [j.data for j in r.journeys])) for r in (before, after)]
    kind = kinds[1] if kinds[0] == kinds[1] else f"{kinds[0]} → {kinds[1]}"
    return diff_runs([j.data for j in before.journeys], [j.data for j in after.journeys],
                     before.run_id, after.run_id), kind


def comparability(before, after) -> list[str]:
    """Differences between two runs that make their numbers not like for like."""
    problems = []
    if before.meta.get("viewport") != after.meta.get("viewport"):
        problems.append(f"the runs used different viewports ({before.meta.get('viewport')} vs "
                        f"{after.meta.get('viewport')}): pages and scores are not like for like")
    modes = [run_kind(r.meta, [j.data for j in r.journeys])["mode"] for r in (before, after)]
    if modes[0] != modes[1]:
        problems.append(f"the runs used different modes ({modes[0]} vs {modes[1]}): a keyboard replay measures "
                        "what a mouse replay cannot (keyboard findings and score), so they are not like for like")
    # Only scored journeys have a profile (a not_run or broken one has none): those never make runs differ.
    versions = [sorted({str(v) for j in r.journeys if (v := (j.get("friction") or {}).get("profile_version"))})
                for r in (before, after)]
    if versions[0] != versions[1]:
        problems.append(f"the runs were scored with different profiles ({', '.join(versions[0])} vs "
                        f"{', '.join(versions[1])}): friction changes may come from the profile, not the sites")
    for run in (before, after):
        note = incomplete_note(run)
        if note:
            problems.append(f"{note}: journeys missing from it are not compared")
    return problems


def change_cell(journey) -> Styled:
    """The journey's note and its changes, one per line, each led by its kind."""
    lines: list[list[Span]] = [[Span(f"{kind:<6} ", TONE[kind]), Span(change.detail)]
                               for kind in KINDS for change in journey.of(kind)]
    if journey.note:  # after the changes it qualifies ("metrics not compared"), or alone (site down)
        lines.append([Span(journey.note, "warn" if journey.status == "site_down" else "dim")])
    spans = [span for n, line in enumerate(lines) for span in ([Span("\n")] if n else []) + line]
    return Styled(tuple(spans) or (Span("no change", "dim"),))


def changes_section(diff: RunDiff, title: str, show_all: bool = False) -> Section:
    """The per-journey change table (also part of the gate's report)."""
    rows = tuple({"journey": f"{j.council_id}/{j.task}", "change": change_cell(j)}
                 for j in diff.journeys if j.changes or j.note or show_all)
    return Section(title, COLUMNS, rows, empty="no journey changed")


def summary_line(diff: RunDiff) -> str:
    c = counts(diff)
    return f"{c['new']} new, {c['worse']} worse, {c['fixed']} fixed, {c['better']} better"


def diff_report(diff: RunDiff, kind: str = "", show_all: bool = False) -> Report:
    title = f"{diff.base_run} → {diff.head_run}" + (f" ({kind})" if kind else "") + f": {summary_line(diff)}"
    records = [{"council_id": j.council_id, "task": j.task, "status": j.status, "note": j.note, **c.as_dict()}
               for j in diff.journeys for c in j.changes]
    cases = tuple(
        Case(f"{j.council_id}/{j.task}", f"journey_audit.{j.task}",
             "skipped" if j.status == "site_down" else "failed" if j.regressions else "passed",
             message=j.note if j.status == "site_down" else "; ".join(c.detail for c in j.regressions),
             detail="\n".join(f"{c.kind}: {c.detail}" for c in j.regressions), failure_type="regression")
        for j in diff.journeys)
    return Report("journey-audit diff", (changes_section(diff, title, show_all),), data={**diff.as_dict(), "runs": kind}, records=records,
                  record_columns=RECORD_COLUMNS, cases=cases,
                  properties={"base_run": diff.base_run or "", "head_run": diff.head_run})


def command(args, console) -> int:
    diff, kind = load_diff(args.results, args.base, args.head)
    emit(diff_report(diff, kind, args.all), args.format, console)
    return 0
