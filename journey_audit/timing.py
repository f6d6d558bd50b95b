"""How long this process has been running, for the run's start-up timings (facts about the tool, never scored).

On Linux the kernel knows when the process started (``/proc/<pid>/stat``, in clock ticks since boot);
elsewhere the best estimate is since this module was first imported, which misses the interpreter's start.
"""

from __future__ import annotations

import os
import time

_IMPORTED = time.perf_counter()


def ms_since_process_start() -> float:
    """Milliseconds since this process started (to about 10 ms on Linux)."""
    try:
        with open(f"/proc/{os.getpid()}/stat", encoding="ascii") as fh:
            start_ticks = int(fh.read().rsplit(")", 1)[1].split()[19])
        age_s = time.clock_gettime(time.CLOCK_BOOTTIME) - start_ticks / os.sysconf("SC_CLK_TCK")
        if age_s >= 0:
            return round(age_s * 1000, 1)
    except (OSError, ValueError, IndexError, AttributeError):
        pass
    return round((time.perf_counter() - _IMPORTED) * 1000, 1)
