"""The library surface: what the CLI (and a notebook, or a CI script) calls.

    from journey_audit import run_journeys, load_journeys
    run = run_journeys(load_journeys(["journeys/"]), results_dir="results")
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime, timezone
from pathlib import Path

from journey_audit.browser.runner import RunOptions, replay_journey
from journey_audit.browser.session import BrowserSession
from journey_audit.browser.settings import BrowserSettings, load_settings, resolve_executable
from journey_audit.loader import load_journeys
from journey_audit.model import Journey, JourneyResult, RunResult
from journey_audit.pipeline import record_expected_outcome
from journey_audit.storage.run_folder import RunWriter, load_run

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


def _worker(todo: queue.Queue, options: RunOptions, settings: BrowserSettings, writer: RunWriter,
            results: list[JourneyResult], lock: threading.Lock, on_start: Callable[[Journey], None] | None,
            on_done: JourneyCallback | None) -> None:
    session = BrowserSession(settings)
    try:
        while True:
            try:
                journey = todo.get_nowait()
            except queue.Empty:
                return
            if on_start:
                on_start(journey)
            result = replay_journey(journey, session, options, writer.screens_dir(journey.key), writer.folder)
            record_expected_outcome(result.data, journey.expect_outcome)  # judged after the replay, as rescore does
            writer.add(result)
            with lock:
                results.append(result)
            if on_done:
                on_done(journey, result)
    finally:
        session.close()


def run_journeys(journeys: Sequence[Journey], *, results_dir: str | Path = "results",
                 options: RunOptions | None = None, workers: int = 2,
                 settings: BrowserSettings | None = None, meta: dict | None = None,
                 on_start: Callable[[Journey], None] | None = None,
                 on_done: JourneyCallback | None = None) -> RunResult:
    """Replay journeys, ``workers`` at a time, writing each result as soon as it finishes."""
    options = options or RunOptions()
    settings = settings or load_settings()
    resolve_executable(settings)  # fail before the run folder exists if there is no browser
    writer = RunWriter(Path(results_dir), {
        "journey_count": len(journeys),
        "allow_submit": options.allow_submit,
        "viewport": options.viewport or settings.default_viewport,
        **(meta or {}),
    })
    todo: queue.Queue[Journey] = queue.Queue()
    for journey in journeys:
        todo.put(journey)
    results: list[JourneyResult] = []
    lock = threading.Lock()
    threads = [threading.Thread(target=_worker, name=f"journey-worker-{n}", daemon=True,
                                args=(todo, options, settings, writer, results, lock, on_start, on_done))
               for n in range(max(1, min(workers, len(journeys) or 1)))]
    status = "interrupted"
    try:
        for t in threads:
            t.start()
        for t in threads:
            while t.is_alive():
                t.join(timeout=0.2)  # short joins keep Ctrl-C responsive
        status = "finished"
    finally:
        writer.finish(status)
    return load_run(Path(results_dir), writer.run_id)


def validate(paths: Iterable[str | Path]) -> list[Journey]:
    """Check journey files without a browser; raises JourneyFileError listing every problem."""
    return load_journeys(paths)


def journeys_for_urls(urls: Iterable[str]) -> list[Journey]:
    """Each URL becomes a one-step journey, so single pages are audited exactly like journeys."""
    import re
    from urllib.parse import urlsplit

    journeys: list[Journey] = []
    for url in urls:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError(f"not an http(s) URL: {url!r}")
        host = re.sub(r"[^a-z0-9]+", "-", parts.netloc.lower()).strip("-")
        page = re.sub(r"[^a-z0-9]+", "-", (parts.path + ("-" + parts.query if parts.query else "")).lower()).strip("-")
        journeys.append(Journey(path=Path(url), council=host, council_id=host, task=page or "home",
                                start=url, base_url=None, persona="default", steps=()))
    return journeys


def rescore(results_dir: str | Path = "results", run: str = "latest", profile: dict | None = None) -> RunResult:
    """Re-audit and re-score a stored run from its saved artifacts: no browser needed."""
    from journey_audit.pipeline import assess_journey
    from journey_audit.storage.atomic import write_json_atomic
    from journey_audit.storage.run_folder import summary_of

    stored = load_run(Path(results_dir), run)
    for journey in stored.journeys:
        assess_journey(journey.data, profile)
        write_json_atomic(stored.folder / "journeys" / f"{journey.key}.json", journey.data, compact=True)
    by_key = {j.key: summary_of(j.data) for j in stored.journeys}
    stored.meta["journeys"] = [by_key.get(s.get("key"), s) for s in stored.meta.get("journeys", [])]
    versions = sorted({str((j.get("friction") or {}).get("profile_version")) for j in stored.journeys})
    stored.meta.setdefault("rescored", []).append({
        "at": datetime.now(timezone.utc).isoformat(timespec="seconds"), "profile_versions": versions})
    write_json_atomic(stored.folder / "run.json", stored.meta)
    return load_run(Path(results_dir), stored.run_id)
