"""Several workers take the longest journeys first, so no long journey is left to run alone at the end."""

from __future__ import annotations

from journey_audit.api import DEMO_JOURNEYS
from journey_audit.browser.runner import RunOptions
from journey_audit.browser.settings import load_settings
from journey_audit.execution import RunLoop, longest_first, plan_for
from journey_audit.loader import load_journeys
from journey_audit.storage.run_folder import RunWriter

DEMO = load_journeys([DEMO_JOURNEYS])


def test_longest_first_orders_by_steps_and_keeps_the_file_order_of_ties():
    ordered = longest_first(DEMO)
    steps = [len(j.steps) for j in ordered]
    assert steps == sorted(steps, reverse=True)
    assert sorted(j.key for j in ordered) == sorted(j.key for j in DEMO), "every journey once"
    for a, b in zip(ordered, ordered[1:], strict=False):
        if len(a.steps) == len(b.steps):
            assert DEMO.index(a) < DEMO.index(b), "ties keep the order the journeys were given in"
    # Written down before running: the demo's two longest are mudford's parking permit and pothole report.
    assert [j.key for j in ordered[:2]] == ["mudford--apply-parking-permit", "mudford--report-pothole"]


def _handed_out(tmp_path, workers: int) -> list[str]:
    options = RunOptions(per_host=len(DEMO))  # no host is ever full: the queue's own order shows
    writer = RunWriter(tmp_path / f"results{workers}", {"journey_count": len(DEMO),
                                                        "planned": [plan_for(j, options) for j in DEMO]})
    loop = RunLoop(DEMO, writer, options, load_settings(), workers=workers)
    taken = []
    while (journey := loop.todo.take(lambda: False)) is not None:
        taken.append(journey.key)
    return taken


def test_a_run_with_several_workers_hands_out_the_longest_first_and_one_worker_keeps_file_order(tmp_path):
    assert _handed_out(tmp_path, workers=4) == [j.key for j in longest_first(DEMO)]
    assert _handed_out(tmp_path, workers=1) == [j.key for j in DEMO], "one worker: the order of the files"
