"""One module per CLI command (after sqlite-utils): ``add_parser(sub)`` plus ``command(args, console)``.

Each command is a few lines over the library; argument types shared by commands live here.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any


def shard(text: str) -> tuple[int, int]:
    try:
        i, n = (int(x) for x in text.split("/"))
    except ValueError:
        raise argparse.ArgumentTypeError("shard is I/N, e.g. 1/3") from None
    if not (n >= 1 and 1 <= i <= n):
        raise argparse.ArgumentTypeError("shard I/N needs 1 <= I <= N")
    return i, n


def positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def add_browser_endpoint(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--browser-endpoint", metavar="WS_URL",
                        help="connect to a Playwright server (e.g. `python -m playwright run-server`) at this ws:// "
                             "URL instead of launching Chromium (default $JOURNEY_AUDIT_BROWSER_ENDPOINT)")
    parser.add_argument("--browser-per", choices=("worker", "run"), default=None,
                        help="worker (default): each worker launches its own Chromium; run: one Chromium for the "
                             "whole run, each worker in its own isolated contexts (Playwright's launch server), "
                             "which takes less memory per worker (see docs/internals.md, 'Concurrency')")


def add_politeness(parser: argparse.ArgumentParser, *, pages: bool = False) -> None:
    """--per-host, --host-delay and --respect-robots: how gently a run treats each site (see docs/nightly.md).

    ``pages``: the command checks single pages (``check``), so the help speaks of pages, not journeys."""
    from journey_audit.politeness import DEFAULT_PER_HOST, MAX_HOST_DELAY_S

    what, start = ("pages", "URL") if pages else ("journeys", "start URL")
    parser.add_argument("--per-host", type=positive, default=DEFAULT_PER_HOST, metavar="N",
                        help=f"at most N {what} on one site at once, whatever --workers is (default "
                             f"{DEFAULT_PER_HOST}: a person with two tabs open). A site is the {start}'s host and "
                             "port, so demo councils on different ports of 127.0.0.1 count as different sites")
    spacing = ("at least this long between two page loads on one site, counted across all workers (default 0, "
               f"at most {MAX_HOST_DELAY_S:g}): it caps the rate the site sees from the whole run") if pages else (
               "at least this long between the starts of two steps (page loads) on one site, counted across all "
               f"workers (default 0, at most {MAX_HOST_DELAY_S:g}). Unlike --pause, which each journey waits "
               "between its own steps, this caps the rate the site sees from the whole run")
    parser.add_argument("--host-delay", type=float, default=0.0, metavar="SECONDS", help=spacing)
    parser.add_argument("--respect-robots", action="store_true",
                        help=f"skip {what} whose {start} the site's robots.txt disallows for journey-audit "
                             "(recorded as not_run). Without it robots.txt is still read and the report says "
                             f"which {'checked' if pages else 'visited'} pages it disallows")


def politeness(args: argparse.Namespace) -> dict[str, Any]:
    """RunOptions fields from the politeness flags; a bad value is a usage error."""
    from journey_audit.cli import UsageError
    from journey_audit.politeness import MAX_HOST_DELAY_S

    if not 0 <= args.host_delay <= MAX_HOST_DELAY_S:
        raise UsageError(f"--host-delay must be between 0 and {MAX_HOST_DELAY_S:g} seconds, not {args.host_delay:g}")
    return {"per_host": args.per_host, "host_delay_s": args.host_delay, "respect_robots": args.respect_robots}


def add_viewport(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--viewport", choices=["desktop", "phone"],
                        help="window size: desktop (default, 1280x800) or phone (375 px wide, as set in "
                             "playwright.config.py; adds the phone checks: reflow at 320 px, tap targets, clipped "
                             "text, viewport meta)")


def browser_settings(args: argparse.Namespace) -> Any:
    """The browser settings, with ``--browser-endpoint`` applied; a bad URL, or Node options Playwright's driver
    cannot start with, is a usage error (before any journey runs)."""
    from journey_audit.browser.endpoint import EndpointError
    from journey_audit.browser.settings import load_settings, with_browser_per, with_endpoint
    from journey_audit.cli import UsageError

    try:
        settings = with_endpoint(load_settings(), getattr(args, "browser_endpoint", None))
        settings = with_browser_per(settings, getattr(args, "browser_per", None))
    except (EndpointError, ValueError) as exc:
        raise UsageError(str(exc)) from None
    require_usable_node_options()
    return settings


def require_usable_node_options() -> None:
    """Options Node refuses would stop every driver, breaking every journey: a usage error before any runs."""
    from journey_audit.browser.driver_process import node_options_problem
    from journey_audit.cli import UsageError

    problem = node_options_problem()
    if problem:
        raise UsageError(problem)


def replay_with_progress(console: Any, journeys: Sequence[Any], what: str = "journeys", **run_args: Any) -> Any:
    """``run_journeys`` under a rich progress bar naming the journey in hand (shared by run and check).

    ``what`` the bar says it audits: ``pages`` for `check`, whose URLs are one-step journeys.

    Where output is not a terminal (CI, cron, a log file) the bar is drawn only at the end, so each finished
    journey is also printed as a line: a long nightly run's log shows it is moving."""
    import threading

    from journey_audit.api import run_journeys
    from journey_audit.reports.terminal import outcome_text, run_progress

    finished = [0]
    lock = threading.Lock()

    def done(journey: Any, result: Any) -> None:
        progress.advance(bar)
        if not console.is_terminal:
            with lock:
                finished[0] += 1
                line = f"[{finished[0]}/{len(journeys)}] {journey.council_id}/{journey.task}: "
            progress.console.print(line + outcome_text(result).plain, markup=False, highlight=False,
                                   soft_wrap=True)

    with run_progress(console, what) as progress:
        bar = progress.add_task("run", total=len(journeys), current="")
        run = run_journeys(journeys, **run_args,
                           on_start=lambda j: progress.update(bar, current=f"{j.council_id}/{j.task}"),
                           on_done=done,
                           on_stop=lambda message: progress.console.print(message, style="yellow", markup=False,
                                                                          highlight=False))
        progress.update(bar, current="")
    return run
