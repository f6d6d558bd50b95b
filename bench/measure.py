"""Timing a command as its own process, with the peak RSS of its whole process tree (Chromium included)."""

from __future__ import annotations

import os
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

PAGE_SIZE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


@dataclass
class Measured:
    seconds: float
    peak_rss_mb: float  # summed RSS: counts pages shared between Chromium's processes once per process
    returncode: int
    output: str
    peak_pss_mb: float = 0.0  # summed PSS: shared pages split between their sharers, the honest total


def _pss(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _tree_memory(root: int) -> tuple[int, int]:
    """Summed RSS and summed PSS of ``root`` and all its descendants, read from /proc."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            statm = (entry / "statm").read_text().split()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        parents[int(entry.name)] = int(fields[1])
        rss[int(entry.name)] = int(statm[1]) * PAGE_SIZE
    tree, frontier = {root}, [root]
    while frontier:
        pid = frontier.pop()
        for child, parent in parents.items():
            if parent == pid and child not in tree:
                tree.add(child)
                frontier.append(child)
    return sum(rss.get(pid, 0) for pid in tree), sum(_pss(pid) for pid in tree)


def run_measured(cmd: list[str], env: dict[str, str] | None = None, cwd: str | Path | None = None,
                 sample_s: float = 0.2) -> Measured:
    """Run ``cmd`` to the end; wall time and the peak RSS of its process tree sampled every ``sample_s``."""
    peak = peak_pss = 0
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env={**os.environ, **(env or {})}, cwd=cwd)
    chunks: list[str] = []
    reader = threading.Thread(target=lambda: chunks.append(proc.stdout.read()), daemon=True)
    reader.start()
    while proc.poll() is None:
        rss, pss = _tree_memory(proc.pid)
        peak, peak_pss = max(peak, rss), max(peak_pss, pss)
        time.sleep(sample_s)
    seconds = time.perf_counter() - t0
    reader.join(timeout=10)
    return Measured(seconds, peak / 2**20, proc.returncode, "".join(chunks), peak_pss / 2**20)
