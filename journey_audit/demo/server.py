"""Serve the demo councils, each on its own 127.0.0.1 port (separate origins, like real councils).

Degraded mode (``degraded={"brightwater", ...}``) makes a council measurably worse while every
journey still completes; exactly what changes is listed in ``DEGRADED_CHANGES`` so regression tests
know what to expect.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal

from flask import Flask
from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server

from journey_audit.demo.common import STATIC_DIR, TEMPLATES_DIR, SubmissionLog

Quality = Literal["good", "legacy", "dead-ends"]


@dataclass(frozen=True)
class DemoCouncil:
    council_id: str
    name: str
    default_port: int
    quality: Quality


COUNCILS: tuple[DemoCouncil, ...] = (
    DemoCouncil("brightwater", "Brightwater Borough Council", 8801, "good"),
    DemoCouncil("mudford", "Mudford District Council", 8802, "legacy"),
    DemoCouncil("stonyfield", "Stonyfield City Council", 8803, "dead-ends"),
)
COUNCILS_BY_ID: dict[str, DemoCouncil] = {c.council_id: c for c in COUNCILS}
DEFAULT_PORTS: dict[str, int] = {c.council_id: c.default_port for c in COUNCILS}

DEGRADED_CHANGES: dict[str, tuple[str, ...]] = {
    "brightwater": (
        "contact-details pages: the optional 'UK phone number (optional)' input loses its <label> (input stays)",
        "hint text drops to low contrast (#b1b4b6 on white, about 2:1)",
        "the header logo <img> loses its alt text",
    ),
    "mudford": (
        "the optional 'How did you hear about this service?' select loses its <label>",
        "body text drops from grey #555555 to pale #aaaaaa (about 2.3:1)",
        "the footer 'Mudford District Council' crest image gets no alt (it had alt before)",
    ),
    "stonyfield": (
        "the bulky-waste form's optional 'Phone number (optional)' input loses its <label>",
        "footer text drops from #333333 to low-contrast #9a9a9a on #f3f2f1",
        "the home page hero image loses its alt text",
    ),
}


def create_app(council_id: str, log: SubmissionLog, degraded: bool = False) -> Flask:
    """A Flask app for one council; ``log`` receives its final submissions."""
    council = COUNCILS_BY_ID[council_id]
    app = Flask(
        f"journey_audit.demo.{council_id}",
        template_folder=str(TEMPLATES_DIR),
        static_folder=str(STATIC_DIR / council_id),
        static_url_path="/assets",
    )
    # A fresh key per app: demo sessions need not survive a restart.
    app.secret_key = secrets.token_hex(16)
    app.config.update(MAX_CONTENT_LENGTH=5 * 1024 * 1024, SESSION_COOKIE_NAME=f"{council_id}_session")
    app.jinja_env.globals.update(council=council, degraded=degraded)

    def record(task: str) -> int:
        return log.record(council_id, task)

    _register(council_id)(app, record)
    return app


def _register(council_id: str) -> Callable[[Flask, Callable[[str], int]], None]:
    # Imported lazily so each council module stays independent of the others.
    if council_id == "brightwater":
        from journey_audit.demo import brightwater as module
    elif council_id == "mudford":
        from journey_audit.demo import mudford as module
    else:
        from journey_audit.demo import stonyfield as module
    return module.register


class _QuietHandler(WSGIRequestHandler):
    """No per-request log lines: the demo shares a terminal with journey-audit's own output."""

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        pass


class DemoCouncils:
    """Serves every demo council on its own 127.0.0.1 port (separate origins, like real councils).

    ``ports`` maps council_id to a port; a missing council, a port of 0, or ``ports=None`` means
    "pick a free port" (what tests want). ``serve_forever`` uses ``DEFAULT_PORTS`` (what journeys expect).
    """

    def __init__(
        self,
        host: str = "127.0.0.1",
        ports: dict[str, int] | None = None,
        degraded: frozenset[str] = frozenset(),
    ) -> None:
        unknown = set(degraded) - set(COUNCILS_BY_ID)
        if unknown:
            raise ValueError(f"unknown council(s) in degraded: {sorted(unknown)}")
        self.host = host
        self.ports = dict(ports or {})
        self.degraded = frozenset(degraded)
        self.base_urls: dict[str, str] = {}
        self._log = SubmissionLog()
        self._servers: list[tuple[BaseWSGIServer, threading.Thread]] = []

    def start(self) -> DemoCouncils:
        if self._servers:
            return self
        try:
            for council in COUNCILS:
                cid = council.council_id
                app = create_app(cid, self._log, degraded=cid in self.degraded)
                server = make_server(
                    self.host, self.ports.get(cid) or 0, app, threaded=True, request_handler=_QuietHandler
                )
                thread = threading.Thread(target=server.serve_forever, name=f"demo-{cid}", daemon=True)
                thread.start()
                self._servers.append((server, thread))
                self.base_urls[cid] = f"http://{self.host}:{server.server_port}"
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        for server, thread in self._servers:
            server.shutdown()
            server.server_close()
            thread.join(timeout=5)
        self._servers.clear()
        self.base_urls.clear()

    def __enter__(self) -> DemoCouncils:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def submissions(self, council_id: str | None = None, task: str | None = None) -> int:
        """How many FINAL submissions arrived (the real 'file a report' POSTs), optionally filtered."""
        return self._log.count(council_id, task)

    def reset_submissions(self) -> None:
        self._log.reset()


def serve_forever(ports: dict[str, int] | None = None, degraded: Iterable[str] = frozenset()) -> None:
    """Run the demo councils on their default ports until Ctrl-C (``journey-audit demo serve``)."""
    with DemoCouncils(ports=ports or DEFAULT_PORTS, degraded=frozenset(degraded)) as demo:
        for council in COUNCILS:
            note = " (degraded)" if council.council_id in demo.degraded else ""
            print(f"{council.name:<30} {demo.base_urls[council.council_id]}/{note}", flush=True)
        print("Press Ctrl-C to stop.", flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
