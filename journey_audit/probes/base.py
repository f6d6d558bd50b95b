"""What every probe shares: options, the probe record, and a per-step context.

The context evaluates ``dom_facts.js`` (with the snapshot probe's stripped HTML) at most once per step, so
the DOM probes together cost one page round trip.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

DOM_FACTS_JS = Path(__file__).with_name("dom_facts.js")
STRIPPED_HTML_JS = Path(__file__).with_name("stripped_html.js")


@dataclass(frozen=True)
class ProbeOptions:
    """Knobs for gathering; defaults suit a council page on a laptop."""

    axe: bool = True
    axe_budget_s: float = 10.0  # axe is cut (recorded as {"cut": true}) after this long
    axe_max_nodes: int = 50  # target selectors kept per axe rule (for unique counting)
    axe_examples: int = 3  # html snippets kept per axe rule
    max_links: int = 300
    max_fields: int = 200
    text_chars: int = 10000  # main text kept in the "content" artifact


@dataclass(frozen=True)
class Probe:
    """A named fact gatherer: ``collect(context) -> JSON-serialisable dict``."""

    name: str
    collect: Callable[[ProbeContext], dict]


@cache
def stripped_html_script() -> str:
    return STRIPPED_HTML_JS.read_text(encoding="utf-8")


@cache
def dom_facts_script() -> str:
    """dom_facts.js, plus the snapshot probe's stripped HTML (``stripped_html``, left out if it fails): one trip."""
    return (f"(opts) => {{ const facts = ({DOM_FACTS_JS.read_text(encoding='utf-8')})(opts);\n"
            f"try {{ facts.stripped_html = ({stripped_html_script()})(); }} catch (e) {{}}\nreturn facts; }}")


class ProbeContext:
    """One step's page plus the lazily gathered DOM facts shared by the DOM probes."""

    def __init__(self, page: Any, options: ProbeOptions) -> None:
        self.page = page
        self.options = options
        self._dom: dict | None = None
        self._dom_error: Exception | None = None
        self.dom_ms = 0.0  # time of the one dom_facts.js round trip, kept apart from the probe that asked first

    @property
    def dom(self) -> dict:
        """The dom_facts.js result; evaluated once, a failure re-raised for every DOM probe."""
        if self._dom is None and self._dom_error is None:
            started = time.perf_counter()
            try:
                self._dom = self.page.evaluate(
                    dom_facts_script(),
                    {"maxLinks": self.options.max_links, "maxFields": self.options.max_fields, "maxText": 20000},
                )
            except Exception as exc:  # noqa: BLE001 - a probe failure is data
                self._dom_error = exc
            self.dom_ms = (time.perf_counter() - started) * 1000
        if self._dom_error is not None:
            raise self._dom_error
        return self._dom or {}
