"""Start-up costs: CLI start, finding the browser, and `report` on a 20-run history (issue 10 target < 0.5 s)."""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from measure import run_measured

HISTORY_RUNS = 20


def _median_seconds(cmd: list[str], times: int = 3) -> float:
    return statistics.median(run_measured(cmd).seconds for _ in range(times))


def twenty_run_history(work: Path, bin_dir: Path) -> Path:
    """A results folder with 20 indexed copies of one real demo run (ids a day apart)."""
    seed = work / "workers-1" if (work / "workers-1").is_dir() else work / "history-seed"  # reuse a bench run
    if not any(seed.glob("*/run.json")):
        subprocess.run([str(bin_dir / "journey-audit"), "run", "--results", str(seed)], capture_output=True)
    source = next(p.parent for p in seed.glob("*/run.json") if not p.parent.is_symlink())
    results = work / "history-20"
    from journey_audit.storage.history import index_run

    for n in range(HISTORY_RUNS):
        run_id = f"202611{n + 1:02d}-020000"
        target = results / run_id
        shutil.copytree(source, target)
        meta = json.loads((target / "run.json").read_text(encoding="utf-8"))
        meta.update(run_id=run_id, started_at=f"2026-11-{n + 1:02d}T02:00:00+00:00")
        (target / "run.json").write_text(json.dumps(meta), encoding="utf-8")
        index_run(results, run_id)
    (results / "latest").symlink_to(f"202611{HISTORY_RUNS:02d}-020000")
    return results


def startup_figures(work: Path, bin_dir: Path) -> dict:
    cli = str(bin_dir / "journey-audit")
    figures = {
        "cli_help_s": _median_seconds([cli, "--help"]),
        "import_cli_s": _median_seconds([sys.executable, "-c", "import journey_audit.cli, journey_audit.commands.run"]),
        "resolve_browser_s": _median_seconds([sys.executable, "-c", "from journey_audit.browser.settings import "
                                              "load_settings, resolve_executable; resolve_executable(load_settings())"]),
        "pandas_loaded_by_cli": "pandas" in subprocess.run(
            [sys.executable, "-c", "import sys, journey_audit.cli, journey_audit.commands.run; print(sorted(sys.modules))"],
            capture_output=True, text=True).stdout,
    }
    history = twenty_run_history(work, bin_dir)
    figures["report_20_runs_s"] = _median_seconds([cli, "report", "--results", str(history)])
    from journey_audit.reports.html import write_report
    from journey_audit.storage.run_folder import load_run

    t0 = time.perf_counter()
    write_report(load_run(history, "latest"))
    figures["report_20_runs_in_process_s"] = time.perf_counter() - t0
    figures = {k: round(v, 3) if isinstance(v, float) else v for k, v in figures.items()}
    print("\nstart-up (median of 3 processes):")
    print(f"  `journey-audit --help`:                 {figures['cli_help_s']:.2f}s")
    print(f"  import the CLI and `run` command:       {figures['import_cli_s']:.2f}s (pandas loaded: "
          f"{figures['pandas_loaded_by_cli']})")
    print(f"  find the browser (resolve_executable):  {figures['resolve_browser_s']:.2f}s (process start included)")
    print(f"  `journey-audit report`, 20-run history: {figures['report_20_runs_s']:.2f}s whole command, "
          f"{figures['report_20_runs_in_process_s']:.2f}s in process (issue 10 target < 0.5 s)")
    return figures
