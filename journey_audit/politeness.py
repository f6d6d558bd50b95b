"""Being gentle with sites at scale: at most N journeys per host at once, and a minimum gap between steps.

A *host* is the journey's start URL's host name with its port, without the scheme: ``http://a.gov.uk`` and
``https://a.gov.uk`` are one site (one server, one team to annoy), while two demo councils on different
ports of 127.0.0.1 are two sites (two servers). Default ports are dropped, so ``a.gov.uk:443`` is ``a.gov.uk``.

Both limits are per run (one process); shards on other machines do not see each other's load.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable
from typing import Generic, TypeVar
from urllib.parse import urlsplit

DEFAULT_PER_HOST = 2  # no more than a person with two tabs open
MAX_HOST_DELAY_S = 60.0  # a longer gap is a misunderstanding, and would stretch every wait past sense
WAIT_SLICE_S = 0.1  # how often a waiting worker looks at the run's stop signal

T = TypeVar("T")


class RunStopping(Exception):
    """Raised into a journey that was waiting for its turn when the run was told to stop."""

    error_kind = "interrupted"


def host_of(url: str) -> str:
    """``host[:port]``, lower case, scheme-less; the default port of the scheme is left out."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    try:
        port = parts.port
    except ValueError:
        port = None
    if port is None or port == {"http": 80, "https": 443}.get(parts.scheme):
        return host
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


class HostQueue(Generic[T]):
    """The run's to-do list, handing out only items whose host has fewer than ``per_host`` running.

    A worker whose first choice is on a full host takes the next item of another host; when every pending
    item's host is full it waits on a condition (in short slices, so a stop is seen within ``WAIT_SLICE_S``).
    Items keep their order within a host. ``done`` must be called once for each item ``take`` returned.
    """

    def __init__(self, items: Iterable[T], host: Callable[[T], str], per_host: int):
        if per_host < 1:
            raise ValueError("per_host must be at least 1")
        self.per_host = per_host
        self._host = host
        self._pending: list[tuple[str, T]] = [(host(item), item) for item in items]
        self._running: Counter[str] = Counter()
        self._cond = threading.Condition()
        self.peak: Counter[str] = Counter()  # the most journeys ever running at once on each host

    def take(self, stopped: Callable[[], bool], prefer: str | None = None) -> T | None:
        """The next item a worker may start now, waiting for a free slot; None when nothing is left or stopping.

        ``prefer``: a host whose next item goes first when it has a free slot (`check` reuses a worker's tab for
        the pages of one site, browser/reuse.py); the per-host limit holds all the same.
        """
        with self._cond:
            while not stopped():
                if not self._pending:
                    return None
                first = None
                if prefer is not None and self._running[prefer] < self.per_host:
                    first = next(((n, pair) for n, pair in enumerate(self._pending) if pair[0] == prefer), None)
                for n, (host, item) in [first] if first is not None else enumerate(self._pending):
                    if self._running[host] < self.per_host:
                        del self._pending[n]
                        self._running[host] += 1
                        self.peak[host] = max(self.peak[host], self._running[host])
                        return item
                self._cond.wait(WAIT_SLICE_S)
            return None

    def done(self, item: T) -> None:
        """The item's journey has ended: its host has a free slot again."""
        with self._cond:
            self._running[self._host(item)] -= 1
            self._cond.notify_all()

    def running(self) -> dict[str, int]:
        with self._cond:
            return {h: n for h, n in self._running.items() if n}


class HostPacer:
    """At least ``delay_s`` between the starts of two steps on one host, whichever workers run them.

    Each caller reserves the next free start time on the host, then sleeps until it (on the stop event, so a
    stop ends the wait at once). With ``per_host`` journeys on a host, a wait is at most ``per_host`` delays.
    """

    def __init__(self, delay_s: float, stop: threading.Event | None = None):
        if not 0 <= delay_s <= MAX_HOST_DELAY_S:
            raise ValueError(f"the host delay must be between 0 and {MAX_HOST_DELAY_S:g} seconds")
        self.delay_s = delay_s
        self.stop = stop or threading.Event()
        self._next_start: dict[str, float] = {}
        self._lock = threading.Lock()

    def wait_turn(self, host: str) -> float:
        """Block until this host may see the next step start; return the seconds waited.

        Raises ``RunStopping`` when the run is stopping, so the step is not started late into a shutdown.
        """
        if self.stop.is_set():
            raise RunStopping("the run was stopped while this journey waited for its turn on the host")
        if self.delay_s <= 0:
            return 0.0
        with self._lock:
            now = time.monotonic()
            start = max(now, self._next_start.get(host, now))
            self._next_start[host] = start + self.delay_s
        waited = start - now
        if waited > 0 and self.stop.wait(waited):
            raise RunStopping("the run was stopped while this journey waited for its turn on the host")
        return waited
