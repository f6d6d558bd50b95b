"""Which concurrency model: `run` on the 12 demo journeys at 1, 2 and 4 workers, three ways, side by side.

- **threads**: today's `journey-audit run --workers N`: N worker threads in one Python process, each with its
  own Playwright driver (node) and its own Chromium.
- **shared**: `journey-audit run --workers N --browser-per run`: one Chromium for the whole run, started by
  Playwright's own `launchServer` (in the Node.js driver shipped with the Python package; the run starts it,
  journey_audit/browser/shared.py); each worker thread connects (`BrowserType.connect`) with its own driver
  and gets its own isolated contexts in that browser.
- **processes**: N `journey-audit run --shard I/N --workers 1` processes at once (each its own Python, driver
  and Chromium), then `journey-audit merge` (counted in the time). At 1 worker this is the threads run, so it
  is not run twice.

The demo councils are served by one separate process for all runs (they are the sites, not the tool): its CPU
is reported apart. For every run: wall time, journeys/min, CPU-seconds of the whole process tree (Python,
drivers, every Chromium process; from the children's rusage once they are reaped, cross-checked against
/proc sampling), CPU utilisation of the 2 cores, peak summed RSS and PSS of the tree. Models alternate round by
round (the order rotates), so a machine getting busier or quieter does not favour one model.
"""

from __future__ import annotations

import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from measure import PAGE_SIZE, _pss

from journey_audit.api import DEMO_JOURNEYS

MODELS = ("threads", "shared", "processes")
WORKERS = (1, 2, 4)
TARGET_SPEEDUP, TARGET_RSS_MB = 1.6, 1536
CLOCK = os.sysconf("SC_CLK_TCK")
CORES = os.cpu_count() or 1


@dataclass
class TreeRun:
    """One measured run of a model: wall, CPU of the tree, peak memory, and what the journeys ended as."""

    seconds: float = 0.0
    cpu_s: float = 0.0  # user+sys of the whole tree: the larger of the two lower bounds below
    cpu_rusage_s: float = 0.0  # from rusage of the reaped children: misses processes their parent never reaped
    cpu_sampled_s: float = 0.0  # from /proc samples: misses each process's last 0.2 s
    cpu_by_kind: dict[str, float] = field(default_factory=dict)  # sampled CPU per kind of process
    site_cpu_s: float = 0.0  # the demo councils' server process over the same time (not the tool's)
    machine_cpu_s: float = 0.0  # every program on the machine over the same time (to tell a busy machine)
    peak_rss_mb: float = 0.0
    peak_pss_mb: float = 0.0
    pss_by_kind_mb: dict[str, float] = field(default_factory=dict)  # the peak PSS sample, split by kind of process
    outcomes: dict[str, str] = field(default_factory=dict)
    replay_s: dict[str, float] = field(default_factory=dict)  # each journey's own duration_s


def _proc_table() -> dict[int, tuple[int, int, int]]:
    """pid -> (parent, cpu ticks, rss bytes) of every process."""
    table = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as fh:
                fields = fh.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        table[int(entry.name)] = (int(fields[1]), int(fields[11]) + int(fields[12]), int(fields[21]) * PAGE_SIZE)
    return table


def _descendants(table: dict[int, tuple[int, int, int]], roots: list[int]) -> set[int]:
    children: dict[int, list[int]] = {}
    for pid, (parent, _, _) in table.items():
        children.setdefault(parent, []).append(pid)
    tree, frontier = set(), [r for r in roots if r in table]
    while frontier:
        pid = frontier.pop()
        if pid not in tree:
            tree.add(pid)
            frontier.extend(children.get(pid, ()))
    return tree


class Sampler:
    """Samples the trees under a changing set of root processes every ``every_s``: peak RSS/PSS, CPU per pid."""

    def __init__(self, every_s: float = 0.2):
        self.roots: list[int] = []
        self.every_s = every_s
        self.peak_rss = self.peak_pss = 0
        self.pss_by_kind: dict[str, int] = {}  # the sample with the peak PSS, by kind of process
        self.cpu_ticks: dict[int, int] = {}
        self.kinds: dict[int, str] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> Sampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            table = _proc_table()
            tree = _descendants(table, list(self.roots))
            self.peak_rss = max(self.peak_rss, sum(table[p][2] for p in tree))
            pss = {pid: _pss(pid) for pid in tree}
            for pid in tree:
                self.cpu_ticks[pid] = max(self.cpu_ticks.get(pid, 0), table[pid][1])
                self.kinds[pid] = _kind(pid) or self.kinds.get(pid, "gone")
            if sum(pss.values()) > self.peak_pss:
                self.peak_pss = sum(pss.values())
                self.pss_by_kind = {}
                for pid, size in pss.items():
                    self.pss_by_kind[self.kinds[pid]] = self.pss_by_kind.get(self.kinds[pid], 0) + size
            self._stop.wait(self.every_s)


