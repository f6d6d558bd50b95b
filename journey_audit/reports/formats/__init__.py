"""Output formats: one module per format, one registry line each (after pa11y's lib/reporters/*).

A format module defines ``NEEDS`` (the report parts it writes, see ``Report.parts``), ``render(report)``
returning text, and optionally ``emit(report, console)`` when it writes to the terminal itself. Adding a
format is one module plus one line in ``REGISTRY``; every command's ``--format`` offers it where it fits.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

from journey_audit.reports.document import Report
from journey_audit.reports.formats import csv, json, junit, markdown, table

REGISTRY: dict[str, ModuleType] = {
    "table": table,
    "csv": csv,
    "json": json,
    "markdown": markdown,
    "junit": junit,
}


def choices(parts: frozenset[str] | set[str]) -> list[str]:
    """Formats a command can offer, given the report parts it produces."""
    return [name for name, module in REGISTRY.items() if module.NEEDS <= frozenset(parts)]


def add_format_option(parser: Any, parts: frozenset[str] | set[str], default: str = "table") -> None:
    """The one ``--format`` option of compare, diff, history and gate."""
    names = choices(parts)
    parser.add_argument("--format", choices=names, default=default,
                        help=f"output format: {', '.join(names)} (default {default}); site text is escaped for "
                             "each format")


def render(report: Report, fmt: str) -> str:
    module = REGISTRY[fmt]
    missing = module.NEEDS - report.parts
    if missing:
        raise ValueError(f"{report.name} cannot be written as {fmt} (it has no {', '.join(sorted(missing))})")
    return module.render(report)


def emit(report: Report, fmt: str, console: Any) -> None:
    """Write ``report`` to the console (rich for the table format, plain text otherwise)."""
    module = REGISTRY[fmt]
    if hasattr(module, "emit"):
        module.emit(report, console)
    else:
        console.file.write(render(report, fmt))
