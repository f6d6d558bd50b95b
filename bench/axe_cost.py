"""Why axe costs more per page in `check` than in the bare loop: the same pages, one process, one browser,
several ways of running axe alternated page by page, with wall time AND the CPU time of the whole process tree
(Python + Playwright's driver + every Chromium process, read from /proc).

    python bench/axe_cost.py [--rounds N] [--pages N] [--only a,b]

The pages (the bench's 64: demo councils + generated legacy pages) are served by a child process that is left
out of the CPU count. Ways (each a loop over all pages; rounds alternate their order):
  bare            one page reused: goto, inject axe, axe.run(document) (bench/bare_loop.py exactly)
  tool            a new context per page (the session's options and init script), the tool's axe probe
  tool_reuse      the tool's axe probe on one page reused (isolates the axe call from the context)
  bare_ctx        bare loop's axe on a new context per page (isolates the context from the axe call)
  ctx_newpage     one context reused, a new page per URL, the tool's axe probe (is it the context or the page?)
  tool_init       one page reused, axe added once as the context's init script, then only axe.run called
Nothing is asserted: it prints per-page wall and CPU milliseconds of each way and of its axe part.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

CLK = os.sysconf("SC_CLK_TCK")


def tree_cpu_s(root: int, exclude: set[int]) -> float:
    """utime+stime (and reaped children's) of ``root`` and its descendants, leaving out ``exclude`` subtrees."""
    parents: dict[int, int] = {}
    cpu: dict[int, float] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid = int(entry.name)
        parents[pid] = int(fields[1])
        cpu[pid] = sum(int(x) for x in fields[11:15]) / CLK
    tree, frontier = {root}, [root]
    while frontier:
        pid = frontier.pop()
        for child, parent in parents.items():
            if parent == pid and child not in tree and child not in exclude:
                tree.add(child)
                frontier.append(child)
    return sum(cpu.get(pid, 0.0) for pid in tree)


def serve() -> None:
    """Child process: serve the bench's pages, print their URLs as one JSON line, wait for stdin to close."""
    import tempfile

    from pages import crawl_demo, serve_legacy_pages

    from journey_audit.demo.server import DemoCouncils

    with tempfile.TemporaryDirectory() as tmp, DemoCouncils() as demo, \
            serve_legacy_pages(Path(tmp), int(sys.argv[2])) as legacy:
        print(json.dumps(crawl_demo(demo.base_urls, int(sys.argv[3])) + legacy), flush=True)
        sys.stdin.read()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--legacy-pages", type=int, default=40)
    parser.add_argument("--demo-pages", type=int, default=24)
    parser.add_argument("--only", default="bare,tool,tool_reuse,bare_ctx,ctx_newpage,tool_init")
    args = parser.parse_args()
    server = subprocess.Popen([sys.executable, __file__, "--serve", str(args.legacy_pages), str(args.demo_pages)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        urls = json.loads(server.stdout.readline())
        run(urls, args.rounds, args.only.split(","), {server.pid})
    finally:
        server.stdin.close()
        server.wait(timeout=10)
    return 0


def run(urls: list[str], rounds: int, ways: list[str], exclude: set[int]) -> None:
    from axe_playwright_python.base import AXE_SCRIPT
    from playwright.sync_api import sync_playwright

    from journey_audit.browser.session import BrowserSession
    from journey_audit.probes.axe import collect as axe_collect
    from journey_audit.probes.base import ProbeContext, ProbeOptions

    bare_run = "() => axe.run(document).then(r => r.violations.length)"
    session = BrowserSession()
    me = os.getpid()
    session._ensure_browser()  # noqa: SLF001 - the bench's own process: launch before timing
    shared = session.new_context()
    reused = shared.new_page()
    with_init = session.new_context()
    with_init.add_init_script(AXE_SCRIPT)
    reused_init = with_init.new_page()

    def bare_axe(page) -> None:
        page.evaluate(AXE_SCRIPT)
        page.evaluate(bare_run)

    def tool_axe(page) -> None:
        axe_collect(ProbeContext(page, ProbeOptions()))

    def one(way: str, url: str) -> tuple[float, float]:
        """Loads ``url`` the way's way; returns the wall and CPU ms of its axe part."""
        context = page = None
        if way in ("bare", "tool_reuse"):
            page = reused
        elif way == "tool_init":
            page = reused_init
        elif way == "ctx_newpage":
            page = shared.new_page()
        else:
            context = session.new_context()
            page = context.new_page()
        try:
            page.goto(url, wait_until="load")
            c, t = tree_cpu_s(me, exclude), time.perf_counter()
            (bare_axe if way.startswith("bare") else tool_axe)(page)
            return (time.perf_counter() - t) * 1000, (tree_cpu_s(me, exclude) - c) * 1000
        finally:
            if context is not None:
                context.close()
            elif way == "ctx_newpage":
                page.close()

    totals: dict[str, dict[str, float]] = {w: {"wall": 0.0, "cpu": 0.0, "axe": 0.0, "axe_cpu": 0.0} for w in ways}
    for r in range(rounds):
        order = ways if r % 2 == 0 else list(reversed(ways))
        for way in order:
            cpu0, t0 = tree_cpu_s(me, exclude), time.perf_counter()
            parts = [one(way, url) for url in urls]
            axe_ms = sum(p[0] for p in parts)
            totals[way]["wall"] += (time.perf_counter() - t0) * 1000
            totals[way]["cpu"] += (tree_cpu_s(me, exclude) - cpu0) * 1000
            totals[way]["axe"] += axe_ms
            totals[way]["axe_cpu"] += sum(p[1] for p in parts)
            print(f"round {r + 1} {way:<11} wall {(time.perf_counter() - t0):6.1f}s  axe part {axe_ms / 1000:6.1f}s",
                  flush=True)
    n = len(urls) * rounds
    print(f"\nper page ({len(urls)} pages x {rounds} rounds; load average {os.getloadavg()[0]:.1f}):")
    print(f"  {'way':<11} {'wall ms':>8} {'CPU ms':>8} {'axe wall ms':>12} {'axe CPU ms':>11}")
    for way, t in totals.items():
        print(f"  {way:<11} {t['wall'] / n:8.0f} {t['cpu'] / n:8.0f} {t['axe'] / n:12.0f} {t['axe_cpu'] / n:11.0f}")
    session.close()
    del sync_playwright


if __name__ == "__main__":
    if sys.argv[1:2] == ["--serve"]:
        serve()
    else:
        sys.exit(main())