def _kind(pid: int) -> str:
    """python, node (a Playwright driver or the launch server), or Chromium's process type (browser, renderer...).

    Chromium rewrites its children's command lines into one string, and /usr/bin/chromium may be a shell script
    that execs the browser, so the whole line is read again at every sample."""
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as fh:
            text = fh.read().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""
    program = os.path.basename(text.split(" ", 1)[0])
    if "chrom" in program:
        found = re.search(r"--type=(\S+)", text)
        return f"chromium {found.group(1) if found else 'browser'}"
    if program == "node":
        return "node"
    return "python" if "python" in program or "journey-audit" in text else program


def _machine_busy_s() -> float:
    """CPU-seconds every program on the machine has used since boot (all cores; /proc/stat, idle and iowait left out)."""
    try:
        with open("/proc/stat", encoding="ascii") as fh:
            fields = [int(x) for x in fh.readline().split()[1:]]
    except (OSError, ValueError):
        return 0.0
    return (sum(fields[:8]) - fields[3] - fields[4]) / CLOCK


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _cpu_of(pid: int) -> float:
    with open(f"/proc/{pid}/stat", "rb") as fh:
        fields = fh.read().rsplit(b")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK


def _spawn(cmd: list[str], log: Path, env: dict[str, str] | None = None) -> subprocess.Popen:
    return subprocess.Popen(cmd, stdout=log.open("w"), stderr=subprocess.STDOUT, text=True,
                            env={**os.environ, **env} if env else None)


def _finish(proc: subprocess.Popen, what: str, log: Path, codes: tuple[int, ...] = (0, 1)) -> None:
    if proc.wait() not in codes:
        sys.exit(f"bench: {what} failed (exit {proc.returncode}):\n{log.read_text()[-2000:]}")


class DemoSites:
    """The demo councils in their own process, and a copy of the demo journeys pointing at them."""

    def __init__(self, work: Path):
        self.journeys = work / "journeys"
        code = ("import json, sys, time\nfrom journey_audit.demo.server import DemoCouncils\n"
                "with DemoCouncils() as d:\n    print(json.dumps(d.base_urls), flush=True)\n"
                "    sys.stdin.read()\n")
        self.proc = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     text=True)
        base_urls: dict[str, str] = json.loads(self.proc.stdout.readline())
        shutil.copytree(DEMO_JOURNEYS, self.journeys)
        for file in self.journeys.rglob("*.yaml"):
            council = file.parent.name
            text = file.read_text(encoding="utf-8")
            file.write_text(re.sub(r"http://127\.0\.0\.1:\d+", base_urls[council], text), encoding="utf-8")

    def cpu_s(self) -> float:
        return _cpu_of(self.proc.pid)

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.wait(timeout=10)


def _results(results: Path, data: TreeRun) -> None:
    for file in results.glob("*/journeys/*.json"):
        if file.parent.parent.is_symlink():
            continue
        record = json.loads(file.read_text(encoding="utf-8"))
        if file.stem in data.outcomes:
            continue
        data.outcomes[file.stem] = f"{record['outcome']}:{(record.get('outcome_reason') or {}).get('kind')}"
        data.replay_s[file.stem] = float(record.get("duration_s") or 0)


