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
# The one-line help lives here, so `journey-audit --help` lists every command without importing any of them.
HELP = {
    "run": "replay journeys in headless Chromium and store the results",
    "explore": "find a task from a council's home page, walk its forms, write the journey",
    "check": "audit single pages (each URL a one-step journey)",
    "validate": "check journey files without starting a browser",
    "rescore": "re-audit and re-score a stored run (no browser)",
    "report": "write the HTML friction report of a stored run",
    "compare": "rank councils by friction for a task",
    "diff": "what changed between two runs",
    "gate": "check a run against budgets (exit 1 when one is broken)",
    "history": "friction over time, per council and task",
    "index": "add runs to the SQLite history (re-indexing replaces)",
    "merge": "combine shard runs into one run",
    "prune": "remove old run folders (the history keeps their rows)",
    "demo": "the bundled demo councils",
    "calibrate": "compare the stars with a labelled set of pages and journeys",
    "schema": "print the JSON Schema of journey files (for editors) or of results",
    "import": "turn a recorded flow (codegen script or DevTools Recorder JSON) into a journey",
    "record": "record a journey by using the site in a browser window (playwright codegen)",
}
COMMANDS = list(HELP)
MODULES = {"import": "import_"}  # a command named like a Python keyword lives in a module with a trailing _


class _CommandSet:
    """The subparsers action as the command modules see it: each command gets its one-line help from HELP."""

    def __init__(self, sub: argparse._SubParsersAction):
        self._sub = sub

    def add_parser(self, name: str, **kwargs) -> argparse.ArgumentParser:
        kwargs.setdefault("help", HELP.get(name))
        return self._sub.add_parser(name, **kwargs)


def command_named(argv: Sequence[str]) -> str | None:
    """The command ``argv`` asks for: its first word (the top-level options take no values), if it is one."""
    word = next((a for a in argv if not a.startswith("-")), None)
    return word if word in COMMANDS else None


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The whole parser; given ``argv``, only the module of the command it names is imported (the others are
    listed by name and help alone), so a command starts without loading every other command's libraries."""
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
    wanted = COMMANDS if argv is None else [command_named(argv)]
    commands = _CommandSet(sub)
    for name in COMMANDS:
        if name in wanted:
            importlib.import_module(f"journey_audit.commands.{MODULES.get(name, name)}").add_parser(commands)
        else:
            sub.add_parser(name, help=HELP.get(name), add_help=False)  # never parsed: argv names another command
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    args = build_parser(argv).parse_args(argv)
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
    execution = sys.modules.get("journey_audit.execution")  # not loaded: no journey ran in this process
    if execution is not None and execution.workers_outlived_run():
        for stream in (sys.stdout, sys.stderr):
            stream.flush()
        os._exit(code)
    return code


if __name__ == "__main__":
    sys.exit(main())
