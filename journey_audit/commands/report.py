"""`journey-audit report`: write the HTML friction report of a stored run (no browser needed)."""

from __future__ import annotations

from pathlib import Path

from journey_audit.cli import EXIT_OK


def add_parser(sub) -> None:
    p = sub.add_parser("report", description="Write one self-contained HTML file for a stored run: league tables per task, "
                                   "every journey screen by screen with its findings and fixes, and trends "
                                   "across earlier runs. It opens from disk with no server and no network.")
    p.add_argument("run", nargs="?", default="latest", metavar="RUN",
                   help="run id, or 'latest' (default)")
    p.add_argument("--results", default="results", type=Path, help="results folder (default results/)")
    p.add_argument("--out", type=Path, metavar="FILE",
                   help="where to write (default <run folder>/report.html; elsewhere, screenshots are embedded)")
    p.set_defaults(handler=command)


def command(args, console) -> int:
    from journey_audit.reports.html import write_report
    from journey_audit.storage.run_folder import load_run

    run = load_run(args.results, args.run)
    path = write_report(run, out=args.out)
    console.print(f"Report: {path}", highlight=False, markup=False)
    return EXIT_OK