def run_model(model: str, workers: int, sites: DemoSites, work: Path, tag: str,
              env: dict[str, str] | None = None) -> TreeRun:
    """One run of ``model`` with ``workers``, measured as a whole (start-up, merge and browser server included);
    ``env`` is added to the tool's environment (bench/flags.py points JOURNEY_AUDIT_CONFIG at a variant)."""
    bin_dir = Path(sys.executable).parent
    results = work / f"{tag}-results"
    base = [str(bin_dir / "journey-audit"), "run", str(sites.journeys), "--results", str(results)]
    data = TreeRun()
    cpu0, site0, machine0 = _children_cpu(), sites.cpu_s(), _machine_busy_s()
    with Sampler() as sampler:
        t0 = time.perf_counter()
        if model == "processes" and workers > 1:
            logs = [work / f"{tag}-shard{i}.log" for i in range(1, workers + 1)]
            procs = [_spawn(base + ["--workers", "1", "--shard", f"{i}/{workers}"], log, env)
                     for i, log in zip(range(1, workers + 1), logs, strict=True)]
            sampler.roots = [p.pid for p in procs]
            for proc, log in zip(procs, logs, strict=True):
                _finish(proc, "a shard run", log)
            runs = sorted(p.name for p in results.iterdir() if p.is_dir() and not p.is_symlink())
            merge_log = work / f"{tag}-merge.log"
            merge = _spawn([str(bin_dir / "journey-audit"), "merge", *runs, "--results", str(results)], merge_log)
            sampler.roots = [merge.pid]
            _finish(merge, "merge", merge_log, codes=(0,))
        else:
            log = work / f"{tag}.log"
            proc = _spawn(base + ["--workers", str(workers), "--browser-per", "run" if model == "shared" else "worker"],
                          log, env)
            sampler.roots = [proc.pid]
            _finish(proc, f"run ({model}, {workers} workers)", log)
        data.seconds = time.perf_counter() - t0
    data.cpu_rusage_s = _children_cpu() - cpu0
    data.site_cpu_s = sites.cpu_s() - site0
    data.machine_cpu_s = _machine_busy_s() - machine0
    data.cpu_sampled_s = sum(sampler.cpu_ticks.values()) / CLOCK
    data.cpu_s = max(data.cpu_rusage_s, data.cpu_sampled_s)
    for pid, ticks in sampler.cpu_ticks.items():
        kind = sampler.kinds.get(pid, "gone")
        data.cpu_by_kind[kind] = data.cpu_by_kind.get(kind, 0.0) + ticks / CLOCK
    data.peak_rss_mb, data.peak_pss_mb = sampler.peak_rss / 2**20, sampler.peak_pss / 2**20
    data.pss_by_kind_mb = {k: round(v / 2**20, 1) for k, v in sampler.pss_by_kind.items()}
    _results(results, data)
    if len(data.outcomes) != 12:
        sys.exit(f"bench: {model} with {workers} workers wrote {len(data.outcomes)} journeys, not 12")
    return data


def _summary(runs: list[TreeRun]) -> dict:
    med = statistics.median
    seconds = med(r.seconds for r in runs)
    cpu = med(r.cpu_s for r in runs)
    return {"seconds": round(seconds, 2), "journeys_per_min": round(60 * 12 / seconds, 1),
            "cpu_s": round(cpu, 1), "cpu_sampled_s": round(med(r.cpu_sampled_s for r in runs), 1),
            "cpu_rusage_s": round(med(r.cpu_rusage_s for r in runs), 1),
            "cpu_by_kind": {k: round(med(r.cpu_by_kind.get(k, 0.0) for r in runs), 1)
                            for k in sorted({k for r in runs for k in r.cpu_by_kind})},
            "site_cpu_s": round(med(r.site_cpu_s for r in runs), 1),
            "cpu_utilisation": round(cpu / seconds / CORES, 2),
            "peak_rss_mb": round(max(r.peak_rss_mb for r in runs)), "peak_pss_mb": round(max(r.peak_pss_mb for r in runs)),
            "replay_s": round(med(sum(r.replay_s.values()) for r in runs), 1),
            "longest_journey_s": round(med(max(r.replay_s.values()) for r in runs), 1), "rounds": len(runs)}


def concurrency_models(work: Path, rounds: int = 1, models: tuple[str, ...] = MODELS) -> dict:
    """Every model at 1, 2 and 4 workers, ``rounds`` times, alternating; print the table and the ceiling."""
    print(f"\nconcurrency models, 12 demo journeys, workers {'/'.join(map(str, WORKERS))} ({CORES} cores; "
          f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())} at start):", flush=True)
    sites = DemoSites(work)
    found: dict[tuple[str, int], list[TreeRun]] = {}
    try:
        for n in range(rounds):
            order = models[n % len(models):] + models[:n % len(models)]
            for workers in WORKERS:
                for model in order:
                    if model == "processes" and workers == 1:
                        continue  # one process with one worker is the threads run
                    got = run_model(model, workers, sites, work, f"{model}-w{workers}-r{n}")
                    found.setdefault((model, workers), []).append(got)
                    kinds = ", ".join(f"{k} {v:.1f}" for k, v in sorted(got.cpu_by_kind.items(), key=lambda kv: -kv[1]))
                    print(f"  round {n + 1} {model:<9} w{workers}: {got.seconds:6.1f}s wall, {got.cpu_s:6.1f} CPU-s "
                          f"(sampled {got.cpu_sampled_s:.1f}, rusage {got.cpu_rusage_s:.1f}; {kinds}), "
                          f"site {got.site_cpu_s:.1f} CPU-s, peak RSS "
                          f"{got.peak_rss_mb:5.0f} MB, PSS {got.peak_pss_mb:5.0f} MB, load "
                          f"{os.getloadavg()[0]:.1f}", flush=True)
    finally:
        sites.close()
    found[("processes", 1)] = found[("threads", 1)]
    return _report(found, models)


