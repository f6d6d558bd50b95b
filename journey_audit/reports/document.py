"""The one shape every command's output takes before a format writes it (after pa11y's reporters).

A command builds a ``Report``: human sections (titled tables with styled cells), notes, the machine data
for JSON, flat records for CSV and, where a pass/fail verdict exists, test cases for JUnit. Formats in
``reports/formats/`` turn it into text, each escaping site text for itself; commands never format.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

# Tones say what a piece of text means; each format decides how to show it (colour, emoji, bold).
TONES = ("", "good", "bad", "warn", "dim", "strong")


@dataclass(frozen=True)
class Span:
    text: str
    tone: str = ""


@dataclass(frozen=True)
class Styled:
    """A cell or line made of toned pieces, e.g. ``12`` then a red ``(+3)``."""

    spans: tuple[Span, ...]

    @classmethod
    def of(cls, *parts: str | tuple[str, str] | Span) -> Styled:
        spans = []
        for part in parts:
            if isinstance(part, Span):
                spans.append(part)
            elif isinstance(part, tuple):
                spans.append(Span(*part))
            else:
                spans.append(Span(part))
        return cls(tuple(spans))

    @property
    def plain(self) -> str:
        return "".join(s.text for s in self.spans)


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    align: str = "left"  # left | right


@dataclass(frozen=True)
class Section:
    """One titled table; row values are plain values or ``Styled``."""

    title: str
    columns: tuple[Column, ...]
    rows: tuple[Mapping[str, Any], ...]
    empty: str = "nothing to list"  # said instead of a table with no rows


@dataclass(frozen=True)
class Note:
    text: str
    tone: str = ""


@dataclass(frozen=True)
class Case:
    """One JUnit test case: a journey that passed, failed (``message`` says why) or was skipped."""

    name: str
    classname: str
    status: str  # passed | failed | skipped
    message: str = ""
    detail: str = ""
    failure_type: str = "failure"  # e.g. budget, regression


@dataclass(frozen=True)
class Report:
    name: str  # e.g. "journey-audit gate": the JUnit suite name and the Markdown fallback title
    sections: tuple[Section, ...] = ()
    headline: Note | None = None
    intro: tuple[Note, ...] = ()
    notes: tuple[Note, ...] = ()
    data: Any = None  # JSON: the command's own structured result
    records: Sequence[Mapping[str, Any]] = ()  # CSV: one flat row per record
    record_columns: tuple[str, ...] = ()  # CSV: header even when there is no record (pandas reads an empty table)
    cases: tuple[Case, ...] | None = None  # JUnit, for commands with a verdict
    properties: Mapping[str, str] = field(default_factory=dict)  # JUnit suite properties (run ids)

    @property
    def parts(self) -> frozenset[str]:
        """What this report can be written as (formats declare what they need)."""
        return frozenset({"sections", "data", "records", *(("cases",) if self.cases is not None else ())})


def plain(value: Any) -> str:
    """A cell's text without tones (None is an empty cell)."""
    if value is None:
        return ""
    if isinstance(value, Styled):
        return value.plain
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)


def stars_text(stars: int | None) -> str:
    return "" if stars is None else "★" * stars + "☆" * (4 - stars)
