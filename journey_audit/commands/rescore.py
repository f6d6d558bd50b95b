"""`journey-audit rescore RUN`: re-audit a stored run from its saved artifacts, without a browser."""

from __future__ import annotations

from pathlib import Path

from journey_audit.api import rescore
from journey_audit.reports.html import write_report
from journey_audit.reports.terminal import summary_table
from journey_audit.storage.history import index_run


def add_parser(sub) -> None:
    p = sub.add_parser("rescore", description="Re-run the audits and the scoring on a stored run's saved artifacts, e.g. "
                                   "after changing the scoring profile. No browser is started.")
    p.add_argument("run", nargs="?", default="latest", help="run id or 'latest' (default)")
    p.add_argument("--profile", metavar="FILE",
                   help="scoring profile (YAML, laid over the default; its 'version' is stored with every score)")
    p.add_argument("--results", default="results", type=Path, help="results folder (default results/)")
    p.set_defaults(handler=command)


def command(args, console) -> int:
    from journey_audit.cli import UsageError
    from journey_audit.scoring.profile import ProfileError, load_profile

    try:
        profile = load_profile(args.profile) if args.profile else None
    except ProfileError as exc:
        raise UsageError(str(exc)) from None
    run = rescore(args.results, args.run, profile)
    index_run(args.results, run.run_id)  # trends and load_results see the new scores too
    console.print(summary_table(run.journeys, title=f"Rescored run {run.run_id}"))
    console.print(f"Report: {write_report(run)}", highlight=False)
    return 0