def _report(found: dict[tuple[str, int], list[TreeRun]], models: tuple[str, ...]) -> dict:
    figures: dict = {"cores": CORES, "load_average_end": [round(x, 1) for x in os.getloadavg()], "models": {}}
    print(f"\n  {'model':<10}{'w':>2} {'wall s':>7} {'j/min':>6} {'CPU-s':>6} {'util':>5} {'RSS MB':>7} {'PSS MB':>7}"
          f" {'replay s':>8} {'longest':>7}")
    for model in models:
        per = figures["models"][model] = {w: _summary(found[(model, w)]) for w in WORKERS}
        for w, f in per.items():
            print(f"  {model:<10}{w:>2} {f['seconds']:7.1f} {f['journeys_per_min']:6.1f} {f['cpu_s']:6.1f} "
                  f"{f['cpu_utilisation']:5.2f} {f['peak_rss_mb']:7.0f} {f['peak_pss_mb']:7.0f} {f['replay_s']:8.1f} "
                  f"{f['longest_journey_s']:7.1f}")
        per["w4_over_w1"] = round(per[4]["journeys_per_min"] / per[1]["journeys_per_min"], 2)
        per["w2_over_w1"] = round(per[2]["journeys_per_min"] / per[1]["journeys_per_min"], 2)
    w1 = figures["models"]["threads"][1]
    ceiling = 1 / w1["cpu_utilisation"] if w1["cpu_utilisation"] else float("nan")
    figures["ceiling_w4_over_w1"] = round(min(ceiling, 4.0), 2)
    # Sharper: 4 workers need at least their own CPU-seconds / cores of wall time.
    figures["cpu_bound_w4_over_w1"] = {m: round(w1["seconds"] * CORES / figures["models"][m][4]["cpu_s"], 2)
                                       for m in models}
    print(f"  (util = CPU-s / wall / {CORES} cores; CPU-s of the tool's whole process tree, the demo sites apart;"
          " replay s = the journeys' summed duration_s)")
    for model in models:
        per = figures["models"][model]
        ok = per["w4_over_w1"] >= TARGET_SPEEDUP and per[4]["peak_rss_mb"] <= TARGET_RSS_MB
        print(f"  {model:<10} w4/w1 {per['w4_over_w1']:.2f}x, w2/w1 {per['w2_over_w1']:.2f}x, w4 peak RSS "
              f"{per[4]['peak_rss_mb']} MB: {'meets' if ok else 'misses'} issue 10's target (>= {TARGET_SPEEDUP}x, "
              f"<= {TARGET_RSS_MB} MB)")
    print(f"  ceiling: workers 1 keeps {w1['cpu_utilisation']:.0%} of the {CORES} cores busy, so with the same CPU per "
          f"journey no model can beat w4/w1 = {figures['ceiling_w4_over_w1']:.2f}x here")
    print("  and 4 workers need at least their CPU-seconds / cores of wall: w4/w1 <= " + ", ".join(
        f"{m} {v:.2f}x" for m, v in figures["cpu_bound_w4_over_w1"].items()))
    # The load average counts the bench's own browsers too; what other programs used is the machine's busy
    # CPU-seconds during each run minus the tool's and the demo sites'.
    others = [(r.machine_cpu_s - r.cpu_s - r.site_cpu_s) / (r.seconds * CORES) for rs in found.values() for r in rs
              if r.machine_cpu_s]
    figures["other_programs_share_max"] = round(max(others), 2) if others else None
    if others and max(others) > 0.2:
        print(f"  CAUTION: other programs used up to {max(others):.0%} of the {CORES} cores during a run, so wall "
              "times (and both ceilings) measure the machine's share-out, not the tool; compare CPU-seconds, and "
              "re-run on a quiet machine for throughput")
    elif others:
        print(f"  other programs used at most {max(others):.0%} of the {CORES} cores during any run")
    differing = _differing_outcomes(found)
    figures["outcome_differences"] = differing
    print("  outcomes: " + ("identical in every model and run" if not differing else
                            "DIFFER: " + "; ".join(differing)))
    return figures


def _differing_outcomes(found: dict[tuple[str, int], list[TreeRun]]) -> list[str]:
    reference = found[("threads", 1)][0].outcomes
    differing = []
    for (model, workers), runs in found.items():
        for run in runs:
            for key, outcome in run.outcomes.items():
                if outcome != reference.get(key):
                    differing.append(f"{model} w{workers} {key}: {outcome} (threads w1: {reference.get(key)})")
    return sorted(set(differing))
