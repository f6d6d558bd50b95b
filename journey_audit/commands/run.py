"""`journey-audit run`: replay journeys with a progress bar, then print the summary table."""

from __future__ import annotations

import argparse
import contextlib
import math
import signal
from pathlib import Path
from urllib.parse import urlsplit

from journey_audit.analysis.budgets import check_budgets, load_budgets
from journey_audit.api import DEMO_JOURNEYS, select
from journey_audit.browser.runner import RunOptions
from journey_audit.browser.settings import resolve_executable
from journey_audit.cli import EXIT_FAILED, EXIT_OK, UsageError
from journey_audit.commands import (
    add_browser_endpoint,
    add_politeness,
    add_viewport,
    browser_settings,
    politeness,
    positive,
    replay_with_progress,
    shard,
)
from journey_audit.commands.index import index_command
from journey_audit.execution import exit_code_for
from journey_audit.loader import load_journeys
from journey_audit.politeness import MAX_HOST_DELAY_S
from journey_audit.reports.html import write_report
from journey_audit.reports.terminal import print_broken, print_robots, summary_table
from journey_audit.storage.history import DEFAULT_BUSY_TIMEOUT_S, HistoryBusy, index_run, previous_run
from journey_audit.storage.run_folder import load_run

MAX_PAUSE_S = MAX_HOST_DELAY_S  # a person reading a page; every step's time budget grows by the pause


def add_parser(sub) -> None:
    p = sub.add_parser("run", description="Replay journeys in headless Chromium, measure friction at every step, "
                                   "and store the results under --results. With no PATHS, runs the bundled demo "
                                   "journeys against the bundled demo councils (served on 127.0.0.1).")
    p.add_argument("paths", nargs="*", help="journey files or folders (default: the bundled demo journeys)")
    p.add_argument("--council", action="append", default=[], metavar="ID", help="only this council (repeatable)")
    p.add_argument("--task", action="append", default=[], metavar="ID", help="only this task (repeatable)")
    p.add_argument("--workers", type=positive, default=2, help="journeys replayed at once (default 2)")
    p.add_argument("--base-url", help="run every journey against this site instead of its base_url")
    p.add_argument("--allow-submit", action="store_true",
                   help="really press steps marked final: true (files a real report: only on test sites!)")
    p.add_argument("--results", default="results", type=Path, help="results folder (default results/)")
    p.add_argument("--demo", action=argparse.BooleanOptionalAction, default=None,
                   help="serve the demo councils and point their journeys at them (default: on when no PATHS)")
    p.add_argument("--degrade", action="append", default=[], metavar="COUNCIL",
                   help="serve this demo council (brightwater, mudford or stonyfield) in its degraded mode, "
                        "measurably worse, to try diff and gate")
    add_viewport(p)
    p.add_argument("--keyboard", action="store_true",
                   help="replay by keyboard alone: reach every control with Tab, press Enter/Space, use arrows "
                        "in radio groups and lists, type into fields; a control Tab cannot reach ends the journey "
                        "as a keyboard dead end (see docs/measurements.md, 'Keyboard replay')")
    p.add_argument("--no-axe", action="store_true", help="skip axe-core accessibility checks")
    add_browser_endpoint(p)
    p.add_argument("--retries", type=int, default=1,
                   help="re-run a journey that broke because the site or browser failed (default 1)")
    p.add_argument("--budget", type=Path, metavar="FILE",
                   help="check budgets from this YAML file after the run; exit 1 if one is broken")
    p.add_argument("--history", type=Path, metavar="FILE",
                   help="SQLite history to index the run into (default RESULTS/history.sqlite)")
    p.add_argument("--history-timeout", type=float, default=DEFAULT_BUSY_TIMEOUT_S, metavar="SECONDS",
                   help="how long to wait for a history another program has locked; after that the run and "
                        f"its report are still saved, only not indexed (default {DEFAULT_BUSY_TIMEOUT_S:g})")
    p.add_argument("--pause", type=float, default=0.0, metavar="SECONDS",
                   help="each journey waits this long between its own steps, like a person reading (default 0, "
                        f"at most {MAX_PAUSE_S:g}); see --host-delay for a gap across all journeys on one site")
    add_politeness(p)
    p.add_argument("--shard", type=shard, metavar="I/N", help="run a deterministic 1/N of the selected journeys")
    p.set_defaults(handler=command)
    p.epilog = ("Ctrl-C or SIGTERM stops the run: journeys already running get a few seconds to finish, the "
                "rest are recorded as not_run, the run is marked interrupted, and the exit code is 130 (SIGINT) "
                "or 143 (SIGTERM); a second signal quits at once. A full disk stops the run with exit code 2, "
                "keeping every finished journey.")


