"""A phone run measures the phone: a fixed-width legacy page (Mudford, no viewport meta, 760 px tables)
gets reflow, target-size and viewport-meta findings in the phone run only; the responsive GOV.UK-style
page (Brightwater) gets no reflow finding in either. Expected before running: Mudford's highways page
lays out ~980 px wide at 320 px, its stacked 'Quick links' are ~16 px tall and 0 px apart."""

from __future__ import annotations

import pytest

from journey_audit import DEMO_JOURNEYS, RunOptions, load_journey

pytestmark = pytest.mark.e2e
PHONE_IDS = {"reflow-horizontal-scroll", "target-size-small", "viewport-meta-missing"}


@pytest.fixture(scope="module")
def runs(demo, tmp_path_factory, run_in_shared_browser):
    # Brightwater's pothole journey has a file upload too: a file input must shrink to a 320 px screen.
    journeys = [load_journey(DEMO_JOURNEYS / c / f"{task}.yaml")
                for c, task in (("mudford", "report-missed-bin"), ("brightwater", "report-pothole"))]
    out = {}
    for viewport in ("phone", "desktop"):
        run = run_in_shared_browser(journeys, results_dir=tmp_path_factory.mktemp(viewport),
                                    options=RunOptions(base_urls=dict(demo.base_urls), axe=False, viewport=viewport))
        out[viewport] = {j["council_id"]: j for j in run.journeys}
    return out


def _ids(journey) -> set[str]:
    return {f["id"] for f in journey["findings"]}


def test_legacy_page_gets_phone_findings_only_in_the_phone_run(runs):
    phone, desktop = runs["phone"]["mudford"], runs["desktop"]["mudford"]
    assert _ids(phone) >= PHONE_IDS
    assert not _ids(desktop) & (PHONE_IDS | {"text-clipped"})
    reflow = next(f for f in phone["findings"] if f["id"] == "reflow-horizontal-scroll")
    assert reflow["kind"] == "barrier" and any("no viewport meta" in e for e in reflow["evidence"])
    small = next(f for f in phone["findings"] if f["id"] == "target-size-small")
    assert small["kind"] == "barrier" and any("Parking" in e for e in small["evidence"])
    meta = next(f for f in phone["findings"] if f["id"] == "viewport-meta-missing")
    assert meta["kind"] == "advice"
    assert phone["friction"]["components"]["accessibility"]["score"] > 0
    assert desktop["friction"]["components"]["accessibility"]["score"] is None  # no axe, no phone checks


def test_responsive_page_reflows(runs):
    phone = runs["phone"]["brightwater"]
    assert phone["outcome"] == "completed"
    assert not _ids(phone) & {"reflow-horizontal-scroll", "viewport-meta-missing"}
    assert phone["metrics"]["phone_pages_checked"] >= 2


    assert not _ids(phone) & {"text-clipped"}, [f["evidence"] for f in phone["findings"] if f["id"] == "text-clipped"]
