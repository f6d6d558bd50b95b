"""Screenshots of changed states only, each distinct picture stored once (browser/screens.py), in real Chromium."""

from __future__ import annotations

import pytest

from journey_audit.browser.screens import JourneyScreens

pytestmark = pytest.mark.e2e


def test_unchanged_step_reuses_identical_state_shares_changed_state_gets_its_own(page, demo, tmp_path):
    page.goto(demo.base_urls["brightwater"] + "/")
    screens = tmp_path / "run" / "screens" / "j"
    screens.mkdir(parents=True)
    shots = JourneyScreens(screens, tmp_path / "run")

    first = shots.shoot(page, 0, changed=True)
    assert first == "screens/j/00.jpg" and (screens / "00.jpg").stat().st_size > 1000

    assert shots.shoot(page, 1, changed=False) == first  # the step changed nothing: the picture before it
    assert not (screens / "01.jpg").exists()

    page.evaluate("document.body.insertAdjacentHTML('afterbegin', "
                  "'<h1 id=\"extra\" style=\"font-size:64px;background:#c00;color:#fff\">Something new</h1>')")
    changed = shots.shoot(page, 2, changed=True)
    assert changed == "screens/j/02.jpg"
    assert (screens / "02.jpg").read_bytes() != (screens / "00.jpg").read_bytes()

    page.evaluate("document.getElementById('extra').remove()")
    assert shots.shoot(page, 3, changed=True) == first  # the page looks as at step 0 again: one file for both
    assert sorted(p.name for p in screens.iterdir()) == ["00.jpg", "02.jpg"]
    assert (shots.taken, shots.reused) == (2, 2)


def test_a_page_that_cannot_be_photographed_gives_no_path(page, demo, tmp_path):
    page.goto(demo.base_urls["brightwater"] + "/")
    shots = JourneyScreens(tmp_path, tmp_path)
    page.close()
    assert shots.shoot(page, 0, changed=True) is None
