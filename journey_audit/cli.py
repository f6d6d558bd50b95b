"""Command line: parse arguments, call the library, choose the output, set the exit code.

Exit codes: 0 ran (or check passed), 1 a journey broke (or a budget was broken), 2 bad usage or input
(or a full disk stopped the run), 130/143 a run stopped by SIGINT/SIGTERM.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from rich.console import Console

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """Bad input from the user: printed as one clear message, exit code 2."""


# One module per command in journey_audit/commands/, each with add_parser(sub) and command(args, console).
COMMANDS = ["run", "explore", "check", "validate", "rescore", "report", "compare", "diff", "gate", "history", "index", "merge", "prune", "demo",
            "calibrate", "schema", "import", "record"]
MODULES = {"import": "import_"}  # a command named like a Python keyword lives in a module with a trailing _


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="journey-audit",
        description="Measure how clunky online council services are: replay scripted journeys in a real "
                    "browser, count the effort, find the dead ends, score the friction.",
        epilog="Start with `journey-audit run` (the bundled demo councils). Exit codes: 0 ok, 1 a journey "
               "broke or a budget failed, 2 bad usage or input (or a full disk), 130/143 stopped by "
               "SIGINT/SIGTERM.",
    )
    from journey_audit import __version__

    parser.add_argument("--version", action="version", version=f"journey-audit {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in COMMANDS:
        importlib.import_module(f"journey_audit.commands.{MODULES.get(module, module)}").add_parser(sub)
    return parser




def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    console = Console()
    if not console.is_terminal:
        console = Console(width=160)  # logs and CI: wide enough for the summary tables
    err = Console(stderr=True)
    try:
        return _leave(int(args.handler(args, console) or EXIT_OK))
    except UsageError as exc:
        err.print(f"journey-audit: {exc}", style="red", highlight=False, markup=False, soft_wrap=True)
        return EXIT_USAGE
    except Exception as exc:
        from journey_audit.browser.settings import BrowserNotFound
        from journey_audit.loader import JourneyFileError
        from journey_audit.storage.run_folder import ResultsError

        if isinstance(exc, JourneyFileError):
            for problem in exc.problems:
                err.print(problem, style="red", highlight=False, markup=False, soft_wrap=True)
            err.print(f"{len(exc.problems)} problem(s) found; nothing was run.", highlight=False)
            return EXIT_USAGE
        if isinstance(exc, (BrowserNotFound, ResultsError)):
            err.print(f"journey-audit: {exc}", style="red", highlight=False, markup=False, soft_wrap=True)
            return EXIT_USAGE
        raise
    except KeyboardInterrupt:
        err.print("interrupted: finished journeys are kept in the results folder", style="yellow")
        return _leave(130)


def _leave(code: int) -> int:
    """Return the exit code, or exit at once if journey workers outlived an interrupted run: the interpreter
    must not shut down under a thread that is inside Playwright (that crashed with exit 139)."""
    from journey_audit.execution import workers_outlived_run

    if workers_outlived_run():
        for stream in (sys.stdout, sys.stderr):
            stream.flush()
        os._exit(code)
    return code


if __name__ == "__main__":
    sys.exit(main())
