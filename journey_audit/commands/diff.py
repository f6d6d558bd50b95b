"""`journey-audit diff`: per journey, what is new, fixed, worse and better between two runs."""

from __future__ import annotations

import json
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from journey_audit.analysis.diff import RunDiff, counts, diff_runs
from journey_audit.cli import UsageError
from journey_audit.storage.history import previous_run
from journey_audit.storage.run_folder import incomplete_note, load_run, resolve_run

STYLE = {"new": "red", "worse": "red", "fixed": "green", "better": "green"}


def add_parser(sub) -> None:
    p = sub.add_parser("diff", help="what changed between two runs",
                       description="List per journey what is new, fixed, worse and better between BASE and "
                                   "HEAD (default: the previous run vs latest). Timing is never a regression; "
                                   "a journey whose site was down is reported as such, not compared.")
    p.add_argument("base", nargs="?", metavar="BASE", help="base run id (default: the run before HEAD)")
    p.add_argument("head", nargs="?", default="latest", metavar="HEAD", help="head run id (default latest)")
    p.add_argument("--results", default="results", type=Path, help="results folder (default results/)")
    p.add_argument("--format", choices=("table", "json", "markdown"), default="table")
    p.add_argument("--all", action="store_true", help="also list journeys with no changes")
    p.set_defaults(handler=command)


def load_diff(results: Path, base: str | None, head: str = "latest") -> RunDiff:
    """Diff two runs by id; ``base=None`` means the whole run before ``head``."""
    head_id = resolve_run(results, head).name
    base_id = previous_run(results, head_id) if base in (None, "previous") else resolve_run(results, base).name
    if base_id is None:
        raise UsageError(f"run {head_id} is the first run in {results}: nothing to diff against")
    if base_id == head_id:
        raise UsageError(f"BASE and HEAD are the same run ({head_id}): nothing to diff")
    before, after = load_run(results, base_id), load_run(results, head_id)
    for problem in comparability(before, after):
        Console(stderr=True).print(f"warning: {problem}", style="yellow", highlight=False, markup=False)
    return diff_runs([j.data for j in before.journeys], [j.data for j in after.journeys],
                     before.run_id, after.run_id)


def comparability(before, after) -> list[str]:
    """Differences between two runs that make their numbers not like for like."""
    problems = []
    if before.meta.get("viewport") != after.meta.get("viewport"):
        problems.append(f"the runs used different viewports ({before.meta.get('viewport')} vs "
                        f"{after.meta.get('viewport')}): pages and scores are not like for like")
    versions = [sorted({str((j.get("friction") or {}).get("profile_version")) for j in r.journeys})
                for r in (before, after)]
    if versions[0] != versions[1]:
        problems.append(f"the runs were scored with different profiles ({', '.join(versions[0])} vs "
                        f"{', '.join(versions[1])}): friction changes may come from the profile, not the sites")
    for run in (before, after):
        note = incomplete_note(run)
        if note:
            problems.append(f"{note}: journeys missing from it are not compared")
    return problems


def markdown(diff: RunDiff, show_all: bool = False) -> str:
    c = counts(diff)
    lines = [f"**Changes from `{diff.base_run}` to `{diff.head_run}`**: {c['new']} new, {c['worse']} worse, "
             f"{c['fixed']} fixed, {c['better']} better", ""]
    for j in diff.journeys:
        if not (j.changes or j.note) and not show_all:
            continue
        lines.append(f"- **{j.council_id}/{j.task}**" + (f" ({j.note})" if j.note else ""))
        lines += [f"  - {c.kind}: {c.detail}" for kind in ("new", "worse", "fixed", "better") for c in j.of(kind)]
    return "\n".join(lines) + "\n"


def table(diff: RunDiff, show_all: bool = False) -> Table:
    c = counts(diff)
    t = Table(title=f"{diff.base_run} → {diff.head_run}: {c['new']} new, {c['worse']} worse, "
                    f"{c['fixed']} fixed, {c['better']} better", title_justify="left")
    t.add_column("Journey")
    t.add_column("Change")
    for j in diff.journeys:
        if not (j.changes or j.note) and not show_all:
            continue
        text = Text()
        if j.note:
            text.append(j.note, style="yellow" if j.status == "site_down" else "dim")
        for kind in ("new", "worse", "fixed", "better"):
            for change in j.of(kind):
                if text:
                    text.append("\n")
                text.append(f"{kind:<6} ", style=STYLE[kind]).append(change.detail)
        t.add_row(f"{j.council_id}/{j.task}", text or Text("no change", style="dim"))
    return t


def command(args, console) -> int:
    diff = load_diff(args.results, args.base, args.head)
    if args.format == "json":
        console.file.write(json.dumps(diff.as_dict(), indent=2, ensure_ascii=False, default=str) + "\n")
    elif args.format == "markdown":
        console.file.write(markdown(diff, args.all))
    else:
        console.print(table(diff, args.all))
    return 0
