"""Benchmark: the full journey-audit check of a URL list vs a bare Playwright loop (load + axe).

Both loops run side by side in one process, alternating, on the same demo pages, one worker each,
each launching its own Chromium. Prints the median seconds of each and the ratio (target <= 1.5x).
Run with `make bench` or `python bench/run.py [--rounds N]`.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

from journey_audit.api import DEMO_JOURNEYS, journeys_for_urls, run_journeys
from journey_audit.browser.runner import RunOptions
from journey_audit.browser.settings import load_settings
from journey_audit.demo.server import DemoCouncils
from journey_audit.loader import load_journeys

TARGET_RATIO = 1.5


def demo_urls(base_urls: dict[str, str]) -> list[str]:
    """The start page of every bundled demo journey: a realistic mix of good, legacy and dead-end pages."""
    return [j.start_url(base_urls[j.council_id]) for j in load_journeys([DEMO_JOURNEYS])]


def bare_loop(urls: list[str]) -> float:
    """What a minimal page checker does: open each page in a fresh context and run axe."""
    settings = load_settings()
    axe = Axe()
    t0 = time.perf_counter()
    with sync_playwright() as p:
        browser = p.chromium.launch(**settings.launch_kwargs())
        for url in urls:
            context = browser.new_context(viewport=settings.viewports["desktop"])
            page = context.new_page()
            page.goto(url, wait_until="load")
            axe.run(page)
            context.close()
        browser.close()
    return time.perf_counter() - t0


def full_audit(urls: list[str], results: Path) -> float:
    t0 = time.perf_counter()
    run_journeys(journeys_for_urls(urls), results_dir=results, options=RunOptions(), workers=1)
    return time.perf_counter() - t0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with DemoCouncils() as demo, tempfile.TemporaryDirectory() as tmp:
        urls = demo_urls(demo.base_urls)
        bare_loop(urls[:1])  # warm caches (disk, Python imports) for both sides
        bare, full = [], []
        for n in range(args.rounds):
            bare.append(bare_loop(urls))
            full.append(full_audit(urls, Path(tmp) / f"r{n}"))
            print(f"round {n + 1}: bare {bare[-1]:.2f}s  full audit {full[-1]:.2f}s", flush=True)
    b, f = statistics.median(bare), statistics.median(full)
    ratio = f / b
    print(f"\n{len(urls)} pages, {args.rounds} rounds, medians:")
    print(f"  bare Playwright loop (load + axe): {b:.2f}s")
    print(f"  journey-audit full check:          {f:.2f}s")
    print(f"  ratio full/bare: {ratio:.2f}x (target <= {TARGET_RATIO}x) -> {'OK' if ratio <= TARGET_RATIO else 'OVER'}")
    return 0 if ratio <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
