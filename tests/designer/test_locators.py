"""Journeys name what users hear: `name:` finds any element by its accessible name (label, aria-label,
title, a group's legend), and `choose` with `css` either uses its option or refuses it clearly."""

from __future__ import annotations

import pytest

from journey_audit.actions import REGISTRY
from journey_audit.actions.base import StepContext, StepSyntaxError

pytestmark = pytest.mark.e2e

FORM = """<!DOCTYPE html><html lang="en"><body><main>
<label for="q">Search this site</label><input id="q">
<input id="ref" aria-label="Reference number">
<select id="often" title="How often do you visit?"><option value="">-</option><option>Every week</option></select>
<fieldset id="parks"><legend>Which park?</legend>
  <input type="radio" id="p1" name="park" value="river"><label for="p1">Riverside</label>
  <input type="radio" id="p2" name="park" value="hill"><label for="p2">Hill Gardens</label></fieldset>
</main></body></html>"""


def _run(page, action: str, raw):
    step = REGISTRY[action].parse(raw, 1)
    REGISTRY[action].run(page, step, StepContext(base_url="", files_dir=".", timeout_ms=2000))


def test_name_finds_fields_by_aria_label_title_and_legend(page):
    page.set_content(FORM)
    _run(page, "fill", {"name": "Reference number", "value": "AB12"})
    _run(page, "select", {"name": "How often do you visit?", "option": "Every week"})
    _run(page, "choose", {"name": "Which park?", "option": "Hill Gardens"})
    assert page.input_value("#ref") == "AB12"
    assert page.eval_on_selector("#often", "s => s.value") == "Every week"
    assert page.is_checked("#p2")


def test_choose_with_css_uses_the_option_or_refuses_it(page):
    page.set_content(FORM)
    _run(page, "choose", {"css": "#parks", "option": "Riverside"})  # css picks the group: the option is used
    assert page.is_checked("#p1")
    _run(page, "choose", {"css": "#p2"})  # css picks the radio itself
    assert page.is_checked("#p2")
    with pytest.raises(LookupError, match="already picks one radio button.*remove 'option'"):
        _run(page, "choose", {"css": "#p1", "option": "Riverside"})
    with pytest.raises(LookupError, match="no option 'Nowhere'"):
        _run(page, "choose", {"css": "#parks", "option": "Nowhere"})
    with pytest.raises(StepSyntaxError):
        REGISTRY["choose"].parse({"label": "Which park?"}, 1)  # a question needs its option
