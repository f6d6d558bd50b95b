"""`journey-audit demo serve`: the demo councils, for exploring and writing journeys."""

from __future__ import annotations


def serve(args, console) -> int:
    from journey_audit.demo.server import COUNCILS, serve_forever

    ports = {c.council_id: args.port + n for n, c in enumerate(COUNCILS)}
    serve_forever(ports=ports, degraded=frozenset(args.degrade))
    return 0


def add_parser(sub) -> None:
    p = sub.add_parser("demo", description="Serve the bundled demo councils on 127.0.0.1 for exploring or writing journeys.")
    demo_sub = p.add_subparsers(dest="demo_command", required=True, metavar="serve")
    s = demo_sub.add_parser("serve", help="serve every demo council until Ctrl-C", description="Serve every demo council on 127.0.0.1 until Ctrl-C.")
    s.add_argument("--port", type=int, default=8801, help="first port; councils take consecutive ports (default 8801)")
    s.add_argument("--degrade", action="append", default=[], metavar="COUNCIL", help="serve this council degraded")
    s.set_defaults(handler=serve)
