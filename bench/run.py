"""The bench: `make bench` (or `python bench/run.py [--rounds N]`). One command, every figure measured in one run.

Side by side on the same >= 60 pages served on 127.0.0.1 (the demo councils' pages plus generated legacy-sized
pages), each as its own process so start-up counts for every contender, with the peak RSS of its process tree:
  (a) a bare Playwright loop reusing one page: ``goto`` + axe (bench/bare_loop.py);
  (b) ``journey-audit check --urls FILE``: all probes and screenshots, default workers;
  (c) pa11y-ci with its axe runner, when npm is available (installed into bench/.cache; skipped otherwise).
Then where (b)'s time went, phase by phase, from the timings it recorded in its results (bench/phases.py),
`journey-audit run --workers 1/2/4` on the demo journeys in three concurrency models (threads with a browser each,
one shared browser, processes; throughput, CPU of the tree, peak RSS/PSS: bench/concurrency.py), the same journeys by mouse
and by keyboard (`run --keyboard`, bench/keyboard.py), and start-up costs.
Figures go to stdout and bench/out/last.json. Nothing here asserts a timing: it measures and prints.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from concurrency import MODELS, concurrency_models  # noqa: E402
from keyboard import keyboard_vs_mouse  # noqa: E402
from measure import Measured, run_measured  # noqa: E402
from pa11y import pa11y_ci, write_config  # noqa: E402
from pages import crawl_demo, serve_legacy_pages  # noqa: E402
from phases import print_breakdown  # noqa: E402
from startup import startup_figures  # noqa: E402

from journey_audit.browser.settings import load_settings  # noqa: E402
from journey_audit.demo.server import DemoCouncils  # noqa: E402

BENCH = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
TARGET_BARE, TARGET_PA11Y = 1.5, 0.5


def _line(name: str, m: Measured, pages: int) -> str:
    return f"  {name:<34} {m.seconds:7.2f}s  {pages / m.seconds:5.2f} pages/s  peak RSS {m.peak_rss_mb:5.0f} MB, PSS {m.peak_pss_mb:5.0f} MB"


def _median(runs: list[Measured]) -> Measured:
    by_time = sorted(runs, key=lambda m: m.seconds)
    mid = by_time[len(by_time) // 2]
    return Measured(statistics.median(m.seconds for m in runs), max(m.peak_rss_mb for m in runs), mid.returncode,
                    mid.output, max(m.peak_pss_mb for m in runs))


def _journeys_written(results: Path) -> int:
    return sum(1 for f in results.glob("*/journeys/*.json") if not f.parent.parent.is_symlink())


def side_by_side(urls: list[str], work: Path, rounds: int, use_pa11y: bool) -> dict:
    """Alternate the contenders round by round, so a busy machine slows all of them alike."""
    from axe_playwright_python.base import AXE_SCRIPT

    from journey_audit.probes.axe import axe_source

    assert axe_source() == AXE_SCRIPT, "the bare loop must inject the same axe bundle as the tool"
    settings = load_settings()
    launch = {"launch": settings.launch_kwargs(), "viewport": settings.viewports[settings.default_viewport]}
    urls_file = work / "urls.txt"
    urls_file.write_text("\n".join(urls) + "\n", encoding="utf-8")
    bare_cmd = [sys.executable, str(BENCH / "bare_loop.py"), str(urls_file), json.dumps(launch)]
    pa11y_bin, pa11y_note = pa11y_ci() if use_pa11y else (None, "pa11y-ci skipped (--no-pa11y)")
    if pa11y_bin:
        config = write_config(work / "pa11yci.json", urls, launch["launch"]["executable_path"],
                              launch["launch"]["args"], concurrency=2)
    run_measured(bare_cmd[:2] + [str(_first(urls_file, work, 3))] + bare_cmd[3:])  # warm disk caches
    found: dict[str, list[Measured]] = {"bare": [], "check": [], "pa11y": []}
    for n in range(rounds):
        bare = run_measured(bare_cmd)
        _ok(bare, "bare loop", bare.output.count(" violations ") == len(urls))
        found["bare"].append(bare)
        results = work / f"check-{n}"
        check = run_measured([str(BIN / "journey-audit"), "check", "--urls", str(urls_file), "--results", str(results)])
        _ok(check, "journey-audit check", _journeys_written(results) == len(urls), codes=(0, 1))
        found["check"].append(check)
        if pa11y_bin:
            pa = run_measured([str(pa11y_bin), "--config", str(config)])
            _ok(pa, "pa11y-ci", f"/{len(urls)} URLs passed" in pa.output, codes=(0, 2))
            found["pa11y"].append(pa)
        print(f"round {n + 1}: bare {bare.seconds:.1f}s  check {check.seconds:.1f}s"
              + (f"  pa11y-ci {found['pa11y'][-1].seconds:.1f}s" if pa11y_bin else ""), flush=True)
    medians = {k: _median(v) for k, v in found.items() if v}
    print(f"\n{len(urls)} pages, {rounds} round(s), median wall time of each process (start-up included):")
    print(_line("(a) bare loop, one page, goto+axe", medians["bare"], len(urls)))
    print(_line("(b) journey-audit check (2 workers)", medians["check"], len(urls)))
    if "pa11y" in medians:
        print(_line("(c) pa11y-ci, axe runner, conc. 2", medians["pa11y"], len(urls)))
    else:
        print(f"  (c) {pa11y_note}")
    figures = {"pages": len(urls), "rounds": rounds,
               **{k: {"seconds": round(m.seconds, 2), "peak_rss_mb": round(m.peak_rss_mb), "peak_pss_mb": round(m.peak_pss_mb)}
                  for k, m in medians.items()},
               "check_over_bare": round(medians["check"].seconds / medians["bare"].seconds, 2)}
    print(f"  ratio check/bare:  {figures['check_over_bare']:.2f}x (issue 10 target <= {TARGET_BARE}x)")
    if "pa11y" in medians:
        figures["check_over_pa11y"] = round(medians["check"].seconds / medians["pa11y"].seconds, 2)
        print(f"  ratio check/pa11y: {figures['check_over_pa11y']:.2f}x (issue 10 target <= {TARGET_PA11Y}x)")
    else:
        figures["pa11y_note"] = pa11y_note
    figures["check_phases"] = print_breakdown(work / f"check-{rounds - 1}", found["check"][-1].seconds)
    return figures


def _first(urls_file: Path, work: Path, n: int) -> Path:
    few = work / "warm.txt"
    few.write_text("\n".join(urls_file.read_text().split()[:n]), encoding="utf-8")
    return few


def _ok(m: Measured, name: str, complete: bool, codes: tuple[int, ...] = (0,)) -> None:
    """A contender that failed would make its time meaningless: stop with its output instead."""
    if m.returncode not in codes or not complete:
        sys.exit(f"bench: {name} did not audit every page (exit {m.returncode}):\n{m.output[-2000:]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=1, help="side-by-side rounds; medians are reported (default 1)")
    parser.add_argument("--legacy-pages", type=int, default=40, help="generated legacy-sized pages (default 40)")
    parser.add_argument("--demo-pages", type=int, default=24, help="demo council pages (default 24)")
    parser.add_argument("--no-pa11y", action="store_true", help="skip the pa11y-ci baseline")
    parser.add_argument("--no-workers", action="store_true",
                        help="skip the workers 1/2/4 runs of the concurrency models (bench/concurrency.py)")
    parser.add_argument("--concurrency-only", action="store_true",
                        help="only compare the concurrency models at workers 1/2/4 (--rounds times, alternated)")
    parser.add_argument("--models", default=",".join(MODELS),
                        help=f"concurrency models to compare, comma-separated (default {','.join(MODELS)})")
    parser.add_argument("--no-keyboard", action="store_true", help="skip the keyboard-against-mouse runs")
    parser.add_argument("--keyboard-only", action="store_true",
                        help="only replay the demo journeys by mouse and by keyboard (--rounds times) and compare")
    args = parser.parse_args()
    started = time.perf_counter()
    figures: dict = {}
    with tempfile.TemporaryDirectory(prefix="ja-bench-") as tmp:
        work = Path(tmp)
        models = tuple(m for m in args.models.split(",") if m)
        if not set(models) <= set(MODELS) or "threads" not in models:
            parser.error(f"--models: choose among {', '.join(MODELS)}, threads included (it is the reference)")
        if args.concurrency_only:
            figures["concurrency"] = concurrency_models(work, args.rounds, models)
            return _write(figures, started, "concurrency.json")
        if args.keyboard_only:
            figures["keyboard"] = keyboard_vs_mouse(work, BIN, args.rounds)
            return _write(figures, started, "keyboard.json")
        with DemoCouncils() as demo, serve_legacy_pages(work / "pages", args.legacy_pages) as legacy:
            urls = crawl_demo(demo.base_urls, args.demo_pages) + legacy
            figures["side_by_side"] = side_by_side(urls, work, args.rounds, not args.no_pa11y)
        if not args.no_workers:
            figures["concurrency"] = concurrency_models(work, 1, models)
        if not args.no_keyboard:
            figures["keyboard"] = keyboard_vs_mouse(work, BIN, 1)
        figures["startup"] = startup_figures(work, BIN)
    return _write(figures, started, "last.json")


def _write(figures: dict, started: float, name: str) -> int:
    figures["bench_seconds"] = round(time.perf_counter() - started, 1)
    out = BENCH / "out" / name
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(figures, indent=1), encoding="utf-8")
    print(f"\nfigures written to {out} (bench took {figures['bench_seconds']}s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
