"""Playwright's Node.js driver in its own session, so a Ctrl-C meant for journey-audit does not kill it.

A terminal sends SIGINT to the whole foreground process group. Playwright starts its driver in ours, so
Ctrl-C killed the driver at once and every journey still running or queued came out ``broken``
("Playwright connection closed") instead of finishing or being recorded as ``not_run``. Chromium is
already started in a process group of its own by the driver. With the driver in its own session only
journey-audit gets the signal and decides what stops; the driver still exits when journey-audit dies
(even by kill -9), because its stdin pipe closes.

Playwright has no option for this, so its transport module is given an ``asyncio`` whose
``create_subprocess_exec`` adds ``start_new_session=True``. If a Playwright release moves that module,
nothing is patched and the run still works, only without the protection (the interrupt handling in
``journey_audit.api`` then records journeys killed with the driver as ``not_run``).
"""

from __future__ import annotations

import asyncio
import os
import signal
import threading
import types
from typing import Any

_live_drivers: set[int] = set()
_lock = threading.Lock()


class _AsyncioWithOwnSession(types.ModuleType):
    """``asyncio`` as Playwright's transport sees it: the same, except subprocesses start a new session."""

    def __getattr__(self, name: str) -> Any:
        return getattr(asyncio, name)

    @staticmethod
    async def create_subprocess_exec(*args: Any, **kwargs: Any) -> asyncio.subprocess.Process:
        if os.name == "posix":
            kwargs.setdefault("start_new_session", True)
        process = await asyncio.create_subprocess_exec(*args, **kwargs)
        with _lock:
            _live_drivers.add(process.pid)
        return process


def isolate_driver_from_terminal_signals() -> bool:
    """Patch (once) how Playwright starts its driver; True when the protection is in place."""
    try:
        from playwright._impl import transport
    except ImportError:
        return False
    if isinstance(getattr(transport, "asyncio", None), _AsyncioWithOwnSession):
        return True
    if getattr(transport, "asyncio", None) is not asyncio:
        return False  # not the module layout this was written for: leave it alone
    transport.asyncio = _AsyncioWithOwnSession("asyncio")
    return True


def end_drivers() -> int:
    """Ask every driver this process started to shut down (it closes its browsers first); returns how many.

    Used when an interrupted run's grace period is over: the worker threads' pending Playwright calls then
    fail at once, so the threads end instead of outliving the run.
    """
    with _lock:
        pids = list(_live_drivers)
        _live_drivers.clear()
    ended = 0
    for pid in pids:
        if not _is_driver(pid):
            continue  # exited already (its id may belong to another program by now)
        try:
            os.kill(pid, signal.SIGTERM)
            ended += 1
        except OSError:
            pass  # already gone
    return ended


def _is_driver(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as fh:
            return b"run-driver" in fh.read()
    except OSError:
        return False  # gone, or no /proc: do not signal what cannot be recognised
