"""Worker threads that replay a run's journeys, and how a run stops: nothing vanishes, nothing lies.

Every journey handed to a run ends up in the run folder exactly once:
- replayed: its result (``completed``, ``dead_end``, or ``broken`` for what the runner recorded);
- the worker hit an unexpected error: ``broken``, ``error.kind = internal_error`` with the error;
- the run stopped first (a signal, a full disk): ``not_run``, with why.

A run is ``finished`` only when every journey has its result; otherwise ``interrupted`` (a signal) or
``incomplete`` (a full disk, a worker that died), with ``stop_reason`` in run.json.

Signals: the first SIGINT/SIGTERM stops new journeys and gives running ones ``grace_s`` to finish; after
that they are ended (their Playwright driver is told to quit) and recorded as ``not_run``. A second
signal ends the process at once (after marking the run ``interrupted``), with exit code 128 + signal.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Literal

from journey_audit.browser.runner import RunOptions, journey_budget_s, replay_journey
from journey_audit.browser.session import BrowserSession
from journey_audit.browser.settings import BrowserSettings
from journey_audit.browser.shared import BrowserServer
from journey_audit.model import Journey, JourneyResult, plan_entry, unrun_record
from journey_audit.pipeline import record_expected_outcome
from journey_audit.politeness import HostPacer, HostQueue, RunStopping, host_of
from journey_audit.robots import RobotsBook, visited_urls
from journey_audit.storage.run_folder import ResultsError, RunWriter, StorageFull

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)
STOP_GRACE_S = 5.0  # how long running journeys may take to finish after the first signal
WORKER_THREAD_PREFIX = "journey-worker-"
# How long past its own budget a journey may hold its worker before the run gives up on that worker: covers a
# browser start, the watchdog's grace (it closes the browser 30 s after the context), closing, robots.txt.
OVERRUN_MARGIN_S = 120.0
# Error kinds of a journey killed under the runner by the interrupt (the driver got the signal too).
KILLED_KINDS = ("browser_crash", "site_unreachable")
# A journey stopped while it waited for its turn on the host (journey_audit/politeness.py), whatever stopped the run.
WAITING_KIND = RunStopping.error_kind


def exit_code_for(signum: int) -> int:
    """The shell's convention: 128 + signal number (130 for SIGINT, 143 for SIGTERM)."""
    return 128 + int(signum)


def longest_first(journeys: Sequence[Journey]) -> list[Journey]:
    """The order several workers take journeys in: most steps first (ties keep the given order).

    Taken in file order, a long journey that happens to come last runs alone at the end while the other workers
    have nothing left to do; started first, it overlaps the short ones (longest-processing-time-first, the
    classic rule for a short makespan). `check`'s pages have no steps, so their order is unchanged.
    """
    return sorted(journeys, key=lambda journey: -len(journey.steps))


@dataclass
class Running:
    """A journey a worker is replaying, and when the run stops waiting for that worker."""

    journey: Journey
    session: BrowserSession
    budget_s: float  # the journey's own budget (its watchdog's)
    give_up_at: float
    released: bool = False  # its place on the host was given back


@dataclass
class Stop:
    """Why the run is stopping, set once by a signal handler or a worker, read by everyone."""

    event: threading.Event = field(default_factory=threading.Event)
    signum: int | None = None
    reason: str | None = None
    storage_fault: StorageFull | None = None

    def request(self, reason: str, *, signum: int | None = None, fault: StorageFull | None = None) -> None:
        if self.event.is_set():
            return
        self.signum, self.reason, self.storage_fault = signum, reason, fault
        self.event.set()

    @property
    def requested(self) -> bool:
        return self.event.is_set()


