"""`journey-audit index`: (re)build the SQLite history from run folders, e.g. after a crash or a restore."""

from __future__ import annotations

import shlex
from pathlib import Path

from journey_audit.cli import UsageError
from journey_audit.storage.history import default_history_path, index_all, index_run


def index_command(results_dir: Path, what: str, history: Path | None = None) -> str:
    """The `journey-audit index WHAT` line to paste, with the folders the run used (else it names an unknown run)."""
    where = "" if Path(results_dir) == Path("results") else f" --results {shlex.quote(str(results_dir))}"
    return f"journey-audit index {what}{where}" + (f" --history {shlex.quote(str(history))}" if history else "")


def add_parser(sub) -> None:
    p = sub.add_parser("index", description="Index run folders into the SQLite history so trends are queries. "
                                   "Re-indexing a run replaces it; the history is never left half-written.")
    p.add_argument("runs", nargs="*", metavar="RUN", help="run ids (default: latest)")
    p.add_argument("--all", action="store_true", help="index every run in the results folder")
    p.add_argument("--missing", action="store_true", help="with --all: only runs not yet in the history")
    p.add_argument("--results", default="results", type=Path, help="results folder (default results/)")
    p.add_argument("--history", type=Path, help="history database (default RESULTS/history.sqlite)")
    p.set_defaults(handler=command)


def command(args, console) -> int:
    if args.all and args.runs:
        raise UsageError("give run ids or --all, not both")
    if args.missing and not args.all:
        raise UsageError("--missing only goes with --all")
    history = args.history or default_history_path(args.results)
    if args.all:
        done = index_all(args.results, history, only_missing=args.missing)
    else:
        done = [index_run(args.results, run, history) for run in args.runs or ["latest"]]
    console.print(f"Indexed {len(done)} run(s) into {history}" + (f": {', '.join(done)}" if done else ""),
                  highlight=False)
    return 0
