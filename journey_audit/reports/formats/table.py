"""Rich tables for the terminal. Site text goes in as ``Text`` (never markup) and without control characters."""

from __future__ import annotations

import io
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from journey_audit.reports.document import Note, Report, Section, Styled, plain
from journey_audit.reports.sanitize import clean_text

NEEDS = frozenset({"sections"})
STYLE = {"good": "green", "bad": "red", "warn": "yellow", "dim": "dim", "strong": "bold", "": ""}


def text(value: Any) -> Text:
    """A cell as rich Text: markup like ``[bold]`` stays literal, escape sequences are removed."""
    if isinstance(value, Styled):
        out = Text()
        for span in value.spans:
            out.append(clean_text(span.text), style=STYLE.get(span.tone, ""))
        return out
    return Text(clean_text(plain(value)))


def note(n: Note) -> Text:
    return Text(clean_text(n.text), style=STYLE.get(n.tone, ""))


def section_table(section: Section) -> Table:
    t = Table(title=Text(clean_text(section.title)), title_justify="left")
    for column in section.columns:
        t.add_column(Text(clean_text(column.header)), justify=column.align)  # type: ignore[arg-type]
    for row in section.rows:
        t.add_row(*(text(row.get(c.key)) for c in section.columns))
    return t


def emit(report: Report, console: Any) -> None:
    if report.headline:
        console.print(note(report.headline), soft_wrap=True)
    for n in report.intro:
        console.print(note(n), soft_wrap=True)
    for section in report.sections:
        if section.rows:
            console.print(section_table(section))
        else:  # an empty table would wrap its title to the width of the column headers
            console.print(Text(clean_text(section.title)), soft_wrap=True)
            console.print(Text(clean_text(section.empty), style="dim"), soft_wrap=True)
    for n in report.notes:
        console.print(note(n), soft_wrap=True)


def render(report: Report) -> str:
    buffer = io.StringIO()
    emit(report, Console(file=buffer, width=200, color_system=None, highlight=False))
    return buffer.getvalue()
