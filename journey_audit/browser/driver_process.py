"""Playwright's Node.js driver in its own session, so a Ctrl-C meant for journey-audit does not kill it; and
started with ``DRIVER_NODE_OPTIONS`` (a smaller V8 young generation: less memory per worker).

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
import subprocess
import threading
import types
from collections.abc import Mapping
from typing import Any

# Node.js options for Playwright's driver (and the shared browser's launch server). V8 lets each Node process's
# young generation grow to tens of MB; a driver only relays messages between journey-audit and Chromium, and
# 8 MB semi-spaces measured about 20 MB less per driver (75-90 MB less peak PSS at --workers 4) for the same
# CPU; 4 MB saved a little more but cost the drivers about 5% more CPU (docs/internals.md, "Memory"). $JOURNEY_AUDIT_DRIVER_NODE_OPTIONS replaces them (empty: Node's defaults); a
# NODE_OPTIONS of the user's that sets the same flag wins.
DRIVER_NODE_OPTIONS = "--max-semi-space-size=8"
DRIVER_NODE_OPTIONS_ENV = "JOURNEY_AUDIT_DRIVER_NODE_OPTIONS"

_live_drivers: set[int] = set()
_driver_of_thread: dict[int, int] = {}  # thread ident -> the pid of the driver that thread started last
_lock = threading.Lock()


class _AsyncioWithOwnSession(types.ModuleType):
    """``asyncio`` as Playwright's transport sees it: the same, except subprocesses start a new session."""

    def __getattr__(self, name: str) -> Any:
        return getattr(asyncio, name)

    @staticmethod
    async def create_subprocess_exec(*args: Any, **kwargs: Any) -> asyncio.subprocess.Process:
        if os.name == "posix":
            kwargs.setdefault("start_new_session", True)
        kwargs["env"] = with_node_options(kwargs.get("env"))
        process = await asyncio.create_subprocess_exec(*args, **kwargs)
        with _lock:
            _live_drivers.add(process.pid)
            _driver_of_thread[threading.get_ident()] = process.pid  # the sync API starts it on its own thread
        return process


def with_node_options(env: Mapping[str, str] | None = None) -> dict[str, str]:
    """``env`` (by default this process's) with the driver's Node options added to NODE_OPTIONS, each unless
    the user's NODE_OPTIONS sets that flag already."""
    env = dict(os.environ if env is None else env)
    current = env.get("NODE_OPTIONS", "")
    wanted = os.environ.get(DRIVER_NODE_OPTIONS_ENV, DRIVER_NODE_OPTIONS).split()
    extra = [option for option in wanted if option.split("=", 1)[0] not in current]
    if extra:
        env["NODE_OPTIONS"] = " ".join([current, *extra]).strip()
    return env


def node_options_problem(timeout_s: float = 20.0) -> str | None:
    """Why Node.js refuses (or hangs on) the driver's NODE_OPTIONS, or None (accepted, or nothing to check).

    A NODE_OPTIONS Node does not allow (a typo in ``$JOURNEY_AUDIT_DRIVER_NODE_OPTIONS``) stops every driver at
    start: each journey would come out ``broken`` ("Connection closed while reading from the driver"). Checked
    once, before a run, with the driver's own Node, only when the user set either variable (ours are known good).
    """
    if DRIVER_NODE_OPTIONS_ENV not in os.environ and "NODE_OPTIONS" not in os.environ:
        return None
    try:
        from playwright._impl._driver import compute_driver_executable, get_driver_env

        node = compute_driver_executable()[0]
        env = with_node_options(get_driver_env())
        done = subprocess.run([node, "-e", ""], env=env, capture_output=True, text=True, timeout=timeout_s,
                              stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:  # e.g. --inspect-brk: every driver would wait for a debugger, for ever
        return (f"Node.js with the options of Playwright's driver (NODE_OPTIONS={env.get('NODE_OPTIONS', '')!r}, "
                f"from ${DRIVER_NODE_OPTIONS_ENV} and $NODE_OPTIONS) did not even run an empty script in "
                f"{timeout_s:g} s (does an option wait for a debugger?). Fix or unset ${DRIVER_NODE_OPTIONS_ENV}")
    except Exception:  # noqa: BLE001 - no Node to ask: the run itself will say what is wrong
        return None
    if done.returncode == 0:
        return None
    said = [line.strip() for line in done.stderr.splitlines() if line.strip()]
    # Node's own words: an "Error: ..." line (a bad value, a module --require cannot find), else the first line
    # it wrote about itself ("<node>: --x is not allowed in NODE_OPTIONS"), not the stack or its version after.
    reason = next((line for line in said if line.startswith("Error")), None) or next(
        (line.removeprefix(f"{node}: ") for line in said if line.startswith(f"{node}: ")),
        said[-1] if said else f"exit status {done.returncode}")
    reason = reason.rstrip(".")
    return (f"Node.js refuses the options of Playwright's driver (NODE_OPTIONS={env.get('NODE_OPTIONS', '')!r}, "
            f"from ${DRIVER_NODE_OPTIONS_ENV} and $NODE_OPTIONS): {reason}. Fix or unset "
            f"${DRIVER_NODE_OPTIONS_ENV} (empty: Node's defaults)")


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


def driver_started_here() -> int | None:
    """The pid of the driver the calling thread started last (None without the patch above)."""
    with _lock:
        return _driver_of_thread.get(threading.get_ident())


def kill_driver(pid: int) -> bool:
    """End one driver and the browsers it launched, at once, from any thread: the last resort for a worker
    whose Playwright call never returns (its pending calls then fail, and the worker is free)."""
    if not _is_driver(pid):
        return False
    for child in _children(pid):
        try:
            os.killpg(child, signal.SIGKILL)  # Chromium leads a process group of its own: its renderers too
        except OSError:
            try:
                os.kill(child, signal.SIGKILL)
            except OSError:
                pass  # gone already
    try:
        os.kill(pid, signal.SIGKILL)
    except OSError:
        return False
    with _lock:
        _live_drivers.discard(pid)
    return True


def _children(pid: int) -> list[int]:
    found = []
    try:
        entries = os.listdir("/proc")
    except OSError:
        return found
    for entry in entries:
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as fh:
                fields = fh.read().rsplit(b")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if len(fields) > 1 and int(fields[1]) == pid:
            found.append(int(entry))
    return found
