"""The library surface: what the CLI (and a notebook, or a CI script) calls.

    from journey_audit import run_journeys, load_journeys
    run = run_journeys(load_journeys(["journeys/"]), results_dir="results")
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime, timezone
from pathlib import Path

from journey_audit.browser.runner import RunOptions
from journey_audit.browser.session import BrowserSession
from journey_audit.browser.settings import (
    BrowserSettings,
    browser_lookup_ms,
    load_settings,
    resolve_executable,
)
from journey_audit.execution import STOP_GRACE_S, RunLoop, plan_for, stop_on_signals
from journey_audit.loader import load_journeys
from journey_audit.model import Journey, JourneyResult, RunResult
from journey_audit.storage.run_folder import RunWriter, StorageFull, file_stem, load_run

DEMO_JOURNEYS = Path(__file__).resolve().parent / "demo" / "journeys"

JourneyCallback = Callable[[Journey, JourneyResult], None]


def select(journeys: Iterable[Journey], councils: Sequence[str] = (), tasks: Sequence[str] = (),
           shard: tuple[int, int] | None = None) -> list[Journey]:
    """Filter by council and task ids; ``shard=(i, n)`` keeps a deterministic 1/n (1-based i)."""
    chosen = [j for j in journeys if (not councils or j.council_id in councils) and (not tasks or j.task in tasks)]
    chosen.sort(key=lambda j: j.key)
    if shard:
        index, total = shard
        chosen = [j for n, j in enumerate(chosen) if n % total == index - 1]
    return chosen


def run_journeys(journeys: Sequence[Journey], *, results_dir: str | Path = "results",
                 options: RunOptions | None = None, workers: int = 2,
                 settings: BrowserSettings | None = None, meta: dict | None = None,
                 on_start: Callable[[Journey], None] | None = None,
                 on_done: JourneyCallback | None = None,
                 on_stop: Callable[[str], None] | None = None,
                 handle_signals: bool = True, stop_grace_s: float = STOP_GRACE_S,
                 session: BrowserSession | None = None) -> RunResult:
    """Replay journeys, ``workers`` at a time (at most ``options.per_host`` on one site), writing each result
    as soon as it finishes.

    ``session``: a browser already open (a ``BrowserSession`` of the calling thread: Playwright's sync API is
    bound to the thread that started it), so many short runs share one browser instead of starting one each.
    The journeys are then replayed one at a time on the calling thread (``workers`` is not used), each in its
    own fresh context as always, and the session is left open for the caller to close.

    Every journey gets a result (see journey_audit/execution.py). With ``handle_signals`` (main thread only),
    SIGINT/SIGTERM stop the run: the returned run has status ``interrupted`` and ``stop_signal``.
    A full disk stops the run too; then ``StorageFull`` is raised, after the finished journeys are kept.
    """
    from journey_audit.timing import ms_since_process_start

    startup = {"imports": ms_since_process_start()}  # interpreter, imports, arguments, journey files
    options = options or RunOptions()
    settings = settings or load_settings()
    resolve_executable(settings)  # fail before the run folder exists if there is no browser
    startup["browser_resolution"] = browser_lookup_ms()  # whenever this process looked (the command may have)
    startup["text_libraries"] = _load_text_libraries_ms()
    writer = RunWriter(Path(results_dir), {
        "journey_count": len(journeys),
        "planned": [plan_for(j, options) for j in journeys],  # so a killed run can say what never ran
        "allow_submit": options.allow_submit,
        "viewport": options.viewport or settings.default_viewport,
        "politeness": {"per_host": options.per_host, "host_delay_s": options.host_delay_s,
                       "respect_robots": options.respect_robots},
        "startup_ms": startup,  # where the run's first seconds went; browser_launch is added per worker
        "mode": run_mode(journeys, options),
        **(meta or {}),
    })

    def started(journey: Journey) -> None:
        startup.setdefault("first_journey", ms_since_process_start())  # written with the next journey's line
        if on_start:
            on_start(journey)

    loop = RunLoop(journeys, writer, options, settings, workers, on_start=started, on_done=on_done,
                   on_stop=on_stop, grace_s=stop_grace_s, session=session)
    with stop_on_signals(loop) if handle_signals else contextlib.nullcontext():
        try:
            loop.run()
        except BaseException:  # KeyboardInterrupt where no handler could be installed, or a bug here
            loop.stop.request("interrupted")
            loop.finish()
            raise
        loop.finish()
    fault = loop.stop.storage_fault
    if fault is not None:
        kept = len(loop.writer.meta["journeys"]) - sum(1 for j in loop.writer.meta["journeys"]
                                                      if j.get("outcome") == "not_run")
        raise StorageFull(f"{fault}. Stopped: {kept} finished journey(s) kept in {writer.folder}") from None
    return load_run(Path(results_dir), writer.run_id)


def _load_text_libraries_ms() -> float:
    """Milliseconds spent loading the content audit's text libraries (once per process; 0 when already loaded)."""
    import time

    from journey_audit.audits.content import load_text_libraries

    started = time.perf_counter()
    load_text_libraries()
    return round((time.perf_counter() - started) * 1000, 1)


