"""timeout: the step timed out. Blocking when a page never loaded; a locator wait that timed out is
more likely a changed page or script (the runner then calls the journey broken)."""

from __future__ import annotations

import re

from .facts import PageFacts

KIND = "timeout"
_TIMEOUT = re.compile(r"time(d)? ?out|timeout", re.I)
_LOADING = re.compile(r"goto|navigat|wait_for_load|load state|networkidle|waiting for url|net::ERR_TIMED_OUT", re.I)


def detect(facts: PageFacts, found: list[dict]) -> dict | None:
    if facts.error_kind and facts.error_kind != "timeout":
        return None  # the runner knows: an element the script looked for never appeared (not the site's fault)
    if not _TIMEOUT.search(facts.error):
        return None
    return {"blocking": bool(_LOADING.search(facts.error)), "text": facts.error.splitlines()[0][:240]}
