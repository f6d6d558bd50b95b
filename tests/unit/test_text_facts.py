"""Dead-end evidence snippets: whole words, with a visible mark where the page's text was cut."""

from __future__ import annotations

import re

from journey_audit.probes.text_facts import snippet

PAGE = ("You can apply for up to 12 months. A maximum of 2 permits per household may be issued. You will need to "
        "register for a My Account before you can apply online.")


def test_snippet_keeps_whole_words_and_marks_cuts():
    got = snippet(re.compile("register for a My Account"), PAGE, 30)
    assert got.startswith("… ") and "register for a My Account" in got
    assert got.split()[1] in PAGE.split()  # the first word shown is a whole word of the page
    assert got.endswith("apply online.")  # the end of the text is not marked as cut


def test_short_text_is_whole_and_no_match_is_empty():
    assert snippet(re.compile("apply"), "You can apply", 30) == "You can apply"
    assert snippet(re.compile("phone"), PAGE, 30) == ""
