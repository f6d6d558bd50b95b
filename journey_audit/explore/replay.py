"""Explore, write the journeys, and replay them with the ordinary runner (nothing is measured twice over).

The explored journey is written to a file (``--write-journey`` or the run's own ``explored/`` folder),
loaded by the normal loader and replayed by the normal runner; the findability facts are then added
to each result (``source: explored``) and the run is re-audited, so they count in its score.
"""

from __future__ import annotations

import tempfile
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from journey_audit.audits.detectors.not_findable import detect_journey as not_findable
from journey_audit.browser.runner import RunOptions
from journey_audit.browser.session import BrowserSession
from journey_audit.browser.settings import BrowserSettings, load_settings, resolve_executable
from journey_audit.explore.core import Exploration, ExploreBounds, explore_task
from journey_audit.explore.vocabulary import TaskVocabulary
from journey_audit.model import RunResult


@dataclass(frozen=True)
class Target:
    """One council x task to explore."""

    council: str
    council_id: str
    home_url: str
    vocab: TaskVocabulary
    base_url: str | None = None  # what the written journey says (the demo's default port); default: the home's origin


def journey_path(write_to: Path, target: Target, single: bool) -> Path:
    """``--write-journey FILE.yaml`` for one pair, else ``DIR/<council_id>/<task>.yaml``."""
    if single and write_to.suffix in (".yaml", ".yml"):
        return write_to
    return write_to / target.council_id / f"{target.vocab.task}.yaml"


def amend_with(explorations: dict[str, Exploration], kept: dict[str, Path]) -> Callable[[dict], None]:
    """Add explore's facts to a replayed journey; a task nobody could find ends as not_findable."""
    def amend(data: dict[str, Any]) -> None:
        key = f"{data['council_id']}--{data['task']}"
        found = explorations.get(key)
        if found is None:
            return
        data["source"] = "explored"
        if key in kept:
            data["journey_path"] = str(kept[key])  # the scratch copy replayed is gone; this one stays
        data["exploration"] = found.facts
        dead = not_findable(data)
        if dead:
            data["outcome"] = "dead_end"
            data["outcome_reason"] = dead[0]
    return amend


def in_own_thread(work: Callable[[], None]) -> None:
    """Run browser work in a thread of its own, as runs do: Playwright's sync API refuses to start in a thread
    whose asyncio loop is running (a notebook, or a pytest session that already uses pytest-playwright)."""
    failure: list[BaseException] = []

    def target() -> None:
        try:
            work()
        except BaseException as exc:  # handed to the caller's thread below
            failure.append(exc)

    thread = threading.Thread(target=target, name="journey-explore", daemon=True)
    thread.start()
    while thread.is_alive():
        thread.join(timeout=0.2)  # short joins keep Ctrl-C responsive
    if failure:
        raise failure[0]


def explore_and_replay(targets: Sequence[Target], *, results_dir: str | Path = "results",
                       write_to: str | Path | None = None, options: RunOptions | None = None,
                       bounds: ExploreBounds | None = None, settings: BrowserSettings | None = None,
                       meta: dict | None = None, on_explored: Callable[[Exploration], None] | None = None,
                       replay: Callable[..., RunResult] | None = None) -> RunResult:
    from journey_audit.api import reassess, run_journeys
    from journey_audit.loader import load_journeys

    options = options or RunOptions()
    settings = settings or load_settings()
    resolve_executable(settings)
    explorations: dict[str, Exploration] = {}

    def explore_all() -> None:
        session = BrowserSession(settings)
        try:
            for target in targets:
                found = explore_task(session, target.home_url, target.vocab, council=target.council,
                                     council_id=target.council_id, base_url=target.base_url, bounds=bounds,
                                     # The walk never presses the final button: the replay below does, once,
                                     # and only with --allow-submit (a real report must never be filed twice).
                                     allow_submit=False, viewport=options.viewport)
                explorations[found.key] = found
                if on_explored:
                    on_explored(found)
        finally:
            session.close()

    in_own_thread(explore_all)
    with tempfile.TemporaryDirectory(prefix="journey-audit-explore-") as scratch:
        folder = Path(write_to) if write_to else Path(scratch)
        paths = []
        for target in targets:
            path = journey_path(folder, target, single=len(targets) == 1)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(explorations[f"{target.council_id}--{target.vocab.task}"].journey_text, encoding="utf-8")
            paths.append(path)
        journeys = load_journeys(paths)
        run_meta = {"source": "explored", "explored_journeys": [str(p) for p in paths] if write_to else None,
                    **(meta or {})}
        run = (replay or run_journeys)(journeys, results_dir=results_dir, options=options, settings=settings,
                                       meta=run_meta)
        kept: dict[str, Path] = {}
        for path, target in zip(paths, targets, strict=True):
            copy = run.folder / "explored" / target.council_id / f"{target.vocab.task}.yaml"
            copy.parent.mkdir(parents=True, exist_ok=True)
            copy.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
            if not write_to:
                kept[f"{target.council_id}--{target.vocab.task}"] = copy
    return reassess(results_dir, run.run_id, amend=amend_with(explorations, kept))