@contextlib.contextmanager
def demo_councils(enabled: bool, degraded: list[str]):
    """Serve the demo councils for the length of the run, if asked to."""
    if not enabled:
        yield {}
        return
    from journey_audit.demo.server import COUNCILS, DemoCouncils

    unknown = set(degraded) - {c.council_id for c in COUNCILS}
    if unknown:
        raise UsageError(f"--degrade: no demo council called {', '.join(sorted(unknown))} "
                         f"(demo councils: {', '.join(c.council_id for c in COUNCILS)})")
    with DemoCouncils(degraded=frozenset(degraded)) as demo:
        yield dict(demo.base_urls)


def command(args, console) -> int:
    paths = args.paths or [DEMO_JOURNEYS]
    journeys = load_journeys(paths, base_url_given=args.base_url is not None)
    chosen = select(journeys, args.council, args.task, args.shard)
    if not chosen:
        councils = ", ".join(sorted({j.council_id for j in journeys}))
        tasks = ", ".join(sorted({j.task for j in journeys}))
        raise UsageError(f"no journeys match --council/--task (councils: {councils}; tasks: {tasks})")
    if args.base_url is not None:
        parts = urlsplit(args.base_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise UsageError(f"--base-url must be an http(s) URL such as https://www.example.gov.uk, not {args.base_url!r}")
    if args.retries < 0:
        raise UsageError("--retries cannot be negative")
    if not 0 <= args.pause <= MAX_PAUSE_S:  # nan and inf too: every wait is bounded
        raise UsageError(f"--pause must be between 0 and {MAX_PAUSE_S:g} seconds, not {args.pause:g}")
    if not 0 <= args.history_timeout < math.inf:
        raise UsageError(f"--history-timeout must be a number of seconds, 0 or more, not {args.history_timeout:g}")
    polite = politeness(args)
    budgets = load_budgets(args.budget) if args.budget else None  # a bad file fails before the run
    settings = browser_settings(args)
    resolve_executable(settings)  # no browser: say so before anything starts
    use_demo = args.demo if args.demo is not None else not args.paths
    if args.degrade and not use_demo:
        raise UsageError("--degrade only applies to the demo councils (use it without PATHS, or with --demo)")
    with demo_councils(use_demo, args.degrade) as base_urls:
        options = RunOptions(allow_submit=args.allow_submit, base_url=args.base_url, base_urls=base_urls,
                             viewport=args.viewport, axe=not args.no_axe, retries=max(0, args.retries),
                             pause_s=args.pause, keyboard=args.keyboard, **polite)
        meta = {"demo": use_demo, "degraded": args.degrade, "shard": list(args.shard) if args.shard else None,
                "journey_paths": [str(Path(p)) for p in paths]}
        run = replay_with_progress(console, chosen, results_dir=args.results, options=options, settings=settings,
                                   workers=args.workers, meta=meta)
    viewport = run.meta.get("viewport")
    console.print(summary_table(run.journeys, title=f"Run {run.run_id}" + (f" ({viewport} viewport)" if viewport != "desktop" else "")))
    print_broken(console, run.journeys)
    print_robots(console, run.journeys)
    console.print(f"Results: {run.folder}", highlight=False)
    interrupted = interruption(console, run, args.results, args.history)  # a stopped run is not indexed: it holds only part of the journeys
    if interrupted is None and args.shard:  # a part of a run: `journey-audit merge` makes the whole run that goes into the history
        console.print(f"Shard {args.shard[0]}/{args.shard[1]}: merge the shard runs (`journey-audit merge`) "
                      "to add them to the history.", highlight=False)
    elif interrupted is None:
        index_or_warn(console, args.results, run.run_id, args.history, args.history_timeout)
    unreachable = [j for j in run.broken if (j.get("error") or {}).get("kind") == "site_unreachable"]
    demo_ids = {p.name for p in DEMO_JOURNEYS.iterdir() if p.is_dir()}
    if unreachable and not use_demo and any(j.get("council_id") in demo_ids for j in unreachable):
        console.print(f"{len(unreachable)} journey(s) could not reach their site. For the bundled demo journeys, "
                      "add --demo (or run `journey-audit demo serve` in another terminal).", highlight=False)
    elif unreachable:  # a real site down: the hint about demo councils would only mislead
        console.print(f"{len(unreachable)} journey(s) could not reach their site (each was retried "
                      f"{max(0, args.retries)} time(s)); they are not scored.", highlight=False)
    leaked = [] if args.allow_submit else [j for j in run.journeys if j.get("submitted")]
    guard_message(console, run.journeys, leaked)
    console.print(f"Report: {write_report(run)}  (open it in a browser)", highlight=False)
    if interrupted is not None:
        return interrupted
    if budgets is not None and not gate_run(run, budgets, args.results, console,
                                            known=[(j.council_id, j.task) for j in journeys]):
        return EXIT_FAILED
    return EXIT_FAILED if run.broken or leaked else EXIT_OK


def guard_message(console, journeys, leaked) -> None:
    """What the submit guard did, measured from the network: loud when a final form was sent anyway."""
    from rich.markup import escape

    for j in leaked:
        sent = ", ".join(f"{s['method']} {s['url']} at step {s['step']}" for s in j.get("submissions") or [])
        console.print(f"[bold red]SUBMITTED WITHOUT --allow-submit: {escape(j.key.replace('--', '/'))} reached the "
                      f"final endpoint ({escape(sent)}). A real report may have been filed.[/]")
    for j in journeys:
        blocked = j.get("blocked_submission")
        if blocked:
            console.print(f"Guard: {escape(j.key.replace('--', '/'))} step {blocked['step']} ({blocked['action']} "
                          f"'{escape(str(blocked['target']))}') would have sent the final form "
                          f"({blocked['method']} {escape(blocked['url'])}): blocked.", highlight=False)
    if not leaked and any(j.get("stopped_before_submit") for j in journeys):
        console.print("Final submissions were not sent (safety guard); pass --allow-submit only for test sites.")


def gate_run(run, budgets, results_dir: Path, console, known: list[tuple[str, str]] | None = None) -> bool:
    """Check the run against budgets, with the previous run as the base for 'no worse than' rules.

    ``known``: every journey in the files given, so a budget for one left out by --task/--council is no typo.
    """
    from journey_audit.commands.gate import print_gate

    base_id = previous_run(results_dir, run.run_id)
    base = load_run(results_dir, base_id) if base_id else None
    gate = check_budgets(run.journeys, budgets, base.journeys if base else None, run_id=run.run_id,
                         base_run=base_id, known=known)
    print_gate(gate, console)
    return gate.passed


def interruption(console, run, results_dir: Path = Path("results"), history: Path | None = None) -> int | None:
    """For a run stopped by a signal: say what was kept and return the exit code (128 + signal)."""
    if run.meta.get("status") != "interrupted":
        return None
    name = run.meta.get("stop_signal") or "SIGINT"
    ran = len(run.journeys) - len(run.not_run)
    console.print(f"Interrupted by {name}: {ran} of {run.meta.get('journey_count')} journeys ran and are kept; "
                  f"{len(run.not_run)} recorded as not_run. Not added to the history "
                  f"(`{index_command(results_dir, run.run_id, history)}` adds it).", style="yellow", highlight=False,
                  markup=False)
    return exit_code_for(getattr(signal, name, signal.SIGINT))


LOCK_NOTICE_AFTER_S = 1.0  # a history locked longer than this is said while the run waits for it


def index_or_warn(console, results_dir: Path, run_id: str, history: Path | None,
                  timeout: float = DEFAULT_BUSY_TIMEOUT_S) -> bool:
    """Index the run into the history; a locked history is a warning, not a lost run or report.

    A history still locked after a second is said at once, with how long the rest of the wait may be: the
    run looks finished, and a silent wait of up to --history-timeout would look like a hang."""
    first = min(timeout, LOCK_NOTICE_AFTER_S)
    try:
        try:
            index_run(results_dir, run_id, history, timeout=first)
        except HistoryBusy:
            if timeout <= first:
                raise
            console.print(f"The history is locked by another program: waiting up to {timeout - first:g} s more "
                          "(--history-timeout)...", style="yellow", highlight=False, markup=False)
            index_run(results_dir, run_id, history, timeout=timeout - first)
    except HistoryBusy as exc:
        console.print(f"History not updated: {exc}. The run is saved; add it later with "
                      f"`{index_command(results_dir, run_id, history)}`.", style="yellow", highlight=False, markup=False)
        return False
    return True
