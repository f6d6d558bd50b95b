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


def add_viewport(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--viewport", choices=["desktop", "phone"],
                        help="window size: desktop (default, 1280x800) or phone (375 px wide, as set in "
                             "playwright.config.py; adds the phone checks: reflow at 320 px, tap targets, clipped "
                             "text, viewport meta)")


def browser_settings(args: argparse.Namespace) -> Any:
    """The browser settings, with ``--browser-endpoint`` applied; a bad URL is a usage error."""
    from journey_audit.browser.endpoint import EndpointError
    from journey_audit.browser.settings import load_settings, with_endpoint
    from journey_audit.cli import UsageError

    try:
        return with_endpoint(load_settings(), getattr(args, "browser_endpoint", None))
    except EndpointError as exc:
        raise UsageError(str(exc)) from None


def replay_with_progress(console: Any, journeys: Sequence[Any], **run_args: Any) -> Any:
    """``run_journeys`` under a rich progress bar naming the journey in hand (shared by run and check)."""
    from journey_audit.api import run_journeys
    from journey_audit.reports.terminal import run_progress

    with run_progress(console) as progress:
        bar = progress.add_task("run", total=len(journeys), current="")
        run = run_journeys(journeys, **run_args,
                           on_start=lambda j: progress.update(bar, current=f"{j.council_id}/{j.task}"),
                           on_done=lambda j, r: progress.advance(bar),
                           on_stop=lambda message: progress.console.print(message, style="yellow", markup=False,
                                                                          highlight=False))
        progress.update(bar, current="")
    return run
