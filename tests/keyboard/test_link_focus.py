"""Focus visibility on links (WCAG F78): `a:focus { outline: none }` on menu links shows nothing, although
Chromium's own stylesheet still changes the links' outline-offset on focus; a link with the browser's focus
ring shows focus. Expected before running: the two menu links are in not_visible with evidence, the page's
link is reached with a visible focus.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.e2e


def test_menu_links_with_outline_none_show_no_focus_and_the_page_link_does(keyboard_replay):
    journey, _ = keyboard_replay("/link-outline-none.html", "  - click: Report a missed bin\n")
    start, facts = (s["keyboard"] for s in journey["steps"])  # the start page's first Tab looks for a skip link
    assert facts["reached"] is True
    not_visible = start["not_visible"] + facts["not_visible"]
    assert [n["name"] for n in not_visible] == ["Bins", "Parking"]
    assert all(n["evidence"] for n in not_visible)
    assert [(s["name"], s["focus_visible"]) for s in facts["stops"]][-1] == ("Report a missed bin", True)
