"""`journey-audit validate`: the journey-file check, without a browser."""

from __future__ import annotations

from journey_audit.api import DEMO_JOURNEYS
from journey_audit.loader import load_journeys


def command(args, console) -> int:
    # The same check `run` makes: a path start: needs a base_url unless one will be given on the command line.
    journeys = load_journeys(args.paths or [DEMO_JOURNEYS], base_url_given=bool(args.base_url))
    for j in journeys:
        console.print(f"ok  {j.path}  ({j.council_id}/{j.task}, {len(j.steps)} steps)", highlight=False)
    console.print(f"{len(journeys)} journey file(s) valid.")
    return 0


def add_parser(sub) -> None:
    p = sub.add_parser("validate", description="Check journey files and report every problem as path:line: message.")
    p.add_argument("paths", nargs="*", help="journey files or folders (default: the bundled demo journeys)")
    p.add_argument("--base-url", help="the site the journeys will be run against with `run --base-url` "
                                      "(then a path start: needs no base_url in the file)")
    p.set_defaults(handler=command)
