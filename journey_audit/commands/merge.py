"""`journey-audit merge`: combine shard runs (`run --shard I/N`) into one run folder, and index it."""

from __future__ import annotations

from pathlib import Path

from journey_audit.analysis.merge import merge_runs
from journey_audit.storage.history import default_history_path, index_run


def add_parser(sub) -> None:
    p = sub.add_parser("merge", description="Combine shard runs into one run folder (journeys and screenshots copied, "
                                   "run.json merged), point latest at it and index it into the history. "
                                   "Shards that share a journey are refused.")
    p.add_argument("runs", nargs="+", metavar="RUN", help="shard run ids (two or more)")
    p.add_argument("--into", metavar="NEW_ID", help="id for the merged run (default: a new timestamp id)")
    p.add_argument("--results", default="results", type=Path, help="results folder (default results/)")
    p.add_argument("--history", type=Path, help="history database (default RESULTS/history.sqlite)")
    p.add_argument("--no-index", action="store_true", help="do not add the merged run to the history")
    p.set_defaults(handler=command)


def command(args, console) -> int:
    run_id = merge_runs(args.results, args.runs, args.into)
    console.print(f"Merged {len(args.runs)} runs into {args.results / run_id}", highlight=False)
    if not args.no_index:
        index_run(args.results, run_id, args.history or default_history_path(args.results))
    return 0
