"""Make sure a Chromium is available: `python -m journey_audit.browser.ensure`.

Order: the explicit setting, Playwright's own browser, a system Chromium/Chrome; if none and apt is
usable (root on Debian/Ubuntu), install Debian's ``chromium``; otherwise say exactly what to run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import replace

from journey_audit.browser.settings import BrowserNotFound, load_settings, resolve_executable


def _apt_usable() -> bool:
    return shutil.which("apt-get") is not None and hasattr(os, "geteuid") and os.geteuid() == 0


def ensure_browser() -> str:
    # A local browser, even when runs will use a browser endpoint: set-up must not depend on a server being up.
    settings = replace(load_settings(), browser_endpoint=None)
    try:
        return resolve_executable(settings)
    except BrowserNotFound as missing:
        if settings.executable_path or not _apt_usable():
            raise missing
    print("No Chromium found: installing Debian's chromium with apt-get ...", file=sys.stderr, flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-q"], check=True, env=env, stdout=subprocess.DEVNULL)
    subprocess.run(["apt-get", "install", "-y", "-q", "chromium"], check=True, env=env, stdout=subprocess.DEVNULL)
    return resolve_executable(settings)


def main() -> int:
    try:
        path = ensure_browser()
    except (BrowserNotFound, subprocess.CalledProcessError) as exc:
        print(f"journey-audit: {exc}", file=sys.stderr)
        return 1
    print(f"browser: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