class RunLoop:
    """Owns the queue, the workers and the bookkeeping of which journeys have a result yet.

    The queue hands a worker only a journey whose host has fewer than ``options.per_host`` journeys running
    (journey_audit/politeness.py); ``options.host_delay_s`` spaces the steps on one host across workers.
    """

    def __init__(self, journeys: Sequence[Journey], writer: RunWriter, options: RunOptions,
                 settings: BrowserSettings, workers: int,
                 on_start: Callable[[Journey], None] | None = None,
                 on_done: Callable[[Journey, JourneyResult], None] | None = None,
                 on_stop: Callable[[str], None] | None = None, grace_s: float = STOP_GRACE_S,
                 session: BrowserSession | None = None, overrun_margin_s: float | None = None):
        self.writer, self.options, self.settings = writer, options, settings
        self.session = session  # the caller's open browser: replay on the calling thread, leave it open
        self.on_start, self.on_done, self.on_stop = on_start, on_done, on_stop
        self.grace_s = grace_s
        self.overrun_margin_s = OVERRUN_MARGIN_S if overrun_margin_s is None else overrun_margin_s
        self.running: dict[threading.Thread, Running] = {}  # what each worker thread is replaying now
        self.abandoned: set[threading.Thread] = set()  # workers given up on: stuck in a call that never returned
        self.stop = Stop()
        self.start_urls = {j.key: str(plan_for(j, options)["start_url"]) for j in journeys}
        self.threads = [] if session is not None else [
            threading.Thread(target=self._work, name=f"{WORKER_THREAD_PREFIX}{n}", daemon=True)
            for n in range(max(1, min(workers, len(journeys) or 1)))]
        order = longest_first(journeys) if len(self.threads) > 1 else list(journeys)
        self.todo: HostQueue[Journey] = HostQueue(order, self.host, options.per_host)
        self.pacer = HostPacer(options.host_delay_s, self.stop.event)
        if options.host_delay_s > 0:
            self.options = dataclasses.replace(options, before_step=lambda j: self.pacer.wait_turn(self.host(j)))
        self.robots = RobotsBook(settings.user_agent_suffix)
        self.unrecorded: dict[str, Journey] = {j.key: j for j in journeys}  # no result written yet
        self.accepting = True  # False once the run is being closed: late results are dropped
        self.worker_errors: list[str] = []
        self._lock = threading.Lock()
        # --browser-per run: one Chromium for every worker (started when the run starts, again if it dies)
        self.server = BrowserServer(settings) if settings.browser_per == "run" and not settings.browser_endpoint \
            and session is None else None

    def host(self, journey: Journey) -> str:
        """The site a journey loads, for the per-host limits: its start URL's host and port."""
        return host_of(self.start_urls.get(journey.key) or journey.start)

    # ---- worker side -------------------------------------------------------------------------------

    def _work(self) -> None:
        session: BrowserSession | None = self.session
        try:
            session = session or (BrowserSession(self.settings) if self.server is None else
                                  BrowserSession(self.settings, server=self.server))
            last_host = None  # `check` (reuse_tabs): the next page of the site this worker's tab is on goes first
            me = threading.current_thread()
            while not self.stop.requested and me not in self.abandoned:
                journey = self.todo.take(lambda: self.stop.requested,  # waits while its host is full
                                         prefer=last_host if self.options.reuse_tabs else None)
                if journey is None:
                    return
                last_host = self.host(journey)
                running = self._started(me, journey, session)
                try:
                    result = self._replay(journey, session)
                finally:
                    self._release(me, running)
                if result is not None:
                    self._record(journey, result)
        except Exception as exc:  # outside any one journey (the session itself): the finish records the rest
            with self._lock:
                self.worker_errors.append(_describe(exc))
        finally:
            if session is not None and session is not self.session:
                with contextlib.suppress(Exception):
                    session.close()

    def _started(self, thread: threading.Thread, journey: Journey, session: BrowserSession) -> Running:
        budget_s = journey_budget_s(journey, self.options)
        running = Running(journey, session, budget_s, time.monotonic() + budget_s + self.overrun_margin_s)
        with self._lock:
            self.running[thread] = running
        return running

    def _release(self, thread: threading.Thread, running: Running) -> None:
        """Give the journey's place on its host back, once (the worker, or the run giving up on it)."""
        with self._lock:
            if running.released:
                return
            running.released = True
            if self.running.get(thread) is running:
                del self.running[thread]
        self.todo.done(running.journey)

    def _replay(self, journey: Journey, session: BrowserSession) -> JourneyResult | None:
        """One journey's result; a bug or a failure outside the runner's own handling becomes ``broken``."""
        try:
            if self.on_start:
                self.on_start(journey)
            skipped = self._robots_skip(journey)
            if skipped is not None:
                return skipped
            result = replay_journey(journey, session, self.options, self.writer.screens_dir(journey.key),
                                    self.writer.folder)
            record_expected_outcome(result.data, journey.expect_outcome)  # judged after the replay, as rescore does
            result.data["robots"] = self._robots_facts(result.data)
        except StorageFull as exc:
            self.stop.request(str(exc), fault=exc)
            return None
        except Exception as exc:
            result = self._unrun(journey, "broken", "internal_error", _describe(exc))
        kind = (result.get("error") or {}).get("kind")
        if self.stop.requested and result.outcome == "broken" \
                and (kind == WAITING_KIND or (self.stop.signum is not None and kind in KILLED_KINDS)):
            # The browser went down with the interrupt, or the journey was waiting for its turn: it did not really run.
            result = self._unrun(journey, "not_run", self._stop_kind(), f"not run: {self.stop.reason} while it ran")
        return result

    def _stop_kind(self) -> str:
        return "interrupted" if self.stop.signum is not None else "storage_full"

    def _robots_facts(self, data: dict) -> dict[str, object]:
        """What robots.txt says about the pages the journey visited; a surprise here never costs the result."""
        try:
            return self.robots.facts(data["start_url"], visited_urls(data))
        except Exception as exc:
            return {"checked": False, "agent": self.robots.agent, "source": None, "status": None,
                    "error": _describe(exc), "disallowed": []}

    def _robots_skip(self, journey: Journey) -> JourneyResult | None:
        """With ``respect_robots``: a journey whose start URL robots.txt disallows is recorded, not replayed."""
        if not self.options.respect_robots:
            return None
        start_url = self.start_urls[journey.key]
        if not self.robots.disallows(start_url):
            return None
        result = self._unrun(journey, "not_run", "robots_disallowed",
                             f"not run: {self.robots.file_for(start_url).url} disallows {start_url} for "
                             f"{self.robots.agent}, and --respect-robots was given")
        result.data["robots"] = self.robots.facts(start_url, [start_url])
        return result

    def _record(self, journey: Journey, result: JourneyResult) -> None:
        """Write a result unless the run has closed; a journey is claimed first so it is written once."""
        with self._lock:
            if not self.accepting or self.unrecorded.pop(journey.key, None) is None:
                return  # cut off by the end of the grace period: already recorded as not_run
        try:
            self._write(journey, result)
            if isinstance(self.writer.fault, StorageFull):  # kept, but run.json could not follow: stop
                self.stop.request(str(self.writer.fault), fault=self.writer.fault)
        except ResultsError as exc:
            with self._lock:
                self.unrecorded[journey.key] = journey  # the finish records it, or counts it missing
                if not isinstance(exc, StorageFull):
                    self.worker_errors.append(str(exc))
            if isinstance(exc, StorageFull):
                self.stop.request(str(exc), fault=exc)
            return
        if self.on_done:
            with contextlib.suppress(Exception):  # a progress display must never lose a journey
                self.on_done(journey, result)

    def _write(self, journey: Journey, result: JourneyResult) -> None:
        try:
            self.writer.add(result)
        except StorageFull:
            raise
        except ResultsError as exc:  # not the disk being full (a permission, a name): still say it broke
            self.writer.add(self._unrun(journey, "broken", "internal_error", str(exc)))

    def plan(self, journey: Journey) -> dict[str, object]:
        return plan_for(journey, self.options)

    def _unrun(self, journey: Journey, outcome: Literal["broken", "not_run"], kind: str,
               message: str) -> JourneyResult:
        return JourneyResult(unrun_record(self.plan(journey), outcome, kind=kind, message=message))

    # ---- main-thread side --------------------------------------------------------------------------

    def run(self) -> None:
        """Start the workers and wait for them, or for the end of the grace period after a stop."""
        if self.session is not None:  # the caller's browser belongs to this thread: one worker, right here
            try:
                self._work()
            finally:
                if self.options.reuse_tabs:  # `check`'s reused tab is this run's, not the caller's to keep
                    from journey_audit.browser.reuse import tab_pool

                    tab_pool(self.session).drop()
            return
        try:
            if self.server is not None:
                # Started before the workers, so no journey's first step pays for it; if it fails here, each
                # worker tries again and its journeys record why.
                with contextlib.suppress(Exception):
                    self.server.endpoint()
            self._run_workers()
        finally:
            if self.server is not None:
                self.server.close()  # after the workers, or when they are cut off: their pages end with it

    def _run_workers(self) -> None:
        for t in self.threads:
            t.start()
        deadline: float | None = None
        while any(t.is_alive() and t not in self.abandoned for t in self.threads):
            for t in self.threads:
                if t not in self.abandoned:
                    t.join(timeout=0.1)  # short joins keep signal handlers responsive
            self._give_up_on_stuck_workers()
            if self.stop.requested and deadline is None:
                deadline = time.monotonic() + self.grace_s
                if self.on_stop and self.stop.signum is not None:
                    running = sum(1 for t in self.threads if t.is_alive())
                    self.on_stop(f"{self.stop.reason}: stopping; waiting up to {self.grace_s:g} s for "
                                 f"{running} running journey(s) (signal again to quit at once)")
            if deadline is not None and time.monotonic() > deadline:
                self._end_running_journeys()
                break

    def _give_up_on_stuck_workers(self) -> None:
        """A worker still on a journey long after the journey's budget is stuck where no watchdog reaches (the
        driver or the browser no longer answering): record the journey, end that worker's driver and browser,
        and let a new worker take the rest of the queue. The run always ends, whatever hangs."""
        now = time.monotonic()
        with self._lock:
            stuck = [(t, r) for t, r in self.running.items() if now > r.give_up_at and t not in self.abandoned]
        for thread, running in stuck:
            self.abandoned.add(thread)
            with contextlib.suppress(Exception):
                running.session.end_driver()
            self._release(thread, running)
            self._record(running.journey, self._unrun(
                running.journey, "broken", "worker_stuck",
                f"the worker replaying it was still busy {self.overrun_margin_s:g} s after the journey's "
                f"{running.budget_s:g} s budget, where no deadline could end it; its browser was ended"))
            if not self.stop.requested:
                replacement = threading.Thread(target=self._work, name=f"{WORKER_THREAD_PREFIX}{len(self.threads)}",
                                               daemon=True)
                self.threads.append(replacement)
                replacement.start()

    def _end_running_journeys(self) -> None:
        """Grace is over: quit the workers' Playwright drivers so their journeys end now, not later."""
        from journey_audit.browser.driver_process import end_drivers

        with self._lock:
            self.accepting = False  # whatever they produce now is too late
        end_drivers()
        until = time.monotonic() + 3.0
        for t in self.threads:
            t.join(timeout=max(0.0, until - time.monotonic()))

    def finish(self, *, blocking: bool = True) -> str:
        """Record every journey without a result, seal the run, and return its status.

        ``blocking=False`` is for a signal handler, which may have interrupted this very thread inside the
        writer: it waits at most a second for each lock instead of deadlocking.
        """
        wait = None if blocking else 1.0
        if not self._lock.acquire(timeout=-1 if wait is None else wait):
            self.writer.finish("interrupted", timeout=wait)
            return "interrupted"
        try:
            self.accepting = False
            leftover = list(self.unrecorded.values())
            self.unrecorded.clear()
        finally:
            self._lock.release()
        if self.stop.requested:
            records = [self._unrun(j, "not_run", self._stop_kind(), f"not run: {self.stop.reason}") for j in leftover]
        else:
            why = "; ".join(self.worker_errors) or "the worker replaying it stopped unexpectedly"
            records = [self._unrun(j, "broken", "internal_error", why) for j in leftover]
        if self.stop.storage_fault is not None:
            self.writer.release_reserve()  # room to close the run cleanly on a full disk
        written = 0
        for record in records:
            try:
                written += bool(self.writer.add(record, timeout=wait))
            except ResultsError:
                break  # still no room: run.json's count shows what is missing
        complete = written == len(records)
        if self.stop.signum is not None:
            status = "interrupted"
        elif self.stop.storage_fault is not None or not complete or self.worker_errors:
            status = "incomplete"
        else:
            status = "finished"
        details: dict[str, object] = {}
        if self.stop.reason:
            details["stop_reason"] = self.stop.reason
        if self.stop.signum is not None:
            details["stop_signal"] = signal.Signals(self.stop.signum).name
        if self.worker_errors:
            details["worker_errors"] = self.worker_errors
        try:
            self.writer.finish(status, timeout=wait, **details)
        except ResultsError:
            pass  # the disk is full even now: run.json keeps status "running", which is not "finished"
        return status


