"""`journey-audit validate`: the journey-file check, without a browser."""

from __future__ import annotations

from journey_audit.api import DEMO_JOURNEYS, validate


def command(args, console) -> int:
    journeys = validate(args.paths or [DEMO_JOURNEYS])
    for j in journeys:
        console.print(f"ok  {j.path}  ({j.council_id}/{j.task}, {len(j.steps)} steps)", highlight=False)
    console.print(f"{len(journeys)} journey file(s) valid.")
    return 0


def add_parser(sub) -> None:
    p = sub.add_parser("validate", help="check journey files without starting a browser",
                       description="Check journey files and report every problem as path:line: message.")
    p.add_argument("paths", nargs="*", help="journey files or folders (default: the bundled demo journeys)")
    p.set_defaults(handler=command)
