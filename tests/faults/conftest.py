"""Fixtures for fault-injection tests (the hostile site itself is in fault_site.py)."""

from __future__ import annotations

import time

import pytest
from fault_site import SETTINGS, FaultSite, Handler, Replayed
from jsonschema import Draft202012Validator

import journey_audit as ja
from journey_audit.schema import result_schema


@pytest.fixture
def fault_site():
    sites: list[FaultSite] = []

    def make(routes: dict[tuple[str, str], Handler]) -> FaultSite:
        site = FaultSite(routes)
        sites.append(site)
        return site

    yield make
    for site in sites:
        site.close()


@pytest.fixture
def replay(tmp_path, shared_browser):
    """Write a journey YAML for ``site`` and run it through the library API (in the session's browser), timed."""

    def run(site: FaultSite, steps_yaml: str, *, start: str = "/", retries: int = 0, allow_submit: bool = False,
            step_timeout_s: float | None = None, journey_timeout_s: float | None = None) -> Replayed:
        path = tmp_path / "fault.yaml"
        path.write_text(f"council: Fault Council\ncouncil_id: fault\ntask: task\nstart: {start}\n"
                        f"base_url: {site.url}\nsteps:\n{steps_yaml}", encoding="utf-8")
        options = ja.RunOptions(axe=False, screenshots=False, retries=retries, allow_submit=allow_submit,
                                step_timeout_s=step_timeout_s, journey_timeout_s=journey_timeout_s)
        t0 = time.monotonic()
        run_result = shared_browser(SETTINGS).run_journeys(ja.load_journeys([path]),
                                                           results_dir=tmp_path / "results", options=options)
        seconds = time.monotonic() - t0
        assert len(run_result.journeys) == 1
        problems = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
                    for e in Draft202012Validator(result_schema()).iter_errors(run_result.journeys[0].data)]
        assert problems == []  # every fault is recorded in the documented schema
        return Replayed(run_result.journeys[0], seconds)

    return run