def plan_for(journey: Journey, options: RunOptions) -> dict[str, object]:
    try:
        start_url = journey.start_url(options.base_for(journey) or None)
    except ValueError:
        start_url = journey.start
    return {**plan_entry(journey, start_url), "mode": options.mode_for(journey)}


def _describe(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


@contextlib.contextmanager
def stop_on_signals(loop: RunLoop) -> Iterator[None]:
    """SIGINT and SIGTERM stop the run gracefully; a second one ends the process at once.

    Only in the main thread (Python delivers signals there), and not for a signal the caller ignores
    (a background job started with SIGINT ignored stays that way).
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handle(signum: int, _frame: object) -> None:
        if loop.stop.signum is not None:  # the second signal: no more waiting
            with contextlib.suppress(Exception):
                loop.finish(blocking=False)
            for stream in (sys.stdout, sys.stderr):
                with contextlib.suppress(Exception):
                    stream.flush()
            os._exit(exit_code_for(signum))
        loop.stop.request(f"interrupted by {signal.Signals(signum).name}", signum=signum)

    previous = {}
    for signum in STOP_SIGNALS:
        if signal.getsignal(signum) is not signal.SIG_IGN:
            previous[signum] = signal.signal(signum, handle)
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def workers_outlived_run() -> bool:
    """True when journey workers are still alive after their run returned (cut off by an interrupt).

    The process must then end with ``os._exit``: letting the interpreter shut down under a thread that is
    inside Playwright crashed it (exit 139).
    """
    return any(t.name.startswith(WORKER_THREAD_PREFIX) and t.is_alive() for t in threading.enumerate())
