"""Fixtures for the HTML report tests: real small JPEGs and hand-made run folders (see report_fixtures)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from report_fixtures import FAKE_PAGES, standard_journeys, write_run


@pytest.fixture(scope="session")
def jpegs(browser) -> list[bytes]:
    """Small real JPEGs, made by screenshotting tiny pages (PIL is not installed)."""
    page = browser.new_page(viewport={"width": 640, "height": 400})
    shots = []
    for background, heading in FAKE_PAGES:
        page.set_content(
            f"<body style='margin:0;font:22px sans-serif;background:{background}'>"
            "<div style='background:#1d3557;color:#fff;padding:14px 20px'>Example Council</div>"
            f"<h1 style='margin:24px 20px'>{heading}</h1>"
            "<div style='margin:0 20px'><label>Postcode<br><input style='font-size:20px'></label></div>"
            "<button style='margin:20px;font-size:20px;background:#00703c;color:#fff;border:0;padding:8px 16px'>"
            "Continue</button></body>")
        shots.append(page.screenshot(type="jpeg", quality=55))
    page.close()
    return shots


@pytest.fixture
def make_run(tmp_path: Path, jpegs: list[bytes]) -> Callable[..., Path]:
    def make(run_id: str = "20261125-140000", journeys: list[dict] | None = None, **kw: Any) -> Path:
        return write_run(tmp_path / "results", run_id, standard_journeys() if journeys is None else journeys,
                         jpegs, **kw)
    return make


@pytest.fixture
def run_folder(make_run) -> Path:
    return make_run()
