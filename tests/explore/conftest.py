"""One explore of every demo council x task (and one scripted run to compare with), shared by the tests."""

from __future__ import annotations

import pytest

from journey_audit.api import explore
from journey_audit.browser.runner import RunOptions
from journey_audit.demo.server import COUNCILS, DEFAULT_PORTS
from journey_audit.explore.replay import Target
from journey_audit.explore.vocabulary import load_vocabularies


def demo_targets(base_urls: dict[str, str], tasks=None, councils=None) -> list[Target]:
    vocab = load_vocabularies()
    return [Target(c.name, c.council_id, base_urls[c.council_id] + "/", vocab[t],
                   base_url=f"http://127.0.0.1:{DEFAULT_PORTS[c.council_id]}")
            for c in COUNCILS if councils is None or c.council_id in councils
            for t in sorted(vocab) if tasks is None or t in tasks]


@pytest.fixture(scope="session")
def explored(demo, tmp_path_factory):
    """``explore`` over the 12 demo pairs (axe off: outcomes and findability do not need it)."""
    results = tmp_path_factory.mktemp("explored") / "results"
    written = tmp_path_factory.mktemp("written")
    before = demo.submissions()
    run = explore(demo_targets(demo.base_urls), results_dir=results, write_to=written,
                  options=RunOptions(base_urls=dict(demo.base_urls), axe=False, retries=1))
    return run, written, demo.submissions() - before


@pytest.fixture(scope="session")
def scripted(demo_run):
    """The scripted run of every demo journey to compare with: the suite's shared `journey-audit run`
    (tests/conftest.py ``demo_run``; retries 1 as here), not a second run of the same journeys."""
    return demo_run[2]
