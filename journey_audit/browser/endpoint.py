"""Remote browsers through Playwright's own protocol: ``--browser-endpoint ws://host:port/``.

Instead of launching Chromium, each worker connects (``BrowserType.connect``) to a server that speaks
Playwright's protocol: ``python -m playwright run-server`` (shipped with the Python package) or a browser
grid that speaks it. The server launches the browser with the launch options sent in the
``x-playwright-launch-options`` header: headless, and (honoured only by ``run-server --unsafe``) the
launch flags and the explicit browser path (``JOURNEY_AUDIT_BROWSER``: a path on the server's machine).
Client and server must run the same Playwright version (the server refuses others with HTTP 428).
"""

from __future__ import annotations

import json
import os
import socket
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Playwright

    from journey_audit.browser.settings import BrowserSettings

ENDPOINT_ENV = "JOURNEY_AUDIT_BROWSER_ENDPOINT"
REACH_TIMEOUT_S = 5.0


class EndpointError(ValueError):
    """An endpoint that is not a ws:// or wss:// URL, or that cannot be reached."""


def endpoint_source(endpoint: str) -> str:
    """`` (from $JOURNEY_AUDIT_BROWSER_ENDPOINT)`` when the environment set it, so an error names where it came from."""
    return f" (from ${ENDPOINT_ENV})" if os.environ.get(ENDPOINT_ENV) == endpoint else ""


def check_endpoint_url(endpoint: str) -> str:
    parts = urlsplit(endpoint)
    if parts.scheme not in ("ws", "wss") or not parts.hostname:
        raise EndpointError(f"the browser endpoint must be a ws:// or wss:// URL such as ws://127.0.0.1:3000/, "
                            f"not {endpoint!r}{endpoint_source(endpoint)}")
    return endpoint


def check_reachable(endpoint: str) -> None:
    """A plain TCP connect, so an endpoint that is down fails the run before it starts, with a clear message."""
    parts = urlsplit(check_endpoint_url(endpoint))
    port = parts.port or (443 if parts.scheme == "wss" else 80)
    try:
        with socket.create_connection((parts.hostname, port), timeout=REACH_TIMEOUT_S):
            pass
    except OSError as exc:
        raise EndpointError(f"cannot reach the browser endpoint {endpoint} ({exc.strerror or exc}): start one there, "
                            "e.g. `python -m playwright run-server --host 127.0.0.1 --port 3000`, or check the "
                            "address") from None


def launch_options(settings: BrowserSettings) -> dict:
    """What the server is asked to launch: Playwright's launch options, as JSON in a header."""
    options: dict = {"headless": settings.headless, "args": list(settings.launch_args)}
    if settings.executable_path:
        options["executablePath"] = settings.executable_path
    return options


def open_browser(playwright: Playwright, settings: BrowserSettings, launch_kwargs: dict) -> Browser:
    """Connect to ``settings.browser_endpoint`` when one is set, else launch the local browser."""
    if not settings.browser_endpoint:
        return playwright.chromium.launch(**launch_kwargs)
    return playwright.chromium.connect(
        settings.browser_endpoint, timeout=settings.navigation_timeout_s * 1000,
        headers={"x-playwright-launch-options": json.dumps(launch_options(settings))})
