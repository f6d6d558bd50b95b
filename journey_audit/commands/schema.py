"""`journey-audit schema`: print a JSON Schema, for editors (journey files) or tools (saved results)."""

from __future__ import annotations

import json


def command(args, console) -> int:
    if args.kind == "journey":
        from journey_audit.schema.journey import journey_schema

        schema = journey_schema()
    else:
        from journey_audit.schema import result_schema

        schema = result_schema()
    print(json.dumps(schema, indent=2, ensure_ascii=False))
    return 0


def add_parser(sub) -> None:
    p = sub.add_parser("schema", description="Print a JSON Schema to standard output. Save the journey schema beside your "
                                   "journeys and point your editor at it with a first line "
                                   "'# yaml-language-server: $schema=journey.schema.json' (see docs/journeys.md).")
    p.add_argument("kind", choices=["journey", "result"],
                   help="journey: what a journey YAML file may contain; result: a saved journey result")
    p.set_defaults(handler=command)
