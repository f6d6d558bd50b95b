"""Baseline (a): the least a page checker can do. One browser, ONE page reused: ``goto`` + axe, nothing else.

Run by bench/run.py as its own process (so its start-up counts, as the tool's does):
    python bench/bare_loop.py URLS_FILE LAUNCH_JSON
It imports only Playwright and the axe bundle the tool injects (``journey_audit.probes.axe.axe_source`` returns
this same ``AXE_SCRIPT``; run.py checks that they are identical), and prints one line per page.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from axe_playwright_python.base import AXE_SCRIPT
from playwright.sync_api import sync_playwright

RUN_AXE = "() => axe.run(document).then(r => r.violations.length)"


def main(urls_file: str, launch_json: str) -> int:
    urls = [u for u in Path(urls_file).read_text(encoding="utf-8").split() if u]
    launch = json.loads(launch_json)
    with sync_playwright() as p:
        browser = p.chromium.launch(**launch["launch"])
        page = browser.new_context(viewport=launch["viewport"]).new_page()
        for url in urls:
            page.goto(url, wait_until="load")
            page.evaluate(AXE_SCRIPT)
            print(f"{page.evaluate(RUN_AXE)} violations  {url}", flush=True)
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
