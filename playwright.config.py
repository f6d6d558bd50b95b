"""Browser settings for journey-audit, in one place.

Read by file path (not imported as a module: ``import playwright.config`` would resolve inside the
installed Playwright package) by both ``journey_audit.browser.settings`` and ``tests/conftest.py``.
Environment variables override a few values so CI and users need not edit this file.
"""

import os

# Which browser binary to use. Resolution order: this explicit setting (or JOURNEY_AUDIT_BROWSER),
# Playwright's own downloaded Chromium if present, then a system Chromium/Chrome on PATH.
EXECUTABLE_PATH: str | None = os.environ.get("JOURNEY_AUDIT_BROWSER") or None

SYSTEM_BROWSER_CANDIDATES = (
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/usr/bin/google-chrome",
    "/usr/bin/google-chrome-stable",
    "/snap/bin/chromium",
)

HEADLESS: bool = os.environ.get("JOURNEY_AUDIT_HEADED", "") == ""

# A closed network refuses Chromium's background connections; these flags stop it trying.
LAUNCH_ARGS: list[str] = [
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-gpu",
]
# Chromium features to turn off, added to the --disable-features list Playwright passes (Chromium keeps only
# one such switch, so journey-audit merges them: journey_audit/browser/features.py). Chromium 151+ preloads
# the address bar's popup (a WebUI page in renderers of its own) for every window, headless ones too, where
# no address bar is ever shown: each journey's new window paid about 0.1 CPU-s and a renderer for it.
DISABLE_FEATURES: list[str] = ["WebUIOmniboxPopup", "WebUIOmniboxAimPopup"]
# Chromium refuses to start as root without this; only added when running as root.
ROOT_ONLY_ARGS: list[str] = ["--no-sandbox"]

VIEWPORTS: dict[str, dict[str, int]] = {
    "desktop": {"width": 1280, "height": 800},
    "phone": {"width": 375, "height": 667},
}
DEFAULT_VIEWPORT = "desktop"

# A Playwright server to connect to instead of launching a browser (`python -m playwright run-server`, or a grid
# that speaks Playwright's protocol), e.g. ws://127.0.0.1:3000/. Also the --browser-endpoint option of run/check.
BROWSER_ENDPOINT: str | None = os.environ.get("JOURNEY_AUDIT_BROWSER_ENDPOINT") or None

# Seconds.
ACTION_TIMEOUT = float(os.environ.get("JOURNEY_AUDIT_ACTION_TIMEOUT", "8"))
NAVIGATION_TIMEOUT = float(os.environ.get("JOURNEY_AUDIT_NAVIGATION_TIMEOUT", "20"))

# Honest about who is visiting: appended to Chromium's own User-Agent.
USER_AGENT_SUFFIX = "journey-audit/0.1 (+automated usability audit; never submits without permission)"
