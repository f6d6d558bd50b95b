"""journey-audit: measure how clunky online council services are, journey by journey.

Names are imported on first use (PEP 562), so ``import journey_audit`` is instant: the pytest plugin is
loaded by every pytest session once the package is installed, and must cost nothing unless enabled.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

__version__ = "0.1.0"

_LAZY = {
    "DEMO_JOURNEYS": "journey_audit.api", "run_journeys": "journey_audit.api", "select": "journey_audit.api",
    "validate": "journey_audit.api", "RunOptions": "journey_audit.browser.runner",
    "JourneyFileError": "journey_audit.loader", "load_journey": "journey_audit.loader",
    "load_journeys": "journey_audit.loader", "Journey": "journey_audit.model",
    "JourneyResult": "journey_audit.model", "RunResult": "journey_audit.model",
    "load_results": "journey_audit.results_api", "ResultsError": "journey_audit.storage.run_folder",
    "load_run": "journey_audit.storage.run_folder",
}

__all__ = sorted([*_LAZY, "step"])


def step(page: Any, name: str) -> None:
    """Mark a named step in a pytest-playwright test: audit the page as it is now, under ``name``.

    Does nothing (and costs nothing) unless pytest runs with ``--journey-audit`` (see README.md).
    """
    watcher = sys.modules.get("journey_audit.integrations.pytest_pages")
    if watcher is not None:
        watcher.checkpoint(page, name)


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'journey_audit' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY])
