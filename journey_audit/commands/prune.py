"""`journey-audit prune`: remove old run folders; the history keeps their rows."""

from __future__ import annotations

import argparse
from pathlib import Path

from journey_audit.cli import EXIT_OK, UsageError
from journey_audit.commands import positive


def _days(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of days, got {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError("days cannot be negative")
    return value


def add_parser(sub) -> None:
    p = sub.add_parser("prune", description="Remove old run folders to keep results/ small. Each run is added to the "
                                   "SQLite history first, so the report's trends and `history` still see it; "
                                   "`diff`, `compare`, `gate` and `report` need a run's folder. "
                                   "Never removed: the run 'latest' names, a run in progress, and a shard run "
                                   "not merged yet. With both options, a run goes only when both rules say so.")
    p.add_argument("--keep", type=positive, metavar="N", help="keep the newest N runs")
    p.add_argument("--older-than", type=_days, metavar="DAYS", help="remove runs started more than DAYS ago")
    p.add_argument("--results", default="results", type=Path, help="results folder (default results/)")
    p.add_argument("--history", type=Path, metavar="FILE", help="history database (default RESULTS/history.sqlite)")
    p.add_argument("--dry-run", action="store_true", help="say what would be removed, remove nothing")
    p.set_defaults(handler=command)


def command(args, console) -> int:
    from journey_audit.storage.prune import prune_runs

    if args.keep is None and args.older_than is None:
        raise UsageError("prune needs --keep N or --older-than DAYS (or both)")
    if not args.results.is_dir():
        raise UsageError(f"no results folder at {args.results}")
    plan = prune_runs(args.results, args.keep, args.older_than, args.history, dry_run=args.dry_run)
    verb = "Would remove" if args.dry_run else "Removed"
    console.print(f"{verb} {len(plan.remove)} run folder(s), {plan.freed_bytes / 2**20:.1f} MB; kept "
                  f"{len(plan.keep)}.", highlight=False)
    for run_id in plan.remove:
        console.print(f"  - {run_id}", highlight=False, markup=False)
    for run_id, why in sorted(plan.protected.items()):
        console.print(f"  kept {run_id}: {why}", highlight=False, markup=False)
    return EXIT_OK
