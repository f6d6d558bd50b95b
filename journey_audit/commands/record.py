"""`journey-audit record URL`: record a journey by using the site, with `playwright codegen`, then import it."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from journey_audit.cli import UsageError
from journey_audit.commands.import_ import add_naming_options, convert

NO_DISPLAY = ("`journey-audit record` opens a browser window for you to use, and there is no display here "
              "(DISPLAY and WAYLAND_DISPLAY are not set). On a machine with a screen, run "
              "`playwright codegen --target python -o recorded.py {url}`, then "
              "`journey-audit import codegen recorded.py` anywhere.")


def add_parser(sub) -> None:
    p = sub.add_parser("record", description="Open URL in a browser window with Playwright's recorder (`playwright codegen`). "
                                   "Do the task as a resident would, close the window, and the recording is "
                                   "imported as a journey (see `journey-audit import`). Needs a display.")
    p.add_argument("url", help="the page to start on (http or https)")
    add_naming_options(p)
    p.set_defaults(handler=command)


def has_display() -> bool:
    if sys.platform.startswith(("linux", "freebsd", "openbsd")):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True  # macOS and Windows always have a desktop for a headed browser


def command(args, console) -> int:
    parts = urlsplit(args.url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise UsageError(f"record needs an http(s) URL such as https://www.example.gov.uk/bins, not {args.url!r}")
    if not has_display():
        raise UsageError(NO_DISPLAY.format(url=args.url))
    with tempfile.TemporaryDirectory(prefix="journey-record-") as folder:
        script = Path(folder) / "recorded.py"
        console.print("Recording: use the site in the browser window, then close it to finish.", highlight=False)
        try:
            done = subprocess.run([sys.executable, "-m", "playwright", "codegen", "--target", "python",
                                   "-o", str(script), args.url], check=False)
        except OSError as exc:
            raise UsageError(f"could not start playwright codegen: {exc}") from None
        if done.returncode != 0 or not script.is_file():
            raise UsageError(f"playwright codegen stopped (exit {done.returncode}) without saving a recording; "
                             "if it says a browser is missing, run `python -m playwright install chromium`")
        if args.task is None:
            args.task = (parts.path.strip("/").rsplit("/", 1)[-1] or parts.hostname or "journey")
        return convert("codegen", script, args, console, shown_name="recording")
