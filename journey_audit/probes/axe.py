"""Accessibility facts from axe-core (shipped by axe-playwright-python), time-boxed per step.

axe is injected once per document (skipped when ``window.axe`` already exists) and raced against
``ProbeOptions.axe_budget_s``; a run over budget is recorded as ``{"cut": true}``.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from .base import Probe, ProbeContext

AXE_RUN_JS = Path(__file__).with_name("axe_run.js")


@cache
def axe_source() -> str:
    """The axe-core bundle; imported lazily so the package works without the extra installed."""
    from axe_playwright_python.base import AXE_SCRIPT

    return AXE_SCRIPT


@cache
def _run_script() -> str:
    return AXE_RUN_JS.read_text(encoding="utf-8")


def collect(ctx: ProbeContext) -> dict:
    if not ctx.options.axe:
        return {"skipped": True}
    page = ctx.page
    if not page.evaluate("() => typeof window.axe === 'object' && typeof window.axe.run === 'function'"):
        page.evaluate(axe_source())
    opts = ctx.options
    return page.evaluate(
        _run_script(),
        {"budgetMs": int(opts.axe_budget_s * 1000), "maxNodes": opts.axe_max_nodes, "examples": opts.axe_examples},
    )


PROBE = Probe("axe", collect)