def run_mode(journeys: Sequence[Journey], options: RunOptions) -> str:
    """``keyboard`` when every journey is replayed by keyboard, ``mouse`` when none is, else ``mixed``."""
    modes = {options.mode_for(j) for j in journeys} or {"keyboard" if options.keyboard else "mouse"}
    return modes.pop() if len(modes) == 1 else "mixed"


def validate(paths: Iterable[str | Path]) -> list[Journey]:
    """Check journey files without a browser; raises JourneyFileError listing every problem."""
    return load_journeys(paths)


MAX_SLUG = 80  # a check's council/task ids (and so its file names) stay short whatever the URL


def url_problem(url: str) -> str | None:
    """Why ``url`` cannot be checked as a page, or None."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return None if parts.scheme in ("http", "https") and parts.netloc else f"not an http(s) URL: {url!r}"


def journeys_for_urls(urls: Iterable[str]) -> list[Journey]:
    """Each URL becomes a one-step journey, so single pages are audited exactly like journeys.

    Ids are slugs of the host and the path. Two different URLs of one check that slug alike (``/A`` and
    ``/a``, ``/a/b`` and ``/a-b``) both get a short hash of their URL added, so neither overwrites the
    other; slugs longer than ``MAX_SLUG`` are cut and given the hash too. The same URL twice is checked once.
    """
    from urllib.parse import urlsplit

    pages: dict[str, tuple[str, str]] = {}
    for url in dict.fromkeys(urls):
        parts = urlsplit(url)
        problem = url_problem(url)
        if problem:
            raise ValueError(problem)
        host = _slug(parts.netloc, url)
        page = _slug(parts.path + ("-" + parts.query if parts.query else ""), url) or "home"
        pages[url] = (host, page)
    seen: dict[tuple[str, str], int] = {}
    for ids in pages.values():
        seen[ids] = seen.get(ids, 0) + 1
    journeys: list[Journey] = []
    for url, (host, page) in pages.items():
        if seen[(host, page)] > 1:
            page = _slug(page + "-" + _url_hash(url), url)
        journeys.append(Journey(path=Path(url), council=host, council_id=host, task=page,
                                start=url, base_url=None, persona="default", steps=()))
    return journeys


def _url_hash(url: str) -> str:
    import hashlib

    return hashlib.sha256(url.encode("utf-8")).hexdigest()[:8]


def _slug(text: str, url: str) -> str:
    """Lower-case letters, digits and dashes; bounded, with the URL's hash when cut."""
    import re

    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    if len(slug) <= MAX_SLUG:
        return slug
    return slug[:MAX_SLUG - 9].rstrip("-") + "-" + _url_hash(url)


def rescore(results_dir: str | Path = "results", run: str = "latest", profile: dict | None = None) -> RunResult:
    """Re-audit and re-score a stored run from its saved artifacts: no browser needed."""
    return reassess(results_dir, run, profile, note="rescored")


def reassess(results_dir: str | Path, run: str, profile: dict | None = None,
             amend: Callable[[dict], None] | None = None, note: str | None = None) -> RunResult:
    """Re-audit every journey of a stored run, after ``amend`` has added facts to it (explore uses this)."""
    from journey_audit.pipeline import assess_journey
    from journey_audit.storage.atomic import write_json_atomic
    from journey_audit.storage.journey_file import write_journey
    from journey_audit.storage.run_folder import summary_of

    stored = load_run(Path(results_dir), run)
    for journey in stored.journeys:
        if amend:
            amend(journey.data)
        assess_journey(journey.data, profile)
        write_journey(stored.folder / "journeys" / f"{file_stem(journey.key)}.json", journey.data)
    by_key = {j.key: summary_of(j.data) for j in stored.journeys}
    # New judgements over the old lines, so facts about the run itself (write_ms) are kept.
    stored.meta["journeys"] = [{**s, **by_key.get(s.get("key"), {})} for s in stored.meta.get("journeys", [])]
    if note:
        versions = sorted({str((j.get("friction") or {}).get("profile_version")) for j in stored.journeys})
        stored.meta.setdefault(note, []).append({
            "at": datetime.now(timezone.utc).isoformat(timespec="seconds"), "profile_versions": versions})
    write_json_atomic(stored.folder / "run.json", stored.meta)
    return load_run(Path(results_dir), stored.run_id)


def explore(*args, **kwargs) -> RunResult:
    """Find each task from the council's home page, walk it, and replay the written journey (see docs/explore.md)."""
    from journey_audit.explore.replay import explore_and_replay

    return explore_and_replay(*args, **kwargs)
